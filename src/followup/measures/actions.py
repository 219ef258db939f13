"""Every write of the measures app, one transaction each. The panel and indices are rebuilt from
the log inside the same transaction as any change to it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from followup.corpus.models import Country
from followup.errors import InvalidInput
from followup.policy import ensure_permission

from . import indices, oxcgrt, panel
from .codebook import CodebookError, get_codebook, latest
from .models import DailyIndex, DailyValue, ImportBatch, Jurisdiction, Measure, SituationRecord

OXCGRT = "oxcgrt"
VARIANTS = ("non_vaccinated", "vaccinated", "simple_average", "weighted_average")


class InvalidMeasure(InvalidInput):
    """Bad input for a measure, with the field it concerns (a 400 naming the field)."""


@dataclass
class ImportOutcome:
    file_name: str
    layout: str = ""
    rows: int = 0
    measures: int = 0
    jurisdictions: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def describe(self) -> str:
        if self.errors:
            return f"{self.file_name}: failed, nothing stored: {len(self.errors)} error(s)"
        return (
            f"{self.file_name}: {self.rows} rows ({self.layout} layout), {self.jurisdictions} "
            f"jurisdiction(s), {self.measures} measures"
        )


def do_import_oxcgrt(path: Path | str, *, user=None, text: str | None = None) -> ImportOutcome:
    """Read an OxCGRT CSV into the log. Any row error stops the import before anything is
    stored, and every error is reported. Index columns in the file are ignored."""
    if user is not None:
        ensure_permission(user, "import_measures")
    path = Path(path)
    outcome = ImportOutcome(file_name=path.name)
    try:
        text = path.read_text(encoding="utf-8-sig") if text is None else text
    except (OSError, UnicodeDecodeError) as err:
        outcome.errors.append(f"{path.name}: cannot be read ({err})")
        return outcome
    try:
        result = oxcgrt.read_rows(
            text,
            file_name=path.name,
            codebook=latest(OXCGRT),
            known_countries=Country.objects.values_list("iso3", flat=True),
        )
    except oxcgrt.LayoutError as err:
        outcome.errors.append(f"{path.name}: {err}")
        return outcome
    outcome.layout, outcome.rows = result.layout.name, len(result.rows)
    if result.errors:
        outcome.errors = [str(error) for error in result.errors]
        return outcome
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            file_name=path.name,
            layout=result.layout.name,
            header=result.header,
            rows=len(result.rows),
            imported_by=user,
        )
        places = _jurisdictions(result.rows)
        outcome.measures = _store_log(result.rows, places, batch, user)
        _store_situation(result.rows, places, path.name)
        do_rebuild_panel([j.pk for j in places.values()])
    outcome.jurisdictions = len(places)
    return outcome


def _jurisdictions(rows: list[oxcgrt.Row]) -> dict[str, Jurisdiction]:
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in={r.country for r in rows})}
    places: dict[str, Jurisdiction] = {}
    for row in rows:
        if row.place in places:
            continue
        jurisdiction, _ = Jurisdiction.objects.get_or_create(
            code=row.place,
            defaults={
                "country": countries[row.country],
                "name": row.region_name if row.region_code else "",
                "level": row.jurisdiction,
            },
        )
        places[row.place] = jurisdiction
    return places


def _store_log(rows, places, batch: ImportBatch, user) -> int:
    """Each indicator's days become measures (runs of one value); an import replaces the
    file-sourced measures that started within the days it covers."""
    codebook = latest(OXCGRT)
    days_of: dict[tuple[str, str, str], list] = defaultdict(list)
    first_row: dict[tuple[str, date], int] = {}
    span: dict[str, tuple[date, date]] = {}
    for row in rows:
        first_row[(row.place, row.day)] = row.line
        low, high = span.get(row.place, (row.day, row.day))
        span[row.place] = (min(low, row.day), max(high, row.day))
        for (code, group), reading in row.readings.items():
            days_of[(row.place, code, group)].append((row.day, reading, row.notes.get(code, "")))
    for place, (low, high) in span.items():
        Measure.objects.filter(
            jurisdiction=places[place], source_kind="file", start_date__range=(low, high)
        ).delete()
    measures = []
    for (place, code, group), days in days_of.items():
        for run in panel.runs_from_days(days):
            measures.append(
                Measure(
                    jurisdiction=places[place],
                    codebook=codebook.name,
                    codebook_version=codebook.version,
                    indicator=code,
                    applies_to=group,
                    value=run.value,
                    flag=run.flag,
                    start_date=run.start,
                    end_date=run.end,
                    log_type=run.log_type,
                    notes=run.notes,
                    source_kind="file",
                    batch=batch,
                    source_row=first_row[(place, run.start)],
                    recorded_by=user,
                )
            )
    Measure.objects.bulk_create(measures, batch_size=2000)
    return len(measures)


def _store_situation(rows, places, file_name: str) -> None:
    records = [
        SituationRecord(
            jurisdiction=places[row.place],
            day=row.day,
            confirmed_cases=row.confirmed_cases,
            confirmed_deaths=row.confirmed_deaths,
            share_vaccinated=row.share_vaccinated,
            majority_vaccinated=row.majority_vaccinated,
            source=file_name,
        )
        for row in rows
        if row.confirmed_cases is not None
        or row.confirmed_deaths is not None
        or row.share_vaccinated is not None
    ]
    SituationRecord.objects.bulk_create(
        records,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["jurisdiction", "day"],
        update_fields=[
            "confirmed_cases",
            "confirmed_deaths",
            "share_vaccinated",
            "majority_vaccinated",
            "source",
        ],
    )


# ----- the panel ----------------------------------------------------------------------------------


def do_rebuild_panel(jurisdiction_ids=None, *, through: date | None = None) -> int:
    """Derive the daily panel and the indices of the given jurisdictions (all when None) from the
    log; returns the number of daily values written."""
    through = through or timezone.localdate()
    jurisdictions = Jurisdiction.objects.all()
    if jurisdiction_ids is not None:
        jurisdictions = jurisdictions.filter(pk__in=list(jurisdiction_ids))
    written = 0
    with transaction.atomic():
        for jurisdiction_id in jurisdictions.values_list("pk", flat=True):
            written += _rebuild_one(jurisdiction_id, through)
    return written


def _rebuild_one(jurisdiction_id: int, through: date) -> int:
    DailyValue.objects.filter(jurisdiction_id=jurisdiction_id).delete()
    DailyIndex.objects.filter(jurisdiction_id=jurisdiction_id).delete()
    logged: dict[tuple[str, str, str], list[panel.LoggedMeasure]] = defaultdict(list)
    rows = Measure.objects.filter(jurisdiction_id=jurisdiction_id).values_list(
        "pk", "codebook", "indicator", "applies_to", "start_date", "end_date", "value", "flag"
    )
    for pk, codebook, code, group, start, end, value, flag in rows:
        logged[(codebook, code, group)].append(panel.LoggedMeasure(pk, start, end, value, flag))
    values = []
    readings_by_day: dict[date, dict] = defaultdict(dict)
    for (codebook, code, group), measures in logged.items():
        for day, measure in panel.expand(measures, through).items():
            values.append(
                (
                    jurisdiction_id,
                    codebook,
                    code,
                    group,
                    day,
                    measure.value,
                    measure.flag,
                    measure.id,
                )
            )
            if codebook == OXCGRT and measure.value is not None:
                readings_by_day[day][(code, group)] = indices.Reading(measure.value, measure.flag)
    fields = ("jurisdiction_id", "codebook", "indicator", "applies_to", "day", "value", "flag")
    insert_rows(DailyValue, (*fields, "measure_id"), values)
    insert_rows(
        DailyIndex,
        ("jurisdiction_id", "day", "index", "variant", "value", "display_value"),
        _index_rows(jurisdiction_id, readings_by_day, through),
    )
    return len(values)


def insert_rows(model, fields: tuple[str, ...], rows: list[tuple], batch: int = 5000) -> None:
    """Insert derived rows with executemany: the panel has millions of rows and is never edited,
    so model instances and their signals buy nothing here (measured in benchmarks/measures.py)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(f.removesuffix("_id")).column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), batch):
            cursor.executemany(sql, rows[offset : offset + batch])


