"""Measures over the API: codebooks, jurisdictions, the log, the daily panel and the indices.
Reads are public; writes follow followup.policy, as the pages do; refusals and bad input
become answers in the API's one handler."""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from followup.api.types import ErrorOut, Pagination
from followup.errors import NotFound

from .actions import do_delete_measure, do_record_measure, do_update_measure
from .codebook import load_codebooks
from .models import DailyIndex, DailyValue, Jurisdiction, Measure

router = Router()


class LevelOut(Schema):
    value: int
    meanings: dict[str, str]


class IndicatorOut(Schema):
    code: str
    kind: str
    names: dict[str, str]
    descriptions: dict[str, str]
    levels: list[LevelOut]
    flag_meanings: dict[int, dict[str, str]]
    unit: str
    differentiated: bool


class CodebookOut(Schema):
    name: str
    version: str
    titles: dict[str, str]
    source: str
    licence: str
    indicators: list[IndicatorOut]


class JurisdictionOut(Schema):
    code: str
    country: str
    name: str
    level: str


class MeasureOut(Schema):
    id: int
    jurisdiction: str
    country: str
    codebook: str
    codebook_version: str
    indicator: str
    applies_to: str
    value: float | None
    flag: int | None
    start_date: date
    end_date: date | None
    log_type: str
    population_targeted: str
    notes: str
    source_kind: str
    document_id: int | None
    span_start: int | None
    span_end: int | None
    source_url: str
    answer_id: int | None


class MeasureIn(Schema):
    jurisdiction: str
    indicator: str
    codebook: str = "oxcgrt"
    applies_to: str = "everyone"
    value: float
    flag: int | None = None
    start_date: date
    end_date: date | None = None
    log_type: str = "introduced"
    population_targeted: str = ""
    notes: str = ""
    source_url: str = ""
    document_id: int | None = None
    span_start: int | None = None
    span_end: int | None = None


class MeasurePatch(Schema):
    value: float | None = None
    flag: int | None = None
    end_date: date | None = None
    log_type: str | None = None
    notes: str | None = None


class PanelValueOut(Schema):
    day: date
    indicator: str
    applies_to: str
    value: float | None
    flag: int | None
    measure_id: int


class IndexValueOut(Schema):
    day: date
    index: str
    variant: str
    value: float | None
    display_value: float | None


def _book(book) -> dict:
    return {
        "name": book.name,
        "version": book.version,
        "titles": book.titles,
        "source": book.source,
        "licence": book.licence,
        "indicators": [
            {
                "code": i.code,
                "kind": i.kind,
                "names": i.names,
                "descriptions": i.descriptions,
                "levels": [{"value": lv.value, "meanings": lv.meanings} for lv in i.levels],
                "flag_meanings": i.flag_meanings,
                "unit": i.unit,
                "differentiated": i.differentiated,
            }
            for i in book.indicators.values()
        ],
    }


@router.get("/codebooks", response=list[CodebookOut], summary="Every version of every codebook")
def list_codebooks(request):
    return [_book(book) for book in load_codebooks().values()]


@router.get("/codebooks/{name}/{version}", response=CodebookOut, summary="One codebook version")
def get_codebook_version(request, name: str, version: str):
    book = load_codebooks().get(f"{name}-{version}")
    if book is None:
        raise NotFound(_("codebook: not found"))
    return _book(book)


@router.get(
    "/jurisdictions", response=list[JurisdictionOut], summary="Countries and regions with data"
)
def list_jurisdictions(request):
    return [
        {"code": j.code, "country": j.country.iso3, "name": j.name, "level": j.level}
        for j in Jurisdiction.objects.select_related("country")
    ]


def _measure_out(m: Measure) -> dict:
    return {
        **{f: getattr(m, f) for f in MeasureOut.model_fields if hasattr(m, f)},
        "jurisdiction": m.jurisdiction.code,
        "country": m.jurisdiction.country.iso3,
    }


