"""The consultation portal: who proposes, debates, supports, moderates and runs consultations.

Taking part needs a signed-in account whose address is confirmed, not blocked by a moderator,
and what the consultation's current phase opens (``consult.core.allows``). A hidden proposal or
comment stays visible to moderators and its own author; to anyone else it is ``not found``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.consult import core

from .base import Action, Rule, analysts, confirm_your_address, is_analyst, is_verified, role_of


def is_blocked(user) -> bool:
    events = apps.get_model("consult", "ModerationEvent").objects
    last = (
        events.filter(target=f"user:{user.pk}", action__in=["block", "unblock"])
        .values_list("action", flat=True)
        .first()
    )
    return last == "block"


def may_see(user, obj) -> bool:
    """Hidden proposals and comments stay visible to moderators and their own author."""
    if obj is None or not getattr(obj, "hidden", False):
        return True
    author_id = getattr(obj, "author_id", None)
    return is_analyst(user) or (author_id is not None and getattr(user, "pk", None) == author_id)


def _found_and_seen(user, obj) -> bool:
    return obj is not None and may_see(user, obj)


def _may_take_part(user, consultation) -> str | None:
    if role_of(user) is None:
        return _("sign in to take part")
    if is_blocked(user):
        return _("your account may no longer take part")
    # Whatever the participation rule, an address not yet confirmed may only read.
    if not is_verified(user):
        return confirm_your_address()
    if consultation.participation == "organizations":
        party_id = getattr(getattr(user, "profile", None), "party_id", None)
        if not consultation.organizations.filter(pk=party_id).exists():
            return _("this consultation is open to the listed organizations only")
    return None


def _in_phase(activity: str, message: Callable[[], str]) -> Rule:
    def rule(user, consultation) -> str | None:
        refused = _may_take_part(user, consultation)
        if refused:
            return refused
        if not core.allows(consultation.core_phases(), activity, timezone.localdate()):
            return message()
        return None

    return rule


def _may_support(user, proposal) -> str | None:
    if proposal.state != "published":
        return _("this proposal no longer takes supports")
    return _in_phase("support", lambda: _("supports are taken only during the support phase"))(
        user, proposal.consultation
    )


def _may_flag(user, target) -> str | None:
    if role_of(user) is None:
        return _("sign in to report content")
    return None if is_verified(user) else confirm_your_address()


def _author_or_secretariat(user, proposal) -> str | None:
    if is_analyst(user) or (proposal.author_id and proposal.author_id == getattr(user, "pk", None)):
        return None
    return _("only its author or the secretariat may withdraw a proposal")


def _everyone(user, obj) -> str | None:
    return None


def _action(name: str, description: str, rule: Rule) -> Action:
    # Every consult action on a proposal or a comment first asks whether the user sees it.
    return Action(name, description, rule, sees=may_see)


ACTIONS = (
    Action("view_proposal", "read a proposal and its debate", _everyone, sees=_found_and_seen),
    Action("view_comment", "read a comment of a debate", _everyone, sees=_found_and_seen),
    _action(
        "create_proposal",
        "propose (obj: the consultation)",
        _in_phase("propose", lambda: _("proposals are taken only during the proposals phase")),
    ),
    _action(
        "comment",
        "take part in a proposal's debate (obj: the consultation)",
        _in_phase("comment", lambda: _("the debate on this consultation is closed")),
    ),
    _action(
        "vote_comment",
        "vote a comment up or down",
        lambda user, comment: _may_take_part(user, comment.proposal.consultation),
    ),
    _action("support_proposal", "support a published proposal", _may_support),
    _action("flag_content", "report a proposal or a comment to the moderators", _may_flag),
    _action("withdraw_proposal", "withdraw a proposal", _author_or_secretariat),
    _action(
        "run_consultation",
        "create and run consultations",
        analysts(lambda: _("only the secretariat creates and runs consultations")),
    ),
    _action(
        "review_proposal",
        "review, accept or reject proposals",
        analysts(lambda: _("only the secretariat reviews proposals")),
    ),
    _action(
        "moderate",
        "hide, restore, merge, block",
        analysts(lambda: _("only moderators may do this")),
    ),
    _action(
        "manage_project",
        "turn proposals into projects and report their progress",
        analysts(lambda: _("only the secretariat manages projects")),
    ),
)
