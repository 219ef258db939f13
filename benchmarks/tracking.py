"""Compliance views at scale: 100,000 items and 300,000 published reports, against a plain
COUNT(*) of the statuses table in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/tracking.py

Runs in a throw-away test database (created and dropped here). Without DATABASE_URL it runs on
SQLite. --items and --reports change the scale.
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
                cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would have them
        measure(args.repeat, connection.vendor)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def populate(n_items: int, n_reports: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from followup.corpus.actions import do_load_registries
    from followup.corpus.models import Document, Instrument, Item, ItemLabel
    from followup.taxonomies import load_taxonomy
    from followup.tracking.actions import do_ensure_parties
    from followup.tracking.models import COMPLIANCE_CODES, ItemStatus, Party, Report

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
    ItemLabel.objects.bulk_create(
        (
            ItemLabel(item=item, taxonomy="themes", label=rng.choice(themes), score=0.8)
            for item in items
        ),
        batch_size=5000,
    )
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
    ItemStatus.objects.bulk_create(
        (
            ItemStatus(
                item_id=i, party_id=p, compliance=r.compliance, report=r, assessed_at=r.published_at
            )
            for (i, p), r in latest.items()
        ),
        batch_size=10000,
    )
    print(
        f"populated {n_items:,} items, {n_reports:,} reports, {len(latest):,} latest statuses "
        f"in {time.perf_counter() - started:.0f} s"
    )


def timed(call, repeat: int) -> float:
    call()  # warm up
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def measure(repeat: int, vendor: str) -> None:
    from followup.tracking.compliance import compliance_by, compliance_over_time
    from followup.tracking.models import ItemStatus

    baseline = timed(lambda: ItemStatus.objects.count(), repeat)
    print(f"database: {vendor}; median of {repeat} runs")
    print(f"plain COUNT(*) of statuses (baseline): {baseline * 1000:8.1f} ms")
    for label, call in [
        ("compliance by country", lambda: compliance_by("country")),
        ("compliance by instrument", lambda: compliance_by("instrument")),
        ("compliance by summit", lambda: compliance_by("summit")),
        ("compliance by theme", lambda: compliance_by("theme")),
        ("published assessments by year", lambda: compliance_over_time()),
    ]:
        seconds = timed(call, repeat)
        print(f"{label:<32} {seconds * 1000:8.1f} ms  {seconds / baseline:6.1f}x baseline")


if __name__ == "__main__":
    sys.exit(main())
