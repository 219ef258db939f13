"""What every rule of the policy reads: a user's role, party and address check, and the shape
of a named action. Nothing here imports an app: roles come from ``user.profile`` and objects
are read by field name, so the policy sits under every app and the data still flows one way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from followup.errors import Forbidden, NotFound

# Roles, stored in tracking's Profile.role.
ADMINISTRATOR, ANALYST, FOCAL_POINT, ORGANIZATION_MEMBER, PUBLIC = (
    "administrator",
    "analyst",
    "focal_point",
    "organization_member",
    "public",
)
SECRETARIAT_ROLES = (ANALYST, ADMINISTRATOR)
PARTY_ROLES = (FOCAL_POINT, ORGANIZATION_MEMBER)

# A rule answers None when the action is allowed, else the reason, for a person.
Rule = Callable[[Any, Any], "str | None"]


@dataclass(frozen=True)
class Action:
    """One thing a user may be allowed to do, e.g. ``edit_report``.

    ``rule(user, obj)`` gives the reason for a refusal (403). ``sees(user, obj)``, for actions
    on objects some users may not see, is False for a hidden or missing one: the answer is then
    a 404 with ``missing()``, the very words used for an object that does not exist."""

    name: str
    description: str
    rule: Rule
    sees: Callable[[Any, Any], bool] | None = None
    missing: Callable[[], str] = lambda: _("not found")


# The one registry: every named action of every app, filled by ``followup.policy``.
ACTIONS: dict[str, Action] = {}


def register(*actions: Action) -> None:
    for action in actions:
        if action.name in ACTIONS:
            raise ValueError(f"two actions are named {action.name!r}")
        ACTIONS[action.name] = action


def ensure_permission(user, action: str, obj=None) -> None:
    """Raise NotFound or Forbidden unless ``user`` may do ``action`` (to ``obj``)."""
    spec = ACTIONS[action]  # an unknown name is a programming error: KeyError
    if spec.sees is not None and not spec.sees(user, obj):
        raise NotFound(spec.missing())
    refused = spec.rule(user, obj)
    if refused:
        raise Forbidden(refused)


def allowed(user, action: str, obj=None) -> bool:
    try:
        ensure_permission(user, action, obj)
    except (Forbidden, NotFound):
        return False
    return True


def role_of(user) -> str | None:
    """None for anonymous and deactivated accounts: they have the rights of the public web."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ADMINISTRATOR
    profile = getattr(user, "profile", None)
    if profile is None or not profile.email_verified:
        return PUBLIC  # an address not yet confirmed may read, nothing more
    return profile.role


def party_id_of(user) -> int | None:
    if role_of(user) not in PARTY_ROLES:
        return None
    return user.profile.party_id


def is_analyst(user) -> bool:
    return role_of(user) in SECRETARIAT_ROLES


def is_verified(user) -> bool:
    """A signed-in account whose e-mail address was confirmed through its signed link (accounts
    made by an administrator are confirmed from the start)."""
    if role_of(user) is None:
        return False
    profile = getattr(user, "profile", None)
    return user.is_superuser or bool(profile and profile.email_verified)


def everyone(user, obj) -> str | None:
    return None


def analysts(message: Callable[[], str]) -> Rule:
    """A rule for the secretariat's analysts (and administrators) only."""

    def rule(user, obj) -> str | None:
        return None if is_analyst(user) else message()

    return rule


def administrators(message: Callable[[], str]) -> Rule:
    def rule(user, obj) -> str | None:
        return None if role_of(user) == ADMINISTRATOR else message()

    return rule


def confirm_your_address() -> str:
    return _("confirm your e-mail address first: follow the link we sent you")
