"""Implementation reports over the API, under the same rules as the pages (tracking.access)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import SessionAuth, django_auth

from followup.tracking.access import Forbidden, access_report, reports_visible_to
from followup.tracking.actions import (
    InvalidInput,
    StaleEdit,
    do_add_evidence,
    do_add_link,
    do_create_report,
    do_transition_report,
    do_update_report,
)
from followup.tracking.compliance import DIMENSIONS, compliance_by, compliance_over_time
from followup.tracking.models import Party, Report
from followup.tracking.uploads import UploadTooLarge, check_uploaded, prepare_evidence_upload

router = Router()


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
    party_id: int
    items: list[int]
    period_start: date
    period_end: date
    compliance: str
    narrative: str
    language: str = "en"
    measures: str = ""
    challenges: str = ""
    institutions: str = ""


class ReportChange(Schema):
    version: int
    items: list[int] | None = None
    period_start: date | None = None
    period_end: date | None = None
    compliance: str | None = None
    narrative: str | None = None
    language: str | None = None
    measures: str | None = None
    challenges: str | None = None
    institutions: str | None = None


class TransitionIn(Schema):
    comment: str = ""


class LinkIn(Schema):
    url: str
    title: str = ""


def _answer(call):
    """Run an action; its refusals become 4xx answers that name the field."""
    try:
        return call()
    except Forbidden as err:
        raise HttpError(403, str(err)) from err
    except InvalidInput as err:
        raise HttpError(422, str(err)) from err
    except StaleEdit as err:
        raise HttpError(409, str(err)) from err
    except Report.DoesNotExist as err:
        raise HttpError(404, "report: not found") from err


def _visible(request, report_id: int) -> Report:
    return _answer(lambda: access_report(request.user, report_id))


def _reports():
    return Report.objects.select_related("party").prefetch_related("items", "links", "evidence")


@router.get("", response=list[ReportOut], summary="Reports the caller may see")
@paginate(LimitOffsetPagination)
def list_reports(
    request, state: str | None = None, party: int | None = None, item: int | None = None
):
    reports = reports_visible_to(request.user, _reports())
    if state:
        reports = reports.filter(state=state)
    if party:
        reports = reports.filter(party_id=party)
    if item:
        reports = reports.filter(items=item)
    return reports.order_by("-updated_at", "-id")


@router.get("/{report_id}", response=ReportOut)
def get_report(request, report_id: int):
    return _visible(request, report_id)


@router.post("", response={201: ReportOut}, auth=django_auth, summary="File a draft report")
def create_report(request, payload: ReportIn):
    values = payload.dict()
    report = _answer(
        lambda: do_create_report(
            request.user, party_id=values.pop("party_id"), item_ids=values.pop("items"), **values
        )
    )
    return Status(201, _reports().get(pk=report.pk))


@router.patch(
    "/{report_id}", response=ReportOut, auth=django_auth, summary="Edit a draft or returned report"
)
def update_report(request, report_id: int, payload: ReportChange):
    _visible(request, report_id)
    values = payload.dict()
    version, items = values.pop("version"), values.pop("items")
    _answer(
        lambda: do_update_report(request.user, report_id, version=version, item_ids=items, **values)
    )
    return _reports().get(pk=report_id)


class EvidenceUploadAuth(SessionAuth):
    """The session, and before the body is read, the permission and the declared size: an
    upload nobody may make is refused without reading it (tracking.uploads)."""

    def __call__(self, request):
        if request.user.is_authenticated:
            report_id = int(request.resolver_match.kwargs["report_id"])
            try:
                request.evidence_limiter = _answer(
                    lambda: prepare_evidence_upload(request, report_id)
                )
            except UploadTooLarge as err:
                raise HttpError(413, str(err)) from err
        return super().__call__(request)  # the CSRF check, which parses the body


@router.post(
    "/{report_id}/evidence",
    response={201: EvidenceOut},
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
def upload_evidence(request, report_id: int):
    file = request.FILES.get("file")  # parses the body, through the limiting handler
    try:
        check_uploaded(request.evidence_limiter)
    except UploadTooLarge as err:
        raise HttpError(413, str(err)) from err
    if file is None:
        raise HttpError(422, "file: choose a file to upload")
    return Status(
        201,
        _answer(lambda: do_add_evidence(request.user, report_id, name=file.name, data=file)),
    )


@router.post(
    "/{report_id}/links",
    response={201: LinkOut},
    auth=django_auth,
    summary="Add a link as evidence",
)
def add_link(request, report_id: int, payload: LinkIn):
    _visible(request, report_id)
    return Status(
        201,
        _answer(lambda: do_add_link(request.user, report_id, url=payload.url, title=payload.title)),
    )


# Declared last: its {action} would otherwise also take "evidence" and "links".
@router.post(
    "/{report_id}/{action}",
    response=ReportOut,
    auth=django_auth,
    summary="submit, return, validate or publish",
)
def transition_report(request, report_id: int, action: str, payload: TransitionIn | None = None):
    _visible(request, report_id)
    comment = payload.comment if payload else ""
    _answer(lambda: do_transition_report(request.user, report_id, action, comment=comment))
    return _reports().get(pk=report_id)


compliance_router = Router()


class ComplianceRow(Schema):
    key: str
    label: str
    total: int
    counts: dict[str, int]
    shares: dict[str, float]


@compliance_router.get(
    "", response=list[ComplianceRow], summary="Counts and shares of items by status"
)
def compliance(request, by: str = "country", party_kind: str = Party.STATE, language: str = "en"):
    """`by`: country, instrument, summit, theme, pillar, party_kind, or year (published
    assessments by year); `party_kind`: whose assessments (state, organization, secretariat)."""
    if party_kind not in dict(Party.KINDS):
        raise HttpError(422, f"party_kind: one of {', '.join(dict(Party.KINDS))}")
    if by == "year":
        return [row.as_dict() for row in compliance_over_time(party_kind=party_kind)]
    if by not in DIMENSIONS:
        raise HttpError(422, f"by: one of {', '.join(DIMENSIONS)}, year")
    return [row.as_dict() for row in compliance_by(by, party_kind=party_kind, language=language)]
