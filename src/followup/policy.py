"""Who may do what: every access rule of followup, as named actions.

Pages, the API, the command line and the administration pages all ask one question,
``ensure_permission(user, action, obj)`` (after Datasette's ``default_actions`` and
``ensure_permission``). A refusal is a ``Forbidden`` (403) with a translated reason; an object
the user may not see is a ``NotFound`` (404) worded exactly as for a missing one, so no answer
reveals that a hidden report exists.

This module sits beside the apps, not inside one: it reads a user's role from
``user.profile`` and an object's fields by name, so ``corpus`` and ``tracking`` can both use it
and the data still flows one way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _

from .errors import Forbidden, NotFound

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
# The report states the rules speak of (tracking's Report.STATES) and the secretariat's party kind.
DRAFT, RETURNED, PUBLISHED = "draft", "returned", "published"
EDITABLE_STATES = (DRAFT, RETURNED)
SECRETARIAT = "secretariat"


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


# Filters: the same rules, as conditions on a queryset.


def visible_reports(user) -> Q:
    """Published reports for everyone; a party's members also see all of its own reports;
    analysts see every report once submitted, and the secretariat's drafts."""
    visible = Q(state=PUBLISHED)
    party_id = party_id_of(user)
    if party_id is not None:
        visible |= Q(party_id=party_id)
    if is_analyst(user):
        visible |= ~Q(state=DRAFT) | Q(party__kind=SECRETARIAT)
    return visible


def fileable_parties(user) -> Q:
    """The parties a user may file reports for: their own; the secretariat for analysts."""
    if is_analyst(user):
        return Q(kind=SECRETARIAT)
    party_id = party_id_of(user)
    return Q(pk=party_id) if party_id is not None else Q(pk__in=[])


# Rules: each returns None when the action is allowed, else the reason for a person.


def _everyone(user, obj) -> str | None:
    return None


def _analysts(what: Callable[[], str]) -> Callable:
    def rule(user, obj) -> str | None:
        return None if is_analyst(user) else what()

    return rule


def _signed_in(what: Callable[[], str]) -> Callable:
    def rule(user, obj) -> str | None:
        return None if role_of(user) is not None else what()

    return rule


def _may_file_for(user, party) -> str | None:
    if is_analyst(user) and party.kind == SECRETARIAT:
        return None
    if party_id_of(user) == party.pk:
        return None
    return _("party: you may not report for %(party)s") % {"party": party}


def _may_edit(user, report) -> str | None:
    refused = _may_file_for(user, report.party)
    if refused:
        return refused
    if report.state not in EDITABLE_STATES:
        return _("state: a %(state)s report can no longer be edited") % {"state": report.state}
    return None


def _may_see_history(user, report) -> str | None:
    if is_analyst(user) or party_id_of(user) == report.party_id:
        return None
    return _("only the reporting party and the secretariat see a report's history")


def _sees_report(user, report) -> bool:
    return type(report).objects.filter(visible_reports(user), pk=report.pk).exists()


def _reviewers_only() -> str:
    return _("only secretariat analysts may review, validate and publish reports")


@dataclass(frozen=True)
class Action:
    name: str
    description: str
    rule: Callable
    # For actions on a report: a report the user may not see answers 404, like a missing one.
    on_report: bool = False


ACTIONS = {
    action.name: action
    for action in (
        Action("view_report", "read a report", _everyone, on_report=True),
        Action("view_report_history", "read who changed a report", _may_see_history, True),
        Action("view_evidence", "download a report's evidence", _everyone, on_report=True),
        Action("create_report", "file a report for a party (obj: the party)", _may_file_for),
        Action("edit_report", "change a draft or returned report, add evidence", _may_edit, True),
        Action(
            "submit_report",
            "submit a report for review",
            lambda user, report: _may_file_for(user, report.party),
            True,
        ),
        Action("return_report", "return a report with comments", _analysts(_reviewers_only), True),
        Action("validate_report", "validate a submitted report", _analysts(_reviewers_only), True),
        Action("publish_report", "publish a validated report", _analysts(_reviewers_only), True),
        Action(
            "manage_obligations",
            "set and list due dates",
            _analysts(lambda: _("only secretariat analysts set and follow due dates")),
        ),
        Action(
            "import_items",
            "import mandates and recommendations with their statuses",
            _analysts(lambda: _("only secretariat analysts import")),
        ),
        Action(
            "ingest_documents",
            "ingest documents",
            _analysts(lambda: _("only secretariat analysts ingest documents")),
        ),
        Action(
            "edit_item",
            "correct an extracted item",
            _analysts(lambda: _("only secretariat analysts correct items")),
        ),
        Action(
            "decide_link",
            "confirm or reject implementation evidence",
            _analysts(
                lambda: _("only secretariat analysts confirm or reject implementation evidence")
            ),
        ),
        Action("view_public_data", "read documents, items, published reports", _everyone),
        Action(
            "follow",
            "follow items, countries and instruments, and choose what one is told",
            _signed_in(lambda: _("sign in to follow items, countries and instruments")),
        ),
        Action(
            # Only one's own: the lookup (tracking.notify.actions.access_notification) is
            # narrowed to the user's notifications, so another's is not found.
            "read_notifications",
            "read one's own notifications and mark them read",
            _signed_in(lambda: _("sign in to read your notifications")),
        ),
    )
}


def allowed(user, action: str, obj=None) -> bool:
    try:
        ensure_permission(user, action, obj)
    except (Forbidden, NotFound):
        return False
    return True


def ensure_permission(user, action: str, obj=None) -> None:
    """Raise NotFound or Forbidden unless ``user`` may do ``action`` (to ``obj``)."""
    spec = ACTIONS[action]  # an unknown name is a programming error: KeyError
    if spec.on_report and (obj is None or not _sees_report(user, obj)):
        raise NotFound(_("report: not found"))
    refused = spec.rule(user, obj)
    if refused:
        raise Forbidden(refused)


def access_report(user, report_id: int, action: str = "view_report", reports=None):
    """The report, if ``user`` may do ``action`` to it; NotFound for a missing or hidden one.
    ``reports`` narrows or locks the lookup (e.g. ``select_for_update()``)."""
    if reports is None:  # looked up by name: this module imports no app
        reports = apps.get_model("tracking", "Report").objects.all()
    report = reports.filter(pk=report_id).first() if _is_int(report_id) else None
    ensure_permission(user, action, report)
    return report


def _is_int(value) -> bool:
    return isinstance(value, int) and -(2**63) <= value < 2**63
