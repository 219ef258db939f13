"""OxCGRT CSV files in their three published layouts: read rows (with row-level errors), compute
the indices a row's layout publishes, and write rows back in the layout they came in.

- ``classic`` (2020–2021 and the legacy repository): ``C1_School closing, C1_Flag, …,
  StringencyIndex, StringencyIndexForDisplay, StringencyLegacyIndex (or LegacyStringencyIndex) …``
- ``compact`` (2022+): ``C1M_School closing, C1M_Flag, …, StringencyIndex_Average, …``
- ``full`` (2022+ "fullwithnotes"): ``C1E_/C1NV_/C1V_/C1M_…``, indices ``_NonVaccinated``,
  ``_Vaccinated``, ``_SimpleAverage``, ``_WeightedAverage``.

Index columns in a file are read only to compare, never stored: the project computes them.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from . import indices
from .codebook import Codebook
from .indices import Reading

EVERYONE, NON_VACCINATED, VACCINATED, MAJORITY = (
    "everyone",
    "non_vaccinated",
    "vaccinated",
    "majority",
)
GROUP_SUFFIXES = {"": EVERYONE, "E": EVERYONE, "NV": NON_VACCINATED, "V": VACCINATED, "M": MAJORITY}
GROUP_SUFFIXES["EV"] = MAJORITY  # C8 has no flag and one combined column in the compact files
IDENTITY = ("CountryName", "CountryCode", "RegionName", "RegionCode", "Jurisdiction", "Date")
INDICATOR_COLUMN = re.compile(r"^([CEHM]\d)(E|NV|V|M|EV)?_(.+)$")
INDEX_NAMES = {
    "stringency": "StringencyIndex",
    "government_response": "GovernmentResponseIndex",
    "containment_health": "ContainmentHealthIndex",
    "economic_support": "EconomicSupportIndex",
}


class LayoutError(ValueError):
    """A header that is not one of OxCGRT's layouts."""


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}, column {self.column}: {self.reason}"


@dataclass(eq=False)
class Row:
    """One jurisdiction on one day as read from a file."""

    line: int
    country: str
    day: date
    region_code: str = ""
    region_name: str = ""
    jurisdiction: str = "NAT_TOTAL"
    readings: dict[tuple[str, str], Reading] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    confirmed_cases: int | None = None
    confirmed_deaths: int | None = None
    share_vaccinated: float | None = None
    majority_vaccinated: str = ""
    published: dict[str, float | None] = field(default_factory=dict)

    @property
    def place(self) -> str:
        return self.region_code or self.country


@dataclass(frozen=True)
class Layout:
    name: str
    index_columns: tuple[str, ...]

    @property
    def groups(self) -> tuple[str, ...]:
        return {
            "classic": (EVERYONE,),
            "compact": (MAJORITY,),
            "full": (EVERYONE, NON_VACCINATED, VACCINATED, MAJORITY),
        }[self.name]


def _columns(*names: str) -> tuple[str, ...]:
    return names


CLASSIC_INDEX_COLUMNS = _columns(
    "StringencyIndex",
    "StringencyIndexForDisplay",
    "StringencyLegacyIndex",
    "StringencyLegacyIndexForDisplay",
    "LegacyStringencyIndex",
    "LegacyStringencyIndexForDisplay",
    "GovernmentResponseIndex",
    "GovernmentResponseIndexForDisplay",
    "ContainmentHealthIndex",
    "ContainmentHealthIndexForDisplay",
    "EconomicSupportIndex",
    "EconomicSupportIndexForDisplay",
)
VARIANTS = {
    "NonVaccinated": NON_VACCINATED,
    "Vaccinated": VACCINATED,
    "SimpleAverage": "simple_average",
    "WeightedAverage": "weighted_average",
}
FULL_INDEX_COLUMNS = (
    *(
        f"{INDEX_NAMES[name]}_{variant}"
        for name in ("stringency", "government_response", "containment_health")
        for variant in VARIANTS
    ),
    "EconomicSupportIndex",
)
COMPACT_INDEX_COLUMNS = (
    *(
        f"{INDEX_NAMES[name]}_Average{display}"
        for name in ("stringency", "government_response", "containment_health")
        for display in ("", "_ForDisplay")
    ),
    "EconomicSupportIndex",
    "EconomicSupportIndex_ForDisplay",
)
OTHER_COLUMNS = ("ConfirmedCases", "ConfirmedDeaths", "MajorityVaccinated", "PopulationVaccinated")


