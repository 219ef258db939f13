from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from followup.corpus.models import Document

DOCUMENTS_PER_PAGE = 50


def document_list(request):
    documents = (
        Document.objects.annotate(block_count=Count("blocks"))
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
    blocks = [b for b in document.blocks.all() if b.kind != "list"]
    return render(request, "web/document_detail.html", {"document": document, "blocks": blocks})
