"""Petitions, precautionary measures and friendly settlements (the IACHR's system).

Roles here are assignments, not profiles: registry staff, section lawyers (for a State or a
topic), commissioners, State agents (who see only what was transmitted to their State) and
petitioners (their own files). A file a user may not see is answered exactly like a missing
one, ``No such file.``, so its existence is never revealed.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from followup.errors import NotFound

from .base import Action

REGISTRY, LAWYER, COMMISSIONER, STATE_AGENT = "registry", "lawyer", "commissioner", "state_agent"
PETITIONER = "petitioner"
STAFF_ROLES = {REGISTRY, LAWYER, COMMISSIONER}

FILE_PETITION = "file_petition"
VIEW_PETITION = "view_petition"
EDIT_DRAFT = "edit_petition_draft"
SEE_IDENTITIES = "see_confidential_identities"
COMMUNICATE = "write_to_petition"
TRANSMIT = "transmit_petition"
DECIDE_INITIAL = "decide_initial_review"
DECIDE = "decide_petition"
ADOPT_REPORT = "adopt_petition_report"
REVIEW_QUEUE = "view_review_queues"
TRIAGE = "triage_requests"
EXTEND_DEADLINES = "extend_deadlines"
MANAGE_SETTLEMENT = "manage_settlement"

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
INITIAL_STAGES = ("initial_review", "evaluation")


def decision_action(petition, decision: str) -> str:
    """The named action a decision on a file is: adopting a report of the Commission, the
    initial review of a new file, or any other decision of its procedure."""
    if decision in REPORT_DECISIONS:
        return ADOPT_REPORT
    if decision in INITIAL_DECISIONS and petition is not None and petition.stage in INITIAL_STAGES:
        return DECIDE_INITIAL
    return DECIDE


# Who the user is in the petitions system.


def _assignments(user) -> list:
    cached = getattr(user, "_petition_assignments", None)
    if cached is None:
        cached = list(user.petition_assignments.all())
        user._petition_assignments = cached
    return cached


def roles_of(user) -> set[str]:
    """The user's petitions roles; superusers act as registry staff."""
    if not user or not user.is_authenticated or not user.is_active:
        return set()
    roles = {a.role for a in _assignments(user)}
    if user.is_superuser:
        roles.add(REGISTRY)
    if hasattr(user, "petitioner"):
        roles.add(PETITIONER)
    return roles


def is_staff(user) -> bool:
    return bool(roles_of(user) & STAFF_ROLES)


def is_state_agent_for(user, petition) -> bool:
    return bool(roles_of(user)) and any(
        a.role == STATE_AGENT and a.country_id == petition.state_id for a in _assignments(user)
    )


def is_own(user, petition) -> bool:
    return PETITIONER in roles_of(user) and petition.petitioner_id == user.petitioner.pk


# What the user sees, as querysets.


def petitions_visible_to(user, petitions: QuerySet | None = None) -> QuerySet:
    if petitions is None:
        petitions = apps.get_model("petitions", "Petition").objects.all()
    roles = roles_of(user)
    if not roles:
        return petitions.none()
    visible = Q(pk__in=[])
    submitted = Q(submitted_at__isnull=False)
    if roles & {REGISTRY, COMMISSIONER}:
        visible |= submitted
    for assignment in _assignments(user):
        if assignment.role == LAWYER:
            section = (
                Q(state_id=assignment.country_id)
                if assignment.country_id
                else Q(topic=assignment.topic)
            )
            visible |= submitted & section
        elif assignment.role == STATE_AGENT:
            visible |= Q(state_id=assignment.country_id, transmitted_at__isnull=False)
    if PETITIONER in roles:
        visible |= Q(petitioner=user.petitioner)
    return petitions.filter(visible)


def _only_the_states_part(user, petition) -> bool:
    return is_state_agent_for(user, petition) and not is_staff(user) and not is_own(user, petition)


def communications_visible_to(user, petition) -> QuerySet:
    """A State agent sees what was transmitted and what the State sent; others see all."""
    communications = petition.communications.all()
    if _only_the_states_part(user, petition):
        communications = communications.filter(Q(transmitted=True) | Q(sender="state"))
    return communications


def attachments_visible_to(user, petition) -> QuerySet:
    attachments = petition.attachments.all()
    if _only_the_states_part(user, petition):
        attachments = attachments.filter(Q(transmitted=True) | Q(communication__sender="state"))
    return attachments


def _no_such_file() -> str:
    return _("No such file.")