@router.get("/log", response=list[MeasureOut], summary="The measures log")
@paginate(Pagination)
def list_measures(
    request,
    country: str | None = None,
    jurisdiction: str | None = None,
    indicator: str | None = None,
    since: date | None = None,
):
    measures = Measure.objects.select_related("jurisdiction__country").order_by("pk")
    if country:
        measures = measures.filter(jurisdiction__country__iso3=country.upper())
    if jurisdiction:
        measures = measures.filter(jurisdiction__code=jurisdiction)
    if indicator:
        measures = measures.filter(indicator=indicator)
    if since:
        measures = measures.filter(start_date__gte=since)
    return [_measure_out(m) for m in measures]


@router.post(
    "/log", response={201: MeasureOut, 403: ErrorOut}, auth=django_auth, summary="Record a measure"
)
def create_measure(request, payload: MeasureIn):
    jurisdiction = get_object_or_404(Jurisdiction, code=payload.jurisdiction)
    values = payload.dict(exclude={"jurisdiction", "document_id"})
    from followup.corpus.models import Document

    if payload.document_id is not None:
        values["document"] = get_object_or_404(Document, pk=payload.document_id)
        values["source_kind"] = "document"
    else:
        values["source_kind"] = "url"
        values.pop("span_start")
        values.pop("span_end")
    measure = do_record_measure(request.user, jurisdiction=jurisdiction, **values)
    return Status(201, _measure_out(measure))


@router.patch(
    "/log/{measure_id}", response=MeasureOut, auth=django_auth, summary="Change a measure"
)
def update_measure(request, measure_id: int, payload: MeasurePatch):
    measure = get_object_or_404(
        Measure.objects.select_related("jurisdiction__country"), pk=measure_id
    )
    values = payload.dict(exclude_unset=True)
    return _measure_out(do_update_measure(request.user, measure, **values))


@router.delete(
    "/log/{measure_id}",
    response={204: None, 403: ErrorOut},
    auth=django_auth,
    summary="Remove a measure",
)
def delete_measure(request, measure_id: int):
    measure = get_object_or_404(
        Measure.objects.select_related("jurisdiction__country"), pk=measure_id
    )
    do_delete_measure(request.user, measure)
    return Status(204, None)


@router.get(
    "/panel/{jurisdiction}", response=list[PanelValueOut], summary="Daily panel of a jurisdiction"
)
@paginate(Pagination)
def panel(
    request,
    jurisdiction: str,
    indicator: str | None = None,
    start: date | None = None,
    end: date | None = None,
):
    place = get_object_or_404(Jurisdiction, code=jurisdiction)
    values = DailyValue.objects.filter(jurisdiction=place).order_by(
        "day", "indicator", "applies_to"
    )
    if indicator:
        values = values.filter(indicator=indicator)
    if start:
        values = values.filter(day__gte=start)
    if end:
        values = values.filter(day__lte=end)
    return values.values("day", "indicator", "applies_to", "value", "flag", "measure_id")


@router.get(
    "/indices/{jurisdiction}",
    response=list[IndexValueOut],
    summary="Daily indices of a jurisdiction",
)
@paginate(Pagination)
def index_values(
    request,
    jurisdiction: str,
    index: str | None = None,
    variant: str | None = None,
    start: date | None = None,
    end: date | None = None,
):
    place = get_object_or_404(Jurisdiction, code=jurisdiction)
    values = DailyIndex.objects.filter(jurisdiction=place).order_by("day", "index", "variant")
    if index:
        values = values.filter(index=index)
    if variant is not None:
        values = values.filter(variant=variant)
    if start:
        values = values.filter(day__gte=start)
    if end:
        values = values.filter(day__lte=end)
    return values.values("day", "index", "variant", "value", "display_value")


class SituationOut(Schema):
    day: date
    confirmed_cases: int | None
    confirmed_deaths: int | None
    suspected_cases: int | None
    suspected_deaths: int | None
    source: str


@router.get(
    "/situation/{jurisdiction}",
    response=list[SituationOut],
    summary="Cases and deaths of a jurisdiction",
)
@paginate(Pagination)
def situation(request, jurisdiction: str):
    place = get_object_or_404(Jurisdiction, code=jurisdiction)
    return place.situation.order_by("day").values(
        "day",
        "confirmed_cases",
        "confirmed_deaths",
        "suspected_cases",
        "suspected_deaths",
        "source",
    )


