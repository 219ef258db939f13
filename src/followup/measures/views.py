"""Pages of the measures app: thin views over exports (reads) and actions (writes)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from django.contrib import messages
from django.db.models import Max, Min
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.exports import as_csv, as_xlsx
from followup.policy import allowed, ensure_permission

from . import charts
from .actions import InvalidMeasure, do_record_measure
from .codebook import latest, load_codebooks
from .models import DailyIndex, Jurisdiction, Measure, SituationRecord

FORMATS = ("csv", "xlsx", "json")


def index_labels() -> dict[str, str]:
    return {
        "stringency": _("Stringency index"),
        "government_response": _("Government response index"),
        "containment_health": _("Containment and health index"),
        "economic_support": _("Economic support index"),
        "legacy_stringency": _("Legacy stringency index"),
    }


def formula_safe(value):
    """A text cell a spreadsheet would run as a formula is written as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def table_response(columns: list[str], rows: list[list], export_format: str, name: str):
    if export_format not in FORMATS:
        raise Http404
    if export_format == "json":
        return JsonResponse(
            {"columns": columns, "rows": [dict(zip(columns, row, strict=True)) for row in rows]},
            json_dumps_params={"ensure_ascii": False},
        )
    safe = [[formula_safe(cell) for cell in row] for row in rows]
    return (as_csv if export_format == "csv" else as_xlsx)(columns, safe, name)


def jurisdiction_list(request):
    places = Jurisdiction.objects.select_related("country").annotate(
        first=Min("measures__start_date"), last=Max("measures__end_date")
    )
    latest_values = {
        pk: value
        for pk, value in DailyIndex.objects.filter(index="stringency", variant="")
        .order_by("jurisdiction_id", "day")
        .values_list("jurisdiction_id", "value")
        if value is not None
    }
    rows = [(place, latest_values.get(place.pk)) for place in places]
    return render(request, "measures/jurisdiction_list.html", {"rows": rows})


def _series(place: Jurisdiction, start: date | None, end: date | None) -> dict:
    values = DailyIndex.objects.filter(jurisdiction=place, variant="")
    if start:
        values = values.filter(day__gte=start)
    if end:
        values = values.filter(day__lte=end)
    by_index: dict[str, list] = {}
    for name, day, value, display in values.order_by("index", "day").values_list(
        "index", "day", "value", "display_value"
    ):
        by_index.setdefault(name, []).append((day, value, display))
    return by_index


def _dates(request) -> tuple[date | None, date | None]:
    def parse(name: str) -> date | None:
        try:
            return date.fromisoformat(request.GET.get(name, ""))
        except ValueError:
            return None

    return parse("from"), parse("to")


def jurisdiction_detail(request, code: str):
    place = get_object_or_404(Jurisdiction.objects.select_related("country"), code=code)
    start, end = _dates(request)
    labels = index_labels()
    by_index = _series(place, start, end)
    index_chart = charts.line_chart(
        [
            charts.Series(labels[name], [(d, display) for d, _raw, display in by_index[name]])
            for name in labels
            if name in by_index and name != "legacy_stringency"
        ],
        title=_("Indices over time: %(place)s") % {"place": place},
    )
    situation = list(place.situation.order_by("day"))
    situation_chart = charts.line_chart(
        [
            charts.Series(_("Confirmed cases"), [(r.day, r.confirmed_cases) for r in situation]),
            charts.Series(_("Confirmed deaths"), [(r.day, r.confirmed_deaths) for r in situation]),
        ],
        title=_("Cases and deaths: %(place)s") % {"place": place},
        y_max=None,
    )
    measures = list(place.measures.order_by("start_date", "indicator"))
    book = latest("oxcgrt")
    bars = []
    for m in measures:
        definition = m.definition
        maximum = definition.maximum if definition and definition.maximum else None
        if m.value and maximum:
            bars.append(
                charts.Bar(
                    m.indicator,
                    m.start_date,
                    m.end_date or m.start_date,
                    m.value / maximum,
                    f"{m.indicator} = {m.value:g} ({m.start_date} – {m.end_date or '…'})",
                )
            )
    first = min((m.start_date for m in measures), default=timezone.localdate())
    last = max((m.end_date or m.start_date for m in measures), default=timezone.localdate())
    timeline = charts.timeline(bars, title=_("Measures timeline"), first=first, last=last)
    changes = [m for m in measures if m.log_type != "introduced" or m.value]
    return render(
        request,
        "measures/jurisdiction_detail.html",
        {
            "place": place,
            "index_chart": index_chart,
            "situation_chart": situation_chart,
            "timeline": timeline,
            "changes": changes[:500],
            "codebook": book,
            "may_record": allowed(request.user, "record_measure", place.country),
            "start": start,
            "end": end,
        },
    )


