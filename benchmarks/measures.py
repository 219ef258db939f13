"""The measures panel at scale: jurisdictions × days × indicators from generated logs.

Prints, each against a plain baseline measured in the same run:
- rebuilding the daily panel and indices from the log, against one SELECT reading the panel back;
- importing an OxCGRT-layout CSV (rows = jurisdictions × days), against reading it with the csv
  module alone;
- rendering a country page, against a COUNT(*) of that jurisdiction's panel.

    .venv/bin/python benchmarks/measures.py                      # 200 × 1,500 × 20 (slow)
    .venv/bin/python benchmarks/measures.py --jurisdictions 20 --days 300

Runs in a throw-away test database (created and dropped here); DATABASE_URL picks PostgreSQL.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import tempfile
import time
from datetime import date, timedelta

INDICATORS = (
    "C1",
    "C2",
    "C3",
    "C4",
    "C5",
    "C6",
    "C7",
    "C8",
    "E1",
    "E2",
    "H1",
    "H2",
    "H3",
    "H6",
    "H7",
    "H8",
)
START = date(2020, 1, 1)


def timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def generate_log(n_jurisdictions: int, n_days: int, n_indicators: int, rng: random.Random) -> int:
    """Runs of 10–120 days per jurisdiction and indicator; beyond the 16 OxCGRT indicators the
    log uses the project's inventories (msme, labour, ...), as a real one would."""
    from followup.corpus.models import Country
    from followup.measures.actions import insert_rows, national_jurisdiction
    from followup.measures.codebook import load_codebooks
    from followup.measures.models import Measure

    books = load_codebooks()
    extra = [
        (book.name, book.version, code, indicator)
        for book in books.values()
        if book.name != "oxcgrt"
        for code, indicator in book.indicators.items()
        if indicator.kind == "ordinal"
    ]
    oxcgrt = books["oxcgrt-2023"]
    chosen = [("oxcgrt", "2023", code, oxcgrt.indicators[code]) for code in INDICATORS] + extra
    chosen = chosen[:n_indicators]
    rows = []
    for country in Country.objects.order_by("code")[:n_jurisdictions]:
        place = national_jurisdiction(country)
        for name, version, code, indicator in chosen:
            day = 0
            while day < n_days:
                length = rng.randint(10, 120)
                level = rng.choice(indicator.levels).value
                flag = rng.choice((0, 1)) if indicator.has_flag and level else None
                end = START + timedelta(days=min(day + length, n_days) - 1)
                rows.append(
                    (
                        place.pk,
                        name,
                        version,
                        code,
                        "everyone",
                        level,
                        flag,
                        START + timedelta(days=day),
                        end,
                        "introduced",
                        "url",
                        "https://example.org/decree",
                        "",
                        "",
                        "",
                    )
                )
                day += length
    fields = (
        "jurisdiction_id",
        "codebook",
        "codebook_version",
        "indicator",
        "applies_to",
        "value",
        "flag",
        "start_date",
        "end_date",
        "log_type",
        "source_kind",
        "source_url",
        "population_targeted",
        "notes",
        "recorded_at",
    )
    now = __import__("django.utils.timezone", fromlist=["now"]).now()
    insert_rows(Measure, fields, [(*r[:-1], now) for r in rows])
    return len(rows)


def oxcgrt_csv(n_rows: int) -> str:
    """An OxCGRT classic-layout file of the panel's first n_rows jurisdiction-days."""
    from followup.measures import oxcgrt
    from followup.measures.codebook import latest
    from followup.measures.exports import panel_rows
    from followup.measures.models import Jurisdiction

    rows = sorted(panel_rows(Jurisdiction.objects.all()), key=lambda r: (r.country, r.day))[:n_rows]
    layout = oxcgrt.Layout("classic", oxcgrt.CLASSIC_INDEX_COLUMNS)
    out = io.StringIO()
    oxcgrt.write_rows(rows, layout, oxcgrt.default_header(layout, latest("oxcgrt")), out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jurisdictions", type=int, default=200)
    parser.add_argument("--days", type=int, default=1500)
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--import-rows", type=int, default=200_000)
    args = parser.parse_args()
    os.environ.setdefault("FOLLOWUP_DATA_DIR", tempfile.mkdtemp())
    from followup.cli import setup_django

    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args, connection, Client)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def run(args, connection, client_class) -> None:
    from followup.corpus.actions import do_load_registries
    from followup.measures.actions import do_import_oxcgrt, do_rebuild_panel
    from followup.measures.models import DailyValue, Jurisdiction

    do_load_registries()
    rng = random.Random(15)
    through = START + timedelta(days=args.days - 1)
    seconds, measures = timed(
        lambda: generate_log(args.jurisdictions, args.days, args.indicators, rng)
    )
    print(
        f"{connection.vendor}: {measures:,} measures for {args.jurisdictions} jurisdictions x {args.days} days x {args.indicators} indicators ({seconds:.1f} s to write the log)"
    )

    rebuild, values = timed(lambda: do_rebuild_panel(through=through))
    read_back, _ = timed(
        lambda: sum(
            1
            for _ in DailyValue.objects.values_list(
                "jurisdiction_id", "indicator", "day", "value"
            ).iterator(chunk_size=20000)
        )
    )
    print(
        f"panel rebuild: {values:,} daily values + indices in {rebuild:.1f} s; baseline SELECT of the panel {read_back:.1f} s; ratio {rebuild / read_back:.1f}x"
    )

    text = oxcgrt_csv(args.import_rows)
    n_rows = text.count("\n") - 1
    path = os.path.join(tempfile.mkdtemp(), "oxcgrt_benchmark.csv")
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)

    def read_plain() -> int:
        with open(path, encoding="utf-8") as source:
            return sum(1 for _ in csv.reader(source))

    baseline, _ = timed(read_plain)
    imported, outcome = timed(lambda: do_import_oxcgrt(path))
    assert outcome.ok, outcome.errors[:3]
    print(
        f"import: {n_rows:,} OxCGRT rows in {imported:.1f} s ({n_rows / imported:,.0f} rows/s); baseline csv.reader {baseline:.2f} s; ratio {imported / baseline:.0f}x"
    )

    place = Jurisdiction.objects.order_by("code").first()
    client = client_class()
    client.get(f"/measures/{place.code}/")  # warm templates and caches
    pages, counts = [], []
    for _ in range(5):
        seconds, response = timed(lambda: client.get(f"/measures/{place.code}/"))
        assert response.status_code == 200
        pages.append(seconds)
        seconds, _ = timed(lambda: DailyValue.objects.filter(jurisdiction=place).count())
        counts.append(seconds)
    page, count_time = sorted(pages)[2], sorted(counts)[2]
    print(
        f"country page ({place.code}): median {page * 1000:.0f} ms; baseline COUNT(*) of its panel {count_time * 1000:.1f} ms; ratio {page / count_time:.0f}x"
    )


if __name__ == "__main__":
    main()
