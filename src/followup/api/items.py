from datetime import date
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from followup.corpus.models import Item
from followup.corpus.queries import filter_items
from followup.errors import InvalidInput
from followup.extract.items import KINDS

from .types import Id, Pagination, PathId, answers

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


@router.get("", response=answers(list[ItemOut]), summary="Extracted items, filtered")
@paginate(Pagination)
def list_items(
    request,
    kind: Literal[KINDS] | None = None,
    document: Id | None = None,
    body: str | None = None,
    country: str | None = None,
    q: str | None = None,
):
    """Filter by `kind` (one of mandate, recommendation, action, figure, event, organization),
    `document` (id), `body` (acronym or name of the acting body), `country` (ISO code or
    English name) and `q` (text contained in the passage)."""
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
    response=answers(SearchOut),
    summary="Full-text search with filters and facet counts",
    url_name="item_search",
)
def search_items(
    request,
    q: str = "",
    sort: str = "relevance",
    page: Annotated[int, Field(ge=1, le=10**6)] = 1,
    kind: str = "",
    country: str = "",
    body: str = "",
    instrument: str = "",
    year: str = "",
    language: str = "",
    genre: str = "",
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
        "genre": genre,
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
    similarity: float | None = Field(
        description="Cosine similarity of the embeddings; null where either item has none"
    )


class DuplicateGroupOut(Schema):
    group: int
    items: list[int]


@router.get(
    "/duplicates/",
    response=answers(list[DuplicateGroupOut]),
    summary="Groups of near-duplicate items (computed by reclassify)",
)
@paginate(Pagination)
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
    response=answers(list[SimilarOut], 404),
    summary="Items nearest in meaning, any language",
)
def similar(request, item_id: PathId, limit: int = 10):
    from followup.corpus.actions.links import similar_for

    item = get_object_or_404(Item, pk=item_id)
    return [
        {
            "item": row["item"],
            "similarity": None if row["similarity"] is None else round(row["similarity"], 4),
        }
        for row in similar_for(item, max(1, min(limit, 50)))
    ]


class SuggestedActionOut(Schema):
    item: ItemOut
    score: float
    reasons: list[str]
    decision: str | None


class DecisionIn(Schema):
    decision: Literal["confirmed", "rejected"]


@router.get(
    "/{item_id}/evidence",
    response=answers(list[SuggestedActionOut], 404),
    summary="Actions that may implement a mandate or recommendation",
)
def evidence(request, item_id: PathId, limit: int = 10):
    from followup.corpus.actions.links import TARGET_KINDS, suggestions_for

    item = get_object_or_404(Item, pk=item_id)
    if item.kind not in TARGET_KINDS:
        raise InvalidInput(
            "item",
            f"a {item.kind} has no implementation evidence; only mandates and recommendations",
        )
    return suggestions_for(item, max(1, min(limit, 50)))


@router.post(
    "/{item_id}/evidence/{action_id}",
    response=answers(SuggestedActionOut, 401, 403, 404),
    auth=django_auth,
    summary="Confirm or reject a suggested action",
)
def decide(request, item_id: PathId, action_id: PathId, payload: DecisionIn):
    from followup.corpus.actions.links import do_decide_link, suggestions_for

    do_decide_link(request.user, item_id, action_id, payload.decision)
    rows = [
        r for r in suggestions_for(Item.objects.get(pk=item_id), 50) if r["item"].pk == action_id
    ]
    if not rows:  # rejected: no longer suggested
        action = Item.objects.get(pk=action_id)
        return {"item": action, "score": 0.0, "reasons": [], "decision": payload.decision}
    return rows[0]


@router.get("/{item_id}", response=answers(ItemOut, 404), summary="One item")
def get_item(request, item_id: PathId):
    return get_object_or_404(Item.objects.prefetch_related("countries"), pk=item_id)
