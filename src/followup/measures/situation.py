"""Situation series files: cases and deaths (suspected and confirmed) per country and date, as
national offices report them. Plain Python: rows in, rows and row-level errors out."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .oxcgrt import RowError, _date

COUNTS = ("confirmed_cases", "confirmed_deaths", "suspected_cases", "suspected_deaths")
REQUIRED = ("country", "date")


@dataclass
class SituationRow:
    line: int
    country: str
    region: str
    day: date
    counts: dict[str, int | None]
    source: str


def _counts(record: dict, file_name: str, line: int, errors: list) -> dict[str, int | None]:
    counts: dict[str, int | None] = {}
    for name in COUNTS:
        text_value = (record.get(name) or "").strip().replace(",", "")
        if not text_value:
            counts[name] = None
        elif text_value.isdigit():
            counts[name] = int(text_value)
        else:
            errors.append(RowError(file_name, line, name, f"not a count: {text_value!r}"))
    return counts


def read_situation(
    text: str, *, file_name: str, known_countries: Iterable[str]
) -> tuple[list[SituationRow], list[RowError]]:
    """Columns: country (ISO3), optional region (a region code), date (YYYY-MM-DD or YYYYMMDD),
    any of confirmed_cases, confirmed_deaths, suspected_cases, suspected_deaths, optional source."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [name for name in REQUIRED if name not in header]
    if missing or not any(name in header for name in COUNTS):
        wanted = ", ".join(missing) or "a count column (" + ", ".join(COUNTS) + ")"
        return [], [RowError(file_name, 1, "header", f"missing {wanted}")]
    countries = set(known_countries)
    rows, errors, seen = [], [], {}
    for line, record in enumerate(reader, start=2):
        row_errors = []
        country = (record.get("country") or "").strip().upper()
        if country not in countries:
            row_errors.append(
                RowError(file_name, line, "country", f"unknown country code {country!r}")
            )
        try:
            day = _date(record.get("date") or "")
        except ValueError as err:
            row_errors.append(RowError(file_name, line, "date", str(err)))
            day = None
        counts = _counts(record, file_name, line, row_errors)
        region = (record.get("region") or "").strip()
        key = (region or country, day)
        if day is not None and key in seen:
            row_errors.append(
                RowError(
                    file_name,
                    line,
                    "date",
                    f"{key[0]} already has a row for {day} (row {seen[key]})",
                )
            )
        elif day is not None:
            seen[key] = line
        errors.extend(row_errors)
        if not row_errors:
            rows.append(
                SituationRow(
                    line, country, region, day, counts, (record.get("source") or "").strip()
                )
            )
    return rows, errors
