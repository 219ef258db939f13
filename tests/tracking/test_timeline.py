"""Follow-up over time: an item's assessments by every party, reporting period by reporting
period, with their evidence; and the countries a civil-society assessment names."""

import re
from datetime import date

import pytest

from followup.errors import InvalidInput
from followup.tracking.actions import (
    do_add_evidence,
    do_add_link,
    do_create_obligation,
    do_transition_report,
)
from followup.tracking.models import Report
from followup.tracking.timeline import item_timeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(file_report, people, items, parties):
    """The civil registry mandate over two periods, and an obligation Mexico left unreported."""

    def publish(report):
        for step, actor in (("submit", "haiti"), ("validate", "analyst"), ("publish", "analyst")):
            do_transition_report(people[actor], report.pk, step)

    early = file_report(compliance="pending", year=2023)
    do_add_evidence(people["haiti"], early.pk, name="plan.pdf", data=b"%PDF-1.4 plan")
    publish(early)
    first = file_report(state="published", compliance="partial")
    second = file_report(compliance="total")
    do_add_link(people["haiti"], second.pk, url="https://example.org/registry", title="Registry")
    publish(second)
    shadow = file_report(
        user="cso", party="cso", state="published", compliance="non_compliance", countries=["HT"]
    )
    do_create_obligation(
        people["analyst"],
        item_id=items["civil_registry"].pk,
        party_id=parties["MX"].pk,
        due_on=date(2025, 3, 31),
        period=2024,
    )
    return {"early": early, "first": first, "second": second, "shadow": shadow}


def test_the_timeline_lists_each_partys_assessments_period_by_period(followed, items):
    timeline = item_timeline(items["civil_registry"])
    assert [
        (
            period.period,
            [
                (
                    kind,
                    [
                        (
                            a.party.name,
                            a.report.compliance,
                            a.latest,
                            [c.code for c in a.countries],
                            [e.original_name for e in a.evidence],
                            [link.url for link in a.links],
                        )
                        for a in assessments
                    ],
                    [(o.party.name, o.due_on) for o in owed],
                )
                for kind, _label, assessments, owed in period.by_kind
            ],
        )
        for period in timeline
    ] == [
        (
            2024,
            [
                (
                    "state",
                    [
                        ("Haiti", "total", True, ["HT"], [], ["https://example.org/registry"]),
                        ("Haiti", "partial", False, ["HT"], [], []),
                    ],
                    [("Mexico", date(2025, 3, 31))],
                ),
                (
                    "organization",
                    [("Red Regional de Transparencia", "non_compliance", True, ["HT"], [], [])],
                    [],
                ),
                ("secretariat", [], []),
            ],
        ),
        (
            2023,
            [
                ("state", [("Haiti", "pending", True, ["HT"], ["plan.pdf"], [])], []),
                ("organization", [], []),
                ("secretariat", [], []),
            ],
        ),
    ]


def test_the_item_page_shows_the_timeline_with_evidence_and_links_to_places(
    followed, items, client
):
    html = client.get(f"/items/{items['civil_registry'].pk}/").content.decode()
    timeline = html[html.index('id="timeline"') :]
    assert timeline.index("Reporting period 2024") < timeline.index("Reporting period 2023")
    period_2023 = timeline[timeline.index("Reporting period 2023") :]
    early = followed["early"]
    assert (
        f'<a href="/reports/{early.pk}/evidence/{early.evidence.get().pk}/">plan.pdf</a>'
        in period_2023
    )
    assert '<a href="https://example.org/registry" rel="noopener">Registry</a>' in timeline
    assert "superseded" in timeline
    assert 'Not reported · <a href="/countries/MX/">Mexico</a>' in timeline.replace("\n", "")
    assert 'Assesses <a href="/countries/HT/">Haiti</a>' in timeline
    assert '<a href="/countries/HT/">Haiti</a>' in timeline


def test_an_item_without_reports_says_so(items, client):
    html = client.get(f"/items/{items['whistleblowers'].pk}/").content.decode()
    assert "No published assessment and no report due yet." in html


def test_a_state_reports_on_itself_and_civil_society_names_the_countries(
    people, items, parties, file_report
):
    own = file_report()
    assert [c.code for c in own.countries.all()] == ["HT"]
    with pytest.raises(InvalidInput, match="a State reports on itself, not on MX"):
        file_report(countries=["MX"])
    with pytest.raises(InvalidInput, match="no country with code ZZ"):
        file_report(user="cso", party="cso", countries=["ZZ"])
    shadow = file_report(user="cso", party="cso", countries=["mx", "HT"])
    assert sorted(c.code for c in shadow.countries.all()) == ["HT", "MX"]
    assert shadow.events.get().changes["countries"] == ["HT", "MX"]


def test_the_form_offers_the_countries_and_keeps_the_choice(people, items, parties, client):
    client.force_login(people["cso"])
    form = client.get("/reports/new/").content.decode()
    assert re.search(r'<select name="countries"[^>]* id="id_countries" multiple>', form)
    answer = client.post(
        "/reports/new/",
        {
            "items": str(items["civil_registry"].pk),
            "party": parties["cso"].pk,
            "countries": ["MX", "HT"],
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "compliance": "partial",
            "language": "en",
            "narrative": "Rural offices still ask for paper forms.",
        },
    )
    assert answer.status_code == 302
    report = Report.objects.get()
    assert sorted(c.code for c in report.countries.all()) == ["HT", "MX"]
    edit = client.get(f"/reports/{report.pk}/edit/").content.decode()
    assert '<option value="MX" selected>Mexico</option>' in edit
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert (
        '<dt>Countries assessed</dt><dd><a href="/countries/HT/">Haiti</a>, '
        '<a href="/countries/MX/">Mexico</a></dd>'
    ) in page
    assert '<a href="/bodies/' in page.split("<dt>Reporting for</dt>")[1].split("</dd>")[0]


def test_the_api_takes_and_gives_the_countries(people, items, parties, client):
    import json

    client.force_login(people["cso"])
    answer = client.post(
        "/api/reports",
        json.dumps(
            {
                "party_id": parties["cso"].pk,
                "items": [items["civil_registry"].pk],
                "countries": ["MX"],
                "period_start": "2024-01-01",
                "period_end": "2024-12-31",
                "compliance": "partial",
                "narrative": "Paper forms.",
            }
        ),
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert answer.json()["countries"] == ["MX"]


def test_the_history_names_the_countries_assessed(people, items, parties, file_report, client):
    shadow = file_report(user="cso", party="cso", countries=["MX", "HT"])
    client.force_login(people["cso"])
    html = client.get(f"/reports/{shadow.pk}/").content.decode()
    assert "Countries assessed: Haiti, Mexico" in html
