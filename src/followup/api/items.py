from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth

from followup.corpus.models import Item
from followup.extract.items import KINDS

router = Router()


class ItemOut(Schema):
    id: int
    document_id: int
    kind: str
    text: str
    start: int = Field(description="Offset of the passage in the document's text")
    end: int
    countries: list[str] = Field(description="ISO 3166 codes")
    fields: dict = Field(description="The fields of the item's kind, as in the extraction schema")
    unparsed: dict
    actor: str
    status: str
    date: date | None
    value: float | None
    origin: str
    edited: bool
    duplicate_group: int | None = Field(description="Items with the same group say the same thing")

    @staticmethod
    def resolve_countries(item):
        return [c.code for c in item.countries.all()]

    @staticmethod
    def resolve_edited(item):
        return item.is_edited


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


@router.get("", response=list[ItemOut], summary="Extracted items, filtered")
@paginate(LimitOffsetPagination)
def list_items(
    request,
    kind: str | None = None,
    document: int | None = None,
    body: str | None = None,
    country: str | None = None,
    q: str | None = None,
):
    """Filter by `kind` (one of mandate, recommendation, action, figure, event, organization),
    `document` (id), `body` (acronym or name of the acting body), `country` (ISO code or
    English name) and `q` (text contained in the passage)."""
    if kind and kind not in KINDS:
        raise HttpError(422, f"kind: unknown kind {kind!r}; one of {', '.join(KINDS)}")
    items = Item.objects.prefetch_related("countries").order_by("document_id", "start", "id")
    return filter_items(items, kind=kind, document=document, body=body, country=country, q=q)


class FacetValue(Schema):
    value: str
    count: int


class SearchOut(Schema):
    total: int
    page: int
    pages: int
    messages: list[str]
    items: list[ItemOut]
    facets: dict[str, list[FacetValue]]


@router.get(
    "/search/",
    response=SearchOut,
    summary="Full-text search with filters and facet counts",
    url_name="item_search",
)
def search_items(
    request,
    q: str = "",
    sort: str = "relevance",
    page: int = 1,
    kind: str = "",
    country: str = "",
    body: str = "",
    instrument: str = "",
    year: str = "",
    language: str = "",
    status: str = "",
    pillar: str = "",
    theme: str = "",
    group: str = "",
    sdg: str = "",
):
    """The same search as the search page: words and "quoted phrases" in any of the four
    languages, stemmed; filters by facet; `sort` relevance, date or -date."""
    from followup.search.service import search

    filters = {
        "kind": kind,
        "country": country,
        "body": body,
        "instrument": instrument,
        "year": year,
        "language": language,
        "status": status,
        "pillar": pillar,
        "theme": theme,
        "group": group,
        "sdg": sdg,
    }
    result = search(q, filters, sort=sort, page=max(1, page))
    return {
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "messages": result.messages,
        "items": result.items,
        "facets": {
            name: [{"value": v, "count": n} for v, n in values]
            for name, values in result.facets.items()
        },
    }


class SimilarOut(Schema):
    item: ItemOut
    similarity: float


class DuplicateGroupOut(Schema):
    group: int
    items: list[int]


@router.get(
    "/duplicates/",
    response=list[DuplicateGroupOut],
    summary="Groups of near-duplicate items (computed by reclassify)",
)
@paginate(LimitOffsetPagination)
def duplicate_groups(request):
    rows = (
        Item.objects.exclude(duplicate_group=None)
        .order_by("duplicate_group", "pk")
        .values_list("duplicate_group", "pk")
    )
    grouped: dict[int, list[int]] = {}
    for group, pk in rows:
        grouped.setdefault(group, []).append(pk)
    return [{"group": g, "items": ids} for g, ids in grouped.items()]


@router.get(
    "/{item_id}/similar",
    response=list[SimilarOut],
    summary="Items nearest in meaning, any language",
)
def similar(request, item_id: int, limit: int = 10):
    from followup.corpus.actions.links import similar_for

    item = get_object_or_404(Item, pk=item_id)
    return [
        {"item": row["item"], "similarity": round(row["similarity"], 4)}
        for row in similar_for(item, max(1, min(limit, 50)))
    ]


class EvidenceOut(Schema):
    item: ItemOut
    score: float
    reasons: list[str]
    decision: str | None


class DecisionIn(Schema):
    decision: str


@router.get(
    "/{item_id}/evidence",
    response=list[EvidenceOut],
    summary="Actions that may implement a mandate or recommendation",
)
def evidence(request, item_id: int, limit: int = 10):
    from followup.corpus.actions.links import TARGET_KINDS, suggestions_for

    item = get_object_or_404(Item, pk=item_id)
    if item.kind not in TARGET_KINDS:
        raise HttpError(
            422,
            f"item: a {item.kind} has no implementation evidence; only mandates and recommendations",
        )
    return suggestions_for(item, max(1, min(limit, 50)))


@router.post(
    "/{item_id}/evidence/{action_id}",
    response=EvidenceOut,
    auth=django_auth,
    summary="Confirm or reject a suggested action",
)
def decide(request, item_id: int, action_id: int, payload: DecisionIn):
    from followup.corpus.actions.links import NotAllowed, do_decide_link, suggestions_for

    try:
        do_decide_link(request.user, item_id, action_id, payload.decision)
    except NotAllowed as err:
        raise HttpError(403, str(err)) from err
    except ValueError as err:
        raise HttpError(422, str(err)) from err
    except Item.DoesNotExist as err:
        raise HttpError(404, "item or action: not found") from err
    rows = [
        r for r in suggestions_for(Item.objects.get(pk=item_id), 50) if r["item"].pk == action_id
    ]
    if not rows:  # rejected: no longer suggested
        action = Item.objects.get(pk=action_id)
        return {"item": action, "score": 0.0, "reasons": [], "decision": payload.decision}
    return rows[0]


@router.get("/{item_id}", response=ItemOut, summary="One item")
def get_item(request, item_id: int):
    return get_object_or_404(Item.objects.prefetch_related("countries"), pk=item_id)
