"""The policy for reports, items, links, imports and the administration pages: for each named
action and each role (the columns, described in conftest.py), what is allowed, refused (403)
and hidden (404, the answer for a missing object); then the same rules on the pages, the API,
the command line and the administration pages."""

import json
from datetime import date

import pytest
from click.testing import CliRunner
from django.db import transaction

from followup.cli import main
from followup.policy import tracking
from followup.tracking.actions import do_create_obligation

from .conftest import ROLES, by_role, hidden, main_of, no, ok, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(file_report):
    return {
        f"{state}": file_report(state=state)
        for state in ("draft", "submitted", "validated", "published")
    } | {
        "cso draft": file_report(user="cso", party="cso"),
        "cso submitted": file_report(user="cso", party="cso", state="submitted"),
    }


# fmt: off
# columns: anonymous unverified public own_state other_state own_org other_org analyst admin
ON_REPORTS = [
    ("view_report", "draft", [hidden, hidden, hidden, ok, hidden, hidden, hidden, hidden, hidden]),
    ("view_report", "submitted", [hidden, hidden, hidden, ok, hidden, hidden, hidden, ok, ok]),
    ("view_report", "published", [ok, ok, ok, ok, ok, ok, ok, ok, ok]),
    ("view_report", "cso draft", [hidden, hidden, hidden, hidden, hidden, ok, hidden, hidden, hidden]),
    ("view_report_history", "submitted", [hidden, hidden, hidden, ok, hidden, hidden, hidden, ok, ok]),
    ("view_report_history", "published", [no, no, no, ok, no, no, no, ok, ok]),
    ("view_evidence", "submitted", [hidden, hidden, hidden, ok, hidden, hidden, hidden, ok, ok]),
    ("view_evidence", "published", [ok, ok, ok, ok, ok, ok, ok, ok, ok]),
    ("edit_report", "draft", [hidden, hidden, hidden, ok, hidden, hidden, hidden, hidden, hidden]),
    ("edit_report", "submitted", [hidden, hidden, hidden, no, hidden, hidden, hidden, no, no]),
    ("edit_report", "published", [no, no, no, no, no, no, no, no, no]),
    ("edit_report", "cso draft", [hidden, hidden, hidden, hidden, hidden, ok, hidden, hidden, hidden]),
    ("submit_report", "draft", [hidden, hidden, hidden, ok, hidden, hidden, hidden, hidden, hidden]),
    ("submit_report", "cso draft", [hidden, hidden, hidden, hidden, hidden, ok, hidden, hidden, hidden]),
    ("withdraw_report", "submitted", [hidden, hidden, hidden, ok, hidden, hidden, hidden, no, no]),
    ("withdraw_report", "cso submitted", [hidden, hidden, hidden, hidden, hidden, ok, hidden, no, no]),
    ("remove_evidence", "draft", [hidden, hidden, hidden, ok, hidden, hidden, hidden, hidden, hidden]),
    ("remove_evidence", "submitted", [hidden, hidden, hidden, no, hidden, hidden, hidden, no, no]),
    ("return_report", "submitted", [hidden, hidden, hidden, no, hidden, hidden, hidden, ok, ok]),
    ("validate_report", "submitted", [hidden, hidden, hidden, no, hidden, hidden, hidden, ok, ok]),
    ("validate_report", "cso submitted", [hidden, hidden, hidden, hidden, hidden, no, hidden, ok, ok]),
    ("publish_report", "validated", [hidden, hidden, hidden, no, hidden, hidden, hidden, ok, ok]),
]
# fmt: on


@pytest.mark.parametrize(("action", "report", "expected"), ON_REPORTS)
def test_actions_on_a_report(everyone, reports, action, report, expected):
    got = [outcome(everyone[role], action, reports[report]) for role in ROLES]
    assert by_role(ROLES, got) == by_role(ROLES, expected)


# columns: anonymous unverified public own_state other_state own_org other_org analyst admin
ON_PARTIES = [
    ("create_report", "HT", [no, no, no, ok, no, no, no, no, no]),
    ("create_report", "cso", [no, no, no, no, no, ok, no, no, no]),
    ("create_report", "secretariat", [no, no, no, no, no, no, no, ok, ok]),
]


@pytest.mark.parametrize(("action", "party", "expected"), ON_PARTIES)
def test_who_files_for_a_party(everyone, parties, action, party, expected):
    got = [outcome(everyone[role], action, parties[party]) for role in ROLES]
    assert by_role(ROLES, got) == by_role(ROLES, expected)