def detect_layout(header: Iterable[str]) -> Layout:
    names = set(header)
    missing = [name for name in ("CountryCode", "Date") if name not in names]
    if missing:
        raise LayoutError(f"not an OxCGRT file: no {', '.join(missing)} column")
    if "C1E_School closing" in names:
        return Layout("full", FULL_INDEX_COLUMNS)
    if "C1M_School closing" in names:
        return Layout("compact", COMPACT_INDEX_COLUMNS)
    if "C1_School closing" in names:
        return Layout("classic", CLASSIC_INDEX_COLUMNS)
    raise LayoutError("not an OxCGRT file: no C1_, C1M_ or C1E_School closing column")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _date(text: str) -> date:
    for pattern in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(f"malformed date {text!r} (expected YYYYMMDD or YYYY-MM-DD)")


@dataclass
class ReadResult:
    layout: Layout
    header: list[str]
    rows: list[Row]
    errors: list[RowError]


@dataclass
class _Columns:
    """Where each kind of cell is in a file's header."""

    header: list[str]
    values: dict[int, tuple[str, str]] = field(default_factory=dict)
    flags: dict[tuple[str, str], int] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, header: list[str], codebook: Codebook) -> _Columns:
        columns = cls(header)
        for position, name in enumerate(header):
            match = INDICATOR_COLUMN.match(name)
            if not match or match.group(1) not in codebook.indicators:
                continue
            code, group, rest = match.group(1), GROUP_SUFFIXES[match.group(2) or ""], match.group(3)
            if rest == "Notes":
                columns.notes[position] = code
            elif rest == "Flag":
                columns.flags[(code, group)] = position
            else:
                columns.values[position] = (code, group)
        return columns


class _RowReader:
    """Reads one row's cells into a Row, collecting the reasons a cell cannot be used."""

    def __init__(self, columns: _Columns, layout: Layout, codebook: Codebook, file_name: str):
        self.columns, self.layout, self.codebook, self.file_name = (
            columns,
            layout,
            codebook,
            file_name,
        )
        self.where = {name: position for position, name in enumerate(columns.header)}

    def read(self, line: int, cells: list[str], countries: set[str]) -> tuple[Row, list[RowError]]:
        self.cells = cells + [""] * (len(self.columns.header) - len(cells))
        self.line, self.errors = line, []
        country = self.cell("CountryCode").upper()
        if country not in countries:
            self.fail("CountryCode", f"unknown country code {country!r}")
        try:
            day = _date(self.cell("Date"))
        except ValueError as err:
            self.fail("Date", str(err))
            day = None
        row = Row(
            line=line,
            country=country,
            day=day,
            region_code=self.cell("RegionCode"),
            region_name=self.cell("RegionName"),
            jurisdiction=self.cell("Jurisdiction") or "NAT_TOTAL",
            majority_vaccinated=self.cell("MajorityVaccinated"),
        )
        self.read_readings(row)
        self.read_situation(row)
        for column in self.layout.index_columns:
            if column in self.where:
                text = self.cell(column)
                row.published[column] = float(text) if _is_number(text) else None
        return row, self.errors

    def cell(self, name: str) -> str:
        return self.cells[self.where[name]].strip() if name in self.where else ""

    def fail(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.file_name, self.line, column, reason))

    def read_readings(self, row: Row) -> None:
        header = self.columns.header
        for position, (code, group) in self.columns.values.items():
            flag_position = self.columns.flags.get((code, group))
            raw_value = self.cells[position].strip()
            raw_flag = self.cells[flag_position].strip() if flag_position is not None else ""
            try:
                value = _number(raw_value) if raw_value else None
                flag = int(_number(raw_flag)) if raw_flag else None
            except ValueError:
                self.fail(header[position], f"not a number: {raw_value or raw_flag!r}")
                continue
            reason = self.codebook.indicator(code).check_value(value, flag)
            if reason:
                self.fail(header[flag_position] if value is None else header[position], reason)
            elif value is not None:
                row.readings[(code, group)] = Reading(value, flag)
        for position, code in self.columns.notes.items():
            if self.cells[position].strip():
                row.notes[code] = self.cells[position].strip()

    def read_situation(self, row: Row) -> None:
        for column, attribute in (
            ("ConfirmedCases", "confirmed_cases"),
            ("ConfirmedDeaths", "confirmed_deaths"),
        ):
            if self.cell(column):
                try:
                    setattr(row, attribute, int(_number(self.cell(column))))
                except ValueError:
                    self.fail(column, f"not a count: {self.cell(column)!r}")
        if self.cell("PopulationVaccinated"):
            try:
                row.share_vaccinated = _number(self.cell("PopulationVaccinated")) / 100
            except ValueError:
                self.fail("PopulationVaccinated", "not a percentage")