class RestrictionOut(Schema):
    id: int
    imposing: str
    affected: str | None
    kind: str
    conditions: list[str]
    exceptions: str
    start_date: date
    end_date: date | None
    source_url: str


@router.get(
    "/restrictions", response=list[RestrictionOut], summary="Country-pair travel restrictions"
)
@paginate(Pagination)
def restrictions(request, country: str | None = None, on: date | None = None):
    from django.db.models import Q

    from .mobility import in_force
    from .models import TravelRestriction

    rows = TravelRestriction.objects.select_related("imposing", "affected").order_by("pk")
    if country:
        rows = rows.filter(Q(imposing__iso3=country.upper()) | Q(affected__iso3=country.upper()))
    if on:
        rows = rows.filter(in_force(on))
    return [
        {
            "id": r.pk,
            "imposing": r.imposing.iso3,
            "affected": r.affected.iso3 if r.affected else None,
            "kind": r.kind,
            "conditions": r.conditions,
            "exceptions": r.exceptions,
            "start_date": r.start_date,
            "end_date": r.end_date,
            "source_url": r.source_url,
        }
        for r in rows
    ]


class PointStatusOut(Schema):
    since: date
    status: str
    measures: str
    population_affected: str


class PointOfEntryOut(Schema):
    id: int
    country: str
    name: str
    kind: str
    latitude: float | None
    longitude: float | None
    statuses: list[PointStatusOut]


@router.get(
    "/points-of-entry",
    response=list[PointOfEntryOut],
    summary="Points of entry and their status over time",
)
@paginate(Pagination)
def points_of_entry(request, country: str | None = None):
    from .models import PointOfEntry

    points = (
        PointOfEntry.objects.select_related("country").prefetch_related("statuses").order_by("pk")
    )
    if country:
        points = points.filter(country__iso3=country.upper())
    return [
        {
            "id": p.pk,
            "country": p.country.iso3,
            "name": p.name,
            "kind": p.kind,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "statuses": [
                {
                    "since": s.since,
                    "status": s.status,
                    "measures": s.measures,
                    "population_affected": s.population_affected,
                }
                for s in p.statuses.all()
            ],
        }
        for p in points
    ]


class QuestionOut(Schema):
    id: int
    order: int
    text: str
    kind: str
    choices: list
    indicator: str


class QuestionnaireOut(Schema):
    id: int
    title: str
    due_date: date | None
    questions: list[QuestionOut]


class AnswerIn(Schema):
    question_id: int
    country: str
    value: dict | list | str | float | int | None = None


@router.get(
    "/questionnaires",
    response=list[QuestionnaireOut],
    auth=django_auth,
    summary="Questionnaires the caller may see",
)
def questionnaires(request):
    from followup.policy.measures import visible_questionnaires

    from .models import Questionnaire

    rows = visible_questionnaires(
        request.user, Questionnaire.objects.prefetch_related("questions").order_by("pk")
    )
    return [
        {
            "id": q.pk,
            "title": q.title,
            "due_date": q.due_date,
            "questions": [
                {
                    "id": x.pk,
                    "order": x.order,
                    "text": x.text,
                    "kind": x.kind,
                    "choices": x.choices,
                    "indicator": x.indicator,
                }
                for x in q.questions.all()
            ],
        }
        for q in rows
    ]


@router.post(
    "/answers",
    response={201: dict, 403: ErrorOut},
    auth=django_auth,
    summary="Answer a question for a State",
)
def answer(request, payload: AnswerIn):
    from followup.corpus.models import Country

    from .models import Question
    from .questionnaires import do_answer

    question = get_object_or_404(Question, pk=payload.question_id)
    country = get_object_or_404(Country, iso3=payload.country.upper())
    saved = do_answer(request.user, question, country=country, value=payload.value)
    return Status(201, {"id": saved.pk, "value": saved.value})
