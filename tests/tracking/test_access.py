"""Who may do what, enforced on the server, on the pages and on the API alike."""

import json

import pytest

from followup.errors import Forbidden, NotFound
from followup.policy import visible_reports
from followup.tracking.actions import do_create_report, do_transition_report
from followup.tracking.models import Report

pytestmark = pytest.mark.django_db

VALUES = {
    "period_start": "2024-01-01",
    "period_end": "2024-12-31",
    "compliance": "partial",
    "narrative": "x",
}


def visible(user, reports):
    return {r.pk for r in Report.objects.filter(visible_reports(user))} & {r.pk for r in reports}


def test_a_focal_point_reports_only_for_their_own_state(people, items, parties):
    with pytest.raises(Forbidden, match="you may not report for Mexico"):
        do_create_report(
            people["haiti"],
            party_id=parties["MX"].pk,
            item_ids=[items["civil_registry"].pk],
            **VALUES,
        )


def test_a_focal_point_never_sees_another_states_drafts(file_report, people):
    mexico_draft = file_report(user="mexico", party="MX")
    haiti_draft = file_report()
    assert visible(people["haiti"], [mexico_draft, haiti_draft]) == {haiti_draft.pk}


def test_an_organization_sees_only_its_own_drafts(file_report, people):
    cso_draft = file_report(user="cso", party="cso")
    haiti_draft = file_report()
    assert visible(people["cso"], [cso_draft, haiti_draft]) == {cso_draft.pk}
    assert visible(people["haiti"], [cso_draft]) == set()


def test_only_analysts_validate_and_publish(file_report, people):
    report = file_report(state="submitted")
    with pytest.raises(Forbidden, match="only secretariat analysts"):
        do_transition_report(people["haiti"], report.pk, "validate")
    for user in ("cso", "public"):  # who may not see the report learn nothing of it
        with pytest.raises(NotFound, match="report: not found"):
            do_transition_report(people[user], report.pk, "validate")
    validated = do_transition_report(people["analyst"], report.pk, "validate")
    with pytest.raises(Forbidden):
        do_transition_report(people["haiti"], validated.pk, "publish")


def test_only_the_filing_party_submits(file_report, people):
    report = file_report()
    with pytest.raises(NotFound):  # Mexico does not see Haiti's draft
        do_transition_report(people["mexico"], report.pk, "submit")


def test_the_public_sees_only_published_reports(file_report, people, client):
    draft, submitted, published = (
        file_report(),
        file_report(state="submitted"),
        file_report(state="published"),
    )
    assert visible(people["public"], [draft, submitted, published]) == {published.pk}
    assert visible(None, [draft, submitted, published]) == {published.pk}
    assert client.get(f"/reports/{draft.pk}/").status_code == 404
    assert client.get(f"/reports/{published.pk}/").status_code == 200


def test_analysts_see_submitted_reports_but_not_parties_drafts(file_report, people):
    draft, submitted = file_report(), file_report(state="submitted")
    assert visible(people["analyst"], [draft, submitted]) == {submitted.pk}


def test_an_inactive_account_has_no_rights(file_report, people):
    people["haiti"].is_active = False
    people["haiti"].save()
    with pytest.raises(Forbidden):
        file_report()


def test_the_api_applies_the_same_rules(file_report, people, items, parties, client):
    mexico_draft = file_report(user="mexico", party="MX")
    published = file_report(state="published")
    assert [r["id"] for r in client.get("/api/reports").json()["items"]] == [published.pk]
    assert client.get(f"/api/reports/{mexico_draft.pk}").status_code == 404
    client.force_login(people["haiti"])
    assert client.get(f"/api/reports/{mexico_draft.pk}").status_code == 404
    payload = {"party_id": parties["MX"].pk, "items": [items["civil_registry"].pk], **VALUES}
    refused = client.post("/api/reports", json.dumps(payload), content_type="application/json")
    assert refused.status_code == 403
    assert "Mexico" in refused.json()["detail"]
    created = client.post(
        "/api/reports",
        json.dumps({**payload, "party_id": parties["HT"].pk}),
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["state"] == "draft"
    report_id = created.json()["id"]
    assert (
        client.post(
            f"/api/reports/{report_id}/publish", content_type="application/json"
        ).status_code
        == 403
    )
    assert (
        client.post(f"/api/reports/{report_id}/submit", content_type="application/json").json()[
            "state"
        ]
        == "submitted"
    )
    client.force_login(people["analyst"])
    for action in ("validate", "publish"):
        assert (
            client.post(
                f"/api/reports/{report_id}/{action}", content_type="application/json"
            ).status_code
            == 200
        )
    client.logout()
    assert (
        client.post(
            "/api/reports", json.dumps(payload), content_type="application/json"
        ).status_code
        == 401
    )


def test_the_pages_apply_the_same_rules(file_report, people, items, parties, client):
    submitted = file_report(state="submitted")
    client.force_login(people["haiti"])
    assert client.post(f"/reports/{submitted.pk}/validate/").status_code == 403
    # a submitted report is withdrawn before it is changed
    assert client.get(f"/reports/{submitted.pk}/edit/").status_code == 403
    client.force_login(people["mexico"])
    # Mexico may not see Haiti's submitted report: the answer is that of a missing one.
    assert client.get(f"/reports/{submitted.pk}/edit/").status_code == 404
    client.force_login(people["analyst"])
    assert client.post(f"/reports/{submitted.pk}/validate/").status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == "validated"
