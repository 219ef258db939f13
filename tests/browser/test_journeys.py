"""What a person does in a browser: search with a filter, read an item's passage, switch
language, download a CSV."""

import csv

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_with_a_filter(page, site):
    page.goto(f"{site}/search/")
    page.get_by_role("searchbox").fill("migrantes")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".hits .hit").first).to_be_visible()
    page.locator(".facet", has_text="Kind").get_by_role("link", name="event").click()
    assert "kind=event" in page.url
    kinds = page.locator(".hits .kind").all_inner_texts()
    assert kinds
    assert {k.lower() for k in kinds} == {"event"}


def test_open_an_item_and_see_its_passage_highlighted(page, site):
    page.goto(f"{site}/search/?q=drought&kind=action")
    page.locator(".hits .hit a").first.click()
    passage = page.locator("#passage mark")
    expect(passage).to_be_visible()
    assert page.locator("h1.item-text").inner_text().strip() == passage.inner_text().strip()


def test_switch_language(page, site):
    page.goto(f"{site}/search/")
    page.locator("#language-select").select_option("es")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(
        page.get_by_role("navigation", name="Principal").get_by_role("link", name="Buscar")
    ).to_be_visible()
    page.locator("#language-select").select_option("fr")
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Données ouvertes")).to_be_visible()


def test_download_a_csv(page, site, tmp_path):
    page.goto(f"{site}/search/?q=migrants")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    path = tmp_path / "results.csv"
    download.value.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert rows
    assert {"id", "url", "kind", "text"} <= set(rows[0])
    assert all(row["url"].startswith(site) for row in rows)
