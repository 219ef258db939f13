"""Storing extracted items, and analysts' edits to them (kept, with who changed what)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from followup.classify import add_population_groups, classify_many
from followup.classify.embeddings import embed
from followup.extract import Item as ExtractedItem
from followup.extract import extract
from followup.extract.bodies import registry_names
from followup.read import Block as ReadBlock
from followup.read import ReadDocument
from followup.search.backends import backend
from followup.search.semantic import store_vectors
from followup.search.service import index_document_items

from ..models import Body, Country, Document, Instrument, Item, ItemLabel, ItemRevision

EDITABLE = ("text", "fields", "countries", "kind")


def as_read_document(document: Document) -> ReadDocument:
    """The stored document in the shape the extraction takes."""
    return ReadDocument(
        text=document.text,
        blocks=[
            ReadBlock(b.kind, b.start, b.end, b.level, b.marker, b.list_order)
            for b in document.blocks.order_by("order")
        ],
        title=document.title,
        language=document.language,
        file_name=document.file_name,
        format=document.format,
        published_on=document.published_on,
    )


@transaction.atomic
def do_extract_document(document: Document, read: ReadDocument | None = None) -> int:
    """Replace the document's machine-extracted items; items an analyst edited stay as they are.
    Returns the number of items created."""
    read = read or as_read_document(document)
    kept = document.items.exclude(origin=Item.MACHINE, edited_by__isnull=True)
    kept_spans = {(i.kind, i.start, i.end) for i in kept}
    replaced = document.items.filter(origin=Item.MACHINE, edited_by__isnull=True)
    backend().forget(list(replaced.values_list("pk", flat=True)))
    replaced.delete()
    extracted = [i for i in extract(read) if (i.kind, i.start, i.end) not in kept_spans]
    add_population_groups(extracted)
    bodies = _store_bodies(extracted)
    countries = {c.name_en: c for c in Country.objects.all()}
    items = Item.objects.bulk_create(_item(document, i, bodies) for i in extracted)
    links = [
        Item.countries.through(item_id=item.pk, country_id=countries[name].pk)
        for item, source in zip(items, extracted, strict=True)
        for name in dict.fromkeys(source.countries)
        if name in countries
    ]
    Item.countries.through.objects.bulk_create(links)
    _classify_and_embed(items)
    index_document_items(document)
    return len(items)


# Kinds whose text says what a piece of work is about; figures and names of bodies are not classified.
CLASSIFIED_KINDS = ("mandate", "recommendation", "action", "event")


def _labels(items: list[Item], vectors):
    for item, classes in zip(
        items, classify_many([item.text for item in items], vectors), strict=True
    ):
        for taxonomy, labels in classes.items():
            for label, score in labels:
                yield ItemLabel(item=item, taxonomy=taxonomy, label=label, score=score)


def _item(document: Document, item: ExtractedItem, bodies: dict[str, Body]) -> Item:
    fields = item.fields
    actor = fields.get("actor") or ""
    return Item(
        document=document,
        kind=item.kind,
        text=item.text,
        start=item.start,
        end=item.end,
        fields=fields,
        unparsed=item.unparsed,
        actor=actor[:300],
        actor_body=bodies.get(actor),
        status=fields.get("status") or "",
        date=_date(fields.get("date")),
        value=fields.get("value"),
        instrument=_instrument(fields.get("source")),
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


def _instrument(source: dict | None) -> Instrument | None:
    if not source or not source.get("instrument"):
        return None
    instrument, _ = Instrument.objects.get_or_create(
        name=source["instrument"][:500],
        summit=(source.get("summit") or "")[:300],
        place=(source.get("place") or "")[:200],
        year=source.get("year"),
    )
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
    item: Item, user, *, text=None, kind=None, fields=None, countries=None
) -> ItemRevision | None:
    """Apply an analyst's changes; record each changed field's old and new value. Returns the
    revision, or None when nothing changed."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    changes = {}
    if text is not None and text != item.text:
        changes["text"] = [item.text, text]
        item.text = text
    if kind is not None and kind != item.kind:
        changes["kind"] = [item.kind, kind]
        item.kind = kind
    if fields is not None:
        merged = {**item.fields, **fields}
        for name in sorted(set(merged) | set(item.fields)):
            if merged.get(name) != item.fields.get(name):
                changes[f"fields.{name}"] = [item.fields.get(name), merged.get(name)]
        item.fields = merged
        item.actor = (merged.get("actor") or "")[:300]
        item.status = merged.get("status") or ""
        item.date = _date(merged.get("date"))
        item.value = merged.get("value")
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
    item.save()
    backend().index_items([item])
    if "text" in changes and item.kind in CLASSIFIED_KINDS:
        store_vectors([item])
    return ItemRevision.objects.create(item=item, user=user, changes=changes)


@transaction.atomic
def do_reclassify(items) -> int:
    """Recompute the machine labels and the vectors of these items (analysts' labels stay)."""
    items = [i for i in items if i.kind in CLASSIFIED_KINDS]
    ItemLabel.objects.filter(item__in=items, source=ItemLabel.MACHINE).delete()
    kept = set(ItemLabel.objects.filter(item__in=items).values_list("item_id", "taxonomy", "label"))
    _classify_and_embed(items, keep=kept)
    return len(items)


def _classify_and_embed(items: list[Item], keep: set = frozenset()) -> None:
    """Machine labels and vectors of the classified items, from one embedding of each text;
    labels already in ``keep`` (item id, taxonomy, label) are not added again."""
    classified = [i for i in items if i.kind in CLASSIFIED_KINDS]
    vectors = embed([i.text for i in classified])
    ItemLabel.objects.bulk_create(
        label
        for label in _labels(classified, vectors)
        if (label.item_id, label.taxonomy, label.label) not in keep
    )
    store_vectors(classified, vectors)
