"""A report's whole journey in a browser, as each role lives it: Haiti's focal point drafts a
report with the item picker, attaches a file of evidence and submits it; the analyst returns it
with a comment; the focal point finds it on their home page with the comment, changes it and
submits it again; the analyst validates and publishes it; the public then reads it on the
item's follow-up over time and counts it in compliance. Each step tells the people concerned,
by e-mail and in the site's list of notifications."""

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "followup-demo-2024"
PERIOD = "Haiti, 2026-01-01 to 2026-06-30"  # a reporting period no demo report is about
EVIDENCE = "registry-figures.csv"
COMMENT = "Give the number of certificates issued in each department."


def sign_in(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    expect(page.locator(".notifications-link")).to_be_visible()


def mailed() -> list[tuple[list[str], str]]:
    """Who was e-mailed, and the subject, since the last call."""
    sent = [(message.to, message.subject) for message in mail.outbox]
    mail.outbox.clear()
    return sent


def notice(page, site, report, text):
    """The unread notice of ``report`` that says ``text``, in the signed-in person's list."""
    page.goto(f"{site}/notifications/")
    return page.locator("ol.notifications li.unread", has_text=text).locator(
        f"a[href='/reports/{report.pk}/']"
    )


def test_a_report_from_its_draft_to_the_public(page, site):
    from followup.corpus.models import Item
    from followup.tracking.models import Report

    item = Item.objects.filter(kind__in=["mandate", "recommendation"]).order_by("pk").first()
    mail.outbox.clear()

    # The focal point drafts the report: the item from the picker, a file of evidence.
    sign_in(page, site, "haiti")
    page.goto(f"{site}/reports/new/")
    page.get_by_role("combobox", name="Find mandates and recommendations").fill(str(item.pk))
    page.locator(f"#item-option-{item.pk}").click()
    expect(page.locator(f'#chosen-items input[name="items"][value="{item.pk}"]')).to_be_checked()
    page.get_by_label("Period from").fill("2026-01-01")
    page.get_by_label("Period to").fill("2026-06-30")
    page.get_by_label("Status of implementation").select_option("partial")
    page.get_by_label("Narrative").fill("The civil registry opened offices in four departments.")
    page.get_by_label("Attach a file of evidence").set_input_files(
        {"name": EVIDENCE, "mimeType": "text/csv", "buffer": b"department,offices\nOuest,4\n"}
    )
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".messages")).to_contain_text("The report is saved as a draft.")
    expect(page.locator(".messages")).to_contain_text(f"{EVIDENCE} is attached to the report.")
    report = Report.objects.get(party__country__code="HT", period_start="2026-01-01")
    expect(page).to_have_url(f"{site}/reports/{report.pk}/")
    expect(page.locator("ul.evidence")).to_contain_text(EVIDENCE)
    assert mailed() == []  # a draft is nobody's business yet

    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(page.locator(".messages")).to_contain_text("The report is submitted to the secretariat.")
    assert mailed() == [(["analyst@example.org"], f"Report submitted for review: {PERIOD}")]

    # The analyst is told, opens the report from the notice, and returns it with a comment.
    sign_in(page, site, "analyst")
    notice(page, site, report, "Report submitted for review: Haiti, 2026-01-01").click()
    expect(page).to_have_url(f"{site}/reports/{report.pk}/")
    page.get_by_label("Comments").fill(COMMENT)
    page.get_by_role("button", name="Return with comments").click()
    expect(page.locator(".messages")).to_contain_text("The report is returned to")
    assert mailed() == [(["haiti@example.org"], f"Report returned with comments: {PERIOD}")]

    # The focal point finds it on their home page with the comment, changes it, submits again.
    sign_in(page, site, "haiti")
    expect(notice(page, site, report, "Report returned with comments: Haiti, 2026")).to_be_visible()
    page.goto(f"{site}/")
    returned = page.locator("#returned li", has=page.locator(f"a[href='/reports/{report.pk}/']"))
    expect(returned.locator("blockquote.comment")).to_have_text(COMMENT)
    returned.get_by_role("link", name="Edit and submit again").click()
    expect(page).to_have_url(f"{site}/reports/{report.pk}/edit/")
    page.get_by_label("Narrative").fill(
        "The civil registry opened offices in four departments: Ouest issued 1,200 certificates."
    )
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".messages")).to_contain_text("Your changes are saved.")
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(page.locator(".messages")).to_contain_text("The report is submitted to the secretariat.")
    assert mailed() == [(["analyst@example.org"], f"Report submitted for review: {PERIOD}")]

    # The analyst validates it, then publishes it; the focal point is told of both.
    sign_in(page, site, "analyst")
    # told of each submission (opening a notice leaves it unread until marked read)
    expect(notice(page, site, report, "Report submitted for review: Haiti, 2026")).to_have_count(2)
    page.goto(f"{site}/reports/{report.pk}/")
    expect(page.locator("dl.facts")).to_contain_text("Ouest issued 1,200 certificates")
    page.get_by_role("button", name="Validate").click()
    expect(page.locator(".messages")).to_contain_text("The report is validated.")
    assert mailed() == [(["haiti@example.org"], f"Report validated: {PERIOD}")]
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("The report is published.")
    assert mailed() == [(["haiti@example.org"], f"Report published: {PERIOD}")]

    sign_in(page, site, "haiti")
    expect(notice(page, site, report, "Report validated: Haiti, 2026")).to_be_visible()
    expect(notice(page, site, report, "Report published: Haiti, 2026")).to_be_visible()

    # The public reads it on the item's follow-up over time, with its evidence...
    page.context.clear_cookies()
    page.goto(f"{site}/items/{item.pk}/")
    period = page.locator("#timeline section.period", has_text="Reporting period 2026")
    assessment = period.locator("article.assessment", has_text="Haiti")
    expect(assessment.locator(f"a[href='/reports/{report.pk}/']")).to_have_text(
        "Partial compliance"
    )
    expect(assessment.get_by_role("link", name=EVIDENCE)).to_be_visible()
    expect(assessment).to_contain_text("Ouest issued 1,200 certificates")

    # ... and counts it in compliance by country for the period.
    page.goto(f"{site}/compliance/?by=country&period=2026")
    table = page.locator("table.compliance").first
    headers = table.locator("thead th").all_inner_texts()
    haiti = table.locator("tbody tr", has=page.locator("th", has_text="Haiti"))
    expect(haiti.locator("th, td").nth(headers.index("Partial compliance"))).to_have_text("1")
