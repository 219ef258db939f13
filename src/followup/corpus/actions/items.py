"""Storing extracted items, and analysts' edits to them (kept, with who changed what)."""

from __future__ import annotations

from datetime import date

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.classify import add_population_groups, classify_many
from followup.classify.embeddings import DIMENSIONS, embed
from followup.errors import Conflict
from followup.extract import Item as ExtractedItem
from followup.extract import extract, genre_of
from followup.extract.bodies import registry_names
from followup.policy import ensure_permission
from followup.read import Block as ReadBlock
from followup.read import ReadDocument
from followup.search.backends import backend
from followup.search.models import ItemVector
from followup.search.semantic import from_bytes, store_vectors
from followup.search.service import index_document_items

from ..models import (
    Body,
    Country,
    Document,
    Instrument,
    Item,
    ItemLabel,
    ItemRevision,
    text_hash,
)

EDITABLE = ("text", "fields", "countries", "kind")


def as_read_document(document: Document) -> ReadDocument:
    """The stored document in the shape the extraction takes."""
    return ReadDocument(
        text=document.text,
        blocks=[
            ReadBlock(b.kind, b.start, b.end, b.level, b.marker, b.list_order)
            for b in document.blocks.order_by("order").iterator(chunk_size=2000)
        ],
        title=document.title,
        language=document.language,
        file_name=document.file_name,
        format=document.format,
        published_on=document.published_on,
    )


# Rows written per INSERT: bounded memory and statement size whatever the document's size.
WRITE_BATCH = 500


STAGES = ("read", "store", "extract", "classify", "index")


class StageError(Exception):
    """A stage of the pipeline failed on one document; ``stage`` names it, the cause is chained."""

    def __init__(self, stage: str, cause: BaseException):
        self.stage = stage
        self.cause = cause
        super().__init__(f"{stage}: {describe_error(cause)}")


def describe_error(err: BaseException) -> str:
    """One line for a failure record: the exception's type and message, never a traceback."""
    message = " ".join(str(err).split())
    return f"{type(err).__name__}: {message}"[:900] if message else type(err).__name__


def do_extract_document(document: Document, read: ReadDocument | None = None) -> int:
    """Extract, classify and index the document again, one transaction a stage; items an
    analyst edited stay as they are. Returns the number of items created; a stage that fails
    raises StageError naming it (what earlier stages stored stays). Classification and
    indexing go batch by batch, so memory holds one batch of items and vectors whatever the
    document's size."""
    stage = "extract"
    try:
        created = do_extract_items(document, read)
        stage = "classify"
        do_classify_document(document)
        stage = "index"
        index_document_items(document)
    except Exception as err:
        raise StageError(stage, err) from err
    return created


@transaction.atomic
def do_extract_items(document: Document, read: ReadDocument | None = None) -> int:
    """Stage extract: replace the document's machine-extracted items (analysts' edits stay).
    Returns the number of items created."""
    read = read or as_read_document(document)
    kept = document.items.exclude(origin=Item.MACHINE, edited_by__isnull=True).only(
        "kind", "start", "end"
    )
    kept_spans = {(i.kind, i.start, i.end) for i in kept}
    replaced = document.items.filter(origin=Item.MACHINE, edited_by__isnull=True)
    backend().forget(list(replaced.values_list("pk", flat=True)))
    replaced.delete()
    genre = genre_of(read)
    if document.genre != genre:
        document.genre = genre
        document.save(update_fields=["genre"])
    extracted = [
        i for i in extract(read, genre=genre) if (i.kind, i.start, i.end) not in kept_spans
    ]
    add_population_groups(extracted)
    bodies = _store_bodies(extracted)
    countries = {c.name_en: c for c in Country.objects.all()}
    instruments: dict = {}
    for offset in range(0, len(extracted), WRITE_BATCH):
        batch = extracted[offset : offset + WRITE_BATCH]
        items = Item.objects.bulk_create([_item(document, i, bodies, instruments) for i in batch])
        Item.countries.through.objects.bulk_create(
            Item.countries.through(item_id=item.pk, country_id=countries[name].pk)
            for item, source in zip(items, batch, strict=True)
            for name in dict.fromkeys(source.countries)
            if name in countries
        )
    return len(extracted)