def _index_rows(jurisdiction_id: int, readings_by_day: dict, through: date) -> list[tuple]:
    shares = dict(
        SituationRecord.objects.filter(
            jurisdiction_id=jurisdiction_id, share_vaccinated__isnull=False
        ).values_list("day", "share_vaccinated")
    )
    days = sorted(readings_by_day)
    differentiated = any(
        group in ("non_vaccinated", "vaccinated")
        for r in readings_by_day.values()
        for _, group in r
    )
    computed = [
        panel_indices(readings_by_day[day], shares.get(day), differentiated) for day in days
    ]
    rows = []
    for name in indices.ALL_INDICES:
        for variant in ("", *VARIANTS) if differentiated else ("",):
            series = [
                (day, values.get((name, variant)), values.get(("count", name)))
                for day, values in zip(days, computed, strict=True)
            ]
            if all(value is None for _, value, _ in series):
                continue
            shown = indices.for_display([(d, v, n or 0) for d, v, n in series], through)
            rows.extend(
                (jurisdiction_id, day, name, variant, value, display)
                for (day, value, _), display in zip(series, shown, strict=True)
            )
    return rows


def panel_indices(readings: dict, share: float | None, differentiated: bool) -> dict:
    """One day's indices: the headline (variant "") and, where policies differ by vaccination
    status, the four variants; the headline is then the weighted (else simple) average."""
    everyone = oxcgrt.day_for(readings, oxcgrt.EVERYONE)
    values: dict = {}
    headline = indices.day_indices(everyone)
    for name in indices.ALL_INDICES:
        values[("count", name)] = oxcgrt._present(everyone, name)
        values[(name, "")] = headline[name]
    if differentiated:
        nonvax = indices.day_indices(oxcgrt.day_for(readings, oxcgrt.NON_VACCINATED))
        vax = indices.day_indices(oxcgrt.day_for(readings, oxcgrt.VACCINATED))
        for name in oxcgrt.AVERAGED:
            both = indices.vaccination_variants(nonvax[name], vax[name], share)
            values[(name, "non_vaccinated")] = nonvax[name]
            values[(name, "vaccinated")] = vax[name]
            values[(name, "simple_average")] = both["simple_average"]
            values[(name, "weighted_average")] = both["weighted_average"]
            weighted = both["weighted_average"]
            values[(name, "")] = weighted if weighted is not None else both["simple_average"]
    return values


