"""The report workflow: draft, submitted, returned or validated, published; with its history."""

import pytest

from followup.errors import Forbidden
from followup.tracking.actions import (
    InvalidInput,
    StaleEdit,
    do_create_obligation,
    do_create_report,
    do_transition_report,
    do_update_report,
)
from followup.tracking.models import ItemStatus, Obligation

pytestmark = pytest.mark.django_db


def test_a_report_goes_from_draft_to_published_and_every_step_is_kept(file_report, people):
    report = file_report()
    assert report.state == "draft"
    report = do_transition_report(people["haiti"], report.pk, "submit")
    report = do_transition_report(
        people["analyst"], report.pk, "return", comment="Say which departments."
    )
    assert (report.state, report.review_comment) == ("returned", "Say which departments.")
    report = do_update_report(
        people["haiti"], report.pk, version=report.version, narrative="6 of 10: Nord, Sud, ..."
    )
    for user, action in [("haiti", "submit"), ("analyst", "validate"), ("analyst", "publish")]:
        report = do_transition_report(people[user], report.pk, action)
    assert report.state == "published"
    assert report.published_at
    events = list(report.events.values_list("user__username", "action"))
    assert events == [
        ("haiti", "created"),
        ("haiti", "submit"),
        ("analyst", "return"),
        ("haiti", "edited"),
        ("haiti", "submit"),
        ("analyst", "validate"),
        ("analyst", "publish"),
    ]
    edit = report.events.get(action="edited")
    assert edit.changes == {
        "narrative": [
            "Online birth certificates are available in 6 of 10 departments.",
            "6 of 10: Nord, Sud, ...",
        ]
    }
    assert report.events.get(action="return").comment == "Say which departments."


def test_publishing_makes_the_report_the_items_latest_status(file_report, items, parties):
    older = file_report(state="published", compliance="pending")
    newer = file_report(state="published", compliance="total")
    status = ItemStatus.objects.get(item=items["civil_registry"], party=parties["HT"])
    assert (status.compliance, status.report) == ("total", newer)
    assert older.compliance == "pending"


@pytest.mark.parametrize(
    ("state", "action", "user", "party"),
    [
        # analysts see only the secretariat's own drafts
        ("draft", "publish", "analyst", "secretariat"),
        ("draft", "validate", "analyst", "secretariat"),
        ("submitted", "publish", "analyst", "HT"),
        ("published", "submit", "haiti", "HT"),
        ("published", "validate", "analyst", "HT"),
    ],
)
def test_a_transition_out_of_order_is_refused(file_report, people, state, action, user, party):
    filer = "analyst" if party == "secretariat" else "haiti"
    report = file_report(user=filer, party=party, state=state)
    with pytest.raises(InvalidInput, match=r"state: a .* report cannot be"):
        do_transition_report(people[user], report.pk, action)
    report.refresh_from_db()
    assert report.state == state


def test_a_published_report_cannot_be_edited(file_report, people):
    report = file_report(state="published")
    with pytest.raises(Forbidden, match="state: a published report can no longer be edited"):
        do_update_report(people["haiti"], report.pk, version=report.version, narrative="changed")


def test_returning_needs_a_comment(file_report, people):
    report = file_report(state="submitted")
    with pytest.raises(InvalidInput, match="comment"):
        do_transition_report(people["analyst"], report.pk, "return", comment=" ")


def test_a_stale_edit_is_refused_and_changes_nothing(file_report, people):
    report = file_report()
    seen = report.version
    do_update_report(people["haiti"], report.pk, version=seen, compliance="total")
    with pytest.raises(StaleEdit, match="changed by someone else"):
        do_update_report(people["haiti"], report.pk, version=seen, compliance="pending")
    report.refresh_from_db()
    assert report.compliance == "total"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"item_ids": [999999]}, "items"),
        ({"item_ids": []}, "items"),
        ({"party_id": 999999}, "party"),
        ({"compliance": "done"}, "compliance"),
        ({"period_start": "2024-13-01"}, "period_start"),
        ({"period_end": "2023-01-01"}, "period_end"),
        ({"narrative": ""}, "narrative"),
    ],
)
def test_bad_report_input_names_the_field(people, items, parties, change, field):
    values = {
        "party_id": parties["HT"].pk,
        "item_ids": [items["civil_registry"].pk],
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "compliance": "partial",
        "narrative": "x",
    }
    with pytest.raises(InvalidInput) as raised:
        do_create_report(people["haiti"], **{**values, **change})
    assert raised.value.field == field


def test_an_item_that_is_not_a_mandate_or_recommendation_is_refused(people, items, parties):
    figure = (
        items["civil_registry"]
        .document.items.exclude(kind__in=["mandate", "recommendation"])
        .first()
    )
    values = {
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "compliance": "partial",
        "narrative": "x",
    }
    with pytest.raises(InvalidInput, match="items: no mandate or recommendation"):
        do_create_report(people["haiti"], party_id=parties["HT"].pk, item_ids=[figure.pk], **values)


