"""Importing mandates or recommendations with their existing statuses from CSV or XLSX.

Columns (a header row names them; order does not matter; only `kind` and `text` are required):

    kind        mandate | recommendation
    text        the mandate or recommendation
    instrument  what adopted it (action plan, commitment, report)      optional
    summit      e.g. "IX Summit of the Americas"                       optional
    place       optional
    year        e.g. 2022                                              optional
    topic       the heading it is listed under                         optional
    country     the State assessed: ISO code or English name           optional
    status      total | partial_substantial | partial | pending | non_compliance (with country)
    assessed_on the date of that assessment, YYYY-MM-DD (with status)  optional

Every row is checked before anything is written; a dry run lists every row it would reject and
why. The rows that pass are then imported together, in one transaction, as a document of their
own (so each item keeps its provenance: the file and the row), with published State reports.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from followup.corpus.actions.imports import ImportedItem, do_store_imported_items
from followup.corpus.models import Country, Document, Item
from followup.policy import ensure_permission

from .actions import record_statuses
from .models import COMPLIANCE_CODES, Party, Report, ReportEvent

COLUMNS = (
    "kind",
    "text",
    "instrument",
    "summit",
    "place",
    "year",
    "topic",
    "country",
    "status",
    "assessed_on",
)
REQUIRED = ("kind", "text")
KINDS = ("mandate", "recommendation")


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not CSV/XLSX, no header, unknown columns)."""


@dataclass
class Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    values: dict
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    rows: list[Row]
    imported: int = 0
    document: Document | None = None

    @property
    def rejected(self) -> list[Row]:
        return [r for r in self.rows if r.errors]


def read_rows(name: str, data: bytes) -> list[Row]:
    """The rows of a file, read one record at a time (an XLSX sheet in read-only mode), so
    only the rows' values are kept, never a second copy of the sheet."""
    lowered = name.lower()
    if lowered.endswith(".csv"):
        records = _csv_records(data)
    elif lowered.endswith(".xlsx"):
        records = _xlsx_records(data)
    else:
        raise ImportFileError(f"{name}: only .csv and .xlsx files can be imported")
    first = next(records, None)
    if first is None:
        raise ImportFileError(f"{name}: the file has no header row")
    header = [str(h or "").strip().lower() for h in first]
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise ImportFileError(
            f"{name}: unknown columns {', '.join(unknown)}; the columns are {', '.join(COLUMNS)}"
        )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(f"{name}: missing required columns {', '.join(missing)}")
    rows = []
    for number, record in enumerate(records, start=2):
        values = {h: _text(v) for h, v in zip(header, record, strict=False) if h}
        if any(values.values()):
            rows.append(Row(number, values))
    return rows


def _csv_records(data: bytes) -> Iterator[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def _xlsx_records(data: bytes) -> Iterator[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a broken file
        raise ImportFileError(f"not a readable .xlsx file ({err})") from err
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def validate(rows: list[Row]) -> None:  # noqa: C901 -- one check per column, each naming its row
    countries = {c.code: c for c in Country.objects.all()}
    by_name = {c.name_en.lower(): c for c in countries.values()}
    for row in rows:
        v = row.values
        for column in REQUIRED:
            if not v.get(column):
                row.errors.append(f"{column}: is required")
        if v.get("kind") and v["kind"].lower() not in KINDS:
            row.errors.append(f"kind: {v['kind']!r} is not one of {', '.join(KINDS)}")
        if v.get("year") and not (v["year"].isdigit() and 1900 <= int(v["year"]) <= 2100):
            row.errors.append(f"year: {v['year']!r} is not a year")
        if v.get("country"):
            country = countries.get(v["country"].upper()) or by_name.get(v["country"].lower())
            if country is None:
                row.errors.append(f"country: {v['country']!r} is not an ISO code or country name")
            elif not Party.objects.filter(country=country).exists():
                row.errors.append(f"country: {country.name_en} is not a reporting State")
            else:
                v["_country"] = country
        if v.get("status"):
            if v["status"] not in COMPLIANCE_CODES:
                row.errors.append(
                    f"status: {v['status']!r} is not one of {', '.join(COMPLIANCE_CODES)}"
                )
            if not v.get("country"):
                row.errors.append("country: a status needs the country it assesses")
        if v.get("assessed_on"):
            try:
                v["_assessed_on"] = date.fromisoformat(v["assessed_on"][:10])
            except ValueError:
                row.errors.append(f"assessed_on: {v['assessed_on']!r} is not a date (YYYY-MM-DD)")


def import_items(name: str, data: bytes, user, *, dry_run: bool = False) -> ImportResult:
    ensure_permission(user, "import_items")
    rows = read_rows(name, data)
    validate(rows)
    result = ImportResult(rows)
    good = [r for r in rows if not r.errors]
    if dry_run or not good:
        return result
    with transaction.atomic():
        result.document, items = do_store_imported_items(
            name, data, [_imported(row) for row in good], user
        )
        for item, row in zip(items, good, strict=True):
            if row.values.get("status"):
                _published_status(item, row, user, name)
        result.imported = len(good)
    return result


def _imported(row: Row) -> ImportedItem:
    v = row.values
    source = {
        "instrument": v.get("instrument") or None,
        "summit": v.get("summit") or None,
        "place": v.get("place") or None,
        "year": int(v["year"]) if v.get("year") else None,
    }
    kind = v["kind"].lower()
    if kind == "mandate":
        fields = {"source": source, "topic": v.get("topic") or None, "imported_row": row.number}
    else:
        fields = {
            "actor": v.get("instrument") or None,
            "addressee": None,
            "imported_row": row.number,
        }
    return ImportedItem(kind=kind, text=v["text"], fields=fields, source=source)


def _published_status(item: Item, row: Row, user, file_name: str) -> None:
    party = Party.objects.get(country=row.values["_country"])
    day = row.values.get("_assessed_on") or timezone.localdate()
    moment = timezone.make_aware(datetime.combine(day, time(12)))
    report = Report.objects.create(
        party=party,
        period_start=day,
        period_end=day,
        compliance=row.values["status"],
        narrative=f"Imported from {file_name}, row {row.number}.",
        state=Report.PUBLISHED,
        created_by=user,
        published_at=moment,
    )
    report.items.set([item])
    report.countries.set([party.country])
    ReportEvent.objects.create(
        report=report, user=user, action="imported", changes={"file": file_name, "row": row.number}
    )
    record_statuses(report)
