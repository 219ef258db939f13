"""Reading the corpus: the filters the pages and the API share."""

from __future__ import annotations

from django.db.models import Q


def filter_items(items, *, kind=None, document=None, body=None, country=None, q=None):
    """The filters the API and the pages share."""
    if kind:
        items = items.filter(kind=kind)
    if document:
        items = items.filter(document_id=document)
    if body:
        match = Q(actor_body__acronym=body) | Q(actor_body__name__iexact=body) | Q(actor=body)
        items = items.filter(match)
    if country:
        items = items.filter(
            Q(countries__code=country.upper()) | Q(countries__name_en__iexact=country)
        ).distinct()
    if q:
        items = items.filter(text__icontains=q)
    return items