# ----- single measures --------------------------------------------------------------------------


MEASURE_FIELDS = (
    "codebook",
    "codebook_version",
    "indicator",
    "applies_to",
    "value",
    "flag",
    "start_date",
    "end_date",
    "log_type",
    "population_targeted",
    "notes",
    "source_kind",
    "document",
    "span_start",
    "span_end",
    "source_url",
    "answer",
)


def _check_measure(values: dict) -> None:
    try:
        codebook = get_codebook(values["codebook"], values["codebook_version"])
        indicator = codebook.indicator(values["indicator"])
    except CodebookError as err:
        raise InvalidMeasure("indicator", str(err)) from err
    if values.get("value") is None:
        raise InvalidMeasure("value", "a measure needs a value")
    reason = indicator.check_value(values.get("value"), values.get("flag"))
    if reason:
        raise InvalidMeasure("value", reason)
    end = values.get("end_date")
    if end and end < values["start_date"]:
        raise InvalidMeasure("end_date", "the end date is before the start date")
    if values.get("log_type", panel.INTRODUCED) not in panel.LOG_TYPES:
        raise InvalidMeasure("log_type", f"one of {', '.join(panel.LOG_TYPES)}")
    _check_source(values)


def _check_source(values: dict) -> None:
    kind = values.get("source_kind")
    if kind == "document":
        document, start, stop = (
            values.get("document"),
            values.get("span_start"),
            values.get("span_end"),
        )
        inside = document is not None and start is not None and stop is not None
        if not inside or not 0 <= start < stop <= len(document.text):
            raise InvalidMeasure("source", "a document source needs a span inside the document")
    elif kind == "url":
        if not values.get("source_url"):
            raise InvalidMeasure("source_url", "a web source needs its address")
    elif kind == "answer":
        if values.get("answer") is None:
            raise InvalidMeasure("answer", "an answer source needs the answer")
    else:
        raise InvalidMeasure("source", "a document and span, a URL or a questionnaire answer")


