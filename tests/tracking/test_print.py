"""Reading and printing: a report, an item's follow-up and a country's page as PDF, printed
from the page itself (its print stylesheet: no menu, no forms; the same access rules), with
nothing fetched from outside the site."""

import io
import os
import re
import socket

import pytest
from pypdf import PdfReader

from followup.tracking.actions import do_add_link, do_transition_report

try:
    from followup.pdf import StaticFilesOnly, html_to_pdf
except OSError:  # WeasyPrint cannot load Pango
    if os.environ.get("CI"):
        raise
    pytest.skip(
        "Pango is not installed here (CI installs it and runs these tests)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.django_db

# Texts of the menu, the account box and the forms: on the screen, never on paper.
SCREEN_ONLY = ("Skip to content", "Sign in", "Register", "Country measures", "Download as PDF")


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def error_message(response) -> str:
    return re.search(r'<p class="error" role="alert">(.*?)</p>', response.content.decode())[1]


def test_a_published_report_prints_with_its_content_and_outside_links_written_out(
    client, file_report, people
):
    report = file_report()
    do_add_link(people["haiti"], report.pk, url="https://example.org/decree-12", title="Decree 12")
    for step, user in (("submit", "haiti"), ("validate", "analyst"), ("publish", "analyst")):
        do_transition_report(people[user], report.pk, step)
    page = client.get(f"/reports/{report.pk}/")
    assert 'href="?format=pdf"' in page.content.decode()

    response = client.get(f"/reports/{report.pk}/?format=pdf")
    assert response["Content-Disposition"] == f'inline; filename="report-{report.pk}.pdf"'
    text = pdf_text(response)
    assert "Report of Haiti" in text
    assert "Online birth certificates are available in 6 of 10 departments." in text
    assert "Decree 12 <https://example.org/decree-12>" in text
    assert [s for s in SCREEN_ONLY if s in text] == []


def test_an_items_follow_up_prints_with_every_partys_assessment(client, file_report, items):
    file_report(state="published")
    file_report(user="mexico", party="MX", state="published", compliance="total")
    item = items["civil_registry"]
    response = client.get(f"/items/{item.pk}/?format=pdf")
    assert response["Content-Disposition"] == f'inline; filename="item-{item.pk}.pdf"'
    text = pdf_text(response)
    assert "Expand online civil registry services for rural areas." in text
    assert "Implementation status" in text
    assert "Partial compliance · Haiti" in text
    assert "Total compliance · Mexico" in text
    assert [s for s in SCREEN_ONLY if s in text] == []


def test_a_countrys_page_prints(client, parties):
    response = client.get("/countries/HT/?format=pdf")
    assert response["Content-Disposition"] == 'inline; filename="country-HT.pdf"'
    text = pdf_text(response)
    assert text.startswith("Haiti")
    assert [s for s in SCREEN_ONLY if s in text] == []


def test_the_pdf_is_printed_in_the_readers_language(client, file_report):
    report = file_report(state="published")
    text = pdf_text(client.get(f"/reports/{report.pk}/?format=pdf", HTTP_ACCEPT_LANGUAGE="es"))
    assert text.startswith("Informe de Hait")
    assert "Cumplimiento parcial" in text
    assert "Partial compliance" not in text


def test_a_hidden_reports_pdf_is_a_404_like_a_missing_one(client, file_report, people):
    draft = file_report()
    missing = client.get("/reports/999999/?format=pdf")
    assert missing.status_code == 404
    for who in (None, "mexico", "cso", "public"):
        if who:
            client.force_login(people[who])
        hidden = client.get(f"/reports/{draft.pk}/?format=pdf")
        assert (hidden.status_code, hidden["Content-Type"]) == (404, "text/html; charset=utf-8")
        assert error_message(hidden) == error_message(client.get("/reports/999999/?format=pdf"))
    client.force_login(people["haiti"])
    assert "Report of Haiti" in pdf_text(client.get(f"/reports/{draft.pk}/?format=pdf"))


def test_a_missing_item_or_country_has_no_pdf(client, registries):
    assert client.get("/items/999999/?format=pdf").status_code == 404
    assert client.get("/countries/ZZ/?format=pdf").status_code == 404


def test_the_fetcher_serves_only_the_sites_static_files():
    fetcher = StaticFilesOnly("http://testserver/reports/1/?format=pdf")
    css = fetcher.fetch("http://testserver/static/web/print.css")
    assert (css.content_type, css.read().startswith(b"/* Paper and PDF")) == ("text/css", True)
    outside = "not one of this site's static files"
    refused = {
        "https://cdn.example.org/static/web/site.css": outside,
        "http://169.254.169.254/latest/meta-data/": outside,
        "file:///etc/passwd": outside,
        "data:text/css,body{}": outside,
        "http://testserver/reports/1/": outside,
        "http://testserver/static/%2e%2e/%2e%2e/settings.py": outside,
        "http://testserver/static/web/no-such-file.css": "no such static file",
    }
    for url, reason in refused.items():
        with pytest.raises(ValueError, match=f"^{re.escape(url)}: {reason}$"):
            fetcher.fetch(url)


def test_printing_a_page_that_names_outside_resources_opens_no_connection(monkeypatch):
    opened = []

    def no_connection(*args, **kwargs):
        opened.append(args)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "create_connection", no_connection)
    monkeypatch.setattr(socket.socket, "connect", no_connection)
    html = (
        '<html><head><link rel="stylesheet" href="https://cdn.example.org/x.css">'
        '<link rel="stylesheet" href="/static/web/print.css" media="print"></head>'
        '<body><h1>Outside things</h1><img src="http://example.org/tracker.png">'
        '<p style="background: url(http://example.org/b.png)">text</p></body></html>'
    )
    pdf = html_to_pdf(html, "http://testserver/items/1/")
    assert pdf.startswith(b"%PDF-")
    assert "Outside things" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert opened == []
