"""Pages and API of the measures app, in four languages, and who may write what."""

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from followup.measures.actions import do_record_measure, national_jurisdiction
from followup.measures.models import DailyIndex, DailyValue, Measure

pytestmark = pytest.mark.django_db


def test_the_country_page_shows_indices_timeline_and_situation(client, gbr):
    page = client.get(reverse("measures:jurisdiction_detail", args=["GBR"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<svg") == 3
    assert "Stringency index" in html
    assert "Measures timeline" in html
    assert "Confirmed cases" in html
    assert "C1" in html


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Indices over time", "Measures timeline", "Cases and deaths"]),
        ("es", ["Índices a lo largo del tiempo", "Cronología de las medidas", "Casos y muertes"]),
        ("pt", ["Índices ao longo do tempo", "Linha do tempo das medidas", "Casos e mortes"]),
        ("fr", ["Indices dans le temps", "Chronologie des mesures", "Cas et décès"]),
    ],
)
def test_the_country_page_in_four_languages(client, gbr, language, words):
    client.cookies["django_language"] = language
    html = client.get(reverse("measures:jurisdiction_detail", args=["GBR"])).content.decode()
    for word in words:
        assert word in html


@pytest.mark.parametrize("name", ["jurisdiction_list", "compare", "codebooks"])
@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_the_other_pages_answer_in_each_language(client, gbr, name, language):
    client.cookies["django_language"] = language
    response = client.get(reverse(f"measures:{name}"))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


def test_the_codebook_page_gives_the_levels_in_the_page_language(client, gbr):
    client.cookies["django_language"] = "es"
    html = client.get(reverse("measures:codebooks")).content.decode()
    assert "Cierre de escuelas" in html
    assert "cierre obligatorio de todos los niveles" in html
    assert "Medidas económicas para mipymes" in html


def test_comparison_of_countries_and_its_downloads(client, gbr):
    url = (
        reverse("measures:compare")
        + "?j=GBR&j=UK_ENG&index=stringency&from=2020-03-20&to=2020-03-22"
    )
    html = client.get(url).content.decode()
    assert html.count("<polyline") >= 2
    rows = list(
        csv.reader(io.StringIO(client.get(url + "&format=csv").content.decode("utf-8-sig")))
    )
    expected = {
        d: round(v, 2)
        for d, v in DailyIndex.objects.filter(
            jurisdiction__code="GBR",
            index="stringency",
            variant="",
            day__range=(date(2020, 3, 20), date(2020, 3, 22)),
        ).values_list("day", "display_value")
    }
    assert rows[0] == ["day", "GBR", "UK_ENG"]
    assert [(r[0], round(float(r[1]), 2)) for r in rows[1:]] == [
        (d.isoformat(), v) for d, v in sorted(expected.items())
    ]
    data = json.loads(client.get(url + "&format=json").content)
    assert data["columns"] == ["day", "GBR", "UK_ENG"]
    assert len(data["rows"]) == 3


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_every_table_downloads(client, gbr, fmt):
    for name in ("indices_download", "measures_download", "situation_download"):
        response = client.get(reverse(f"measures:{name}", args=["GBR", fmt]))
        assert response.status_code == 200
    assert (
        client.get(reverse("measures:chart_svg", args=["GBR"]))["Content-Type"] == "image/svg+xml"
    )


def test_csv_cells_that_look_like_formulas_are_written_as_text(client, people):
    mexico = national_jurisdiction(people["mexico"].profile.party.country)
    do_record_measure(
        people["analyst"],
        jurisdiction=mexico,
        indicator="C1",
        value=3,
        flag=1,
        start_date=date(2020, 3, 23),
        notes='=HYPERLINK("http://x.example","click")',
        population_targeted="+all pupils",
        source_kind="url",
        source_url="https://www.gob.mx/sep/decreto",
    )
    text = client.get(reverse("measures:measures_download", args=["MEX", "csv"])).content.decode(
        "utf-8-sig"
    )
    row = next(r for r in csv.DictReader(io.StringIO(text)))
    assert row["notes"] == """'=HYPERLINK("http://x.example","click")"""
    assert row["population_targeted"] == "'+all pupils"
    assert row["value"] == "3.0"


# Who may do what is tabled, role by role, in tests/test_policy.py.


FORM = {
    "indicator": "C6",
    "value": "2",
    "flag": "1",
    "start_date": "2020-03-24",
    "source_url": "https://www.gob.mx/decreto-2020-03-24",
    "log_type": "introduced",
}


@pytest.mark.parametrize(
    ("who", "country", "allowed"),
    [
        ("analyst", "HT", True),
        ("mexico", "MX", True),
        ("mexico", "HT", False),
        ("haiti", "MX", False),
        ("public", "MX", False),
        (None, "MX", False),
    ],
)
def test_recording_a_measure_on_the_page(client, people, who, country, allowed):
    from followup.corpus.models import Country

    place = national_jurisdiction(Country.objects.get(code=country))
    if who:
        client.force_login(people[who])
    page = client.get(reverse("measures:jurisdiction_detail", args=[place.code])).content.decode()
    assert ("Record a measure" in page) is allowed
    response = client.post(reverse("measures:record_measure", args=[place.code]), FORM)
    assert response.status_code == (302 if allowed else 403)
    assert Measure.objects.filter(jurisdiction=place).count() == (1 if allowed else 0)
    if allowed:
        assert (
            DailyValue.objects.filter(jurisdiction=place, indicator="C6", day=date(2020, 3, 24))
            .get()
            .value
            == 2
        )


API_MEASURE = {
    "indicator": "C1",
    "value": 3,
    "flag": 1,
    "start_date": "2020-03-16",
    "end_date": "2020-03-31",
    "source_url": "https://www.gob.mx/sep/acuerdo-02-03-20",
}


@pytest.mark.parametrize(
    ("who", "country", "status"),
    [
        ("analyst", "HT", 201),
        ("mexico", "MX", 201),
        ("mexico", "HT", 403),
        ("public", "MX", 403),
        (None, "MX", 401),
    ],
)
def test_recording_a_measure_over_the_api(client, people, who, country, status):
    from followup.corpus.models import Country

    place = national_jurisdiction(Country.objects.get(code=country))
    if who:
        client.force_login(people[who])
    response = client.post(
        "/api/measures/log",
        {**API_MEASURE, "jurisdiction": place.code},
        content_type="application/json",
    )
    assert response.status_code == status, response.content
    if status == 201:
        body = response.json()
        assert (body["jurisdiction"], body["indicator"], body["value"], body["source_kind"]) == (
            place.code,
            "C1",
            3.0,
            "url",
        )
        panel = client.get(
            f"/api/measures/panel/{place.code}?indicator=C1&start=2020-03-16&end=2020-03-16"
        )
        assert [(v["value"], v["flag"]) for v in panel.json()["items"]] == [(3.0, 1)]
        # One indicator of nine: more than one component is missing, so no stringency index.
        assert (
            client.get(f"/api/measures/indices/{place.code}?index=stringency").json()["items"] == []
        )
    else:
        assert Measure.objects.count() == 0


def test_the_api_refuses_a_value_outside_the_scale(client, people):
    place = national_jurisdiction(people["mexico"].profile.party.country)
    client.force_login(people["mexico"])
    response = client.post(
        "/api/measures/log",
        {**API_MEASURE, "value": 9, "jurisdiction": place.code},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "value: value 9 is outside the scale of C1 (0, 1, 2, 3)"


def test_a_focal_point_cannot_change_another_states_measure_over_the_api(client, people):
    haiti = national_jurisdiction(people["haiti"].profile.party.country)
    measure = do_record_measure(
        people["analyst"],
        jurisdiction=haiti,
        indicator="C2",
        value=2,
        flag=1,
        start_date=date(2020, 4, 1),
        source_kind="url",
        source_url="https://haiti.example/decret",
    )
    client.force_login(people["mexico"])
    assert (
        client.patch(
            f"/api/measures/log/{measure.pk}", {"value": 3}, content_type="application/json"
        ).status_code
        == 403
    )
    assert client.delete(f"/api/measures/log/{measure.pk}").status_code == 403
    client.force_login(people["haiti"])
    assert (
        client.patch(
            f"/api/measures/log/{measure.pk}", {"value": 3}, content_type="application/json"
        ).status_code
        == 200
    )
    assert (
        DailyValue.objects.get(jurisdiction=haiti, indicator="C2", day=date(2020, 4, 1)).value == 3
    )
    assert client.delete(f"/api/measures/log/{measure.pk}").status_code == 204
    assert not DailyValue.objects.filter(jurisdiction=haiti).exists()


def test_the_api_reads_are_public_and_documented(client, gbr):
    books = client.get("/api/measures/codebooks").json()
    oxcgrt = next(b for b in books if b["name"] == "oxcgrt")
    c1 = next(i for i in oxcgrt["indicators"] if i["code"] == "C1")
    assert c1["names"]["pt"] == "Fechamento de escolas"
    assert [lv["value"] for lv in c1["levels"]] == [0, 1, 2, 3]
    log = client.get("/api/measures/log?jurisdiction=GBR&indicator=C1").json()
    assert log["count"] == Measure.objects.filter(jurisdiction__code="GBR", indicator="C1").count()
    panel = client.get(
        "/api/measures/panel/GBR?indicator=C1&start=2020-03-23&end=2020-03-23"
    ).json()
    assert panel["items"] == [
        {
            "day": "2020-03-23",
            "indicator": "C1",
            "applies_to": "majority",
            "value": 3.0,
            "flag": 1,
            "measure_id": panel["items"][0]["measure_id"],
        }
    ]
    schema = client.get("/api/openapi.json").json()
    for path in (
        "/api/measures/codebooks",
        "/api/measures/log",
        "/api/measures/panel/{jurisdiction}",
        "/api/measures/indices/{jurisdiction}",
    ):
        assert path in schema["paths"]
