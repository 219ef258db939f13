"""Reminders before and after a due date: the events ``due_soon`` and ``overdue`` of the
notifications (``tracking.notify``), each sent once per obligation."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Obligation, Reminder
from .notify import events
from .notify import kinds as notice
from .notify.delivery import emit

EVENT_OF = {Reminder.BEFORE: notice.DUE_SOON, Reminder.AFTER: notice.OVERDUE}


def overdue(today: date | None = None):
    """Obligations past their due date with no report submitted for them."""
    today = today or timezone.localdate()
    return Obligation.objects.filter(fulfilled_by=None, due_on__lt=today).select_related(
        "item", "party"
    )


def do_send_reminders(
    today: date | None = None, *, days_before: int = 14, days_after: int = 1
) -> int:
    """Send the reminders due today; returns how many were sent. A reminder with nobody to
    tell (a party without members yet) waits for a later day."""
    today = today or timezone.localdate()
    open_obligations = Obligation.objects.filter(fulfilled_by=None).select_related(
        "item", "party__country"
    )
    due = [
        (o, Reminder.BEFORE)
        for o in open_obligations.filter(
            due_on__gte=today, due_on__lte=today + timedelta(days=days_before)
        )
    ] + [
        (o, Reminder.AFTER)
        for o in open_obligations.filter(due_on__lte=today - timedelta(days=days_after))
    ]
    sent = 0
    for obligation, kind in due:
        told = events.recipients(EVENT_OF[kind], {"obligation": obligation})
        if not told:
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    obligation=obligation,
                    kind=kind,
                    recipients=sorted(u.email for u in told if u.email),
                )
                emit(EVENT_OF[kind], obligation=obligation)
        except IntegrityError:
            continue  # already sent
        sent += 1
    return sent
