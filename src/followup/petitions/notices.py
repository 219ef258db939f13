"""Notices to the parties: a deadline opened (a transmission, a request for information) and
reminders before and after it falls due, each reminder sent once, by Django's mail backend."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import Assignment, Deadline, DeadlineReminder


def recipients(deadline: Deadline) -> list[str]:
    """The petitioner's account, or the agents of the State concerned."""
    petition = deadline.petition
    if deadline.party == "petitioner":
        users = [petition.petitioner.user]
    else:
        users = get_user_model().objects.filter(
            petition_assignments__role=Assignment.STATE_AGENT,
            petition_assignments__country_id=petition.state_id,
            is_active=True,
        )
    return sorted({u.email for u in users if u.email})


def _message(deadline: Deadline, kind: str) -> tuple[str, str]:
    petition = deadline.petition
    values = {"reference": petition.reference, "date": deadline.due_on.isoformat()}
    with override(petition.language):
        if kind == "opened":
            subject = _("%(reference)s: a response is due by %(date)s") % values
        elif kind == DeadlineReminder.BEFORE:
            subject = _("%(reference)s: reminder, a response is due by %(date)s") % values
        else:
            subject = _("%(reference)s: the response due by %(date)s has not arrived") % values
        body = _("Sign in to followup and open the file %(reference)s to respond.") % values
    return subject, body


def notify_deadline(deadline: Deadline) -> None:
    to = recipients(deadline)
    if to:
        send_mail(*_message(deadline, "opened"), settings.DEFAULT_FROM_EMAIL, to)


def do_send_deadline_reminders(
    today: date | None = None, *, days_before: int = 14, days_after: int = 1
) -> int:
    """Remind the parties of responses due soon or overdue; returns how many were sent."""
    today = today or timezone.localdate()
    open_deadlines = Deadline.objects.filter(met_at=None).select_related(
        "petition", "petition__petitioner__user"
    )
    due = [
        (d, DeadlineReminder.BEFORE)
        for d in open_deadlines.filter(
            due_on__gte=today, due_on__lte=today + timedelta(days=days_before)
        )
    ]
    due += [
        (d, DeadlineReminder.AFTER)
        for d in open_deadlines.filter(due_on__lte=today - timedelta(days=days_after))
    ]
    sent = 0
    for deadline, kind in due:
        to = recipients(deadline)
        if not to:
            continue
        try:
            with transaction.atomic():
                DeadlineReminder.objects.create(deadline=deadline, kind=kind, recipients=to)
                send_mail(*_message(deadline, kind), settings.DEFAULT_FROM_EMAIL, to)
        except IntegrityError:
            continue  # already sent
        sent += 1
    return sent