def read_rows(
    text: str, *, file_name: str, codebook: Codebook, known_countries: Iterable[str]
) -> ReadResult:
    """Every row of an OxCGRT CSV, with the reasons each bad cell cannot be used.

    Rows are checked cell by cell: an unknown country code, a value outside the indicator's
    scale, a flag without a value, a malformed date, and a jurisdiction's second row for one day.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise LayoutError("the file is empty") from None
    layout = detect_layout(header)
    row_reader = _RowReader(_Columns.of(header, codebook), layout, codebook, file_name)
    countries = set(known_countries)
    rows: list[Row] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, date], int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row, row_errors = row_reader.read(line, cells, countries)
        if row.day is not None:
            key = (row.place, row.day)
            if key in seen:
                row_errors.append(
                    RowError(
                        file_name,
                        line,
                        "Date",
                        f"{row.place} already has a row for {row.day} (row {seen[key]})",
                    )
                )
            else:
                seen[key] = line
        errors.extend(row_errors)
        if not row_errors:
            rows.append(row)
    return ReadResult(layout, header, rows, errors)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# ----- computing what a layout publishes ---------------------------------------------------------


def day_for(readings: Mapping[tuple[str, str], Reading], group: str) -> dict[str, Reading | None]:
    """The readings one population group is under: its own where differentiated, else everyone's
    (and in a compact file, the majority's)."""
    day: dict[str, Reading | None] = {}
    for code in indices.SCALES:
        day[code] = (
            readings.get((code, group))
            or readings.get((code, EVERYONE))
            or readings.get((code, MAJORITY))
        )
    return day


def compute_published(
    series: list[tuple[date, Mapping[tuple[str, str], Reading], float | None]],
    layout: Layout,
    as_of: date | None = None,
) -> list[dict[str, float | None]]:
    """For one jurisdiction's days (date, readings, share vaccinated), in date order, the value
    of each index column of the layout; "for display" columns as of ``as_of``, the day the data
    are compiled. This core knows no calendar: the app passes the site's local date; without
    one the data are taken as final (compiled after their last day, display = computed)."""
    as_of = as_of or date.max
    if layout.name == "classic":
        return _classic(series, as_of)
    out = [_differentiated(readings, share) for _, readings, share in series]
    if layout.name == "compact":
        for column in (*(f"{INDEX_NAMES[n]}_Average" for n in AVERAGED), "EconomicSupportIndex"):
            name = next(n for n, c in INDEX_NAMES.items() if column.startswith(c))
            triples = [
                (day, values[column], _present(day_for(readings, MAJORITY), name))
                for (day, readings, _), values in zip(series, out, strict=True)
            ]
            for values, shown in zip(out, indices.for_display(triples, as_of), strict=True):
                values[f"{column}_ForDisplay"] = shown
    return out


AVERAGED = ("stringency", "government_response", "containment_health")


def _classic(series, as_of: date) -> list[dict[str, float | None]]:
    out: list[dict[str, float | None]] = [{} for _ in series]
    days = [day_for(readings, EVERYONE) for _, readings, _ in series]
    computed = [indices.day_indices(d) for d in days]
    names = (*INDEX_NAMES.items(), (indices.LEGACY_STRINGENCY, "StringencyLegacyIndex"))
    for name, column in names:
        raw = [values[name] for values in computed]
        triples = [
            (s[0], value, _present(d, name)) for s, value, d in zip(series, raw, days, strict=True)
        ]
        for values, value, shown in zip(out, raw, indices.for_display(triples, as_of), strict=True):
            values[column] = value
            values[f"{column}ForDisplay"] = shown
            if column == "StringencyLegacyIndex":  # the 2020 files' name for it
                values["LegacyStringencyIndex"] = value
                values["LegacyStringencyIndexForDisplay"] = shown
    return out


def _differentiated(readings, share: float | None) -> dict[str, float | None]:
    nonvax = indices.day_indices(day_for(readings, NON_VACCINATED))
    vax = indices.day_indices(day_for(readings, VACCINATED))
    values: dict[str, float | None] = {}
    for name in AVERAGED:
        both = indices.vaccination_variants(nonvax[name], vax[name], share)
        column = INDEX_NAMES[name]
        values[f"{column}_NonVaccinated"] = nonvax[name]
        values[f"{column}_Vaccinated"] = vax[name]
        values[f"{column}_SimpleAverage"] = both["simple_average"]
        values[f"{column}_WeightedAverage"] = both["weighted_average"]
        # The compact files' "_Average" is the weighted one where vaccination data exist.
        weighted = both["weighted_average"]
        values[f"{column}_Average"] = weighted if weighted is not None else both["simple_average"]
    values["EconomicSupportIndex"] = nonvax["economic_support"]
    return values


def _present(day: Mapping[str, Reading | None], name: str) -> int:
    components = indices.INDICES.get(name, indices.INDICES["stringency"])
    return sum(1 for code in components if indices.present(day.get(code)))


def published_by_place(
    rows: list[Row], layout: Layout, as_of: date | None = None
) -> Iterator[tuple[Row, dict]]:
    """Each row with the index values the project computes for it."""
    by_place: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_place[row.place].append(row)
    for place_rows in by_place.values():
        place_rows.sort(key=lambda r: r.day)
        series = [(r.day, r.readings, r.share_vaccinated) for r in place_rows]
        yield from zip(place_rows, compute_published(series, layout, as_of), strict=True)


# ----- writing ------------------------------------------------------------------------------------


def _format_value(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def write_rows(
    rows: list[Row],
    layout: Layout,
    header: list[str],
    out: io.TextIOBase,
    as_of: date | None = None,
) -> int:
    """Write rows in the layout's columns (``header``), indices computed here; returns the count."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    columns = []
    for name in header:
        match = INDICATOR_COLUMN.match(name)
        if match:
            code, suffix, rest = match.group(1), match.group(2) or "", match.group(3)
            columns.append(("indicator", (code, GROUP_SUFFIXES.get(suffix, EVERYONE), rest)))
        else:
            columns.append(("plain", name))
    count = 0
    ordered = sorted(rows, key=lambda r: (r.country, r.region_code, r.day))
    computed = dict((id(row), values) for row, values in published_by_place(ordered, layout, as_of))
    for row in ordered:
        values = computed[id(row)]
        line = []
        for kind, spec in columns:
            if kind == "indicator":
                code, group, rest = spec
                reading = row.readings.get((code, group))
                if rest == "Notes":
                    line.append(row.notes.get(code, ""))
                elif rest == "Flag":
                    flag = reading.flag if reading else None
                    line.append("" if flag is None else str(flag))
                else:
                    line.append(_format_value(reading.value if reading else None))
            else:
                line.append(_plain_cell(row, spec, values))
        writer.writerow(line)
        count += 1
    return count


def _plain_cell(row: Row, name: str, values: dict) -> str:
    if name in values:
        return _format_value(values[name])
    simple = {
        "CountryCode": row.country,
        "RegionName": row.region_name,
        "RegionCode": row.region_code,
        "Jurisdiction": row.jurisdiction,
        "Date": row.day.strftime("%Y%m%d"),
        "MajorityVaccinated": row.majority_vaccinated,
    }
    if name in simple:
        return simple[name]
    if name == "ConfirmedCases":
        return "" if row.confirmed_cases is None else str(row.confirmed_cases)
    if name == "ConfirmedDeaths":
        return "" if row.confirmed_deaths is None else str(row.confirmed_deaths)
    if name == "PopulationVaccinated":
        return "" if row.share_vaccinated is None else f"{row.share_vaccinated * 100:.2f}"
    return ""


def default_header(layout: Layout, codebook: Codebook) -> list[str]:
    """The columns to write when no file gave them: identity, each indicator, then the indices."""
    header = list(IDENTITY)
    suffixes = {"classic": [""], "compact": ["M"], "full": ["E", "NV", "V", "M"]}[layout.name]
    for code in indices.SCALES | {"E3": None, "E4": None, "H4": None, "H5": None}:
        indicator = codebook.indicators[code]
        name = indicator.names["en"]
        for suffix in suffixes if indicator.differentiated else [""]:
            if code == "C8" and suffix == "M":
                suffix = "EV"
            header.append(f"{code}{suffix}_{name}")
            if indicator.has_flag:
                header.append(f"{code}{suffix}_Flag")
    header += ["ConfirmedCases", "ConfirmedDeaths"]
    if layout.name != "classic":
        header += ["MajorityVaccinated", "PopulationVaccinated"]
    columns = [c for c in layout.index_columns if not c.startswith("LegacyStringency")]
    return header + columns
