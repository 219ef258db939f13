"""Reading the panel back out: OxCGRT CSV in the layout the data came in, and tables for pages."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.utils import timezone

from . import oxcgrt
from .codebook import latest
from .indices import Reading
from .models import DailyValue, ImportBatch, Jurisdiction, Measure, SituationRecord


class ExportError(ValueError):
    pass


def panel_rows(
    jurisdictions, start: date | None = None, end: date | None = None
) -> list[oxcgrt.Row]:
    """The panel of the jurisdictions as OxCGRT rows, one per jurisdiction and day."""
    by_pk = {j.pk: j for j in jurisdictions.select_related("country")}
    values = DailyValue.objects.filter(jurisdiction_id__in=by_pk, codebook="oxcgrt")
    situation = SituationRecord.objects.filter(jurisdiction_id__in=by_pk)
    if start:
        values, situation = values.filter(day__gte=start), situation.filter(day__gte=start)
    if end:
        values, situation = values.filter(day__lte=end), situation.filter(day__lte=end)
    rows: dict[tuple[int, date], oxcgrt.Row] = {}

    def row_for(pk: int, day: date) -> oxcgrt.Row:
        if (pk, day) not in rows:
            j = by_pk[pk]
            rows[(pk, day)] = oxcgrt.Row(
                line=0,
                country=j.country.iso3,
                day=day,
                region_code="" if j.is_national else j.code,
                region_name=j.name,
                jurisdiction=j.level,
            )
        return rows[(pk, day)]

    notes = _notes_by_start(by_pk, start, end)
    for pk, code, group, day, value, flag in values.values_list(
        "jurisdiction_id", "indicator", "applies_to", "day", "value", "flag"
    ).iterator(chunk_size=10000):
        row = row_for(pk, day)
        row.readings[(code, group)] = Reading(value, flag)
        if (pk, code, day) in notes:
            row.notes[code] = notes[(pk, code, day)]
    for record in situation:
        if (record.jurisdiction_id, record.day) not in rows:
            continue
        row = rows[(record.jurisdiction_id, record.day)]
        row.confirmed_cases, row.confirmed_deaths = record.confirmed_cases, record.confirmed_deaths
        row.share_vaccinated = record.share_vaccinated
        row.majority_vaccinated = record.majority_vaccinated
    return list(rows.values())


def _notes_by_start(by_pk, start, end) -> dict:
    measures = Measure.objects.filter(jurisdiction_id__in=by_pk, codebook="oxcgrt").exclude(
        notes=""
    )
    if start:
        measures = measures.filter(start_date__gte=start)
    if end:
        measures = measures.filter(start_date__lte=end)
    return {
        (pk, code, day): text
        for pk, code, day, text in measures.values_list(
            "jurisdiction_id", "indicator", "start_date", "notes"
        )
    }


def export_oxcgrt(
    out,
    *,
    country: str | None = None,
    start: date | None = None,
    end: date | None = None,
    layout: str | None = None,
) -> tuple[int, str]:
    """Write the panel as an OxCGRT CSV filled with the indices computed here. The layout is the
    one the data came in (the latest import's), unless given. Returns (rows, layout)."""
    jurisdictions = Jurisdiction.objects.all()
    if country:
        jurisdictions = jurisdictions.filter(country__iso3=country.upper())
        if not jurisdictions.exists():
            raise ExportError(f"no measures for country {country.upper()}")
    batch = (
        ImportBatch.objects.filter(measures__jurisdiction__in=jurisdictions)
        .order_by("-imported_at", "-pk")
        .first()
    )
    name = layout or (batch.layout if batch else "classic")
    chosen = oxcgrt.Layout(name, _index_columns(name))
    if batch and batch.layout == name:
        header = batch.header
    else:
        header = oxcgrt.default_header(chosen, latest("oxcgrt"))
    count = oxcgrt.write_rows(
        panel_rows(jurisdictions, start, end), chosen, header, out, timezone.localdate()
    )
    return count, name


def _index_columns(layout: str) -> tuple[str, ...]:
    return {
        "classic": oxcgrt.CLASSIC_INDEX_COLUMNS,
        "compact": oxcgrt.COMPACT_INDEX_COLUMNS,
        "full": oxcgrt.FULL_INDEX_COLUMNS,
    }[layout]


def index_series(jurisdiction: Jurisdiction, index: str, variant: str = "") -> list[tuple]:
    from .models import DailyIndex

    return list(
        DailyIndex.objects.filter(jurisdiction=jurisdiction, index=index, variant=variant)
        .order_by("day")
        .values_list("day", "value", "display_value")
    )


def measures_by_indicator(jurisdiction: Jurisdiction) -> dict[str, list[Measure]]:
    grouped: dict[str, list[Measure]] = defaultdict(list)
    for measure in jurisdiction.measures.order_by("indicator", "start_date"):
        grouped[measure.indicator].append(measure)
    return grouped
