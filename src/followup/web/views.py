from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from followup.api.items import filter_items
from followup.corpus.models import Document, Item
from followup.extract.items import FIELDS, KINDS
from followup.tracking.compliance import status_columns
from followup.tracking.models import Party

from .highlight import pieces

DOCUMENTS_PER_PAGE = 50
ITEMS_PER_PAGE = 50


def document_list(request):
    documents = (
        Document.objects.annotate(
            block_count=Count("blocks", distinct=True), item_count=Count("items", distinct=True)
        )
        .filter(superseded_by__isnull=True)
        .order_by("-ingested_at", "-id")
    )
    language = request.GET.get("language", "")
    if language:
        documents = documents.filter(language=language)
    page = Paginator(documents, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/document_list.html", {"page": page, "language": language})


def document_detail(request, document_id: int):
    document = get_object_or_404(Document.objects.select_related("supersedes"), pk=document_id)
    items = list(document.items.order_by("start", "id"))
    spans = [(i.start, i.end, i.pk) for i in items if i.kind != "organization"]
    blocks = [
        (block, pieces(document.text, block.start, block.end, spans))
        for block in document.blocks.all()
        if block.kind != "list"
    ]
    by_kind = [(kind, [i for i in items if i.kind == kind]) for kind in KINDS]
    return render(
        request,
        "web/document_detail.html",
        {
            "document": document,
            "blocks": blocks,
            "items_by_kind": [(k, v) for k, v in by_kind if v],
        },
    )


def item_list(request):
    items = Item.objects.select_related("document").order_by("document_id", "start", "id")
    filters = {name: request.GET.get(name, "").strip() for name in ("kind", "body", "country", "q")}
    items = filter_items(items, **{k: v or None for k, v in filters.items()})
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/item_list.html", {"page": page, "filters": filters, "kinds": KINDS})


def item_detail(request, item_id: int):
    item = get_object_or_404(
        Item.objects.select_related(
            "document", "actor_body", "instrument", "edited_by"
        ).prefetch_related("countries"),
        pk=item_id,
    )
    document = item.document
    blocks = [
        (block, pieces(document.text, block.start, block.end, [(item.start, item.end, item.pk)]))
        for block in document.blocks.filter(end__gte=item.start - 2000, start__lte=item.end + 2000)
        if block.kind != "list"
    ]
    fields = [(name, item.fields.get(name)) for name in FIELDS[item.kind]]
    return render(
        request,
        "web/item_detail.html",
        {
            "item": item,
            "fields": fields,
            "blocks": blocks,
            "revisions": item.revisions.select_related("user")[:20],
            "labels": item.labels.all(),
            "status_columns": status_columns(item),
            "party_kinds": Party.KINDS,
        },
    )
