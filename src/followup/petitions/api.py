"""Petitions over the API, under the same policy as the pages; refusals become answers in the
API's one handler."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpResponse
from ninja import Path, Query, Router, Schema
from ninja.security import django_auth

from followup.api.types import ErrorOut
from followup.policy import allowed
from followup.policy import petitions as rules

from . import actions, queries
from .core.masking import mask_names
from .models import Petition

router = Router()


class PersonOut(Schema):
    name: str
    group: str
    confidential: bool


class PetitionOut(Schema):
    id: int
    kind: str
    reference: str | None
    state: str
    title: str
    stage: str
    submitted_at: datetime | None
    transmitted_at: datetime | None
    people: list[PersonOut]
    rights: list[str]


class PersonIn(Schema):
    name: str
    group: str = "other"
    confidential: bool = False


class PetitionIn(Schema):
    token: str
    kind: str = "petition"
    state: str
    title: str
    facts: str
    domestic_remedies: str = ""
    other_proceedings: str = ""
    rights: list[str] = []
    language: str = "en"
    people: list[PersonIn] = []


class DecisionIn(Schema):
    decision: str
    comment: str = ""
    document_text: str = ""
    recommendations: list[str] = []


def _out(user, petition: Petition, channel: str = "api") -> dict:
    see = allowed(user, rules.SEE_IDENTITIES, petition)
    hidden = [] if see else [p.name for p in petition.people.all() if p.confidential]
    if petition.has_confidential and see:
        actions.record_read(user, petition, "petition", channel)
    return {
        "id": petition.pk,
        "kind": petition.kind,
        "reference": petition.reference,
        "state": petition.state_id,
        "title": mask_names(petition.title, hidden, "[confidential]"),
        "stage": petition.stage,
        "submitted_at": petition.submitted_at,
        "transmitted_at": None
        if actions.visible_state_agent(user, petition)
        else petition.transmitted_at,
        "people": [
            {
                "name": p.name if (see or not p.confidential) else "",
                "group": p.group,
                "confidential": p.confidential,
            }
            for p in petition.people.all()
        ],
        "rights": petition.rights,
    }


@router.get("/", response=list[PetitionOut], auth=django_auth)
def list_petitions(
    request,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=10**9),
):
    """The files the user may see."""
    petitions = rules.petitions_visible_to(request.user).prefetch_related("people").order_by("-id")
    return [_out(request.user, p) for p in petitions[offset : offset + min(limit, 500)]]


@router.post(
    "/", response={201: PetitionOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}, auth=django_auth
)
def file_petition(request, payload: PetitionIn):
    """File and submit at once; the same token twice files once."""
    petition = actions.do_file(
        request.user,
        token=payload.token,
        people=[p.dict() for p in payload.people],
        **payload.dict(exclude={"token", "people"}),
    )
    return 201, _out(request.user, petition)


@router.get("/figures/{year}", response=dict)
def figures(request, year: int = Path(..., ge=1900, le=2999)):
    """Open data: the initial review of a year (no confidential data)."""
    return queries.year_review_figures(year).as_dict()


@router.get("/statistics/backlog", response=list[dict])
def backlog_statistics(request):
    """Open data: open files by kind, year of receipt and stage (counts only)."""
    return queries.backlog(Petition.objects.all())


@router.get("/statistics/precautionary/{year}", response=dict)
def precautionary_statistics(request, year: int = Path(..., ge=1900, le=2999)):
    """Open data: measures in force by State and beneficiaries by group, time to decision and
    monitoring activity of a year (counts only)."""
    times = queries.year_decision_times(year)
    portfolio = queries.portfolio()
    return {
        "in_force": portfolio["total"],
        "in_force_by_state": {row["state__code"]: row["count"] for row in portfolio["by_state"]},
        "beneficiaries_by_group": {
            row["group"]: row["count"] for row in portfolio["by_group"] if row["group"]
        },
        "decided": times.decided,
        "share_under_90_days": round(times.share_under_90(), 4),
        "share_same_month": round(times.share_same_month(), 4),
        "median_days": times.median_days(),
        "monitoring": queries.monitoring_counts(year),
    }


@router.get("/{petition_id}", response={200: PetitionOut, 404: ErrorOut}, auth=django_auth)
def get_petition(request, petition_id: int):
    petition = rules.access_petition(request.user, petition_id)
    return 200, _out(request.user, petition)


@router.post(
    "/{petition_id}/decisions",
    response={201: dict, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def decide(request, petition_id: int, payload: DecisionIn):
    change = actions.do_decide(
        request.user,
        petition_id,
        payload.decision,
        comment=payload.comment,
        document_text=payload.document_text,
        recommendations=payload.recommendations,
    )
    return 201, {"decision": change.decision, "from": change.from_stage, "to": change.to_stage}


@router.get("/{petition_id}/attachments/{attachment_id}", auth=django_auth)
def attachment(request, petition_id: int, attachment_id: int):
    petition, found = rules.access_attachment(request.user, petition_id, attachment_id)
    actions.record_read(request.user, petition, f"attachment:{found.pk}", "api")
    response = HttpResponse(actions.read_attachment(found), content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.original_name}"'
    return response
