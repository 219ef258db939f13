"""Country-pair restrictions and points of entry, on a date chosen with the slider."""

from datetime import date

import pytest
from django.urls import reverse

from followup.corpus.models import Country
from followup.errors import Forbidden
from followup.measures.actions import InvalidMeasure
from followup.measures.mobility import do_record_point_status, do_record_restriction, picture
from followup.measures.models import PointOfEntry, StrandedMigrants

pytestmark = pytest.mark.django_db


@pytest.fixture
def borders(people):
    mexico, haiti, peru = (Country.objects.get(iso3=c) for c in ("MEX", "HTI", "PER"))
    analyst = people["analyst"]
    do_record_restriction(
        analyst,
        imposing=peru,
        affected=mexico,
        kind="total_entry_restriction",
        start_date=date(2020, 3, 16),
        end_date=date(2020, 10, 4),
    )
    do_record_restriction(
        analyst,
        imposing=mexico,
        affected=haiti,
        kind="conditions_for_entry",
        conditions=["medical", "visa_documents"],
        exceptions="Diplomats",
        start_date=date(2020, 4, 1),
    )
    airport = PointOfEntry.objects.create(
        country=mexico,
        name="Aeropuerto Internacional de la Ciudad de México",
        kind="airport",
        latitude=19.436,
        longitude=-99.072,
    )
    do_record_point_status(
        analyst, airport, since=date(2020, 3, 20), status="partially_operational"
    )
    do_record_point_status(analyst, airport, since=date(2020, 9, 1), status="fully_operational")
    StrandedMigrants.objects.create(country=mexico, day=date(2020, 5, 1), count=1250)
    return mexico, haiti, peru, airport


def test_the_picture_on_a_date(borders):
    mexico, _, _, airport = borders
    april = picture(mexico, date(2020, 4, 15))
    assert [(r.imposing.iso3, r.kind) for r in april.restricting_its_people] == [
        ("PER", "total_entry_restriction")
    ]
    assert [(r.affected.iso3, r.conditions, r.exceptions) for r in april.it_restricts] == [
        ("HTI", ["medical", "visa_documents"], "Diplomats")
    ]
    assert [(p.name, s.status) for p, s in april.points] == [
        (airport.name, "partially_operational")
    ]
    assert april.stranded is None
    november = picture(mexico, date(2020, 11, 1))
    assert november.restricting_its_people == []
    assert [s.status for _, s in november.points] == ["fully_operational"]
    assert november.stranded.count == 1250


def test_only_the_imposing_states_focal_points_or_analysts_record(people, borders):
    mexico, haiti, _, airport = borders
    with pytest.raises(Forbidden):
        do_record_restriction(
            people["haiti"],
            imposing=mexico,
            affected=haiti,
            kind="none",
            start_date=date(2020, 5, 1),
        )
    with pytest.raises(Forbidden):
        do_record_point_status(
            people["haiti"], airport, since=date(2020, 5, 1), status="fully_closed"
        )
    do_record_point_status(people["mexico"], airport, since=date(2020, 5, 1), status="fully_closed")
    with pytest.raises(InvalidMeasure):
        do_record_restriction(
            people["mexico"],
            imposing=mexico,
            affected=haiti,
            kind="closed",
            start_date=date(2020, 5, 1),
        )


def test_the_page_and_its_slider(client, borders):
    url = reverse("measures:mobility", args=["MEX"])
    html = client.get(url + "?day=30").content.decode()  # 16 March 2020 + 30 days
    assert "2020-04-15" in html
    assert 'type="range"' in html
    assert "Peru" in html
    assert "Partially operational".lower() in html.lower()
    client.cookies["django_language"] = "es"
    assert "Quién restringe la entrada de su población" in client.get(url).content.decode()


def test_the_api_gives_restrictions_and_points_of_entry(client, borders):
    on_date = client.get("/api/measures/restrictions?country=MEX&on=2020-11-01").json()
    assert [(r["imposing"], r["affected"], r["kind"]) for r in on_date["items"]] == [
        ("MEX", "HTI", "conditions_for_entry")
    ]
    points = client.get("/api/measures/points-of-entry?country=MEX").json()["items"]
    assert [(p["kind"], [s["status"] for s in p["statuses"]]) for p in points] == [
        ("airport", ["partially_operational", "fully_operational"])
    ]
    schema = client.get("/api/openapi.json").json()
    for path in (
        "/api/measures/restrictions",
        "/api/measures/points-of-entry",
        "/api/measures/situation/{jurisdiction}",
        "/api/measures/questionnaires",
        "/api/measures/answers",
    ):
        assert path in schema["paths"]


def test_the_map_of_the_americas_colours_each_state_by_its_index_on_the_chosen_day(client, people):
    from followup.measures import charts
    from followup.measures.actions import do_record_measure, national_jurisdiction
    from followup.measures.indices import SCALES
    from followup.measures.models import DailyIndex

    mexico = national_jurisdiction(Country.objects.get(iso3="MEX"))
    for code in SCALES:  # every indicator at its maximum from 1 April: stringency 100
        do_record_measure(
            people["analyst"],
            jurisdiction=mexico,
            indicator=code,
            value=SCALES[code].maximum,
            flag=1 if SCALES[code].has_flag else None,
            start_date=date(2020, 4, 1),
            end_date=date(2020, 4, 10),
            source_kind="url",
            source_url="https://www.gob.mx/decreto",
        )
    assert (
        DailyIndex.objects.get(
            jurisdiction=mexico, index="stringency", variant="", day=date(2020, 4, 5)
        ).value
        == 100
    )
    html = client.get(reverse("measures:map") + "?index=stringency&day=4").content.decode()
    assert "2020-04-05" in html
    assert f'fill="{charts.shade(100)}" stroke="#64748b" stroke-width="0.5" data-iso3="MEX"' in html
    assert (
        f'fill="{charts.shade(None)}" stroke="#64748b" stroke-width="0.5" data-iso3="BRA"' in html
    )
    assert "Barbados" in html  # too small to draw, listed beside the map
    rows = client.get(reverse("measures:map") + "?index=stringency&day=4&format=json").json()[
        "rows"
    ]
    assert {r["iso3"]: r["stringency"] for r in rows}["MEX"] == 100