def chart_svg(request, code: str):
    place = get_object_or_404(Jurisdiction, code=code)
    start, end = _dates(request)
    labels = index_labels()
    by_index = _series(place, start, end)
    svg = charts.line_chart(
        [
            charts.Series(labels[n], [(d, display) for d, _raw, display in by_index[n]])
            for n in labels
            if n in by_index and n != "legacy_stringency"
        ],
        title=str(place),
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="{place.code}-indices.svg"'
    return response


def indices_download(request, code: str, export_format: str):
    place = get_object_or_404(Jurisdiction, code=code)
    start, end = _dates(request)
    values = DailyIndex.objects.filter(jurisdiction=place)
    if start:
        values = values.filter(day__gte=start)
    if end:
        values = values.filter(day__lte=end)
    columns = ["jurisdiction", "day", "index", "variant", "value", "display_value"]
    rows = [
        [place.code, d.isoformat(), i, v, val, disp]
        for d, i, v, val, disp in values.order_by("day", "index", "variant").values_list(
            "day", "index", "variant", "value", "display_value"
        )
    ]
    return table_response(columns, rows, export_format, f"{place.code}-indices")


MEASURE_COLUMNS = [
    "id",
    "jurisdiction",
    "codebook",
    "codebook_version",
    "indicator",
    "applies_to",
    "value",
    "flag",
    "start_date",
    "end_date",
    "log_type",
    "population_targeted",
    "notes",
    "source_kind",
    "document_id",
    "span_start",
    "span_end",
    "source_url",
]


def measures_download(request, code: str, export_format: str):
    place = get_object_or_404(Jurisdiction, code=code)
    rows = [
        [
            m.pk,
            place.code,
            m.codebook,
            m.codebook_version,
            m.indicator,
            m.applies_to,
            m.value,
            m.flag,
            m.start_date.isoformat(),
            m.end_date.isoformat() if m.end_date else "",
            m.log_type,
            m.population_targeted,
            m.notes,
            m.source_kind,
            m.document_id,
            m.span_start,
            m.span_end,
            m.source_url,
        ]
        for m in place.measures.order_by("start_date", "indicator", "pk")
    ]
    return table_response(MEASURE_COLUMNS, rows, export_format, f"{place.code}-measures")


def situation_download(request, code: str, export_format: str):
    place = get_object_or_404(Jurisdiction, code=code)
    columns = [
        "jurisdiction",
        "day",
        "confirmed_cases",
        "confirmed_deaths",
        "suspected_cases",
        "suspected_deaths",
        "source",
    ]
    rows = [
        [
            place.code,
            r.day.isoformat(),
            r.confirmed_cases,
            r.confirmed_deaths,
            r.suspected_cases,
            r.suspected_deaths,
            r.source,
        ]
        for r in SituationRecord.objects.filter(jurisdiction=place).order_by("day")
    ]
    return table_response(columns, rows, export_format, f"{place.code}-situation")


def compare(request):
    codes = request.GET.getlist("j")[:8]
    index = request.GET.get("index", "stringency")
    labels = index_labels()
    if index not in labels:
        index = "stringency"
    places = list(Jurisdiction.objects.select_related("country").filter(code__in=codes))
    start, end = _dates(request)
    series, table = [], {}
    for place in places:
        points = _series(place, start, end).get(index, [])
        series.append(charts.Series(str(place), [(d, display) for d, _raw, display in points]))
        for day, _raw, display in points:
            table.setdefault(day, {})[place.code] = display
    if request.GET.get("format") in FORMATS:
        columns = ["day", *(p.code for p in places)]
        rows = [
            [day.isoformat(), *(table[day].get(p.code) for p in places)] for day in sorted(table)
        ]
        return table_response(columns, rows, request.GET["format"], f"compare-{index}")
    chart = charts.line_chart(series, title=labels[index]) if places else ""
    return render(
        request,
        "measures/compare.html",
        {
            "all_places": Jurisdiction.objects.select_related("country"),
            "chosen": codes,
            "index": index,
            "labels": labels,
            "chart": chart,
            "start": start,
            "end": end,
        },
    )


SCENARIO_DAYS = 28


def scenarios_page(request, code: str):
    """A fitted SEIR model, its backtest beside naive baselines, and best/worst stringency paths."""
    import numpy as np

    from . import scenarios

    place = get_object_or_404(Jurisdiction.objects.select_related("country"), code=code)
    try:
        population = float(request.GET.get("population") or place.population or 0)
    except ValueError:
        population = 0
    situation = list(place.situation.filter(confirmed_cases__isnull=False).order_by("day"))
    stringency = dict(
        DailyIndex.objects.filter(jurisdiction=place, index="stringency", variant="").values_list(
            "day", "display_value"
        )
    )
    context = {"place": place, "population": int(population) if population else "", "enough": False}
    days = [r.day for r in situation]
    if population and len(situation) >= 21:
        cases = np.array([r.confirmed_cases for r in situation], dtype=float)
        path = np.array([stringency.get(day) or 0.0 for day in days])
        fit_days = (
            len(cases) - SCENARIO_DAYS if len(cases) > SCENARIO_DAYS + 14 else len(cases) - 14
        )
        context["backtests"] = scenarios.backtest(cases, path, population, fit_days)
        context["fitted_through"] = days[fit_days - 1]
        model = scenarios.fit(cases, path, population)
        context["model"] = model
        future = [days[-1] + timedelta(days=n) for n in range(1, SCENARIO_DAYS + 1)]
        best_level, worst_level = max(path.max(), 0.0), 0.0
        series = [charts.Series(_("Confirmed cases"), list(zip(days, cases.tolist(), strict=True)))]
        for label, level in ((_("Best path"), best_level), (_("Worst path"), worst_level)):
            full = np.concatenate([path, np.full(SCENARIO_DAYS, level)])
            median, low, high = scenarios.project(model, full)
            offset = cases[-1] - median[len(days) - 1]
            for name, values in ((label, median), (f"{label} 10%", low), (f"{label} 90%", high)):
                series.append(
                    charts.Series(
                        name,
                        list(zip(future, (values[len(days) :] + offset).tolist(), strict=True)),
                    )
                )
        context["chart"] = charts.line_chart(
            series, title=_("Scenarios: %(place)s") % {"place": place}, y_max=None
        )
        context["best_level"], context["enough"] = best_level, True
    return render(request, "measures/scenarios.html", context)


def codebook_list(request):
    return render(request, "measures/codebooks.html", {"codebooks": load_codebooks().values()})


@require_POST
def record_measure(request, code: str):
    place = get_object_or_404(Jurisdiction.objects.select_related("country"), code=code)
    ensure_permission(request.user, "record_measure", place.country)
    form = request.POST
    try:
        values = {
            "indicator": form.get("indicator", ""),
            "value": float(form["value"]) if form.get("value") else None,
            "flag": int(form["flag"]) if form.get("flag") else None,
            "start_date": date.fromisoformat(form.get("start_date", "")),
            "end_date": date.fromisoformat(form["end_date"]) if form.get("end_date") else None,
            "log_type": form.get("log_type", "introduced"),
            "population_targeted": form.get("population_targeted", ""),
            "notes": form.get("notes", ""),
            "source_kind": "url",
            "source_url": form.get("source_url", ""),
        }
        do_record_measure(request.user, jurisdiction=place, **values)
    except ValueError as err:  # InvalidMeasure included: shown beside the form
        messages.error(request, str(err))
    else:
        messages.success(request, _("The measure was recorded and the panel rebuilt."))
    return redirect("measures:jurisdiction_detail", code=place.code)


def measure_detail(request, measure_id: int):
    measure = get_object_or_404(
        Measure.objects.select_related("jurisdiction__country", "document"), pk=measure_id
    )
    return render(
        request,
        "measures/measure_detail.html",
        {"measure": measure, "definition": measure.definition},
    )


# ----- questionnaires ----------------------------------------------------------------------------


def questionnaire_list(request):
    from followup.policy.measures import visible_questionnaires

    from .models import Questionnaire

    ensure_permission(request.user, "list_questionnaires")
    questionnaires = visible_questionnaires(
        request.user, Questionnaire.objects.order_by("-created_at")
    )
    return render(request, "measures/questionnaire_list.html", {"questionnaires": questionnaires})


def questionnaire_detail(request, questionnaire_id: int):
    from followup.policy.measures import own_country

    from .models import Answer, Questionnaire
    from .questionnaires import do_answer, responses

    questionnaire = Questionnaire.objects.filter(pk=questionnaire_id).first()
    ensure_permission(request.user, "view_questionnaire", questionnaire)
    manager = allowed(request.user, "manage_questionnaires")
    mine = own_country(request.user)
    questions = list(questionnaire.questions.all())
    if request.method == "POST" and mine is not None:
        for question in questions:
            field = f"q{question.pk}"
            if question.kind == "measure":
                raw = {
                    k: request.POST.get(f"{field}_{k}", "")
                    for k in ("value", "flag", "start_date", "end_date", "notes")
                }
                if not raw["value"]:
                    continue
            else:
                raw = request.POST.get(field, "")
                if raw == "":
                    continue
            try:
                do_answer(request.user, question, country=mine, value=raw)
            except InvalidMeasure as err:
                messages.error(request, f"{question.order}. {err}")
        messages.success(request, _("Your answers were saved."))
        return redirect("measures:questionnaire_detail", questionnaire_id=questionnaire.pk)
    answers = {}
    if mine is not None:
        answers = {
            a.question_id: a.value
            for a in Answer.objects.filter(question__in=questions, country=mine)
        }
    return render(
        request,
        "measures/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "questions": [(q, answers.get(q.pk)) for q in questions],
            "responses": responses(questionnaire) if manager else None,
            "can_answer": mine is not None,
        },
    )


