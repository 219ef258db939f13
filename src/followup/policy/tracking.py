"""Reports, items, links, imports and the administration pages: the secretariat's platform.

A report is seen by everyone once published, by its own party always, and by analysts once
submitted (and the secretariat's drafts); one a user may not see answers ``report: not found``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _

from .base import (
    Action,
    administrators,
    analysts,
    ensure_permission,
    everyone,
    is_analyst,
    party_id_of,
    role_of,
)

# The report states the rules speak of (tracking's Report.STATES) and the secretariat's party kind.
DRAFT, RETURNED, PUBLISHED = "draft", "returned", "published"
EDITABLE_STATES = (DRAFT, RETURNED)
SECRETARIAT = "secretariat"


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


def access_report(user, report_id: int, action: str = "view_report", reports=None):
    """The report, if ``user`` may do ``action`` to it; NotFound for a missing or hidden one.
    ``reports`` narrows or locks the lookup (e.g. ``select_for_update()``)."""
    if reports is None:  # looked up by name: the policy imports no app
        reports = apps.get_model("tracking", "Report").objects.all()
    report = reports.filter(pk=report_id).first() if _is_int(report_id) else None
    ensure_permission(user, action, report)
    return report


def _is_int(value) -> bool:
    return isinstance(value, int) and -(2**63) <= value < 2**63


# Rules.


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
    return report is not None and (
        type(report).objects.filter(visible_reports(user), pk=report.pk).exists()
    )


def _missing_report() -> str:
    return _("report: not found")


def _reviewers_only() -> str:
    return _("only secretariat analysts may review, validate and publish reports")


def _on_report(name: str, description: str, rule) -> Action:
    return Action(name, description, rule, sees=_sees_report, missing=_missing_report)


def _signed_in(message) -> Callable:
    def rule(user, obj) -> str | None:
        return None if role_of(user) is not None else message()

    return rule


def _opens_admin(user, obj) -> str | None:
    if is_analyst(user) or (user is not None and user.is_active and user.is_staff):
        return None
    return _("only the secretariat uses the administration pages")


ACTIONS = (
    _on_report("view_report", "read a report", everyone),
    _on_report("view_report_history", "read who changed a report", _may_see_history),
    _on_report("view_evidence", "download a report's evidence", everyone),
    Action("create_report", "file a report for a party (obj: the party)", _may_file_for),
    _on_report("edit_report", "change a draft or returned report, add evidence", _may_edit),
    _on_report(
        "submit_report",
        "submit a report for review",
        lambda user, report: _may_file_for(user, report.party),
    ),
    _on_report(
        "withdraw_report",
        "take back a submitted report, before the secretariat reviews it",
        lambda user, report: _may_file_for(user, report.party),
    ),
    _on_report(
        "remove_evidence", "remove a file of evidence from a draft or returned report", _may_edit
    ),
    _on_report("return_report", "return a report with comments", analysts(_reviewers_only)),
    _on_report("validate_report", "validate a submitted report", analysts(_reviewers_only)),
    _on_report("publish_report", "publish a validated report", analysts(_reviewers_only)),
    Action(
        "manage_obligations",
        "set and list due dates",
        analysts(lambda: _("only secretariat analysts set and follow due dates")),
    ),
    Action(
        "schedule_reporting",
        "turn an item's deadline and reporting into a due date",
        analysts(lambda: _("only secretariat analysts set and follow due dates")),
    ),
    Action(
        "import_items",
        "import mandates and recommendations with their statuses",
        analysts(lambda: _("only secretariat analysts import")),
    ),
    # corpus
    Action(
        "edit_item",
        "correct an extracted item (on its page or in the administration's item editor)",
        analysts(lambda: _("only secretariat analysts correct items")),
    ),
    Action(
        "decide_link",
        "confirm or reject implementation evidence",
        analysts(lambda: _("only secretariat analysts confirm or reject implementation evidence")),
    ),
    Action(
        "ingest_documents",
        "upload documents to be read, extracted and indexed",
        analysts(lambda: _("only secretariat analysts ingest documents")),
    ),
    Action(
        "review_labels",
        "confirm or reject the classification labels given by the machine",
        analysts(lambda: _("only secretariat analysts confirm or reject labels")),
    ),
    # notifications
    Action(
        "follow",
        "follow items, countries and instruments, and choose what one is told",
        _signed_in(lambda: _("sign in to follow items, countries and instruments")),
    ),
    Action(
        # Only one's own: the lookup (tracking.notify.actions.access_notification) is narrowed
        # to the user's notifications, so another's is not found.
        "read_notifications",
        "read one's own notifications and mark them read",
        _signed_in(lambda: _("sign in to read your notifications")),
    ),
    # the administration pages
    Action("open_admin", "open the administration pages", _opens_admin),
    Action(
        "manage_accounts",
        "create, change and deactivate accounts and their roles",
        administrators(lambda: _("only administrators manage accounts")),
    ),
)
