"""Error pages escape what they echo: links, action names, file names and decisions typed by
a user come back as text, never as markup."""

import io

import pytest

pytestmark = pytest.mark.django_db

PAYLOAD = "<img src=x onerror=alert(1)>"
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


def assert_escaped(page, status):
    assert page.status_code == status
    assert page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert PAYLOAD not in html
    assert "<script>alert" not in html
    assert ESCAPED in html
    assert "<nav" in html  # rendered with the site's frame


def test_a_link_is_echoed_escaped(client, people, file_report):
    report = file_report()
    client.force_login(people["haiti"])
    page = client.post(f"/reports/{report.pk}/links/", {"url": f"https://{PAYLOAD}", "title": ""})
    assert_escaped(page, 400)


def test_an_unknown_action_name_is_echoed_escaped(client, people, file_report):
    report = file_report()
    client.force_login(people["haiti"])
    assert_escaped(client.post(f"/reports/{report.pk}/{PAYLOAD}/"), 400)


def test_a_file_name_is_echoed_escaped(client, people, file_report):
    report = file_report()
    client.force_login(people["haiti"])
    upload = io.BytesIO(b"MZ\x90\x00")
    upload.name = f"{PAYLOAD}.exe"
    assert_escaped(client.post(f"/reports/{report.pk}/evidence/", {"file": upload}), 400)


def test_a_decision_is_echoed_escaped(client, people, items):
    client.force_login(people["analyst"])
    target = items["civil_registry"].pk
    assert_escaped(client.post(f"/items/{target}/evidence/{target}/{PAYLOAD}/"), 400)
