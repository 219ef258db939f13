"""Reminders before and after a due date, by e-mail to the party's members; each sent once."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Obligation, Reminder


def overdue(today: date | None = None):
    """Obligations past their due date with no report submitted for them."""
    today = today or timezone.localdate()
    return Obligation.objects.filter(fulfilled_by=None, due_on__lt=today).select_related(
        "item", "party"
    )


def do_send_reminders(
    today: date | None = None, *, days_before: int = 14, days_after: int = 1
) -> int:
    """Send the reminders due today; returns how many were sent."""
    today = today or timezone.localdate()
    open_obligations = Obligation.objects.filter(fulfilled_by=None).select_related("item", "party")
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
        recipients = sorted(u.email for u in _members(obligation) if u.email)
        if not recipients:
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(obligation=obligation, kind=kind, recipients=recipients)
                send_mail(
                    _subject(obligation, kind),
                    _body(obligation, kind),
                    settings.DEFAULT_FROM_EMAIL,
                    recipients,
                )
        except IntegrityError:
            continue  # already sent
        sent += 1
    return sent


def _members(obligation: Obligation):
    return [p.user for p in obligation.party.members.select_related("user") if p.user.is_active]


def _subject(obligation: Obligation, kind: str) -> str:
    if kind == Reminder.BEFORE:
        return f"Report due on {obligation.due_on:%Y-%m-%d}: {obligation.item.text[:60]}"
    return f"Report overdue since {obligation.due_on:%Y-%m-%d}: {obligation.item.text[:60]}"


def _body(obligation: Obligation, kind: str) -> str:
    when = "is due on" if kind == Reminder.BEFORE else "was due on"
    return (
        f"The implementation report of {obligation.party} on this {obligation.item.kind} "
        f"{when} {obligation.due_on:%Y-%m-%d}:\n\n{obligation.item.text}\n\n"
        "Please file it in followup (Reports, New report)."
    )
