"""Compliance views: counts and shares by status, per country, instrument, theme and pillar."""

import csv
import io

import pytest
from openpyxl import load_workbook

from followup.tracking.compliance import compliance_by, compliance_over_time

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessments(file_report):
    file_report(state="published", compliance="total")  # Haiti, civil registry
    file_report(state="published", compliance="pending", item="whistleblowers")  # Haiti
    file_report(
        user="mexico", party="MX", state="published", compliance="partial"
    )  # Mexico, civil registry
    file_report(
        user="mexico", party="MX", state="submitted", compliance="total"
    )  # not published: not counted
    file_report(
        user="cso", party="cso", state="published", compliance="non_compliance"
    )  # civil society


def test_by_country_counts_each_states_latest_published_status(assessments):
    rows = {r.key: r.as_dict() for r in compliance_by("country")}
    assert rows["HT"]["counts"] == {
        "total": 1,
        "partial_substantial": 0,
        "partial": 0,
        "pending": 1,
        "non_compliance": 0,
    }
    assert rows["HT"]["shares"]["total"] == 0.5
    assert rows["MX"]["total"] == 1
    assert rows["MX"]["counts"]["partial"] == 1


def test_by_instrument_summit_theme_pillar_and_party_kind(assessments):
    by_instrument = {r.label: r.total for r in compliance_by("instrument")}
    assert by_instrument == {
        "Plan of Action on Digital Government": 2,
        "Quito Commitment on Public Integrity": 1,
    }
    assert {r.label: r.total for r in compliance_by("summit")} == {
        "X Summit of the Americas": 2,
        "—": 1,
    }
    themes = {r.key: r.total for r in compliance_by("theme")}
    assert themes["corruption-transparency"] == 1
    assert {r.key for r in compliance_by("pillar")} >= {"democracy"}
    assert {r.key: r.total for r in compliance_by("party_kind")} == {"state": 3, "organization": 1}
    assert {r.key: r.total for r in compliance_by("country", party_kind="organization")} == {"": 1}


def test_change_over_time_counts_published_assessments_by_year(assessments):
    [year] = compliance_over_time()
    assert year.total == 3


def test_an_unknown_dimension_is_refused():
    with pytest.raises(ValueError, match="by: unknown dimension 'planet'"):
        compliance_by("planet")


def test_the_page_shows_a_table_and_charts_and_exports_csv_and_xlsx(assessments, client):
    page = client.get("/compliance/?by=country")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Haiti" in html
    assert "<svg" in html
    assert 'class="status-total"' in html
    exported = client.get("/compliance/?by=country&format=csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    haiti = next(r for r in rows if r["country"] == "HT")
    assert (haiti["total"], haiti["total count"], haiti["total share"]) == ("2", "1", "0.5")
    workbook = load_workbook(io.BytesIO(client.get("/compliance/?by=theme&format=xlsx").content))
    assert workbook.active.cell(1, 1).value == "theme"
    assert client.get("/compliance/?by=planet").status_code == 400


def test_the_api_gives_the_same_numbers(assessments, client):
    rows = client.get("/api/compliance?by=country").json()
    assert {r["key"]: r["total"] for r in rows} == {
        r.key: r.total for r in compliance_by("country")
    }
    assert client.get("/api/compliance?by=year").json()[0]["total"] == 3
    assert client.get("/api/compliance?by=planet").status_code == 422


def test_the_item_page_shows_states_civil_society_and_secretariat_side_by_side(
    assessments, items, client
):
    html = client.get(f"/items/{items['civil_registry'].pk}/").content.decode()
    assert "Implementation status" in html
    for text in (
        "Haiti",
        "Mexico",
        "Red Regional de Transparencia",
        "Total compliance",
        "Non-compliance",
    ):
        assert text in html
    assert html.index("Civil-society organization") < html.index("Red Regional de Transparencia")
