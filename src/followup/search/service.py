"""Search: a query, filters, sorting and a page in; items, documents and facet counts out.

Every page of results costs the same fixed number of SQL queries, whatever the number of hits:
one for the page, one for the count, one per facet, two to fetch what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear

from followup.corpus.models import Document, Item
from followup.extract.items import KINDS

from .backends import backend
from .bridge import bridge
from .text import Query, parse_query

PAGE_SIZE = 20
FACET_SIZE = 12
# filter name -> (what it filters, facet values query path)
FACETS = {
    "kind": "kind",
    "country": "countries__code",
    "body": "actor_body__acronym",
    "instrument": "instrument__name",
    "year": "year",
    "language": "document__language",
    "genre": "document__genre",
    "status": "statuses__compliance",
    "pillar": "labels__label",
    "theme": "labels__label",
    "group": "labels__label",
    "sdg": "labels__label",
}
TAXONOMY_OF = {"pillar": "pillars", "theme": "themes", "group": "population_groups", "sdg": "sdgs"}
SORTS = ("relevance", "date", "-date")


@dataclass
class SearchResult:
    query: Query
    items: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


def search(
    raw_query: str = "",
    filters: dict[str, str] | None = None,
    *,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = PAGE_SIZE,
    semantic: bool = True,
) -> SearchResult:
    """Full-text matches and, with ``semantic``, the items nearest the query's meaning,
    merged by reciprocal rank fusion. A query with a "quoted phrase" asks for those exact
    words, so it gets full-text matches only."""
    query = bridge(parse_query(raw_query))
    result = SearchResult(query, messages=list(query.notes))
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    if sort not in SORTS:
        result.messages.append(f"Unknown sort {sort!r}: results are sorted by relevance.")
        sort = "relevance"
    if query.empty or query.phrases or not semantic:
        items = filtered_items(query, filters, result.messages)
        ordering = {
            "relevance": ["-rank", "id"] if not query.empty else ["-id"],
            "date": ["date", "id"],
            "-date": ["-date", "-id"],
        }[sort]
        items = items.order_by(*ordering)
    else:
        items = _hybrid(query, filters, sort, result.messages)
    paginator = Paginator(items, page_size)
    result.total = paginator.count
    result.pages = paginator.num_pages
    try:
        page_obj = paginator.page(page)
    except EmptyPage:
        result.messages.append(f"There is no page {page}; this is the last page.")
        page_obj = paginator.page(paginator.num_pages)
    result.page = page_obj.number
    ids = [item.pk for item in page_obj.object_list]
    shown = (
        Item.objects.filter(pk__in=ids)
        .select_related("document", "actor_body")
        .prefetch_related("countries")
    )
    by_id = {item.pk: item for item in shown}
    result.items = [by_id[pk] for pk in ids if pk in by_id]
    result.facets = facet_counts(items)
    if not query.empty and result.page == 1:
        result.documents = list(
            backend().match_documents(Document.objects.all(), query).order_by("-rank")[:5]
        )
    return result


FUSION_DEPTH = 200
RRF_K = 60  # the usual constant of reciprocal rank fusion


def _hybrid(query: Query, filters: dict[str, str], sort: str, messages: list[str]):
    """Items that match all the words, or are among the best matches of any of them, or are
    near the meaning; ordered by fused rank (or date). Ranking by any word lets a long question
    find the item that has its main words, whatever else the question says."""
    from django.db.models import Case, FloatField, Value, When

    from .semantic import nearest

    lexical = list(
        filtered_items(query, filters, messages, any_concept=True)
        .order_by("-rank", "id")
        .values_list("pk", flat=True)[:FUSION_DEPTH]
    )
    near = [pk for pk, _ in nearest(query.text(), FUSION_DEPTH)]
    scores: dict[int, float] = {}
    for ranking in (lexical, near):
        for position, pk in enumerate(ranking):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (RRF_K + position + 1)
    sql, params = backend().matching_ids(query)
    items = filtered_items(Query(), filters, []).filter(
        Q(pk__in=RawSQL(sql, params)) | Q(pk__in=near) | Q(pk__in=lexical)
    )
    if sort != "relevance" or not scores:
        return items.order_by(*(["date", "id"] if sort == "date" else ["-date", "-id"]))
    fused = Case(
        *[When(pk=pk, then=Value(score)) for pk, score in scores.items()],
        default=Value(0.0),
        output_field=FloatField(),
    )
    return items.annotate(fused=fused).order_by("-fused", "-id")


def filtered_items(
    query: Query, filters: dict[str, str], messages: list[str], *, any_concept: bool = False
):
    items = Item.objects.all()
    if not query.empty:
        items = backend().match_items(items, query, any_concept=any_concept)
    for name, value in filters.items():
        if name == "year":
            if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 9999):
                messages.append(f"year: {value!r} is not a year and was ignored.")
                continue
            items = items.filter(
                Q(date__year=int(value))
                | Q(date__isnull=True, document__published_on__year=int(value))
            )
        elif name == "kind" and value not in KINDS:
            messages.append(f"kind: {value!r} is not a kind of item; nothing matches it.")
            items = items.none()
        elif name in TAXONOMY_OF:
            items = items.filter(labels__taxonomy=TAXONOMY_OF[name], labels__label=value)
        elif name == "country":
            items = items.filter(countries__code=value.upper())
        else:
            items = items.filter(**{FACETS[name]: value})
    return (
        items.distinct()
        if any(k in filters for k in ("country", "status", "pillar", "theme", "group"))
        else items
    )


def facet_counts(items) -> dict[str, list[tuple[str, int]]]:
    """Values of each facet among the matching items, most frequent first."""
    ids = items.order_by().values("pk")
    base = Item.objects.filter(pk__in=ids)
    facets = {}
    for name, path in FACETS.items():
        if name in TAXONOMY_OF:
            rows = (
                base.filter(labels__taxonomy=TAXONOMY_OF[name])
                .values(path)
                .annotate(n=Count("pk", distinct=True))
                .order_by("-n", path)
            )
        elif name == "year":
            rows = (
                base.annotate(year=ExtractYear("date"))
                .exclude(year=None)
                .values("year")
                .annotate(n=Count("pk"))
                .order_by("-year")
            )
        else:
            rows = (
                base.exclude(**{f"{path}__isnull": True})
                .values(path)
                .annotate(n=Count("pk", distinct=True))
                .order_by("-n", path)
            )
        facets[name] = [(str(row[path]), row["n"]) for row in rows[:FACET_SIZE]]
    return facets


def index_document_items(document) -> None:
    """(Re)index a document and all its items; called after extraction."""
    engine = backend()
    engine.index_document(document)
    # Each item points at this one document object: loading it per item (select_related) copies
    # the whole text once per item. Batches keep memory flat whatever the number of items.
    batch = []
    for item in document.items.only("id", "text", "document_id").iterator(chunk_size=2000):
        item.document = document
        batch.append(item)
        if len(batch) == 2000:
            engine.index_items(batch)
            batch = []
    engine.index_items(batch)
