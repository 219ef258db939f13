"""Who may do what with petitions: named actions checked by one function, ``ensure_permission``.

Roles: registry staff, section lawyers (for a State or a topic), commissioners, State agents
(only what was transmitted to their State) and petitioners (their own files). A file a user may
not see is answered exactly like a missing one (404), so its existence is never revealed.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Assignment, Attachment, Communication, Petition

FILE_PETITION = "file_petition"
VIEW_PETITION = "view_petition"
EDIT_DRAFT = "edit_draft"
SEE_IDENTITIES = "see_identities"
COMMUNICATE = "communicate"
TRANSMIT = "transmit"
DECIDE_INITIAL = "decide_initial"
DECIDE = "decide"
ADOPT_REPORT = "adopt_report"
REVIEW_QUEUE = "review_queue"
TRIAGE = "triage"
EXTEND_DEADLINES = "extend_deadlines"
MANAGE_SETTLEMENT = "manage_settlement"

STAFF_ROLES = {Assignment.REGISTRY, Assignment.LAWYER, Assignment.COMMISSIONER}
# Decisions that adopt a report of the Commission, which only commissioners take.
REPORT_DECISIONS = {
    "admissible",
    "inadmissible",
    "merits_report",
    "publish",
    "refer_to_court",
    "homologate",
}
INITIAL_DECISIONS = {"open_for_processing", "not_open", "request_information"}


class PetitionError(Exception):
    """A refusal or bad input with its HTTP status and a message for a person."""

    status = 400

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class NotFound(PetitionError):
    status = 404


class Forbidden(PetitionError):
    status = 403


class InvalidInput(PetitionError):
    status = 400

    def __init__(self, field: str, message):
        super().__init__(f"{field}: {message}")
        self.field = field


def roles_of(user) -> set[str]:
    """The user's petitions roles; superusers act as registry staff."""
    if not user or not user.is_authenticated or not user.is_active:
        return set()
    roles = {a.role for a in _assignments(user)}
    if user.is_superuser:
        roles.add(Assignment.REGISTRY)
    if hasattr(user, "petitioner"):
        roles.add("petitioner")
    return roles


def _assignments(user) -> list[Assignment]:
    cached = getattr(user, "_petition_assignments", None)
    if cached is None:
        cached = list(user.petition_assignments.all())
        user._petition_assignments = cached
    return cached


def is_staff(user) -> bool:
    return bool(roles_of(user) & STAFF_ROLES)


def petitions_visible_to(user, petitions: QuerySet | None = None) -> QuerySet:
    petitions = Petition.objects.all() if petitions is None else petitions
    roles = roles_of(user)
    if not roles:
        return petitions.none()
    visible = Q(pk__in=[])
    submitted = Q(submitted_at__isnull=False)
    if roles & {Assignment.REGISTRY, Assignment.COMMISSIONER}:
        visible |= submitted
    for assignment in _assignments(user):
        if assignment.role == Assignment.LAWYER:
            section = (
                Q(state_id=assignment.country_id)
                if assignment.country_id
                else Q(topic=assignment.topic)
            )
            visible |= submitted & section
        elif assignment.role == Assignment.STATE_AGENT:
            visible |= Q(state_id=assignment.country_id, transmitted_at__isnull=False)
    if "petitioner" in roles:
        visible |= Q(petitioner=user.petitioner)
    return petitions.filter(visible)


def access_petition(user, petition_id) -> Petition:
    """The file, if the user may see it; NotFound otherwise, as for a file that does not exist."""
    try:
        return petitions_visible_to(user).select_related("state", "petitioner").get(pk=petition_id)
    except (Petition.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("No such file.")) from None


def is_state_agent_for(user, petition: Petition) -> bool:
    return any(
        a.role == Assignment.STATE_AGENT and a.country_id == petition.state_id
        for a in _assignments(user)
    )


def is_own(user, petition: Petition) -> bool:
    return "petitioner" in roles_of(user) and petition.petitioner_id == user.petitioner.pk


def communications_visible_to(user, petition: Petition) -> QuerySet:
    """A State agent sees what was transmitted and what the State sent; others see all."""
    communications = petition.communications.all()
    if is_state_agent_for(user, petition) and not is_staff(user) and not is_own(user, petition):
        communications = communications.filter(Q(transmitted=True) | Q(sender=Communication.STATE))
    return communications


def attachments_visible_to(user, petition: Petition) -> QuerySet:
    attachments = petition.attachments.all()
    if is_state_agent_for(user, petition) and not is_staff(user) and not is_own(user, petition):
        attachments = attachments.filter(
            Q(transmitted=True) | Q(communication__sender=Communication.STATE)
        )
    return attachments


