"""Open data: any list of items as CSV, XLSX or JSON, with stable identifiers and addresses."""

from __future__ import annotations

from followup.exports import export_rows

EXPORT_LIMIT = 10_000
COLUMNS = [
    "id",
    "url",
    "kind",
    "text",
    "document_id",
    "start",
    "end",
    "actor",
    "status",
    "date",
    "value",
    "countries",
    "fields",
]


def item_rows(request, items) -> list[list]:
    import json

    rows = []
    for item in items:
        rows.append(
            [
                item.pk,
                request.build_absolute_uri(f"/items/{item.pk}/"),
                item.kind,
                item.text,
                item.document_id,
                item.start,
                item.end,
                item.actor,
                item.status,
                item.date.isoformat() if item.date else "",
                item.value if item.value is not None else "",
                ";".join(c.code for c in item.countries.all()),
                json.dumps(item.fields, ensure_ascii=False),
            ]
        )
    return rows


def export_items(request, items, export_format: str, name: str):
    """``items`` is a queryset; at most EXPORT_LIMIT rows, in one query plus one for countries."""
    items = items.prefetch_related("countries")[:EXPORT_LIMIT]
    return export_rows(COLUMNS, item_rows(request, items), export_format, name)


DOCUMENT_COLUMNS = [
    "id",
    "url",
    "title",
    "file_name",
    "language",
    "format",
    "size",
    "sha256",
    "ingested_at",
    "published_on",
    "version",
    "blocks",
    "items",
]


def export_documents(request, documents, export_format: str):
    rows = [
        [
            d.pk,
            request.build_absolute_uri(f"/documents/{d.pk}/"),
            d.title,
            d.file_name,
            d.language,
            d.format,
            d.size,
            d.sha256,
            d.ingested_at.isoformat(),
            d.published_on.isoformat() if d.published_on else "",
            d.version,
            d.block_count,
            d.item_count,
        ]
        for d in documents[:EXPORT_LIMIT]
    ]
    return export_rows(DOCUMENT_COLUMNS, rows, export_format, "documents")