@transaction.atomic
def do_classify_document(document: Document) -> None:
    """Stage classify: machine labels and vectors of the items extraction just made (those an
    analyst edited keep theirs), one batch at a time."""
    fresh = document.items.filter(
        origin=Item.MACHINE, edited_by__isnull=True, kind__in=CLASSIFIED_KINDS
    ).only("id", "document_id", "kind", "text", "text_hash")
    for batch in in_batches(fresh):
        store_vectors(*classify_items(batch))


def in_batches(queryset, size: int = WRITE_BATCH):
    """The rows of ``queryset`` in lists of ``size``, by ascending id (no OFFSET scans)."""
    last = 0
    while batch := list(queryset.filter(pk__gt=last).order_by("pk")[:size]):
        yield batch
        last = batch[-1].pk


def classify_items(items: list[Item], keep: set = frozenset(), *, reuse: bool = True):
    """Machine labels of the classified items from one embedding of each distinct text; labels
    already in ``keep`` (item id, taxonomy, label) are not added again. Returns the classified
    items and their vectors."""
    classified = [i for i in items if i.kind in CLASSIFIED_KINDS]
    vectors = vectors_of(classified, reuse=reuse)
    ItemLabel.objects.bulk_create(
        (
            label
            for label in _labels(classified, vectors)
            if (label.item_id, label.taxonomy, label.label) not in keep
        ),
        batch_size=WRITE_BATCH,
    )
    return classified, vectors


def vectors_of(items: list[Item], *, reuse: bool = True) -> np.ndarray:
    """One vector per item, embedding each distinct text once; with ``reuse``, a text that
    already has a stored vector (identical text, any document) is not embedded again."""
    hashes = [i.text_hash or text_hash(i.text) for i in items]
    distinct = {h: item.text for h, item in zip(hashes, items, strict=True)}
    known = _stored_vectors(list(distinct)) if reuse else {}
    missing = [h for h in distinct if h not in known]
    for h, vector in zip(missing, embed([distinct[h] for h in missing]), strict=True):
        known[h] = vector
    if not items:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.stack([known[h] for h in hashes])


def _stored_vectors(hashes: list[str]) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    for offset in range(0, len(hashes), WRITE_BATCH):
        rows = ItemVector.objects.filter(
            item__text_hash__in=hashes[offset : offset + WRITE_BATCH]
        ).values_list("item__text_hash", "vector")
        for key, data in rows:
            found.setdefault(key, from_bytes(data))
    return found


# Kinds whose text says what a piece of work is about; figures and names of bodies are not classified.
CLASSIFIED_KINDS = ("mandate", "recommendation", "action", "event")


def _labels(items: list[Item], vectors):
    for item, classes in zip(
        items, classify_many([item.text for item in items], vectors), strict=True
    ):
        for taxonomy, labels in classes.items():
            for label, score in labels:
                yield ItemLabel(item=item, taxonomy=taxonomy, label=label, score=score)


def _item(
    document: Document, item: ExtractedItem, bodies: dict[str, Body], instruments: dict
) -> Item:
    fields = item.fields
    actor = fields.get("actor") or ""
    return Item(
        document=document,
        kind=item.kind,
        text=item.text,
        text_hash=text_hash(item.text),
        start=item.start,
        end=item.end,
        fields=fields,
        unparsed=item.unparsed,
        actor=actor[:300],
        actor_body=bodies.get(actor),
        status=fields.get("status") or "",
        date=_date(fields.get("date")),
        value=fields.get("value"),
        instrument=_instrument(fields.get("source"), instruments),
    )


def _store_bodies(items: list[ExtractedItem]) -> dict[str, Body]:
    """Bodies the document defines, created when new; then every actor that names a known body."""
    defined = [i for i in items if i.kind == "organization"]
    by_key: dict[str, Body] = {}
    for item in defined:
        name, acronym = item.fields["name"], item.fields["acronym"]
        body = (
            Body.objects.filter(acronym=acronym, name__iexact=name).first()
            or Body.objects.filter(name__iexact=name).first()
        )
        if body is None:
            body = Body.objects.create(name=name[:300], acronym=acronym[:40], kind="organ")
        by_key[acronym] = by_key[name] = body
    for item in defined:
        parent = item.fields.get("parent")
        body = by_key[item.fields["acronym"]]
        if (
            parent
            and body.parent_id is None
            and (parent_body := by_key.get(parent) or _known(parent))
        ):
            body.parent = parent_body
            body.save(update_fields=["parent"])
    actors = {i.fields.get("actor") for i in items if i.fields.get("actor")} - set(by_key)
    for actor in actors:
        body = _known(actor)
        if body:
            by_key[actor] = body
    return by_key


