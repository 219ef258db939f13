"""The events people can be told of, by name, and the channels that tell them.

Names are stored (in notifications and in people's choices): never rename one."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

REPORT_SUBMITTED = "report_submitted"
REPORT_RETURNED = "report_returned"
REPORT_VALIDATED = "report_validated"
REPORT_PUBLISHED = "report_published"
OBLIGATION_CREATED = "obligation_created"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
ACCOUNT_ACTIVATED = "account_activated"

EVENTS = [
    (REPORT_SUBMITTED, _("A report is submitted for review")),
    (REPORT_RETURNED, _("A report is returned with comments")),
    (REPORT_VALIDATED, _("A report is validated")),
    (REPORT_PUBLISHED, _("A report is published")),
    (OBLIGATION_CREATED, _("A new reporting obligation")),
    (DUE_SOON, _("A report is due soon")),
    (OVERDUE, _("A report is overdue")),
    (ACCOUNT_ACTIVATED, _("My account is activated")),
]
EVENT_NAMES = [name for name, _label in EVENTS]
# Messages about one's account, by e-mail only and always sent (nobody opts out of them).
EMAIL_VERIFICATION = "email_verification"
NAME_TAKEN = "name_taken"
ACCOUNT_MESSAGES = [EMAIL_VERIFICATION, NAME_TAKEN]

# The workflow's transitions (tracking.actions.TRANSITIONS) and the event each one is.
TRANSITION_EVENTS = {
    "submit": REPORT_SUBMITTED,
    "return": REPORT_RETURNED,
    "validate": REPORT_VALIDATED,
    "publish": REPORT_PUBLISHED,
}

EMAIL, IN_APP = "email", "in_app"
CHANNELS = [(EMAIL, _("E-mail")), (IN_APP, _("In the site"))]
