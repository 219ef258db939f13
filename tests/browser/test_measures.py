"""Browser journeys of the measures pages: the country page at phone width, the map's date
slider, and a CSV download."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

FIXTURES = Path(__file__).resolve().parents[1] / "measures" / "fixtures"


@pytest.fixture
def measures_site(live_server, transactional_db):
    from followup.corpus.actions import do_load_registries
    from followup.measures.actions import do_import_oxcgrt

    do_load_registries()
    assert do_import_oxcgrt(FIXTURES / "oxcgrt_compact_GBR.csv").ok
    return live_server.url


def test_the_country_page_reads_at_phone_width(browser, measures_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{measures_site}/measures/GBR/")
    assert page.locator("h1").inner_text() == "United Kingdom"
    charts = page.locator("figure.chart-box svg")
    assert charts.count() == 3
    # Nothing wider than the screen: charts scale down, tables scroll in their own box.
    assert page.evaluate("document.querySelector('main').scrollWidth") <= 390
    assert charts.first.bounding_box()["width"] <= 390
    context.close()


def test_the_map_slider_changes_the_date(page, measures_site):
    page.goto(f"{measures_site}/measures/map/?index=stringency&day=0")
    first = page.locator(".on-date strong").inner_text()
    slider = page.locator("#map-day")
    slider.fill("30")  # the range input: htmx swaps the map in
    # expect() polls from Playwright's side: a predicate evaluated in the page would be eval,
    # which the site's Content-Security-Policy refuses.
    expect(page.locator(".on-date strong")).not_to_have_text(first)
    assert "day=30" in page.url


def test_download_the_indices_as_csv(page, measures_site, tmp_path):
    page.goto(f"{measures_site}/measures/GBR/")
    with page.expect_download() as download:
        page.locator("#indices-heading ~ p.downloads a", has_text="CSV").click()
    path = tmp_path / "indices.csv"
    download.value.save_as(path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "jurisdiction,day,index,variant,value,display_value"
    assert lines[1].startswith("GBR,2020-03-01,")