def questionnaire_export(request, questionnaire_id: int, export_format: str):
    from .models import Answer, Questionnaire

    ensure_permission(request.user, "manage_questionnaires")
    questionnaire = get_object_or_404(Questionnaire, pk=questionnaire_id)
    columns = ["questionnaire", "question", "kind", "indicator", "country", "answer", "answered_at"]
    rows = [
        [
            questionnaire.title,
            a.question.text,
            a.question.kind,
            a.question.indicator,
            a.country_id,
            json.dumps(a.value, ensure_ascii=False),
            a.answered_at.isoformat(),
        ]
        for a in Answer.objects.filter(question__questionnaire=questionnaire)
        .select_related("question")
        .order_by("country_id", "question__order")
    ]
    return table_response(columns, rows, export_format, f"questionnaire-{questionnaire.pk}")


def mobility_page(request, iso3: str):
    """Who restricts entry of a country's people, whom it restricts, its points of entry, on a
    date chosen with a slider (htmx swaps the section; without script, the form submits)."""
    from followup.corpus.models import Country

    from . import mobility

    country = get_object_or_404(Country, iso3=iso3.upper())
    span = mobility.date_range(country)
    first, last = span if span else (timezone.localdate(), timezone.localdate())
    try:
        offset = int(request.GET.get("day", (last - first).days))
    except ValueError:
        offset = (last - first).days
    offset = min(max(offset, 0), (last - first).days)
    on = first + timedelta(days=offset)
    return render(
        request,
        "measures/mobility.html",
        {
            "country": country,
            "picture": mobility.picture(country, on),
            "first": first,
            "last": last,
            "offset": offset,
            "span_days": (last - first).days,
        },
    )