def access_attachment(user, petition_id, attachment_id) -> tuple[Petition, Attachment]:
    petition = access_petition(user, petition_id)
    try:
        return petition, attachments_visible_to(user, petition).get(pk=attachment_id)
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("No such file.")) from None


def _sees(user, petition) -> bool:
    return petitions_visible_to(user).filter(pk=petition.pk).exists()


def _may_see_identities(user, petition) -> bool:
    # The State is never shown a confidential identity; everyone else who sees the file may.
    return is_own(user, petition) or (is_staff(user) and _sees(user, petition))


def _may_communicate(user, petition) -> bool:
    return not petition.is_draft and (
        is_own(user, petition)
        or is_staff(user)
        or (is_state_agent_for(user, petition) and petition.transmitted_at is not None)
    )


def _may_decide(user, petition, decision: str) -> bool:
    if petition.is_draft or not _sees(user, petition):
        return False
    roles = roles_of(user)
    if decision in REPORT_DECISIONS:
        return Assignment.COMMISSIONER in roles
    if decision in INITIAL_DECISIONS and petition.stage in ("initial_review", "evaluation"):
        return bool(roles & {Assignment.REGISTRY, Assignment.LAWYER})
    return bool(roles & {Assignment.LAWYER, Assignment.COMMISSIONER})


# Each named action and the rule that allows it: (user, petition or None, decision) -> bool.
RULES = {
    FILE_PETITION: lambda user, _p, _d: bool(user and user.is_authenticated and user.is_active),
    REVIEW_QUEUE: lambda user, _p, _d: bool(roles_of(user) & STAFF_ROLES),
    TRIAGE: lambda user, _p, _d: bool(roles_of(user) & STAFF_ROLES),
    EXTEND_DEADLINES: lambda user, _p, _d: Assignment.REGISTRY in roles_of(user),
    VIEW_PETITION: lambda user, p, _d: p is not None and _sees(user, p),
    EDIT_DRAFT: lambda user, p, _d: p is not None and p.is_draft and is_own(user, p),
    SEE_IDENTITIES: lambda user, p, _d: p is not None and _may_see_identities(user, p),
    COMMUNICATE: lambda user, p, _d: p is not None and _may_communicate(user, p),
    TRANSMIT: lambda user, p, _d: p is not None and is_staff(user),
    DECIDE: lambda user, p, d: p is not None and _may_decide(user, p, d),
    # Clauses, monitoring and batches: the lawyers and commissioners who see the file.
    MANAGE_SETTLEMENT: lambda user, p, _d: (
        p is not None
        and bool(roles_of(user) & {Assignment.LAWYER, Assignment.COMMISSIONER})
        and _sees(user, p)
    ),
}
RULES[DECIDE_INITIAL] = RULES[ADOPT_REPORT] = RULES[DECIDE]


def may(user, action: str, petition: Petition | None = None, decision: str = "") -> bool:
    if action not in RULES:
        raise ValueError(f"unknown action {action!r}")
    return RULES[action](user, petition, decision)


MESSAGES = {
    FILE_PETITION: _("Sign in to file a petition."),
    EDIT_DRAFT: _("Only the petitioner may change a draft, and only before it is submitted."),
    SEE_IDENTITIES: _("You may not see confidential identities."),
    COMMUNICATE: _("You may not write in this file."),
    TRANSMIT: _("Only the Commission's staff transmit to the State."),
    DECIDE: _("You may not take this decision on this file."),
    REVIEW_QUEUE: _("Only the Commission's staff see the review queues."),
    TRIAGE: _("Only the Commission's staff triage requests."),
    EXTEND_DEADLINES: _("Only the registry extends deadlines."),
    MANAGE_SETTLEMENT: _("Only the section's lawyers and the commissioners do this."),
}


def ensure_permission(
    user, action: str, petition: Petition | None = None, decision: str = ""
) -> None:
    """Raise Forbidden (or NotFound where seeing the file is itself refused) unless allowed."""
    if (
        petition is not None
        and action != VIEW_PETITION
        and not petitions_visible_to(user).filter(pk=petition.pk).exists()
    ):
        raise NotFound(_("No such file."))
    if not may(user, action, petition, decision):
        if action == VIEW_PETITION:
            raise NotFound(_("No such file."))
        raise Forbidden(
            MESSAGES.get(action if action not in (DECIDE_INITIAL, ADOPT_REPORT) else DECIDE)
        )
