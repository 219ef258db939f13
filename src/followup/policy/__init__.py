"""Who may do what: every access rule of followup, as named actions in one registry.

Pages, the API, the command line and the administration pages all ask one question,
``ensure_permission(user, action, obj)`` (or ``allowed``, its yes/no form), after Datasette's
``default_actions`` and ``ensure_permission``. A refusal is a ``Forbidden`` (403) with a
translated reason; an object the user may not see is a ``NotFound`` (404) worded exactly as for
a missing one, so that no answer reveals that a hidden report, proposal or file exists.

The rules of each part are listed in its own module here (``tracking`` also holds the corpus
and the administration pages, ``consult``, ``measures``, ``petitions``); ``ACTIONS`` is the one
registry of them all. The policy sits beside the apps, not inside one: it reads a user's role
from ``user.profile`` and looks models up by name, so every app can use it and the data still
flows one way.
"""

from __future__ import annotations

from . import consult, measures, petitions, tracking
from .base import (
    ACTIONS,
    ADMINISTRATOR,
    ANALYST,
    FOCAL_POINT,
    ORGANIZATION_MEMBER,
    PARTY_ROLES,
    PUBLIC,
    SECRETARIAT_ROLES,
    Action,
    allowed,
    ensure_permission,
    is_analyst,
    is_verified,
    party_id_of,
    register,
    role_of,
)
from .tracking import access_report, fileable_parties, visible_reports

for _part in (tracking, consult, measures, petitions):
    register(*_part.ACTIONS)

__all__ = [
    "ACTIONS",
    "ADMINISTRATOR",
    "ANALYST",
    "FOCAL_POINT",
    "ORGANIZATION_MEMBER",
    "PARTY_ROLES",
    "PUBLIC",
    "SECRETARIAT_ROLES",
    "Action",
    "access_report",
    "allowed",
    "ensure_permission",
    "fileable_parties",
    "is_analyst",
    "is_verified",
    "party_id_of",
    "role_of",
    "visible_reports",
]