def access_petition(user, petition_id):
    """The file, if the user may see it; NotFound otherwise, as for a file that does not exist."""
    found = (
        petitions_visible_to(user).select_related("state", "petitioner").filter(pk=petition_id)
        if isinstance(petition_id, int) and -(2**63) <= petition_id < 2**63
        else None
    )
    petition = found.first() if found is not None else None
    if petition is None:
        raise NotFound(_no_such_file())
    return petition


def access_attachment(user, petition_id, attachment_id):
    petition = access_petition(user, petition_id)
    found = (
        attachments_visible_to(user, petition).filter(pk=attachment_id).first()
        if isinstance(attachment_id, int) and -(2**63) <= attachment_id < 2**63
        else None
    )
    if found is None:
        raise NotFound(_no_such_file())
    return petition, found


# Rules.


def _sees(user, petition) -> bool:
    return petition is not None and petitions_visible_to(user).filter(pk=petition.pk).exists()


def _sees_if_given(user, petition) -> bool:
    return petition is None or _sees(user, petition)


def _refused_unless(allowed: bool, message) -> str | None:
    return None if allowed else str(message())


def _may_file(user, obj) -> str | None:
    signed_in = bool(user and user.is_authenticated and user.is_active)
    return _refused_unless(signed_in, lambda: _("Sign in to file a petition."))


def _staff(message):
    return lambda user, obj: _refused_unless(is_staff(user), message)


def _may_edit_draft(user, petition) -> str | None:
    return _refused_unless(
        petition.is_draft and is_own(user, petition),
        lambda: _("Only the petitioner may change a draft, and only before it is submitted."),
    )


def _may_see_identities(user, petition) -> str | None:
    # The State is never shown a confidential identity; everyone else who sees the file may.
    return _refused_unless(
        is_own(user, petition) or is_staff(user),
        lambda: _("You may not see confidential identities."),
    )


def _may_communicate(user, petition) -> str | None:
    may = not petition.is_draft and (
        is_own(user, petition)
        or is_staff(user)
        or (is_state_agent_for(user, petition) and petition.transmitted_at is not None)
    )
    return _refused_unless(may, lambda: _("You may not write in this file."))


def _deciding(roles: set[str]):
    def rule(user, petition) -> str | None:
        may = not petition.is_draft and bool(roles_of(user) & roles)
        return _refused_unless(may, lambda: _("You may not take this decision on this file."))

    return rule


def _may_manage_settlement(user, petition) -> str | None:
    return _refused_unless(
        bool(roles_of(user) & {LAWYER, COMMISSIONER}),
        lambda: _("Only the section's lawyers and the commissioners do this."),
    )


def _on_file(name: str, description: str, rule, sees=_sees) -> Action:
    return Action(name, description, rule, sees=sees, missing=_no_such_file)


ACTIONS = (
    Action(FILE_PETITION, "file a petition or a request for precautionary measures", _may_file),
    _on_file(VIEW_PETITION, "read a file", lambda user, petition: None),
    _on_file(EDIT_DRAFT, "change one's own draft before submitting it", _may_edit_draft),
    _on_file(SEE_IDENTITIES, "see the confidential identities in a file", _may_see_identities),
    _on_file(COMMUNICATE, "write in a file", _may_communicate),
    _on_file(
        TRANSMIT,
        "transmit a file or its parts to the State",
        _staff(lambda: _("Only the Commission's staff transmit to the State.")),
    ),
    _on_file(
        DECIDE_INITIAL,
        "decide on a new file's initial review (registry, lawyers)",
        _deciding({REGISTRY, LAWYER}),
    ),
    _on_file(DECIDE, "take a decision of a file's procedure", _deciding({LAWYER, COMMISSIONER})),
    _on_file(ADOPT_REPORT, "adopt a report of the Commission", _deciding({COMMISSIONER})),
    Action(
        REVIEW_QUEUE,
        "see the review queues, the backlog and the deadlines",
        _staff(lambda: _("Only the Commission's staff see the review queues.")),
    ),
    _on_file(
        TRIAGE,
        "triage requests for precautionary measures (obj: the request, or none)",
        _staff(lambda: _("Only the Commission's staff triage requests.")),
        sees=_sees_if_given,
    ),
    Action(
        EXTEND_DEADLINES,
        "extend deadlines",
        lambda user, obj: _refused_unless(
            REGISTRY in roles_of(user), lambda: _("Only the registry extends deadlines.")
        ),
    ),
    _on_file(
        MANAGE_SETTLEMENT,
        "manage a friendly settlement's clauses, monitoring and batches",
        _may_manage_settlement,
    ),
)