SECRETARIAT_ONLY = [no, no, no, no, no, no, no, ok, ok]
GLOBAL = [
    ("import_items", SECRETARIAT_ONLY),
    ("edit_item", SECRETARIAT_ONLY),
    ("decide_link", SECRETARIAT_ONLY),
    ("manage_obligations", SECRETARIAT_ONLY),
    ("schedule_reporting", SECRETARIAT_ONLY),
    ("ingest_documents", SECRETARIAT_ONLY),
    ("review_labels", SECRETARIAT_ONLY),
    ("open_admin", SECRETARIAT_ONLY),
    ("manage_accounts", [no, no, no, no, no, no, no, no, ok]),
    ("follow", [no, ok, ok, ok, ok, ok, ok, ok, ok]),
    ("read_notifications", [no, ok, ok, ok, ok, ok, ok, ok, ok]),
]


@pytest.mark.parametrize(("action", "expected"), GLOBAL)
def test_actions_on_the_whole_platform(everyone, action, expected):
    got = [outcome(everyone[role], action, None) for role in ROLES]
    assert by_role(ROLES, got) == by_role(ROLES, expected)


TABLED = {row[0] for row in ON_REPORTS + ON_PARTIES + GLOBAL}


def test_every_action_of_the_part_is_in_a_table():
    assert {action.name for action in tracking.ACTIONS} == TABLED


def test_a_deactivated_account_has_the_rights_of_the_public_web(everyone, reports):
    haiti = everyone["own_state"]
    haiti.is_active = False
    assert outcome(haiti, "view_report", reports["draft"]) == hidden
    assert outcome(haiti, "view_report", reports["published"]) == ok


