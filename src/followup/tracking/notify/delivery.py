"""Events are delivered after the transaction that caused them commits: nobody is told of a
change that was rolled back, and the request does not wait for the mail server."""

from __future__ import annotations

from django.db import transaction

from .kinds import ACCOUNT_MESSAGES, EVENT_NAMES


def emit(event: str, *, actor=None, **objects) -> None:
    """Tell the people concerned by ``event`` once the current transaction commits (at once
    outside a transaction). ``objects`` names what it carries: report=, obligation= or
    account= (a model instance), or registrant= (a dict of e-mail, user name and language)."""
    if event not in EVENT_NAMES and event not in ACCOUNT_MESSAGES:
        raise ValueError(f"unknown event {event!r}")  # a programming error
    payload = {
        "event": event,
        "actor": getattr(actor, "pk", None),
        "objects": {
            name: dict(value) if isinstance(value, dict) else value.pk
            for name, value in objects.items()
        },
    }
    # Robust: a delivery that fails is logged; it never turns the committed change into an error.
    transaction.on_commit(lambda: dispatch(payload), robust=True)


def dispatch(payload: dict) -> None:
    """Through the job queue when there is one (a worker delivers), else here and now."""
    from followup import jobs
    from followup.corpus.models import Job

    if jobs.uses_queue():
        jobs.submit(Job.NOTIFY, payload)
        return
    from .actions import do_deliver

    do_deliver(payload)
