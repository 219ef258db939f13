"""Notifications in a browser: the analyst sees the demo's submitted reports counted in the
menu, returns Jamaica's with a comment; Jamaica's focal point is told by e-mail and in the menu,
opens the notice, follows the mandate, and marks everything read."""

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "followup-demo-2024"


def sign_in(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


def test_a_returned_report_is_told_to_its_focal_point(page, site):
    from followup.tracking.models import Notification, Report

    def unread(username):
        return str(Notification.objects.filter(user__username=username, read_at=None).count())

    pending = Report.objects.filter(party__country__code="JM", state="submitted").first()
    sign_in(page, site, "analyst")
    count = page.locator(".notifications-link .count")
    expect(count).to_have_text(unread("analyst"))  # the demo's reports the parties submitted
    page.locator(".notifications-link").click()
    expect(page.locator("h1")).to_have_text("Notifications")
    notice = page.locator(f"ol.notifications a[href='/reports/{pending.pk}/']")
    expect(notice.first).to_contain_text("Report submitted for review: Jamaica")
    notice.first.click()
    expect(page).to_have_url(f"{site}/reports/{pending.pk}/")
    mail.outbox.clear()
    page.get_by_label("Comments").fill("Name the departments that issue certificates.")
    page.get_by_role("button", name="Return with comments").click()
    page.wait_for_load_state()
    assert [m.to for m in mail.outbox] == [["jamaica@example.org"]]
    assert "Name the departments that issue certificates." in mail.outbox[0].body

    sign_in(page, site, "jamaica")
    expect(page.locator(".notifications-link .count")).to_have_text(unread("jamaica"))
    told = unread("jamaica")
    page.goto(f"{site}/notifications/")
    page.locator(f"ol.notifications a[href='/reports/{pending.pk}/']", has_text="returned").click()
    expect(page).to_have_url(f"{site}/reports/{pending.pk}/")

    mandate = pending.items.order_by("pk").first()
    page.goto(f"{site}/items/{mandate.pk}/")
    page.locator("form.follow", has=page.locator("input[value=item]")).get_by_role(
        "button", name="Follow"
    ).click()
    expect(page.locator(".messages")).to_contain_text("You follow it now")
    page.goto(f"{site}/notifications/settings/")
    expect(page.locator("main li", has_text="Item:")).to_contain_text(mandate.text[:40])

    page.goto(f"{site}/notifications/")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator(".messages")).to_contain_text(f"{told} notification(s) marked as read.")
    expect(page.locator(".notifications-link .count")).to_have_count(0)
