"""Notices when a deadline opens, and the reminder command's petition deadlines."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from followup.petitions import actions
from followup.petitions.notices import do_send_deadline_reminders

from .conftest import file_request


def test_a_transmission_notifies_the_states_agents(people, django_capture_on_commit_callbacks):
    petition = file_request(people["ana"], token="n", kind="petition")
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_decide(people["registry"], petition.pk, "open_for_processing")
    assert [m.to for m in mail.outbox] == [["agent_co@example.org"]]
    due = petition.deadlines.get().due_on.isoformat()
    # Written in the language of the file (Spanish here).
    assert mail.outbox[0].subject == f"{petition.reference}: una respuesta vence el {due}"


def test_a_request_for_information_notifies_the_petitioner(
    people, django_capture_on_commit_callbacks
):
    petition = file_request(people["ana"], token="i", kind="petition")
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_decide(people["registry"], petition.pk, "request_information")
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]


def test_reminders_go_once_before_and_after_the_due_date_and_stop_when_answered(people):
    first = file_request(people["ana"], token="r1", kind="petition")
    second = file_request(people["ana"], token="r2", kind="petition")
    for petition in (first, second):
        actions.do_decide(people["registry"], petition.pk, "open_for_processing")
    actions.do_send_communication(people["agent_co"], second.pk, text="Observaciones del Estado.")
    due = first.deadlines.get().due_on
    assert do_send_deadline_reminders(due - timedelta(days=3)) == 1
    assert do_send_deadline_reminders(due - timedelta(days=2)) == 0
    assert do_send_deadline_reminders(due + timedelta(days=2)) == 1
    assert do_send_deadline_reminders(due + timedelta(days=5)) == 0
    assert [m.to for m in mail.outbox] == [["agent_co@example.org"], ["agent_co@example.org"]]
    assert all(first.reference in m.subject for m in mail.outbox)
    assert timezone.now().date() < due
