"""Compliance views: how items stand in a reporting period, by country, instrument, summit,
theme, pillar, kind of party and period, with the items a party owed a report on and did not
report on counted as not reported."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from followup.tracking.actions import do_create_obligation, do_rebuild_statuses
from followup.tracking.compliance import DIMENSION_CODES, compliance_by, compliance_over_time
from followup.tracking.models import ItemStatus

pytestmark = pytest.mark.django_db

NOTHING = {
    "total": 0,
    "partial_substantial": 0,
    "partial": 0,
    "pending": 0,
    "non_compliance": 0,
    "not_reported": 0,
}


def counts(**given):
    return {**NOTHING, **given}


@pytest.fixture
def assessments(file_report, people, items, parties):
    file_report(state="published", compliance="total")  # Haiti, civil registry, 2024
    file_report(state="published", compliance="pending", item="whistleblowers")  # Haiti, 2024
    file_report(state="published", compliance="non_compliance", year=2023)  # Haiti, 2023
    file_report(user="mexico", party="MX", state="published", compliance="partial")  # 2024
    file_report(user="mexico", party="MX", state="submitted", compliance="total")  # unpublished
    file_report(
        user="cso", party="cso", state="published", compliance="non_compliance", countries=["MX"]
    )
    # Mexico owes a report on whistleblowers for 2024 and has published none.
    do_create_obligation(
        people["analyst"],
        item_id=items["whistleblowers"].pk,
        party_id=parties["MX"].pk,
        due_on=date(2025, 3, 31),
        period=2024,
    )


def test_by_country_counts_the_latest_period_and_the_items_not_reported(assessments):
    assert [r.as_dict() for r in compliance_by("country")] == [
        {
            "key": "HT",
            "label": "Haiti",
            "total": 2,
            "counts": counts(total=1, pending=1),
            "shares": {**counts(total=0.5, pending=0.5)},
        },
        {
            "key": "MX",
            "label": "Mexico",
            "total": 2,
            "counts": counts(partial=1, not_reported=1),
            "shares": {**counts(partial=0.5, not_reported=0.5)},
        },
    ]


def test_an_earlier_period_keeps_its_own_assessments(assessments):
    assert {r.key: r.counts for r in compliance_by("country", period=2023)} == {
        "HT": {"non_compliance": 1}
    }


def test_a_report_published_for_the_period_clears_its_not_reported(assessments, file_report):
    file_report(user="mexico", party="MX", state="published", item="whistleblowers", year=2023)
    mexico = {r.key: r.counts for r in compliance_by("country", period=2024)}["MX"]
    assert mexico == {"partial": 1, "not_reported": 1}  # a report on 2023 is not one on 2024
    file_report(
        user="mexico", party="MX", state="published", item="whistleblowers", compliance="total"
    )
    mexico = {r.key: r.counts for r in compliance_by("country", period=2024)}["MX"]
    assert mexico == {"partial": 1, "total": 1}


def test_over_time_groups_by_reporting_period_not_the_year_of_publication(assessments):
    # Every report was published today; they cover 2023 and 2024.
    assert [(r.label, r.counts) for r in compliance_over_time()] == [
        ("2023", {"non_compliance": 1}),
        ("2024", {"total": 1, "pending": 1, "partial": 1, "not_reported": 1}),
    ]
    assert compliance_by("year") == compliance_by("period")


def test_by_instrument_summit_theme_pillar_and_kind_of_party(assessments):
    assert {r.label: r.counts for r in compliance_by("instrument")} == {
        "Plan of Action on Digital Government, X Summit of the Americas, Punta Cana, 2025": {
            "total": 1,
            "partial": 1,
        },
        "Quito Commitment on Public Integrity, Ecuador, 2023": {"pending": 1, "not_reported": 1},
    }
    assert {r.label: r.total for r in compliance_by("summit")} == {
        "X Summit of the Americas": 2,
        "—": 2,
    }
    assert {r.key: r.total for r in compliance_by("theme")} == {
        "corruption-transparency": 2,
        "digital-transformation": 2,
        "e-government": 2,
    }
    assert {r.key: r.total for r in compliance_by("pillar")} == {"democracy": 4}
    assert [(r.key, r.label, r.total) for r in compliance_by("party_kind")] == [
        ("state", "State", 4),
        ("organization", "Civil-society organization", 1),
    ]


def test_civil_society_is_counted_under_the_countries_it_assesses(assessments, file_report):
    assert {r.key: r.counts for r in compliance_by("country", party_kind="organization")} == {
        "MX": {"non_compliance": 1}
    }
    file_report(
        user="cso", party="cso", state="published", item="whistleblowers", countries=["HT", "MX"]
    )
    file_report(user="cso", party="cso", state="published", item="whistleblowers", countries=[])
    assert {
        r.key: (r.label, r.counts) for r in compliance_by("country", party_kind="organization")
    } == {
        "MX": ("Mexico", {"non_compliance": 1, "partial": 1}),
        "HT": ("Haiti", {"partial": 1}),
        "": ("No country named", {"partial": 1}),
    }


def test_rebuilding_the_statuses_gives_the_same_ones(assessments):
    def fields():
        return sorted(
            ItemStatus.objects.values_list(
                "item_id", "party_id", "period", "country_id", "compliance", "report_id"
            )
        )

    before = fields()
    assert do_rebuild_statuses() == len(before) == 6
    assert fields() == before


def test_an_unknown_dimension_is_refused():
    with pytest.raises(ValueError, match="by: unknown dimension 'planet'"):
        compliance_by("planet")


@pytest.mark.parametrize("by", [*DIMENSION_CODES, "year"])
def test_every_choice_of_the_menu_answers(assessments, client, by):
    page = client.get(f"/compliance/?by={by}")
    assert page.status_code == 200
    html = page.content.decode()
    start = html.index('<select id="by"')
    menu = html[start : html.index("</select>", start)]
    assert [line.split(">")[1] for line in menu.split("<option")[1:]] == [
        "Country</option",
        "Instrument</option",
        "Summit</option",
        "Theme</option",
        "Pillar</option",
        "Kind of party</option",
        "Reporting period</option",
    ]


def test_the_page_shows_a_period_its_not_reported_column_and_exports(assessments, client):
    html = client.get("/compliance/?by=country").content.decode()
    assert '<option value="2024" selected>2024</option>' in html
    assert '<th scope="col">Not reported</th>' in html
    mexico = html[html.index('<th scope="row">Mexico</th>') :].split("</tr>")[0]
    assert mexico.endswith("<td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td>")
    assert "<svg" in html
    assert 'class="status-not_reported"' in html
    earlier = client.get("/compliance/?by=country&period=2023").content.decode()
    assert "Mexico" not in earlier.split("Assessments by reporting period")[0]
    exported = client.get("/compliance/?by=country&format=csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [(r["country"], r["total"], r["not_reported count"]) for r in rows] == [
        ("HT", "2", "0"),
        ("MX", "2", "1"),
    ]
    workbook = load_workbook(io.BytesIO(client.get("/compliance/?by=theme&format=xlsx").content))
    assert workbook.active.cell(1, 1).value == "theme"
    assert client.get("/compliance/?by=planet").status_code == 400
    assert client.get("/compliance/?by=country&period=1999").status_code == 400


def test_the_api_gives_the_same_numbers(assessments, client):
    rows = client.get("/api/compliance?by=country").json()
    assert rows == [r.as_dict() for r in compliance_by("country")]
    assert [r["key"] for r in client.get("/api/compliance?by=year").json()] == ["2023", "2024"]
    assert client.get("/api/compliance?by=country&period=2023").json()[0]["counts"] == counts(
        non_compliance=1
    )
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


def test_compliance_by_theme_follows_the_items_labels(assessments, items):
    from followup.corpus.models import ItemLabel
    from followup.corpus.signals import labels_changed

    registry = items["civil_registry"]
    for label in ItemLabel.objects.filter(item=registry, taxonomy="themes"):
        label.delete()
    assert {r.key: r.total for r in compliance_by("theme")} == {"corruption-transparency": 2}
    ItemLabel.objects.bulk_create(
        [ItemLabel(item=registry, taxonomy="themes", label="e-government", score=0.9)]
    )
    labels_changed.send(ItemLabel, item_ids=[registry.pk])  # as classification does
    assert {r.key: r.total for r in compliance_by("theme")} == {
        "corruption-transparency": 2,
        "e-government": 2,
    }


def test_obligations_removed_in_the_administration_no_longer_count(
    assessments, client, django_user_model
):
    from followup.tracking.models import Obligation

    client.force_login(django_user_model.objects.create_superuser("root", password="pw-root-24!"))
    obligation = Obligation.objects.get()
    answer = client.post(f"/admin/tracking/obligation/{obligation.pk}/delete/", {"post": "yes"})
    assert answer.status_code == 302
    assert {r.key: r.counts for r in compliance_by("country")}["MX"] == {"partial": 1}
