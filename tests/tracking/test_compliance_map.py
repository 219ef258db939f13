"""Compliance by country as a map of the Americas: an inline SVG drawn on the server from the
boundaries shipped with followup, one named shape per country with assessed items, coloured by
its level, with a legend; the table stays as the fallback."""

import re
import xml.etree.ElementTree as ET

import pytest

from followup.geo import americas
from followup.tracking.maps import compliance_map, level_of
from followup.tracking.models import COMPLIANCE, Party, Profile

from .conftest import make_user

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def assessments(file_report, people, django_user_model, parties):
    file_report(state="published", compliance="partial")  # Haiti: a tie of partial and pending,
    file_report(state="published", compliance="pending", item="whistleblowers")  # the lower wins
    file_report(user="mexico", party="MX", state="published", compliance="total")
    file_report(user="mexico", party="MX", state="published", compliance="total", item="whistleblowers")  # fmt: skip
    barbados = Party.objects.get(country__code="BB")  # too small to draw at 1:110m
    people["barbados"] = make_user(django_user_model, "barbados", Profile.FOCAL_POINT, barbados)
    parties["BB"] = barbados
    file_report(user="barbados", party="BB", state="published", compliance="non_compliance")
    file_report(user="cso", party="cso", state="published", compliance="total")  # no country


def page_map(client, query="?by=country"):
    html = client.get("/compliance/" + query).content.decode()
    found = re.search(r'<svg[^>]*class="chart map compliance-map".*?</svg>', html, re.S)
    return html, (ET.fromstring(found[0]) if found else None)


def test_each_country_with_assessments_is_one_named_shape_coloured_by_its_level(
    client, assessments
):
    _html, svg = page_map(client)
    coloured = {
        path.get("data-country"): (path.get("class"), path.get("aria-label"), path.findtext(SVG + "title"))
        for path in svg.iter(SVG + "path")
        if path.get("class") != "no-data"
    }  # fmt: skip
    assert coloured == {
        "HT": (
            "status-pending",
            "Haiti: Pending compliance (1 of 2 items)",
            "Haiti: Pending compliance (1 of 2 items)",
        ),
        "MX": (
            "status-total",
            "Mexico: Total compliance (2 of 2 items)",
            "Mexico: Total compliance (2 of 2 items)",
        ),
    }
    assert [p.get("role") for p in svg.iter(SVG + "path") if p.get("class") != "no-data"] == [
        "img",
        "img",
    ]


def test_the_other_countries_are_drawn_grey_and_hidden_from_screen_readers(client, assessments):
    _html, svg = page_map(client)
    assert svg.get("role") == "group"
    assert svg.findtext(SVG + "title") == "Compliance by country"
    assert "coloured by the level of compliance" in svg.findtext(SVG + "desc")
    [background] = [g for g in svg.iter(SVG + "g")]
    assert background.get("aria-hidden") == "true"
    grey = [p for p in background.iter(SVG + "path")]
    assert {p.get("class") for p in grey} == {"no-data"}
    assert len(grey) == len(americas()) - 2  # every outline shipped, less Haiti's and Mexico's


def test_the_map_has_a_legend_and_lists_the_states_too_small_to_draw(client, assessments):
    html, _svg = page_map(client)
    figure = html[html.index('<figure class="map-box"') : html.index("</figure>")]
    legend = re.findall(r'<span class="swatch ([a-z_ -]+)"></span>([^<]+)</li>', figure)
    assert legend == [
        ("status-total", "Total compliance"),
        ("status-partial_substantial", "Partial substantial compliance"),
        ("status-partial", "Partial compliance"),
        ("status-pending", "Pending compliance"),
        ("status-non_compliance", "Non-compliance"),
        ("no-data", "No published assessment"),
    ]
    assert "Too small to draw at this scale: Barbados: Non-compliance (1 of 1 item)</p>" in figure
    assert '<table class="list compliance">' in html  # the table, as ever, after the map


def test_the_map_is_in_the_readers_language(client, assessments):
    html = client.get("/compliance/?by=country", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'aria-label="México: Cumplimiento total (2 ' in html


def test_only_compliance_by_country_has_a_map(client, assessments):
    assert page_map(client, "?by=instrument")[1] is None
    assert page_map(client, "?by=country&party_kind=organization")[1] is None  # no country named


def test_a_countrys_level_is_the_status_most_of_its_items_stand_at():
    assert level_of({"total": 3, "partial": 1, "pending": 2}, COMPLIANCE) == ("total", 3)
    assert level_of({"total": 1, "non_compliance": 1}, COMPLIANCE) == ("non_compliance", 1)
    assert level_of({}, COMPLIANCE) is None


def test_a_map_of_no_rows_draws_every_outline_grey(registries):
    drawn = compliance_map([], COMPLIANCE, title="Empty")
    assert (drawn.levels, drawn.undrawn) == ([], [])
    assert drawn.svg.count('class="no-data"') == len(americas())
    assert "status-" not in drawn.svg
