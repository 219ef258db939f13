"""The consultation portal over the API: everything readable by everyone (no personal data
beyond the public user name), and proposals, comments, supports and flags written by signed-in
users under exactly the rules of the pages (followup.policy, through consult.actions)."""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from followup.consult import actions
from followup.consult.models import Comment, Consultation, Project, Proposal
from followup.consult.views import SORTS, project_progress, ranked_proposals
from followup.errors import NotFound

from .types import Pagination, PathId

router = Router()
NOT_FOUND = {404: dict}


class PhaseOut(Schema):
    kind: str
    starts_on: date
    ends_on: date


class ConsultationOut(Schema):
    slug: str
    kind: str
    title: dict[str, str]
    description: dict[str, str]
    participation: str
    support_threshold: int
    uses_jury: bool
    themes: list[str]
    sdgs: list[str]
    population_groups: list[str]
    phases: list[PhaseOut]

    @staticmethod
    def resolve_phases(consultation):
        return list(consultation.phases.all())


class ProposalOut(Schema):
    id: int
    consultation: str = Field(..., alias="consultation.slug")
    title: str
    body: str
    language: str
    state: str
    state_reason: str
    support_count: int
    comment_count: int
    themes: list[str]
    sdgs: list[str]
    population_groups: list[str]
    merged_into: int | None = Field(None, alias="merged_into_id")
    created_at: datetime


class CommentOut(Schema):
    id: int
    parent: int | None = Field(None, alias="parent_id")
    body: str
    stance: str
    is_expert: bool
    up_votes: int
    down_votes: int
    created_at: datetime


class ResultOut(Schema):
    id: int
    parent: int | None = Field(None, alias="parent_id")
    title: str
    weight: float | None
    progress: float


class ProjectOut(Schema):
    id: int
    proposal: int = Field(..., alias="proposal_id")
    title: str
    budget: float | None
    currency: str
    funding_source: str
    progress: float
    implements: list[int]
    results: list[ResultOut]

    @staticmethod
    def resolve_progress(project):
        return project_progress(project)

    @staticmethod
    def resolve_implements(project):
        return [item.pk for item in project.implements.all()]

    @staticmethod
    def resolve_results(project):
        return list(project.results.all())


class ProposalIn(Schema):
    title: str = Field(..., max_length=200)
    body: str = Field(..., max_length=20_000)
    themes: list[str] = []
    sdgs: list[str] = []
    population_groups: list[str] = []


class CommentIn(Schema):
    body: str = Field(..., max_length=5_000)
    stance: str = "neutral"
    parent: int | None = Field(None, ge=1, le=2**63 - 1)


class FlagIn(Schema):
    reason: str = Field(..., max_length=500)
    proposal: int | None = Field(None, ge=1, le=2**63 - 1)
    comment: int | None = Field(None, ge=1, le=2**63 - 1)


class SupportOut(Schema):
    id: int
    support_count: int


def _consultation(slug: str) -> Consultation:
    consultation = Consultation.objects.prefetch_related("phases").filter(slug=slug).first()
    if consultation is None:
        raise NotFound(_("not found"))
    return consultation


def _public_proposals():
    return Proposal.objects.select_related("consultation").filter(hidden=False)


@router.get("/consultations", response=list[ConsultationOut], summary="Consultations and calls")
@paginate(Pagination)
def list_consultations(request):
    return Consultation.objects.prefetch_related("phases")


@router.get("/consultations/{slug}", response={200: ConsultationOut, **NOT_FOUND})
def get_consultation(request, slug: str):
    return _consultation(slug)


@router.get(
    "/consultations/{slug}/proposals",
    response={200: list[ProposalOut], **NOT_FOUND},
    summary="A consultation's proposals, ordered by supports, newest or hot",
)
@paginate(Pagination)
def list_proposals(request, slug: str, sort: str = "supports"):
    return ranked_proposals(_consultation(slug), sort if sort in SORTS else "supports")


@router.post(
    "/consultations/{slug}/proposals",
    response={201: ProposalOut, 403: dict, 404: dict, 422: dict, 429: dict},
    auth=django_auth,
)
def create_proposal(request, slug: str, data: ProposalIn):
    proposal = actions.do_create_proposal(
        request.user,
        _consultation(slug),
        actions.ProposalDraft(**data.dict()),
        address=request.META.get("REMOTE_ADDR", ""),
    )
    return Status(201, proposal)


@router.get("/proposals/{proposal_id}", response={200: ProposalOut, **NOT_FOUND})
def get_proposal(request, proposal_id: PathId):
    proposal = _public_proposals().filter(pk=proposal_id).first()
    if proposal is None:
        raise NotFound(_("not found"))
    return proposal


@router.get("/proposals/{proposal_id}/comments", response={200: list[CommentOut], **NOT_FOUND})
@paginate(Pagination)
def list_comments(request, proposal_id: PathId):
    if not _public_proposals().filter(pk=proposal_id).exists():
        raise NotFound(_("not found"))
    return Comment.objects.filter(proposal_id=proposal_id, hidden=False).order_by("pk")


@router.post(
    "/proposals/{proposal_id}/comments",
    response={201: CommentOut, 403: dict, 404: dict, 422: dict, 429: dict},
    auth=django_auth,
)
def create_comment(request, proposal_id: PathId, data: CommentIn):
    comment = actions.do_comment(
        request.user, proposal_id, data.body, data.stance, parent_id=data.parent,
        address=request.META.get("REMOTE_ADDR", ""),
    )  # fmt: skip
    return Status(201, comment)


@router.post(
    "/proposals/{proposal_id}/support",
    response={200: SupportOut, 403: dict, 404: dict},
    auth=django_auth,
    summary="Support a proposal (once per account; repeating it changes nothing)",
)
def support(request, proposal_id: PathId):
    return actions.do_support(request.user, proposal_id)


@router.delete(
    "/proposals/{proposal_id}/support",
    response={200: SupportOut, 403: dict, 404: dict},
    auth=django_auth,
    summary="Withdraw one's support while the support phase is open",
)
def withdraw_support(request, proposal_id: PathId):
    return actions.do_withdraw_support(request.user, proposal_id)


@router.post("/flags", response={204: None, 403: dict, 404: dict, 422: dict, 429: dict},
             auth=django_auth)  # fmt: skip
def flag(request, data: FlagIn):
    actions.do_flag(
        request.user, reason=data.reason, proposal_id=data.proposal, comment_id=data.comment,
        address=request.META.get("REMOTE_ADDR", ""),
    )  # fmt: skip
    return Status(204, None)


@router.get("/projects", response=list[ProjectOut], summary="Projects born of proposals")
@paginate(Pagination)
def list_projects(request):
    return Project.objects.prefetch_related("implements", "results").order_by("pk")


@router.get("/projects/{project_id}", response={200: ProjectOut, **NOT_FOUND})
def get_project(request, project_id: PathId):
    project = (
        Project.objects.prefetch_related("implements", "results").filter(pk=project_id).first()
    )
    if project is None:
        raise NotFound(_("not found"))
    return project