def test_a_report_on_several_items(people, items, parties):
    report = do_create_report(
        people["haiti"],
        party_id=parties["HT"].pk,
        item_ids=[items["civil_registry"].pk, items["whistleblowers"].pk],
        period_start="2024-01-01",
        period_end="2024-06-30",
        compliance="pending",
        narrative="Both are pending.",
    )
    assert report.items.count() == 2


def test_submitting_fulfils_the_obligation_and_opens_the_next_cycle(
    file_report, people, items, parties
):
    from datetime import date

    obligation = do_create_obligation(
        people["analyst"],
        item_id=items["civil_registry"].pk,
        party_id=parties["HT"].pk,
        due_on=date(2025, 1, 31),
        cycle_months=12,
    )
    report = file_report(state="submitted")
    obligation.refresh_from_db()
    assert obligation.fulfilled_by == report
    assert Obligation.objects.get(fulfilled_by=None).due_on == date(2026, 1, 31)


def test_a_submitted_report_can_be_withdrawn_before_review_and_becomes_a_draft(file_report, people):
    report = file_report(state="submitted")
    report = do_transition_report(people["haiti"], report.pk, "withdraw")
    assert report.state == "draft"
    event = report.events.last()
    assert (event.user, event.action, event.changes) == (
        people["haiti"],
        "withdraw",
        {"state": ["submitted", "draft"]},
    )
    report = do_update_report(people["haiti"], report.pk, version=report.version, narrative="New")
    assert report.narrative == "New"


@pytest.mark.parametrize("state", ["draft", "validated", "published"])
def test_only_a_report_awaiting_review_can_be_withdrawn(file_report, people, state):
    report = file_report(state=state)
    with pytest.raises(InvalidInput, match=f"state: a {state} report cannot be withdrawn"):
        do_transition_report(people["haiti"], report.pk, "withdraw")
    report.refresh_from_db()
    assert report.state == state


def test_only_the_filing_party_withdraws(file_report, people):
    from followup.errors import NotFound

    report = file_report(state="submitted")
    with pytest.raises(Forbidden, match="you may not report for Haiti"):
        do_transition_report(people["analyst"], report.pk, "withdraw")
    with pytest.raises(NotFound, match="report: not found"):
        do_transition_report(people["mexico"], report.pk, "withdraw")
    report.refresh_from_db()
    assert report.state == "submitted"


def test_withdrawing_reopens_the_due_date_the_submission_fulfilled(
    file_report, people, items, parties
):
    from datetime import date

    obligation = do_create_obligation(
        people["analyst"],
        item_id=items["civil_registry"].pk,
        party_id=parties["HT"].pk,
        due_on=date(2025, 1, 31),
        cycle_months=12,
    )
    report = file_report(state="submitted")
    do_transition_report(people["haiti"], report.pk, "withdraw")
    assert list(Obligation.objects.values_list("pk", "due_on", "fulfilled_by")) == [
        (obligation.pk, date(2025, 1, 31), None)
    ]
    do_transition_report(people["haiti"], report.pk, "submit")
    assert list(Obligation.objects.values_list("due_on", "fulfilled_by")) == [
        (date(2025, 1, 31), report.pk),
        (date(2026, 1, 31), None),
    ]


def test_evidence_is_removed_from_a_draft_with_its_file_and_the_history_keeps_it(
    file_report, people, django_capture_on_commit_callbacks
):
    from followup.tracking.actions import do_add_evidence, do_remove_evidence
    from followup.tracking.models import Evidence

    report = file_report()
    evidence = do_add_evidence(people["haiti"], report.pk, name="decree.pdf", data=b"%PDF-1.4")
    path = evidence.file.path
    with django_capture_on_commit_callbacks(execute=True):
        do_remove_evidence(people["haiti"], report.pk, evidence.pk)
    assert not Evidence.objects.exists()
    import os

    assert not os.path.exists(path)
    event = report.events.last()
    assert (event.action, event.changes) == (
        "evidence_removed",
        {"file": "decree.pdf", "sha256": evidence.sha256},
    )


def test_evidence_stays_once_the_report_is_submitted_or_when_another_asks(file_report, people):
    from followup.errors import NotFound
    from followup.tracking.actions import do_add_evidence, do_remove_evidence
    from followup.tracking.models import Evidence

    report = file_report()
    evidence = do_add_evidence(people["haiti"], report.pk, name="decree.pdf", data=b"%PDF-1.4")
    with pytest.raises(NotFound, match="report: not found"):
        do_remove_evidence(people["mexico"], report.pk, evidence.pk)
    with pytest.raises(NotFound, match="evidence: not found"):
        do_remove_evidence(people["haiti"], report.pk, evidence.pk + 1)
    do_transition_report(people["haiti"], report.pk, "submit")
    with pytest.raises(Forbidden, match="a submitted report can no longer be edited"):
        do_remove_evidence(people["haiti"], report.pk, evidence.pk)
    assert Evidence.objects.get() == evidence


def test_the_api_withdraws_a_submitted_report(file_report, people, client):
    report = file_report(state="submitted")
    client.force_login(people["haiti"])
    response = client.post(f"/api/reports/{report.pk}/withdraw", content_type="application/json")
    assert (response.status_code, response.json()["state"]) == (200, "draft")