# Pages and API: the HTTP status each role gets. Writes run in a transaction rolled back after
# each role, so every role meets the same data. "login" is the redirect to the sign-in page.
login = 302
REQUESTS = [
    # columns: anonymous unverified public own_state other_state own_org other_org analyst admin
    ("GET", "/reports/{draft}/", [404, 404, 404, 200, 404, 404, 404, 404, 404]),
    ("GET", "/reports/{submitted}/", [404, 404, 404, 200, 404, 404, 404, 200, 200]),
    ("GET", "/reports/{published}/", [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/reports/{submitted}/edit/", [login, 404, 404, 403, 404, 404, 404, 403, 403]),
    ("POST", "/reports/{submitted}/withdraw/", [login, 404, 404, 302, 404, 404, 404, 403, 403]),
    ("GET", "/reports/999999/edit/", [login, 404, 404, 404, 404, 404, 404, 404, 404]),
    ("POST", "/reports/{draft}/submit/", [login, 404, 404, 302, 404, 404, 404, 404, 404]),
    ("POST", "/reports/{submitted}/validate/", [login, 404, 404, 403, 404, 404, 404, 302, 302]),
    ("POST", "/reports/{validated}/publish/", [login, 404, 404, 403, 404, 404, 404, 302, 302]),
    ("GET", "/overdue/", [login, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("GET", "/import/", [login, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("GET", "/obligations/", [login, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("POST", "/obligations/", [login, 403, 403, 403, 403, 403, 403, 400, 400]),
    ("GET", "/obligations/{obligation}/", [login, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("GET", "/documents/upload/", [login, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("POST", "/documents/upload/", [login, 403, 403, 403, 403, 403, 403, 400, 400]),
    ("GET", "/documents/upload/progress/", [login, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("GET", "/review/labels/", [login, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("POST", "/review/labels/", [login, 403, 403, 403, 403, 403, 403, 400, 400]),
    ("GET", "/review/evidence/", [login, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("GET", "/items/{item}/edit/", [login, 403, 403, 403, 403, 403, 403, 200, 200]),
    ("POST", "/items/{item}/edit/", [login, 403, 403, 403, 403, 403, 403, 400, 400]),
    ("POST", "/items/{item}/evidence/", [login, 403, 403, 403, 403, 403, 403, 400, 400]),
    ("GET", "/admin/", [login, login, login, login, login, login, login, 200, 200]),
    ("GET", "/admin/corpus/item/{item}/change/", [302, 302, 302, 302, 302, 302, 302, 200, 200]),
    ("GET", "/admin/auth/user/", [login, login, login, login, login, login, login, 403, 200]),
    ("GET", "/api/reports/{submitted}", [404, 404, 404, 200, 404, 404, 404, 200, 200]),
    ("GET", "/api/reports/999999", [404, 404, 404, 404, 404, 404, 404, 404, 404]),
    ("PATCH", "/api/reports/{draft}", [401, 404, 404, 200, 404, 404, 404, 404, 404]),
    ("POST", "/api/reports/{draft}/submit", [401, 404, 404, 200, 404, 404, 404, 404, 404]),
    ("POST", "/api/reports/{submitted}/validate", [401, 404, 404, 403, 404, 404, 404, 200, 200]),
    ("POST", "/api/reports/{submitted}/links", [401, 404, 404, 403, 404, 404, 404, 403, 403]),
    ("POST", "/api/reports", [401, 403, 403, 201, 403, 403, 403, 403, 403]),
    ("POST", "/api/items/{item}/evidence/999999", [401, 403, 403, 403, 403, 403, 403, 404, 404]),
]
BODIES = {
    "PATCH": {"version": 1, "narrative": "Updated."},
    "/links": {"url": "https://example.org/decree", "title": "Decree"},
    "/api/reports": None,  # filled in with the items and the party
    "/evidence/": {"decision": "confirmed"},
}


def _body(method, path, items, parties):
    if path == "/api/reports":
        return {
            "party_id": parties["HT"].pk,
            "items": [items["civil_registry"].pk],
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "compliance": "partial",
            "narrative": "Online birth certificates in 6 of 10 departments.",
        }
    for key, body in BODIES.items():
        if key == method or key in path:
            return body
    return {}


@pytest.mark.parametrize(("method", "path", "expected"), REQUESTS)
def test_pages_and_api_apply_the_policy(
    client, everyone, reports, items, parties, method, path, expected
):
    obligation = do_create_obligation(
        everyone["analyst"],
        item_id=items["civil_registry"].pk,
        party_id=parties["HT"].pk,
        due_on=date(2030, 1, 1),
    )
    address = path.format(
        item=items["civil_registry"].pk,
        obligation=obligation.pk,
        **{k: r.pk for k, r in reports.items() if " " not in k},
    )
    got = []
    for role in ROLES:
        client.logout()
        if everyone[role] is not None:
            client.force_login(everyone[role])
        with transaction.atomic():
            if address.startswith("/api/"):
                response = client.generic(
                    method,
                    address,
                    json.dumps(_body(method, path, items, parties)),
                    content_type="application/json",
                )
            else:
                response = client.generic(method, address)
            transaction.set_rollback(True)
        got.append(response.status_code)
    assert by_role(ROLES, got) == by_role(ROLES, expected)


def test_a_hidden_report_and_a_missing_one_get_the_same_answer(client, everyone, reports):
    client.force_login(everyone["other_state"])
    hidden_page = client.get(f"/reports/{reports['submitted'].pk}/edit/")
    missing_page = client.get("/reports/999999/edit/")
    assert hidden_page.status_code == missing_page.status_code == 404
    assert main_of(hidden_page) == main_of(missing_page)
    hidden_api = client.get(f"/api/reports/{reports['submitted'].pk}")
    assert (
        hidden_api.json()
        == client.get("/api/reports/999999").json()
        == {"detail": "report: not found"}
    )


def test_refusals_are_pages_in_the_readers_language(client, everyone, reports):
    client.force_login(everyone["own_state"])
    page = client.post(
        f"/reports/{reports['submitted'].pk}/validate/", headers={"accept-language": "es"}
    )
    assert page.status_code == 403
    html = page.content.decode()
    assert '<html lang="es">' in html
    assert "<nav" in html
    assert "solo los analistas de la secretaría" in html


@pytest.mark.parametrize(
    ("username", "refusal"),
    [
        ("haiti", "--user haiti: only secretariat analysts import"),
        ("public", "--user public: only secretariat analysts import"),
        ("cso", "--user cso: only secretariat analysts import"),
    ],
)
def test_the_import_command_refuses_all_but_analysts(everyone, tmp_path, username, refusal):
    from followup.corpus.models import Document

    path = tmp_path / "items.csv"
    path.write_text("kind,text\nmandate,Publish the budget of every ministry.\n")
    before = Document.objects.count()
    result = CliRunner().invoke(main, ["import", str(path), "--user", username])
    assert result.exit_code == 1
    assert refusal in result.output
    assert Document.objects.count() == before
    accepted = CliRunner().invoke(main, ["import", str(path), "--user", "analyst"])
    assert accepted.exit_code == 0
    assert "imported 1" in accepted.output


@pytest.mark.parametrize(
    ("role", "shown"),
    [("analyst", True), ("admin", True), ("own_state", False), ("public", False)],
)
def test_the_item_editor_is_offered_to_whoever_may_use_it(client, everyone, items, role, shown):
    item = items["civil_registry"]
    client.force_login(everyone[role])
    html = client.get(f"/items/{item.pk}/").content.decode()
    editor = f'href="/admin/corpus/item/{item.pk}/change/"'
    assert (editor in html, 'href="/admin/"' in html) == (shown, shown)
    opened = client.get(f"/admin/corpus/item/{item.pk}/change/")
    assert opened.status_code == (200 if shown else 302)
