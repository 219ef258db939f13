"""Who may do what in the consultation portal, as named actions.

``ensure_permission(user, action, obj)`` raises ``NotFound`` for a proposal or comment the user
may not see (worded as for a missing one) and ``Forbidden`` with a translated reason otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from followup.errors import Forbidden, NotFound
from followup.policy import is_analyst as is_secretariat
from followup.policy import role_of

from . import core


def is_verified(user) -> bool:
    """An account whose e-mail address was confirmed through its signed link (accounts made
    by an administrator are confirmed from the start)."""
    if role_of(user) is None:
        return False
    profile = getattr(user, "profile", None)
    return user.is_superuser or bool(profile and profile.email_verified)


def is_blocked(user) -> bool:
    from .models import ModerationEvent

    last = (
        ModerationEvent.objects.filter(target=f"user:{user.pk}", action__in=["block", "unblock"])
        .values_list("action", flat=True)
        .first()
    )
    return last == "block"


def _may_take_part(user, consultation) -> str | None:
    if role_of(user) is None:
        return _("sign in to take part")
    if is_blocked(user):
        return _("your account may no longer take part")
    if consultation.participation == "registered":
        return None
    if not is_verified(user):
        return _("confirm your e-mail address first: follow the link we sent you")
    if consultation.participation == "organizations":
        party_id = getattr(getattr(user, "profile", None), "party_id", None)
        if not consultation.organizations.filter(pk=party_id).exists():
            return _("this consultation is open to the listed organizations only")
    return None


def _in_phase(activity: str, message: Callable[[], str]) -> Callable:
    def rule(user, consultation) -> str | None:
        refused = _may_take_part(user, consultation)
        if refused:
            return refused
        today = timezone.localdate()
        if not core.allows(consultation.core_phases(), activity, today):
            return message()
        return None

    return rule


def _may_support(user, proposal) -> str | None:
    if proposal.state != "published":
        return _("this proposal no longer takes supports")
    refused = _in_phase("support", lambda: _("supports are taken only during the support phase"))(
        user, proposal.consultation
    )
    if refused:
        return refused
    # Support needs a verified account whatever the consultation's participation rule.
    if not is_verified(user):
        return _("confirm your e-mail address first: follow the link we sent you")
    return None


def _may_flag(user, target) -> str | None:
    return None if role_of(user) is not None else _("sign in to report content")


def _secretariat(message: Callable[[], str]) -> Callable:
    def rule(user, obj) -> str | None:
        return None if is_secretariat(user) else message()

    return rule


def _author_or_secretariat(user, proposal) -> str | None:
    if is_secretariat(user) or (proposal.author_id and proposal.author_id == user.pk):
        return None
    return _("only its author or the secretariat may withdraw a proposal")


RULES: dict[str, Callable] = {
    "create_proposal": _in_phase(
        "propose", lambda: _("proposals are taken only during the proposals phase")
    ),
    "comment": _in_phase("comment", lambda: _("the debate on this consultation is closed")),
    "vote_comment": lambda user, comment: _may_take_part(user, comment.proposal.consultation),
    "support_proposal": _may_support,
    "flag_content": _may_flag,
    "withdraw_proposal": _author_or_secretariat,
    "run_consultation": _secretariat(
        lambda: _("only the secretariat creates and runs consultations")
    ),
    "review_proposal": _secretariat(lambda: _("only the secretariat reviews proposals")),
    "moderate": _secretariat(lambda: _("only moderators may do this")),
    "manage_project": _secretariat(lambda: _("only the secretariat manages projects")),
}


def may_see(user, obj) -> bool:
    """Hidden proposals and comments stay visible to moderators and their own author."""
    if not obj.hidden:
        return True
    return is_secretariat(user) or (obj.author_id is not None and obj.author_id == user.pk)


def ensure_permission(user, action: str, obj=None) -> None:
    if obj is not None and hasattr(obj, "hidden") and not may_see(user, obj):
        raise NotFound(_("not found"))
    refused = RULES[action](user, obj)
    if refused:
        raise Forbidden(refused)


def allowed(user, action: str, obj=None) -> bool:
    try:
        ensure_permission(user, action, obj)
    except (Forbidden, NotFound):
        return False
    return True
