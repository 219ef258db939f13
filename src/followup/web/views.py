from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.corpus.models import Document, Instrument, Item
from followup.corpus.queries import filter_items
from followup.exports import page_with_pdf
from followup.extract.items import FIELDS, KINDS
from followup.policy import allowed
from followup.search.bridge import bridge
from followup.search.service import search
from followup.search.text import parse_query
from followup.tracking.actions import REPORTED_KINDS
from followup.tracking.compliance import status_columns
from followup.tracking.models import STANDINGS, Party
from followup.tracking.timeline import item_timeline

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
    if request.GET.get("format") in ("csv", "xlsx", "json"):
        from .exports import export_documents

        return export_documents(request, documents, request.GET["format"])
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
    cited = {i.instrument_id for i in items if i.instrument_id}
    return render(
        request,
        "web/document_detail.html",
        {
            "document": document,
            "blocks": blocks,
            "items_by_kind": [(k, v) for k, v in by_kind if v],
            "instruments": Instrument.objects.filter(pk__in=cited) if cited else [],
        },
    )


def item_list(request):
    items = Item.objects.select_related("document").order_by("document_id", "start", "id")
    filters = {name: request.GET.get(name, "").strip() for name in ("kind", "body", "country", "q")}
    items = filter_items(items, **{k: v or None for k, v in filters.items()})
    if request.GET.get("format") in ("csv", "xlsx", "json"):
        from .exports import export_items

        return export_items(request, items, request.GET["format"], "items")
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/item_list.html", {"page": page, "filters": filters, "kinds": KINDS})


@page_with_pdf("item-{item_id}")
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
            "similar": _similar(item),
            "duplicates": Item.objects.filter(duplicate_group=item.duplicate_group)
            .exclude(pk=item.pk)
            .select_related("document")
            if item.duplicate_group
            else [],
            "evidence": _evidence(item),
            "may_decide_links": allowed(request.user, "decide_link"),
            "may_edit_item": allowed(request.user, "edit_item"),
            "may_manage_obligations": allowed(request.user, "manage_obligations"),
            "status_columns": status_columns(item),
            "party_kinds": Party.KINDS,
            "timeline": item_timeline(item) if item.kind in REPORTED_KINDS else [],
            **_reporting(item, request.user),
        },
    )


def search_page(request):
    from followup.search.service import FACETS

    query = request.GET.get("q", "")
    filters = {name: request.GET.get(name, "").strip() for name in FACETS}
    sort = request.GET.get("sort", "relevance")
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    export_format = request.GET.get("format")
    if export_format in ("csv", "xlsx", "json"):
        from followup.search.service import filtered_items

        from .exports import export_items

        items = filtered_items(
            bridge(parse_query(query)), {k: v for k, v in filters.items() if v}, []
        )
        return export_items(request, items.order_by("pk"), export_format, "search-results")
    result = search(query, filters, sort=sort, page=page)
    active = {k: v for k, v in filters.items() if v}
    return render(
        request,
        "web/search.html",
        {
            "result": result,
            "q": query,
            "filters": active,
            "sort": sort,
            "facet_names": list(FACETS),
        },
    )


def home(request):
    """The secretariat's queue for analysts, a party's desk for its members, and for everyone
    else the public home: what was published lately."""
    from followup.policy import PARTY_ROLES, is_analyst, role_of
    from followup.tracking import queues

    if is_analyst(request.user):
        return render(request, "web/home_analyst.html", queues.analyst_queue())
    if role_of(request.user) in PARTY_ROLES and request.user.profile.party_id:
        desk = queues.party_desk(request.user.profile.party)
        return render(request, "web/home_party.html", desk)
    return _public_home(request)


def _public_home(request):
    from followup.tracking.models import Report

    counts = dict(Item.objects.values_list("kind").annotate(n=Count("pk")))
    context = {
        "documents": Document.objects.filter(superseded_by__isnull=True).order_by(
            "-ingested_at", "-id"
        )[:5],
        "document_count": Document.objects.filter(superseded_by__isnull=True).count(),
        "item_counts": [(kind, counts.get(kind, 0)) for kind in KINDS],
        "published": Report.objects.filter(state=Report.PUBLISHED)
        .select_related("party")
        .prefetch_related("items")
        .order_by("-published_at")[:5],
        "published_count": Report.objects.filter(state=Report.PUBLISHED).count(),
    }
    return render(request, "web/home.html", context)


def data_dictionary(request):
    return render(request, "web/data_dictionary.html", {"fields": FIELDS})


