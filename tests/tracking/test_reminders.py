"""Due dates, the overdue list, and e-mail reminders before and after a due date, sent once."""

from datetime import date

import pytest
from click.testing import CliRunner
from django.core import mail

from followup.cli import main
from followup.tracking.actions import do_create_obligation
from followup.tracking.reminders import do_send_reminders, overdue

pytestmark = pytest.mark.django_db


@pytest.fixture
def obligation(people, items, parties):
    return do_create_obligation(
        people["analyst"],
        item_id=items["civil_registry"].pk,
        party_id=parties["HT"].pk,
        due_on=date(2025, 6, 30),
    )


def test_a_reminder_before_the_due_date_goes_to_the_states_focal_points_once(
    obligation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert do_send_reminders(date(2025, 6, 20), days_before=14) == 1
    [message] = mail.outbox
    assert message.to == ["haiti@example.org"]
    assert (
        message.subject
        == "Report due on 2025-06-30: Expand online civil registry services for rural areas."
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert do_send_reminders(date(2025, 6, 21), days_before=14) == 0
    assert len(mail.outbox) == 1


def test_a_missed_due_date_is_overdue_and_reminded_after_to_the_state_and_the_secretariat(
    obligation, django_capture_on_commit_callbacks
):
    assert list(overdue(date(2025, 7, 2))) == [obligation]
    with django_capture_on_commit_callbacks(execute=True):
        assert do_send_reminders(date(2025, 7, 2), days_after=1) == 1
    assert [(m.to, m.subject[:34]) for m in mail.outbox] == [
        (["analyst@example.org"], "Report overdue since 2025-06-30: E"),
        (["haiti@example.org"], "Report overdue since 2025-06-30: E"),
    ]


def test_a_submitted_report_ends_the_reminders(obligation, file_report):
    file_report(state="submitted")
    assert list(overdue(date(2025, 7, 2))) == []
    assert do_send_reminders(date(2025, 7, 2)) == 0


def test_the_overdue_page_is_for_analysts(obligation, people, client):
    client.force_login(people["haiti"])
    assert client.get("/overdue/").status_code == 403
    client.force_login(people["analyst"])
    assert "Haiti" in client.get("/overdue/").content.decode()


def test_the_command_sends_and_counts(obligation, monkeypatch):
    result = CliRunner().invoke(main, ["send-reminders", "--days-before", "10000"])
    assert "1 reminder(s) sent." in result.output


def test_only_analysts_set_due_dates(people, items, parties):
    from followup.errors import Forbidden

    with pytest.raises(Forbidden):
        do_create_obligation(
            people["haiti"],
            item_id=items["civil_registry"].pk,
            party_id=parties["HT"].pk,
            due_on=date(2025, 1, 1),
        )


def test_a_cycle_advances_once_per_period(people, items, parties, file_report):
    """Three reports by Haiti on one item for the same period fulfil the one obligation due;
    the cycle opens the next due date once, not three cycles ahead."""
    from followup.tracking.models import Obligation

    do_create_obligation(
        people["analyst"],
        item_id=items["civil_registry"].pk,
        party_id=parties["HT"].pk,
        due_on=date(2025, 6, 30),
        cycle_months=12,
    )
    first, second, third = (file_report(state="submitted") for _ in range(3))
    assert [
        (o.due_on.isoformat(), o.fulfilled_by_id)
        for o in Obligation.objects.filter(party=parties["HT"]).order_by("due_on")
    ] == [("2025-06-30", first.pk), ("2026-06-30", None)]
    assert second.state == third.state == "submitted"


def test_a_report_on_the_next_period_advances_the_cycle(people, items, parties, file_report):
    from followup.tracking.actions import do_create_report, do_transition_report
    from followup.tracking.models import Obligation

    do_create_obligation(
        people["analyst"],
        item_id=items["civil_registry"].pk,
        party_id=parties["HT"].pk,
        due_on=date(2025, 6, 30),
        cycle_months=12,
    )
    first = file_report(state="submitted")
    following = do_create_report(
        people["haiti"],
        party_id=parties["HT"].pk,
        item_ids=[items["civil_registry"].pk],
        period_start="2025-01-01",
        period_end="2025-12-31",
        compliance="total",
        narrative="All departments issue online birth certificates.",
    )
    do_transition_report(people["haiti"], following.pk, "submit")
    assert [
        (o.due_on.isoformat(), o.fulfilled_by_id)
        for o in Obligation.objects.filter(party=parties["HT"]).order_by("due_on")
    ] == [("2025-06-30", first.pk), ("2026-06-30", following.pk), ("2027-06-30", None)]
