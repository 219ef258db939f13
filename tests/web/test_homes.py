"""The home page of each role: the secretariat's queue, a party's desk, the public home; and
the counts beside the menu's entries."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.text import Truncator

from followup.corpus.actions import do_ingest_file
from followup.corpus.models import IngestFailure
from followup.tracking.actions import do_create_obligation, do_transition_report
from followup.tracking.models import Profile
from followup.tracking.queues import menu_counts
from tests.tracking.conftest import make_user

from .pages import links, texts

pytestmark = pytest.mark.django_db

REGISTRY = "Expand online civil registry services for rural areas."
WHISTLEBLOWERS = "Protect persons who report acts of corruption."


def _today():
    return timezone.localdate()


@pytest.fixture
def workload(file_report, people, parties, items):
    """Haiti: a draft, a submitted and a returned report; an overdue obligation for Mexico, one
    due soon and one later for Haiti."""
    draft = file_report(state="draft")
    submitted = file_report(state="submitted", item="whistleblowers", compliance="total")
    returned = file_report(state="submitted", compliance="pending")
    do_transition_report(people["analyst"], returned.pk, "return", comment="Add the decree.")
    today = _today()
    analyst = people["analyst"]
    do_create_obligation(
        analyst,
        item_id=items["whistleblowers"].pk,
        party_id=parties["MX"].pk,
        due_on=today - timedelta(days=10),
    )
    do_create_obligation(
        analyst,
        item_id=items["recommendation"].pk,
        party_id=parties["HT"].pk,
        due_on=today + timedelta(days=5),
    )
    do_create_obligation(
        analyst,
        item_id=items["civil_registry"].pk,
        party_id=parties["HT"].pk,
        due_on=today + timedelta(days=90),
    )
    return {"draft": draft, "submitted": submitted, "returned": returned}


def test_the_analyst_sees_the_queue_of_the_secretariat(client, people, workload, tmp_path):
    bad = tmp_path / "virus.exe"
    bad.write_bytes(b"MZ")
    do_ingest_file(bad)
    client.force_login(people["analyst"])
    page = client.get("/")
    assert page.status_code == 200
    assert texts(page, "h1") == ["The secretariat's queue"]
    today = f"{_today():%Y-%m-%d}"
    assert texts(page, "#submitted tbody tr") == [
        f"Haiti {WHISTLEBLOWERS} 2024-01-01 – 2024-12-31 Total compliance {today}"
    ]
    assert links(page, "#submitted tbody a") == [f"/reports/{workload['submitted'].pk}/"]
    overdue_on = f"{_today() - timedelta(days=10):%Y-%m-%d}"
    assert texts(page, "#overdue tbody tr") == [f"Mexico {overdue_on} {WHISTLEBLOWERS}"]
    assert texts(page, ".headline li")[:2] == ["1 reports to review", "1 overdue obligations"]
    [document_line, labels_line, evidence_line] = texts(page, "#review li")
    assert document_line.endswith(f"3 new mandates and recommendations extracted {today}")
    assert labels_line.endswith("labels given by the machine to confirm or reject")
    assert evidence_line == (
        "3 mandates and recommendations with no implementation evidence decided"
    )
    failure = IngestFailure.objects.get()
    assert texts(page, "#failures li") == [
        f"virus.exe (read) : {failure.reason} {failure.failed_at:%Y-%m-%d %H:%M}"
    ]
    assert failure.reason.startswith("unsupported file type .exe")
    assert str(tmp_path) not in page.content.decode()  # file names, never the server's folders


def test_the_analyst_menu_reaches_overdue_import_due_dates_review_and_upload(
    client, people, workload
):
    client.force_login(people["analyst"])
    page = client.get("/documents/")
    nav = texts(page, "header nav a")
    assert "Reports 1" in nav
    assert "Overdue 1" in nav
    assert {"Due dates", "Labels to review", "Upload documents", "Import"} <= set(nav)
    assert {"/overdue/", "/import/", "/obligations/", "/documents/upload/"} <= set(
        links(page, "header nav a")
    )


def test_the_focal_point_sees_drafts_returned_reports_due_dates_and_assigned_items(
    client, people, workload, items
):
    client.force_login(people["haiti"])
    page = client.get("/")
    assert texts(page, "h1") == ["Reports of Haiti"]
    [returned] = texts(page, "#returned li")
    assert returned.startswith(REGISTRY)
    assert "Add the decree." in returned
    assert texts(page, "#drafts li") == [
        f"{REGISTRY} 2024-01-01 – 2024-12-31 · changed on {_today():%Y-%m-%d} Edit"
    ]
    soon, later = _today() + timedelta(days=5), _today() + timedelta(days=90)
    recommendation = Truncator(items["recommendation"].text).chars(110)
    assert texts(page, "#due tbody tr") == [
        f"{soon:%Y-%m-%d} soon {recommendation} Report on it",
        f"{later:%Y-%m-%d} {REGISTRY} Report on it",
    ]
    assert links(page, "#due tbody tr a[href^='/reports/new/']") == [
        f"/reports/new/?items={items['recommendation'].pk}",
        f"/reports/new/?items={items['civil_registry'].pk}",
    ]
    assert texts(page, "#assigned h2") == ["2 items assigned to Haiti"]
    assert texts(page, "#assigned li") == [
        f"{REGISTRY} 2 reports filed · a report is due",
        f"{Truncator(items['recommendation'].text).chars(120)} 0 reports filed · a report is due",
    ]
    nav = texts(page, "header nav a")
    assert "Reports 2" in nav  # a draft and a returned report to finish
    assert "Due dates 1" in nav  # due within 30 days
    assert "Overdue" not in " ".join(nav)
    assert "Import" not in nav


def test_the_civil_society_member_sees_the_desk_of_the_organization(
    client, people, file_report, parties
):
    file_report(user="cso", party="cso")
    client.force_login(people["cso"])
    page = client.get("/")
    assert texts(page, "h1") == [f"Reports of {parties['cso'].name}"]
    assert texts(page, "#drafts li") == [
        f"{REGISTRY} 2024-01-01 – 2024-12-31 · changed on {_today():%Y-%m-%d} Edit"
    ]
    assert texts(page, "#returned li") == ["No report was returned."]
    assert texts(page, "#due tbody tr") == ["No report is due."]
    assert texts(page, "#assigned li") == ["No item is assigned yet."]


@pytest.mark.parametrize("who", [None, "public", "unverified"])
def test_everyone_else_keeps_the_public_home(client, people, workload, django_user_model, who):
    if who == "public":
        client.force_login(people["public"])
    if who == "unverified":
        user = make_user(
            django_user_model, "newcomer", Profile.FOCAL_POINT, people["haiti"].profile.party
        )
        Profile.objects.filter(user=user).update(email_verified=False)
        client.force_login(user)
    page = client.get("/")
    assert texts(page, "h1") == ["Follow-up of mandates and recommendations"]
    assert not [t for t in texts(page, "header nav a") if t in ("Overdue", "Import", "Due dates")]


def test_the_menu_counts_take_a_fixed_number_of_queries(
    people, workload, file_report, items, parties, django_assert_num_queries
):
    analyst, haiti = people["analyst"], people["haiti"]
    analyst.profile, haiti.profile  # noqa: B018  (loaded once per request, as on a page)
    with django_assert_num_queries(2):
        assert menu_counts(analyst) == {
            "role": "secretariat",
            "submitted": 1,
            "overdue": 1,
        }
    with django_assert_num_queries(2):
        assert menu_counts(haiti) == {
            "role": "party",
            "drafts": 1,
            "returned": 1,
            "to_finish": 2,
            "due": 1,
        }
    for _ in range(3):  # more work, the same number of queries
        file_report(state="submitted")
        file_report(state="draft")
    with django_assert_num_queries(2):
        assert menu_counts(analyst)["submitted"] == 4
    with django_assert_num_queries(2):
        assert menu_counts(haiti)["to_finish"] == 5
    assert menu_counts(people["public"]) == {}


def test_a_page_for_the_public_asks_nothing_for_the_menu(client, people, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from followup.web.context_processors import menu

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert menu(request) == {"menu": {}}


@pytest.mark.parametrize("who", ["analyst", "haiti"])
def test_a_home_asks_the_same_number_of_queries_whatever_waits(
    client, people, workload, file_report, items, parties, who
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people[who])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    before = queries()
    for item in ("civil_registry", "whistleblowers", "recommendation"):
        file_report(state="submitted", item=item)
        file_report(state="draft", item=item)
        do_create_obligation(
            people["analyst"],
            item_id=items[item].pk,
            party_id=parties["MX"].pk,
            due_on=_today() - timedelta(days=3),
        )
    assert queries() == before
