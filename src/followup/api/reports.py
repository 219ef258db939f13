"""Implementation reports over the API, under the same rules as the pages (followup.policy)."""

from datetime import date, datetime
from typing import Literal

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import SessionAuth, django_auth

from followup.errors import InvalidInput
from followup.policy import access_report, visible_reports
from followup.tracking.actions import (
    TRANSITIONS,
    do_add_evidence,
    do_add_link,
    do_create_report,
    do_transition_report,
    do_update_report,
)
from followup.tracking.compliance import DIMENSIONS, compliance_by, compliance_over_time
from followup.tracking.models import COMPLIANCE_CODES, Party, Report
from followup.tracking.uploads import check_uploaded, prepare_evidence_upload

from .types import Id, Pagination, PathId, answers

router = Router()
Compliance = Literal[tuple(COMPLIANCE_CODES)]
Language = Literal[tuple(dict(settings.LANGUAGES))]


class LinkOut(Schema):
    url: str
    title: str


class EvidenceOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    sha256: str


class ReportOut(Schema):
    id: int
    party_id: int
    party: str
    items: list[int]
    period_start: date
    period_end: date
    compliance: str
    narrative: str
    language: str
    measures: str
    challenges: str
    institutions: str
    state: str
    review_comment: str
    version: int
    published_at: datetime | None
    links: list[LinkOut]
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_party(report):
        return report.party.name

    @staticmethod
    def resolve_items(report):
        return [item.pk for item in report.items.all()]

    @staticmethod
    def resolve_links(report):
        return list(report.links.all())

    @staticmethod
    def resolve_evidence(report):
        return list(report.evidence.all())


class ReportIn(Schema):
    party_id: Id
    items: list[Id] = Field(min_length=1, description="The mandates or recommendations reported on")
    period_start: date
    period_end: date
    compliance: Compliance
    narrative: str = Field(min_length=1)
    language: Language = "en"
    measures: str = ""
    challenges: str = ""
    institutions: str = ""


class ReportChange(Schema):
    version: int
    items: list[Id] | None = Field(None, min_length=1)
    period_start: date | None = None
    period_end: date | None = None
    compliance: Compliance | None = None
    narrative: str | None = Field(None, min_length=1)
    language: Language | None = None
    measures: str | None = None
    challenges: str | None = None
    institutions: str | None = None


class TransitionIn(Schema):
    comment: str = ""


class LinkIn(Schema):
    url: str
    title: str = ""


def _reports():
    return Report.objects.select_related("party").prefetch_related("items", "links", "evidence")


@router.get("", response=answers(list[ReportOut]), summary="Reports the caller may see")
@paginate(Pagination)
def list_reports(
    request, state: str | None = None, party: Id | None = None, item: Id | None = None
):
    reports = _reports().filter(visible_reports(request.user))
    if state:
        reports = reports.filter(state=state)
    if party:
        reports = reports.filter(party_id=party)
    if item:
        reports = reports.filter(items=item)
    return reports.order_by("-updated_at", "-id")


@router.get("/{report_id}", response=answers(ReportOut, 404), summary="One report")
def get_report(request, report_id: PathId):
    return access_report(request.user, report_id, reports=_reports())


@router.post(
    "",
    response=answers({201: ReportOut}, 401, 403),
    auth=django_auth,
    summary="File a draft report",
)
def create_report(request, payload: ReportIn):
    values = payload.dict()
    report = do_create_report(
        request.user, party_id=values.pop("party_id"), item_ids=values.pop("items"), **values
    )
    return Status(201, _reports().get(pk=report.pk))


@router.patch(
    "/{report_id}",
    response=answers(ReportOut, 401, 403, 404, 409),
    auth=django_auth,
    summary="Edit a draft or returned report",
)
def update_report(request, report_id: PathId, payload: ReportChange):
    values = payload.dict()
    version, items = values.pop("version"), values.pop("items")
    do_update_report(request.user, report_id, version=version, item_ids=items, **values)
    return _reports().get(pk=report_id)


class EvidenceUploadAuth(SessionAuth):
    """The session, and before the body is read, the permission and the declared size: an
    upload nobody may make is refused without reading it (tracking.uploads)."""

    def __call__(self, request):
        if request.user.is_authenticated:
            report_id = int(request.resolver_match.kwargs["report_id"])
            # Refusals (404, 403, 413) are answered by the API's one error handler.
            request.evidence_limiter = prepare_evidence_upload(request, report_id)
        return super().__call__(request)  # the CSRF check, which parses the body


@router.post(
    "/{report_id}/evidence",
    response=answers({201: EvidenceOut}, 401, 403, 404, 413),
    auth=EvidenceUploadAuth(),
    summary="Upload a file of evidence",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                }
            },
        }
    },
)
def upload_evidence(request, report_id: PathId):
    file = request.FILES.get("file")  # parses the body, through the limiting handler
    check_uploaded(request.evidence_limiter)
    if file is None:
        raise InvalidInput("file", _("choose a file to upload"))
    return Status(201, do_add_evidence(request.user, report_id, name=file.name, data=file))


@router.post(
    "/{report_id}/links",
    response=answers({201: LinkOut}, 401, 403, 404),
    auth=django_auth,
    summary="Add a link as evidence",
)
def add_link(request, report_id: PathId, payload: LinkIn):
    return Status(201, do_add_link(request.user, report_id, url=payload.url, title=payload.title))


# Declared last: its {action} would otherwise also take "evidence" and "links".
@router.post(
    "/{report_id}/{action}",
    response=answers(ReportOut, 401, 403, 404),
    auth=django_auth,
    summary="submit, withdraw, return, validate or publish",
)
def transition_report(
    request,
    report_id: PathId,
    action: Literal[tuple(TRANSITIONS)],
    payload: TransitionIn | None = None,
):
    comment = payload.comment if payload else ""
    do_transition_report(request.user, report_id, action, comment=comment)
    return _reports().get(pk=report_id)


compliance_router = Router()


class ComplianceRow(Schema):
    key: str
    label: str
    total: int
    counts: dict[str, int]
    shares: dict[str, float]


@compliance_router.get(
    "", response=answers(list[ComplianceRow]), summary="Counts and shares of items by status"
)
def compliance(
    request,
    by: Literal[(*DIMENSIONS, "year")] = "country",
    party_kind: Literal[tuple(dict(Party.KINDS))] = Party.STATE,
    language: Literal[tuple(dict(settings.LANGUAGES))] = "en",
):
    """`by`: country, instrument, summit, theme, pillar, party_kind, or year (published
    assessments by year); `party_kind`: whose assessments (state, organization, secretariat)."""
    if by == "year":
        return [row.as_dict() for row in compliance_over_time(party_kind=party_kind)]
    return [row.as_dict() for row in compliance_by(by, party_kind=party_kind, language=language)]
