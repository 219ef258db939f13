"""A report's history speaks in words: what each person did, and what changed, translated."""

import pytest
from django.utils import translation

from followup.tracking.actions import (
    do_add_evidence,
    do_add_link,
    do_transition_report,
    do_update_report,
)
from followup.tracking.history import describe
from tests.web.pages import texts

pytestmark = pytest.mark.django_db


def test_the_history_of_a_report_reads_as_sentences(client, people, file_report, items):
    report = file_report(state="draft")
    haiti = people["haiti"]
    do_update_report(
        haiti,
        report.pk,
        version=report.version,
        compliance="partial_substantial",
        item_ids=[items["civil_registry"].pk, items["whistleblowers"].pk],
    )
    do_add_evidence(haiti, report.pk, name="decree.txt", data=b"Decree 12/2024")
    do_add_link(haiti, report.pk, url="https://example.org/decree")
    do_transition_report(haiti, report.pk, "submit")
    do_transition_report(people["analyst"], report.pk, "return", comment="Name the departments.")
    client.force_login(haiti)
    page = client.get(f"/reports/{report.pk}/")
    lines = [line.split(" · ", 1)[1] for line in texts(page, "ol.history > li")]
    assert lines == [
        "haiti created the report "
        "Start of the period: 2024-01-01 End of the period: 2024-12-31 "
        "Status: Partial compliance "
        "Narrative: Online birth certificates are available in 6 of 10 departments. "
        "Language of the report: English",
        "haiti edited the report "
        "Status changed from Partial compliance to Partial substantial compliance "
        f"Items: added {items['whistleblowers'].pk}",
        "haiti added the evidence file decree.txt",
        "haiti added the link https://example.org/decree",
        "haiti submitted the report to the secretariat",
        "analyst returned the report with comments: “Name the departments.”",
    ]
    html = page.content.decode()
    for internal in ("partial_substantial", "evidence_added", "['draft', 'submitted']", "state:"):
        assert internal not in html


def test_the_history_is_in_the_readers_language():
    with translation.override("es"):
        described = describe("edited", {"compliance": ["partial", "total"]})
    [detail] = described.details
    assert "Cumplimiento parcial" in detail
    assert "Cumplimiento total" in detail


def test_an_action_the_history_does_not_know_still_reads_as_words():
    described = describe("evidence_removed", {"file": "old.pdf"})
    assert (described.summary, described.details) == ("removed the evidence file old.pdf", [])
    described = describe("reopened_by_admin", {"state": ["published", "draft"]})
    assert (described.summary, described.details) == (
        "changed the report (reopened by admin)",
        [],
    )
