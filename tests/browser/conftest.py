"""Browser tests: Playwright driving Debian's Chromium against the app on a live server.

Screenshots go to screenshots/ (kept by CI as artifacts, ignored by git). Where Chromium is
not installed the tests are skipped, unless FOLLOWUP_BROWSER_TESTS=required (as in CI).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("FOLLOWUP_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are
# still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("FOLLOWUP_BROWSER_TESTS") == "required":
            pytest.fail(f"Chromium is required for the browser tests and is not at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def site(live_server, transactional_db, tmp_path):
    """The demo's sample corpus, accounts and reports, served live."""
    from click.testing import CliRunner

    from followup.cli import main

    result = CliRunner().invoke(main, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    return live_server.url