def _known(acronym_or_name: str) -> Body | None:
    body = Body.objects.filter(acronym=acronym_or_name).first()
    if body is None and acronym_or_name in registry_names():
        body = Body.objects.filter(name=registry_names()[acronym_or_name]).first()
    return body or Body.objects.filter(name__iexact=acronym_or_name).first()


def _instrument(source: dict | None, known: dict | None = None) -> Instrument | None:
    """The instrument a source cites, created when new; ``known`` keeps those of one batch so
    that a document citing one action plan a hundred times asks the database once."""
    if not source or not source.get("instrument"):
        return None
    key = (
        source["instrument"][:500],
        (source.get("summit") or "")[:300],
        (source.get("place") or "")[:200],
        source.get("year"),
    )
    if known is not None and key in known:
        return known[key]
    instrument, _ = Instrument.objects.get_or_create(
        name=key[0], summit=key[1], place=key[2], year=key[3]
    )
    if known is not None:
        known[key] = instrument
    return instrument


def _date(value: str | None) -> date | None:
    """'2020-05-08' -> that day; '2020-05' and '2020' -> their first day, for sorting."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


@transaction.atomic
def do_edit_item(
    item: Item, user, *, text=None, kind=None, fields=None, countries=None, version=None
) -> ItemRevision | None:
    """Apply an analyst's changes; record each changed field's old and new value. Returns the
    revision, or None when nothing changed. ``version`` is the one the editor loaded: an edit
    of an item changed since is refused (Conflict) rather than overwriting the other edit."""
    ensure_permission(user, "edit_item")
    item = Item.objects.select_for_update().get(pk=item.pk)
    if version is not None and version != item.version:
        raise Conflict(
            _("item %(id)s was changed by someone else (version %(now)s, yours %(yours)s)")
            % {"id": item.pk, "now": item.version, "yours": version}
        )
    changes = {}
    for name, value in (("text", text), ("kind", kind)):
        if value is not None and value != getattr(item, name):
            changes[name] = [getattr(item, name), value]
            setattr(item, name, value)
    if "text" in changes:
        item.text_hash = text_hash(text)
    if fields is not None:
        changes |= _merge_fields(item, fields)
    if countries is not None:
        before = sorted(item.countries.values_list("code", flat=True))
        after = sorted(countries)
        if before != after:
            changes["countries"] = [before, after]
            item.countries.set(Country.objects.filter(code__in=after))
    if not changes:
        return None
    item.edited_by = user
    item.edited_at = timezone.now()
    item.version += 1
    item.save(
        update_fields=[
            "text",
            "kind",
            "fields",
            "actor",
            "status",
            "date",
            "value",
            "edited_by",
            "edited_at",
            "version",
        ]
    )
    backend().index_items([item])
    if "text" in changes and item.kind in CLASSIFIED_KINDS:
        store_vectors([item])
    return ItemRevision.objects.create(item=item, user=user, changes=changes)


def _merge_fields(item: Item, fields: dict) -> dict:
    """Merge an edit into the item's fields and their denormalized columns; returns the changes."""
    merged = {**item.fields, **fields}
    changes = {
        f"fields.{name}": [item.fields.get(name), merged.get(name)]
        for name in sorted(set(merged) | set(item.fields))
        if merged.get(name) != item.fields.get(name)
    }
    item.fields = merged
    item.actor = (merged.get("actor") or "")[:300]
    item.status = merged.get("status") or ""
    item.date = _date(merged.get("date"))
    item.value = merged.get("value")
    return changes


@transaction.atomic
def do_reclassify(items) -> int:
    """Recompute the machine labels and the vectors of these items (analysts' labels stay)."""
    items = [i for i in items if i.kind in CLASSIFIED_KINDS]
    ItemLabel.objects.filter(item__in=items, source=ItemLabel.MACHINE).delete()
    kept = set(ItemLabel.objects.filter(item__in=items).values_list("item_id", "taxonomy", "label"))
    store_vectors(*classify_items(items, keep=kept, reuse=False))
    return len(items)
