"""Importing items with statuses: a dry run lists every rejected row; a bad row never half-imports."""

import io

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from followup.cli import main
from followup.corpus.models import Item
from followup.tracking.imports import ImportFileError, import_items
from followup.tracking.models import ItemStatus

pytestmark = pytest.mark.django_db

GOOD_AND_BAD = (
    "kind,text,instrument,summit,place,year,country,status,assessed_on\n"
    "mandate,Adopt a national cybersecurity strategy.,Regional Agenda,IX Summit of the Americas,Los Angeles,2022,HT,partial,2024-03-01\n"
    "recommendation,Guarantee access to information on emergency spending.,Annual Report,,,2021,Mexico,total,\n"
    "treaty,Something else.,,,,20x2,ZZ,done,yesterday\n"
    "mandate,,,,,,,,\n"
    "mandate,A status without a country.,,,,,,pending,\n"
)


def test_a_dry_run_lists_every_rejected_row_and_changes_nothing(people, parties):
    before = Item.objects.count()
    result = import_items("statuses.csv", GOOD_AND_BAD.encode(), people["analyst"], dry_run=True)
    assert [(r.number, r.errors) for r in result.rejected] == [
        (
            4,
            [
                "kind: 'treaty' is not one of mandate, recommendation",
                "year: '20x2' is not a year",
                "country: 'ZZ' is not an ISO code or country name",
                "status: 'done' is not one of total, partial_substantial, partial, pending, non_compliance",
                "assessed_on: 'yesterday' is not a date (YYYY-MM-DD)",
            ],
        ),
        (5, ["text: is required"]),
        (6, ["country: a status needs the country it assesses"]),
    ]
    assert result.imported == 0
    assert Item.objects.count() == before


def test_the_import_keeps_the_good_rows_with_provenance_and_statuses(people, parties):
    result = import_items("statuses.csv", GOOD_AND_BAD.encode(), people["analyst"])
    assert result.imported == 2
    assert len(result.rejected) == 3
    mandate = Item.objects.get(kind="mandate", document=result.document)
    assert result.document.text[mandate.start : mandate.end] == mandate.text
    assert (mandate.instrument.name, mandate.instrument.year, mandate.fields["imported_row"]) == (
        "Regional Agenda",
        2022,
        2,
    )
    statuses = {(s.party.country.code, s.compliance) for s in ItemStatus.objects.all()}
    assert statuses == {("HT", "partial"), ("MX", "total")}


def test_xlsx_files_import_too(people, parties):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["text", "kind", "country", "status"])
    sheet.append(["Promote open data in procurement.", "mandate", "HT", "pending"])
    out = io.BytesIO()
    workbook.save(out)
    result = import_items("statuses.xlsx", out.getvalue(), people["analyst"])
    assert result.imported == 1
    assert ItemStatus.objects.get().compliance == "pending"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("statuses.csv", b"kind,text,colour\nmandate,x,red\n", "unknown columns colour"),
        ("statuses.csv", b"text\nx\n", "missing required columns kind"),
        ("statuses.json", b"{}", "only .csv and .xlsx"),
        ("statuses.xlsx", b"not a spreadsheet", "not a readable .xlsx file"),
        ("statuses.csv", b"", "no header row"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(people, parties, name, data, reason):
    with pytest.raises(ImportFileError, match=reason):
        import_items(name, data, people["analyst"])
    assert not Item.objects.exists()


def test_the_import_command_reports_rejected_rows(people, parties, tmp_path):
    path = tmp_path / "statuses.csv"
    path.write_text(GOOD_AND_BAD)
    dry = CliRunner().invoke(main, ["import", str(path), "--user", "analyst", "--dry-run"])
    assert dry.exit_code == 1
    assert f"{path}, row 5: rejected: text: is required" in dry.output
    assert "5 row(s): 3 rejected, would import 2." in dry.output
    assert not ItemStatus.objects.exists()
    real = CliRunner().invoke(main, ["import", str(path), "--user", "analyst"])
    assert "imported 2" in real.output
    assert ItemStatus.objects.count() == 2


def test_only_analysts_may_import_on_the_page(people, parties, client):
    client.force_login(people["haiti"])
    assert client.get("/import/").status_code == 403
    client.force_login(people["analyst"])
    upload = io.BytesIO(GOOD_AND_BAD.encode())
    upload.name = "statuses.csv"
    page = client.post("/import/", {"file": upload, "dry_run": "on"})
    assert page.status_code == 200
    assert "5 rows read, 3 rejected, 0 imported." in page.content.decode()