def body_detail(request, body_id: int):
    """A body, its units at every depth, and the items of the body and of its units."""
    from followup.corpus.models import Body
    from followup.tracking.places import body_units

    body = get_object_or_404(Body.objects.select_related("parent", "country"), pk=body_id)
    units = body_units(body)
    items = (
        Item.objects.filter(actor_body__in=[body.pk, *(u.pk for u in units)])
        .select_related("document", "actor_body")
        .order_by("-date", "-id")
    )
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/body_detail.html",
        {
            "body": body,
            "page": page,
            "children": [u for u in units if u.parent_id == body.pk],
            "units": units,
            "own_count": Item.objects.filter(actor_body=body).count(),
        },
    )


@page_with_pdf("country-{code}")
def country_detail(request, code: str):
    """A country: its State's obligations, the reports assessing it, its compliance period by
    period, its measures, and the items about it."""
    from followup.corpus.models import Country
    from followup.measures.models import Jurisdiction, Measure
    from followup.tracking import places

    country = get_object_or_404(Country, code=code.upper())
    items = (
        Item.objects.filter(countries=country).select_related("document").order_by("-date", "-id")
    )
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "country": country,
        "page": page,
        "party": Party.objects.filter(country=country).first(),
        "obligations": places.country_obligations(country),
        "reports": places.country_reports(country, request.user),
        "compliance": places.country_compliance(country),
        "statuses": STANDINGS,
        "jurisdictions": Jurisdiction.objects.filter(country=country).order_by("name", "code"),
        "measures": Measure.objects.filter(jurisdiction__country=country)
        .select_related("jurisdiction")
        .order_by("-start_date", "-pk")[:20],
    }
    return render(request, "web/country_detail.html", context)


def _similar(item, k: int = 8):
    from followup.corpus.actions.links import similar_for

    return similar_for(item, k)


def dashboard(request):
    """Items by pillar, theme and country, and published assessments over time."""
    from followup.corpus.models import ItemLabel
    from followup.taxonomies import load_taxonomy
    from followup.tracking.compliance import compliance_over_time

    language = (request.LANGUAGE_CODE or "en")[:2]
    charts = []
    for taxonomy, facet, title in (
        ("pillars", "pillar", _("Items by pillar")),
        ("themes", "theme", _("Items by theme")),
    ):
        labels = {label.id: label.label(language) for label in load_taxonomy(taxonomy)}
        counts = (
            ItemLabel.objects.filter(taxonomy=taxonomy)
            .values("label")
            .annotate(n=Count("item", distinct=True))
            .order_by("-n")
        )
        charts.append(
            (
                title,
                [
                    (labels.get(c["label"], c["label"]), c["n"], f"?{facet}={c['label']}")
                    for c in counts
                ],
            )
        )
    countries = (
        Item.objects.values("countries__code", "countries__name_" + language)
        .exclude(countries=None)
        .annotate(n=Count("pk"))
        .order_by("-n")[:20]
    )
    charts.append(
        (
            _("Items by country"),
            [
                (c["countries__name_" + language], c["n"], f"?country={c['countries__code']}")
                for c in countries
            ],
        )
    )
    context = {
        "charts": [
            (title, rows, max((n for _l, n, _k in rows), default=1)) for title, rows in charts
        ],
        "over_time": compliance_over_time(),
        "statuses": STANDINGS,
    }
    return render(request, "web/dashboard.html", context)


def _reporting(item, user) -> dict:
    """What the item's words say about reporting on it, the due date they give, and the
    obligations already set on it (for whoever may schedule reporting)."""
    from followup.tracking.actions import REPORTED_KINDS, obligation_terms

    if item.kind not in REPORTED_KINDS:
        return {}
    deadline, reporting = item.fields.get("deadline"), item.fields.get("reporting")
    schedules = allowed(user, "schedule_reporting")
    return {
        "deadline": deadline,
        "reporting": reporting,
        "terms": obligation_terms(item) if schedules else None,
        "obligations": item.obligations.select_related("party") if schedules else [],
    }


@require_POST
def schedule_reporting(request, item_id: int):
    from followup.tracking.actions import do_create_obligation_from_item

    obligation = do_create_obligation_from_item(request.user, item_id)
    messages.success(
        request,
        _("%(party)s must report on it by %(day)s.")
        % {"party": obligation.party, "day": obligation.due_on.isoformat()},
    )
    return redirect(f"/items/{item_id}/#reporting")


def _evidence(item):
    from followup.corpus.actions.links import TARGET_KINDS, suggestions_for

    return suggestions_for(item, 8) if item.kind in TARGET_KINDS else []


@require_POST
def decide_evidence(request, item_id: int, action_id: int, decision: str):
    from followup.corpus.actions.links import do_decide_link

    do_decide_link(request.user, item_id, action_id, decision)
    return redirect(f"/items/{item_id}/#evidence")
