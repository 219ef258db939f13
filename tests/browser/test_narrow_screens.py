"""At 390 px wide (a phone) no main page scrolls sideways: the menu folds behind a button and
wide tables scroll inside their own box. The report form's item picker works from the keyboard."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "followup-demo-2024"
WIDTH = 390
# What sticks out of the page, if anything: the elements whose right edge passes the window,
# outside any box that scrolls on its own.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (["auto", "scroll", "hidden"].includes(style.overflowX)) return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : ""));
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


@pytest.fixture
def phone(browser, request):
    # Not is_mobile: a mobile viewport zooms out to fit wide content instead of scrolling.
    context = browser.new_context(viewport={"width": WIDTH, "height": 844})
    page = context.new_page()
    yield page
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def sign_in(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def detail_pages() -> list[str]:
    from followup.corpus.models import Body, Country, Document, Item
    from followup.tracking.models import Report

    pages = [
        f"/documents/{Document.objects.order_by('pk').first().pk}/",
        f"/items/{Item.objects.filter(kind='mandate').order_by('pk').first().pk}/",
        f"/reports/{Report.objects.filter(state='published').order_by('pk').first().pk}/",
        f"/countries/{Country.objects.filter(oas_member=True).order_by('code').first().code}/",
        "/search/?q=migrantes",
        "/accounts/login/",
        "/accounts/register/",
        "/no/such/page/",
    ]
    from followup.consult.models import Consultation, Proposal
    from followup.measures.models import Jurisdiction

    body = Body.objects.order_by("pk").first()
    consultation = Consultation.objects.order_by("pk").first()
    proposal = Proposal.objects.order_by("pk").first()
    jurisdiction = Jurisdiction.objects.order_by("pk").first()
    for found, address in [
        (body, lambda: f"/bodies/{body.pk}/"),
        (consultation, lambda: f"/consult/{consultation.slug}/"),
        (proposal, lambda: f"/consult/proposals/{proposal.pk}/"),
        (jurisdiction, lambda: f"/measures/{jurisdiction.code}/"),
        (True, lambda: "/measures/map/"),
        (True, lambda: "/petitions/figures/"),
    ]:
        if found is not None:
            pages.append(address())
    return pages


def sideways(page, site, address) -> dict | None:
    response = page.goto(f"{site}{address}")
    page.wait_for_load_state("networkidle")
    measured = page.evaluate(OVERFLOW)
    if measured["scrollWidth"] > measured["width"]:
        return {"address": address, "status": response.status, **measured}
    return None


def test_no_main_page_scrolls_sideways_at_390_px(phone, site):
    phone.goto(f"{site}/")
    menu = phone.get_by_role("navigation", name="Main")
    toggle = phone.get_by_role("button", name="Menu")
    expect(menu).to_be_hidden()  # folded behind the button
    toggle.click()
    expect(menu).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    # The measure itself: a page made too wide is caught.
    phone.evaluate(
        "() => { const p = document.createElement('p'); p.textContent = 'x';"
        " p.style.width = '900px'; document.querySelector('main').append(p); }"
    )
    assert phone.evaluate(OVERFLOW)["wide"] == ["p"]
    assert phone.evaluate(OVERFLOW)["scrollWidth"] > WIDTH
    menu_pages = [
        link.get_attribute("href") for link in menu.get_by_role("link").all()
    ]  # every page of the main menu, however many it has
    assert "/search/" in menu_pages
    public = list(dict.fromkeys(["/", *menu_pages, *detail_pages()]))
    wide = [found for address in public if (found := sideways(phone, site, address))]
    sign_in(phone, site, "haiti")
    wide += [
        found
        for address in ["/reports/new/", "/reports/"]
        if (found := sideways(phone, site, address))
    ]
    sign_in(phone, site, "analyst")
    wide += [
        found for address in ["/overdue/", "/import/"] if (found := sideways(phone, site, address))
    ]
    assert wide == []


def test_the_item_picker_works_from_the_keyboard(page, site):
    from followup.corpus.models import Item

    item = Item.objects.filter(kind__in=["mandate", "recommendation"]).order_by("pk").first()
    word = max(item.text.split(), key=len).strip(".,;:()")
    sign_in(page, site, "haiti")
    page.goto(f"{site}/reports/new/")
    search = page.get_by_role("combobox", name="Find mandates and recommendations")
    search.fill(word)
    option = page.locator(f"#item-option-{item.pk}")
    expect(option).to_be_visible()
    expect(search).to_have_attribute("aria-expanded", "true")
    for _ in range(12):  # the first option is active at once; arrows move to the item's
        if option.get_attribute("class") == "active":
            break
        search.press("ArrowDown")
    expect(search).to_have_attribute("aria-activedescendant", f"item-option-{item.pk}")
    search.press("Enter")  # chooses; does not submit the form
    chosen = page.locator(f'#chosen-items input[name="items"][value="{item.pk}"]')
    expect(chosen).to_be_checked()
    expect(option).to_have_attribute("aria-selected", "true")
    search.press("Escape")
    expect(page.locator("#item-options")).to_be_hidden()
    assert page.url.endswith("/reports/new/")
    page.get_by_label("Period from").fill("2024-01-01")
    page.get_by_label("Period to").fill("2024-12-31")
    page.get_by_label("Status of implementation").select_option("partial")
    page.get_by_label("Narrative").fill("Written in a browser.")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".messages")).to_have_text("The report is saved as a draft.")
    expect(page.locator("dl.facts")).to_contain_text(item.text[:40])