def do_record_measure(user, *, jurisdiction: Jurisdiction, **values) -> Measure:
    """Add one measure to the log and rebuild its jurisdiction's panel."""
    ensure_permission(user, "record_measure", jurisdiction.country)
    book = latest(values.get("codebook") or OXCGRT)
    values.setdefault("codebook", book.name)
    values.setdefault("codebook_version", book.version)
    unknown = set(values) - set(MEASURE_FIELDS)
    if unknown:
        raise InvalidMeasure(sorted(unknown)[0], "not a field of a measure")
    _check_measure(values)
    with transaction.atomic():
        measure = Measure.objects.create(
            jurisdiction=jurisdiction,
            recorded_by=user if user and user.is_authenticated else None,
            **values,
        )
        do_rebuild_panel([jurisdiction.pk])
    return measure


def do_record_measures(user, entries: list[tuple[Jurisdiction, dict]]) -> list[Measure]:
    """Add several measures, each checked as ``do_record_measure`` does; one panel rebuild."""
    measures = []
    for jurisdiction, values in entries:
        ensure_permission(user, "record_measure", jurisdiction.country)
        book = latest(values.get("codebook") or OXCGRT)
        values = {"codebook": book.name, "codebook_version": book.version, **values}
        unknown = set(values) - set(MEASURE_FIELDS)
        if unknown:
            raise InvalidMeasure(sorted(unknown)[0], "not a field of a measure")
        _check_measure(values)
        measures.append(Measure(jurisdiction=jurisdiction, recorded_by=user, **values))
    with transaction.atomic():
        Measure.objects.bulk_create(measures)
        do_rebuild_panel({jurisdiction.pk for jurisdiction, _ in entries})
    return measures


def do_update_measure(user, measure: Measure, **values) -> Measure:
    ensure_permission(user, "record_measure", measure.jurisdiction.country)
    unknown = set(values) - set(MEASURE_FIELDS)
    if unknown:
        raise InvalidMeasure(sorted(unknown)[0], "not a field of a measure")
    merged = {name: getattr(measure, name) for name in MEASURE_FIELDS} | values
    _check_measure(merged)
    with transaction.atomic():
        for name, value in values.items():
            setattr(measure, name, value)
        measure.save(update_fields=list(values))
        do_rebuild_panel([measure.jurisdiction_id])
    return measure


def do_delete_measure(user, measure: Measure) -> None:
    ensure_permission(user, "record_measure", measure.jurisdiction.country)
    with transaction.atomic():
        jurisdiction_id = measure.jurisdiction_id
        measure.delete()
        do_rebuild_panel([jurisdiction_id])


def national_jurisdiction(country: Country) -> Jurisdiction:
    jurisdiction, _ = Jurisdiction.objects.get_or_create(
        code=country.iso3, defaults={"country": country, "name": "", "level": "NAT_TOTAL"}
    )
    return jurisdiction


@dataclass
class SituationOutcome:
    file_name: str
    stored: int = 0
    errors: list = field(default_factory=list)


def do_import_situation(path: Path | str, *, user=None) -> SituationOutcome:
    """Cases and deaths from a CSV; any row error stores nothing, each error is reported."""
    from .situation import read_situation

    if user is not None:
        ensure_permission(user, "import_measures")
    path = Path(path)
    outcome = SituationOutcome(path.name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        outcome.errors.append(f"{path.name}: cannot be read ({err})")
        return outcome
    rows, errors = read_situation(
        text, file_name=path.name, known_countries=Country.objects.values_list("iso3", flat=True)
    )
    unknown_regions = {r.region for r in rows if r.region} - set(
        Jurisdiction.objects.filter(code__in={r.region for r in rows}).values_list(
            "code", flat=True
        )
    )
    errors += [
        oxcgrt.RowError(path.name, r.line, "region", f"unknown region code {r.region!r}")
        for r in rows
        if r.region in unknown_regions
    ]
    if errors:
        outcome.errors = [str(e) for e in sorted(errors, key=lambda e: e.row)]
        return outcome
    with transaction.atomic():
        countries = {c.iso3: c for c in Country.objects.filter(iso3__in={r.country for r in rows})}
        places = {j.code: j for j in Jurisdiction.objects.filter(code__in={r.region for r in rows})}
        for row in rows:
            place = places.get(row.region) or national_jurisdiction(countries[row.country])
            values = {name: count for name, count in row.counts.items() if count is not None}
            SituationRecord.objects.update_or_create(
                jurisdiction=place,
                day=row.day,
                defaults={**values, "source": row.source or path.name},
            )
        outcome.stored = len(rows)
    return outcome
