"""Compliance views at scale: 100,000 items and 300,000 published reports (all on one reporting
period, so that each view reads every status: the worst case), and obligations that leave a
sixth as many items not reported, against a plain COUNT(*) of the statuses table in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/tracking.py

Runs in a throw-away test database (created and dropped here). Without DATABASE_URL it runs on
SQLite. --items and --reports change the scale; --explain prints each view's query plan
(EXPLAIN ANALYZE, PostgreSQL only).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--reports", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--keep", action="store_true", help="keep the database, to study it")
    args = parser.parse_args()
    os.environ.setdefault("FOLLOWUP_DATA_DIR", tempfile.mkdtemp())
    from followup.cli import setup_django

    setup_django()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        populate(args.items, args.reports)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Statistics and the visibility map, as autovacuum would have them.
                cursor.execute("VACUUM ANALYZE")
        measure(args.repeat, connection.vendor, explain=args.explain)
    finally:
        if args.keep:
            print(f"kept the database {name}")
        else:
            connection.creation.destroy_test_db(name, verbosity=0)


def populate(n_items: int, n_reports: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from followup.corpus.actions import do_load_registries
    from followup.corpus.models import Document, Instrument, Item, ItemLabel
    from followup.taxonomies import load_taxonomy
    from followup.tracking.actions import do_ensure_parties
    from followup.tracking.models import (
        COMPLIANCE_CODES,
        NOT_REPORTED,
        ItemStatus,
        LabelSet,
        Obligation,
        Party,
        Report,
    )

    started = time.perf_counter()
    rng = random.Random(7)
    do_load_registries()
    do_ensure_parties()
    user = get_user_model().objects.create_user("bench")
    document = Document.objects.create(
        title="bench", file_name="bench.txt", sha256="0" * 64, format="txt", size=1, text="x"
    )
    instruments = [
        Instrument.objects.create(name=f"Plan {i}", summit=f"Summit {i % 5}", year=2000 + i)
        for i in range(20)
    ]
    items = Item.objects.bulk_create(
        (
            Item(
                document=document,
                kind="mandate",
                text=f"Mandate {i}",
                start=0,
                end=1,
                instrument=rng.choice(instruments),
            )
            for i in range(n_items)
        ),
        batch_size=5000,
    )
    themes = [label.id for label in load_taxonomy("themes")]
    theme_of = {item.pk: rng.choice(themes) for item in items}
    ItemLabel.objects.bulk_create(
        (
            ItemLabel(item=item, taxonomy="themes", label=theme_of[item.pk], score=0.8)
            for item in items
        ),
        batch_size=5000,
    )
    # What the actions keep on each status: the combination of its item's labels.
    label_sets = {
        theme: LabelSet.objects.create(key=f"themes={theme}", labels={"themes": [theme]}).pk
        for theme in themes
    }
    set_of = {pk: label_sets[theme] for pk, theme in theme_of.items()}
    states = list(Party.objects.filter(kind=Party.STATE))
    now = timezone.now()
    reports, links, latest = [], [], {}
    for _ in range(n_reports):
        item, party = rng.choice(items), rng.choice(states)
        published = now - timedelta(days=rng.randrange(2000))
        report = Report(
            party=party,
            period_start=date(2020, 1, 1),
            period_end=date(2020, 12, 31),
            compliance=rng.choice(COMPLIANCE_CODES),
            narrative="-",
            state=Report.PUBLISHED,
            created_by=user,
            published_at=published,
        )
        reports.append(report)
        links.append(item)
    Report.objects.bulk_create(reports, batch_size=5000)
    Report.items.through.objects.bulk_create(
        (
            Report.items.through(report_id=r.pk, item_id=i.pk)
            for r, i in zip(reports, links, strict=True)
        ),
        batch_size=10000,
    )
    for report, item in zip(reports, links, strict=True):
        key = (item.pk, report.party_id)
        if key not in latest or latest[key].published_at < report.published_at:
            latest[key] = report
    parties = {p.pk: p for p in states}
    instrument_of = {item.pk: item.instrument_id for item in items}
    statuses = [
        ItemStatus(
            item_id=i,
            party_id=p,
            period=2020,
            country_id=parties[p].country_id,
            party_kind=Party.STATE,
            instrument_id=instrument_of[i],
            label_set_id=set_of[i],
            compliance=r.compliance,
            report=r,
            assessed_at=r.published_at,
        )
        for (i, p), r in latest.items()
    ]
    obligations = []
    for _ in range(n_reports // 6):
        item, party = rng.choice(items), rng.choice(states)
        obligations.append(
            Obligation(item=item, party=party, due_on=date(2021, 3, 31), period=2020)
        )
        if (item.pk, party.pk) not in latest:
            latest[(item.pk, party.pk)] = None
            statuses.append(
                ItemStatus(
                    item=item,
                    party=party,
                    period=2020,
                    country_id=party.country_id,
                    party_kind=Party.STATE,
                    instrument_id=item.instrument_id,
                    label_set_id=set_of[item.pk],
                    compliance=NOT_REPORTED,
                )
            )
    Obligation.objects.bulk_create(obligations, batch_size=10000)
    ItemStatus.objects.bulk_create(statuses, batch_size=10000)
    not_reported = sum(1 for s in statuses if s.compliance == NOT_REPORTED)
    print(
        f"populated {n_items:,} items, {n_reports:,} reports, {len(statuses):,} statuses "
        f"({not_reported:,} not reported) in {time.perf_counter() - started:.0f} s"
    )


def timed(call, repeat: int) -> float:
    call()  # warm up
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def measure(repeat: int, vendor: str, *, explain: bool = False) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from followup.tracking.compliance import compliance_by
    from followup.tracking.models import ItemStatus

    baseline = timed(lambda: ItemStatus.objects.count(), repeat)
    print(f"database: {vendor}; median of {repeat} runs")
    print(f"plain COUNT(*) of statuses (baseline): {baseline * 1000:8.1f} ms")
    for label, call in [
        ("compliance by country", lambda: compliance_by("country")),
        ("compliance by instrument", lambda: compliance_by("instrument")),
        ("compliance by summit", lambda: compliance_by("summit")),
        ("compliance by theme", lambda: compliance_by("theme")),
        ("compliance by pillar", lambda: compliance_by("pillar")),
        ("compliance by kind of party", lambda: compliance_by("party_kind")),
        ("compliance by reporting period", lambda: compliance_by("period")),
    ]:
        seconds = timed(call, repeat)
        print(f"{label:<32} {seconds * 1000:8.1f} ms  {seconds / baseline:6.1f}x baseline")
        if explain and vendor == "postgresql":
            with CaptureQueriesContext(connection) as queries:
                call()
            slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + slowest["sql"])
                print("\n".join("    " + row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    sys.exit(main())