def americas_map(request):
    """The Americas coloured by an index on a date chosen with a slider."""
    from followup.corpus.models import Country
    from followup.geo import americas

    labels = index_labels()
    index = request.GET.get("index", "stringency")
    if index not in labels:
        index = "stringency"
    national = DailyIndex.objects.filter(index=index, variant="", jurisdiction__name="")
    span = national.aggregate(first=Min("day"), last=Max("day"))
    first, last = span["first"] or timezone.localdate(), span["last"] or timezone.localdate()
    try:
        offset = int(request.GET.get("day", (last - first).days))
    except ValueError:
        offset = (last - first).days
    offset = min(max(offset, 0), (last - first).days)
    on = first + timedelta(days=offset)
    values = dict(national.filter(day=on).values_list("jurisdiction__code", "display_value"))
    shapes = americas()
    countries = Country.objects.filter(oas_member=True).order_by("name_en")
    names = {c.iso3: c.name for c in Country.objects.filter(iso3__in=[*shapes, *values])}
    svg = charts.choropleth(shapes, values, names, title=f"{labels[index]} · {on.isoformat()}")
    if request.GET.get("format") == "svg":
        response = HttpResponse(svg, content_type="image/svg+xml")
        response["Content-Disposition"] = f'attachment; filename="americas-{index}-{on}.svg"'
        return response
    if request.GET.get("format") in FORMATS:
        rows = [[c.iso3, c.name, values.get(c.iso3)] for c in countries]
        return table_response(
            ["iso3", "country", index], rows, request.GET["format"], f"americas-{index}-{on}"
        )
    return render(
        request,
        "measures/map.html",
        {
            "svg": svg,
            "on": on,
            "first": first,
            "last": last,
            "offset": offset,
            "span_days": (last - first).days,
            "index": index,
            "labels": labels,
            "small_states": [(c, values.get(c.iso3)) for c in countries if c.iso3 not in shapes],
        },
    )
