"""Storing items imported from a spreadsheet: one document for the file, each row a paragraph
with its item, so every imported item keeps its provenance (the file and the row)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from followup.read import detect_language
from followup.search.semantic import store_vectors
from followup.search.service import index_document_items

from ..models import Block, Document, Item, text_hash
from .documents import clean_text
from .items import WRITE_BATCH, _instrument, vectors_of


@dataclass
class ImportedItem:
    kind: str  # mandate | recommendation
    text: str
    fields: dict = field(default_factory=dict)
    source: dict | None = None  # instrument, summit, place, year: what adopted it


@transaction.atomic
def do_store_imported_items(
    file_name: str, data: bytes, entries: list[ImportedItem], user
) -> tuple[Document, list[Item]]:
    """The document of an imported file and its items (recorded as the analyst's, in the order
    of the rows), with their vectors and full-text index. Bulk writes: a few queries whatever
    the number of rows."""
    texts = [clean_text(entry.text)[0] for entry in entries]
    text = "\n\n".join(texts)
    file_name = clean_text(file_name)[0]
    document = Document.objects.create(
        title=f"Import: {file_name}"[:500],
        file_name=file_name[:255],
        # An import is an event, not a file's content: the same file imported twice is two imports.
        sha256=hashlib.sha256(data + timezone.now().isoformat().encode()).hexdigest(),
        format=file_name.rsplit(".", 1)[-1].lower()[:10],
        language=detect_language(text)[0],
        size=len(data),
        text=text,
    )
    spans, position = [], 0
    for row_text in texts:
        spans.append((position, position + len(row_text)))
        position += len(row_text) + 2
    Block.objects.bulk_create(
        (
            Block(document=document, order=order, kind="paragraph", start=start, end=end)
            for order, (start, end) in enumerate(spans)
        ),
        batch_size=WRITE_BATCH,
    )
    instruments: dict = {}
    now = timezone.now()
    items = Item.objects.bulk_create(
        (
            Item(
                document=document,
                kind=entry.kind,
                text=row_text,
                text_hash=text_hash(row_text),
                start=start,
                end=end,
                origin=Item.ANALYST,
                edited_by=user,
                edited_at=now,
                fields=entry.fields,
                instrument=_instrument(entry.source, instruments),
            )
            for entry, row_text, (start, end) in zip(entries, texts, spans, strict=True)
        ),
        batch_size=WRITE_BATCH,
    )
    store_vectors(items, vectors_of(items))
    index_document_items(document)
    return document, items
