from datetime import date, datetime

from django.db.models import Count
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from followup.corpus.models import Document

from .types import Pagination, PathId, answers

router = Router()


class DocumentOut(Schema):
    id: int
    title: str
    file_name: str
    format: str
    language: str
    size: int
    sha256: str
    ingested_at: datetime
    source_url: str
    published_on: date | None
    version: int
    block_count: int


class BlockOut(Schema):
    order: int
    kind: str
    level: int
    marker: str
    start: int
    end: int
    list_order: int | None
    text: str


class DocumentDetailOut(DocumentOut):
    text: str
    blocks: list[BlockOut]

    @staticmethod
    def resolve_blocks(document):
        return document.blocks.all()  # each block reads its text from this same document object


def documents_with_counts():
    return Document.objects.annotate(block_count=Count("blocks")).order_by("-ingested_at", "-id")


@router.get("", response=answers(list[DocumentOut]), summary="List documents, newest first")
@paginate(Pagination)
def list_documents(request, language: str | None = None):
    documents = documents_with_counts()
    if language:
        documents = documents.filter(language=language)
    return documents


@router.get(
    "/{document_id}",
    response=answers(DocumentDetailOut, 404),
    summary="One document with its text and blocks",
)
def get_document(request, document_id: PathId):
    return get_object_or_404(documents_with_counts(), pk=document_id)
