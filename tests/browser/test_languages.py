"""Switched to Spanish, Portuguese or French, no main page shows a string of the interface in
English: menus, buttons, field labels, section headings, table headings and page titles."""

import re
from pathlib import Path

import polib
import pytest

from tests.browser.test_narrow_screens import detail_pages, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "followup"
# Where the interface speaks, as opposed to the documents' and reports' own words.
INTERFACE = "nav, button, label, legend, h2, thead th, summary, title"
TEXTS = f"""() => [...document.querySelectorAll("{INTERFACE}")].map((el) => el.textContent)"""


def english_strings(language: str) -> set[str]:
    """The interface's English strings that read differently in the language: two words or
    more, placeholders and markup aside (one word, "Total", may be the same in both)."""
    found = set()
    for path in PACKAGE.glob(f"**/locale/{language}/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)).translated_entries():
            text = re.sub(r"<[^>]+>|%\(\w+\)[sd]|\{\w*\}", " ", entry.msgid)
            parts = [p.strip(" .:,;") for p in re.split(r"\s{2,}|\n", text)]
            for part in parts:
                if len(part.split()) >= 2 and part != entry.msgstr.strip(" .:,;"):
                    found.add(part)
    return found


def choose(page, site, language: str) -> None:
    page.goto(f"{site}/")
    with page.expect_navigation():
        page.locator("#language-select").select_option(language)
    assert page.locator("html").get_attribute("lang") == language


def english_left(page, site, address: str, strings: set[str]) -> list[str]:
    page.goto(f"{site}{address}")
    shown = " ".join(" ".join(text.split()) for text in page.evaluate(TEXTS))
    return sorted(f"{address}: {s}" for s in strings if re.search(rf"\b{re.escape(s)}\b", shown))


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_no_main_page_shows_the_interface_in_english(page, site, language):
    strings = english_strings(language)
    assert len(strings) > 300
    choose(page, site, language)
    menu = [
        link.get_attribute("href")
        for link in page.locator("nav[aria-labelledby], header nav").get_by_role("link").all()
    ]
    public = list(dict.fromkeys(["/", "/search/", *menu, *detail_pages()]))
    left = [found for address in public for found in english_left(page, site, address, strings)]
    for account, addresses in [
        ("haiti", ["/", "/reports/new/", "/reports/", "/notifications/"]),
        ("analyst", ["/", "/overdue/", "/import/", "/documents/upload/", "/review/labels/"]),
    ]:
        sign_in(page, site, account)
        choose(page, site, language)
        left += [
            found for address in addresses for found in english_left(page, site, address, strings)
        ]
    assert left == []
