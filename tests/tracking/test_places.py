"""Country and body pages: a country's obligations, the reports assessing it, its compliance
period by period, its measures and the items about it; a body's units and their items."""

import re
from datetime import date

import pytest

from followup.corpus.models import Body, Country
from followup.measures.actions import do_record_measure, national_jurisdiction
from followup.tracking.actions import do_create_obligation

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    """The page's text, tags dropped and spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def haiti(file_report, people, items, parties):
    mine = file_report(state="published", compliance="partial")
    draft = file_report(compliance="total", item="whistleblowers")  # not public
    shadow = file_report(
        user="cso", party="cso", state="published", compliance="pending", countries=["HT"]
    )
    elsewhere = file_report(user="cso", party="cso", state="published", countries=["MX"])
    do_create_obligation(
        people["analyst"],
        item_id=items["whistleblowers"].pk,
        party_id=parties["HT"].pk,
        due_on=date(2025, 3, 31),
        period=2024,
    )
    do_create_obligation(
        people["analyst"],
        item_id=items["civil_registry"].pk,
        party_id=parties["HT"].pk,
        due_on=date(2025, 3, 31),
        period=2024,
    )
    country = Country.objects.get(code="HT")
    items["recommendation"].countries.add(country)
    do_record_measure(
        people["analyst"],
        jurisdiction=national_jurisdiction(country),
        indicator="C1",
        value=2,
        start_date=date(2024, 3, 1),
        source_kind="url",
        source_url="https://example.org/decree",
    )
    return {"mine": mine, "draft": draft, "shadow": shadow, "elsewhere": elsewhere}


def section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</section>", start)]


def test_the_country_page_shows_compliance_by_period_with_the_not_reported(haiti, client):
    html = client.get("/countries/HT/").content.decode()
    assert text_of(section(html, "compliance")) == text_of(
        'id="compliance" aria-labelledby="compliance-heading"> Compliance by reporting period '
        "Assessed by: State Reporting period Items Shares Total compliance "
        "Partial substantial compliance Partial compliance Pending compliance Non-compliance "
        "Not reported 2024 2 Partial compliance: 1 (50%) Not reported: 1 (50%) 0 0 1 0 0 1 "
        "Assessed by: Civil-society organization Reporting period Items Shares Total compliance "
        "Partial substantial compliance Partial compliance Pending compliance Non-compliance "
        "Not reported 2024 1 Pending compliance: 1 (100%) 0 0 0 1 0 0"
    )


def test_the_country_page_lists_its_obligations_and_the_reports_assessing_it(haiti, items, client):
    html = client.get("/countries/HT/").content.decode()
    obligations = text_of(section(html, "obligations"))
    assert obligations == text_of(
        'id="obligations" aria-labelledby="obligations-heading"> Reports due '
        "Reporting period Due Item Status "
        f"2024 2025-03-31 {items['whistleblowers'].text} Not reported "
        f"2024 2025-03-31 {items['civil_registry'].text} Reported"
    )
    reports = section(html, "reports")
    links = re.findall(r'href="/reports/(\d+)/"', reports)
    assert sorted(map(int, links)) == sorted([haiti["mine"].pk, haiti["shadow"].pk])
    assert '<a href="/countries/HT/">Haiti</a>' in reports
    assert "Red Regional de Transparencia" in reports


def test_a_focal_point_also_sees_its_own_drafts_there(haiti, people, client):
    client.force_login(people["haiti"])
    reports = section(client.get("/countries/HT/").content.decode(), "reports")
    assert f'href="/reports/{haiti["draft"].pk}/"' in reports


def test_the_country_page_shows_its_measures_and_the_items_about_it(haiti, items, client):
    html = client.get("/countries/HT/").content.decode()
    measures = text_of(section(html, "measures"))
    assert measures.startswith('id="measures" aria-labelledby="measures-heading"> Measures Haiti')
    assert "School closing · 2 · 2024-03-01 – … · introduced" in measures
    assert f'href="/items/{items["recommendation"].pk}/"' in section(html, "items")


def test_a_country_without_anything_says_so(registries, client):
    text = text_of(client.get("/countries/BR/").content.decode())
    assert "No published assessment and no report due yet." in text
    assert "No report due." in text
    assert "No measures recorded yet." in text


@pytest.fixture
def bodies(items):
    oas = Body.objects.create(name="Organization of the Test", acronym="OT", kind="organ")
    secretariat = Body.objects.create(name="Test Secretariat", kind="secretariat", parent=oas)
    department = Body.objects.create(name="Test Department", kind="department", parent=secretariat)
    items["civil_registry"].actor_body = department
    items["civil_registry"].save(update_fields=["actor_body"])
    items["whistleblowers"].actor_body = oas
    items["whistleblowers"].save(update_fields=["actor_body"])
    return {"oas": oas, "secretariat": secretariat, "department": department}


def test_a_body_page_rolls_up_its_units_and_their_items(bodies, items, client):
    html = client.get(f"/bodies/{bodies['oas'].pk}/").content.decode()
    units = text_of(section(html, "units"))
    assert units == text_of(
        'id="units" aria-labelledby="units-heading"> Its units and their items '
        "Unit Part of Items "
        "Organization of the Test (OT) — 1 "
        "Test Department Test Secretariat 1 "
        "Test Secretariat Organization of the Test (OT) 0"
    )
    listed = re.findall(r'<a href="/items/(\d+)/">', html)
    assert sorted(map(int, listed)) == sorted(
        [items["civil_registry"].pk, items["whistleblowers"].pk]
    )
    assert f'<a href="/bodies/{bodies["department"].pk}/">Test Department</a>' in html
    leaf = client.get(f"/bodies/{bodies['department'].pk}/").content.decode()
    assert 'id="units"' not in leaf
    assert re.findall(r'<a href="/items/(\d+)/">', leaf) == [str(items["civil_registry"].pk)]


def test_item_pages_link_to_their_country_and_body(bodies, items, client, registries):
    items["civil_registry"].countries.add(Country.objects.get(code="HT"))
    html = client.get(f"/items/{items['civil_registry'].pk}/").content.decode()
    assert '<dt>Countries</dt><dd><a href="/countries/HT/">Haiti</a></dd>' in html
    assert (
        f'<dt>Body</dt><dd><a href="/bodies/{bodies["department"].pk}/">Test Department</a></dd>'
    ) in html


def test_report_pages_link_to_the_country_of_a_state(file_report, client):
    report = file_report(state="published")
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert '<dt>Reporting for</dt><dd><a href="/countries/HT/">Haiti</a></dd>' in html
    assert '<dt>Countries assessed</dt><dd><a href="/countries/HT/">Haiti</a></dd>' in html
