"""Petitions at scale: 100,000 petitions, 20,000 precautionary-measure requests and 2,000
settlement agreements with their history; the initial-review queue, the triage queue, the
backlog and a year's figures, each against a plain COUNT(*) of the petitions in the same run.

    .venv/bin/python benchmarks/petitions.py                      # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/petitions.py

Runs in a throw-away test database (created and dropped here). --petitions, --requests and
--agreements change the scale.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--petitions", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--agreements", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("FOLLOWUP_DATA_DIR", tempfile.mkdtemp())
    from followup.cli import setup_django

    setup_django()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        year = populate(args.petitions, args.requests, args.agreements)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        measure(args.repeat, connection.vendor, year)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


# The stages files are left in, with the last decision that brought them there.
PETITION_STAGES = [
    ("initial_review", "submit", 0.25),
    ("not_opened", "not_open", 0.45),
    ("initial_review", "request_information", 0.03),
    ("processing", "open_for_processing", 0.12),
    ("admissibility", "begin_admissibility", 0.05),
    ("merits", "admissible", 0.04),
    ("follow_up", "merits_report", 0.03),
    ("archived", "archive", 0.03),
]
REQUEST_STAGES = [
    ("evaluation", "submit", 0.3),
    ("granted", "grant", 0.2),
    ("rejected", "reject", 0.45),
    ("lifted", "lift", 0.05),
]


def populate(n_petitions: int, n_requests: int, n_agreements: int) -> int:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from followup.corpus.actions import do_load_registries
    from followup.corpus.models import Country
    from followup.petitions.models import Person, Petition, Petitioner, StageChange

    started = time.perf_counter()
    rng = random.Random(16)
    do_load_registries()
    states = list(Country.objects.filter(oas_member=True).values_list("code", flat=True))
    user = get_user_model().objects.create_user("bench", "bench@example.org", "x")
    petitioner = Petitioner.objects.create(user=user, kind=Petitioner.PERSON, name="Bench")
    now = timezone.now()
    plan = [("petition", PETITION_STAGES)] * n_petitions + [
        ("precautionary", REQUEST_STAGES)
    ] * n_requests
    plan += [
        (
            "petition",
            [("settlement_agreement", "sign_agreement", 0.5), ("follow_up", "homologate", 0.5)],
        )
    ] * n_agreements
    batch, changes = [], []
    for number, (kind, stages) in enumerate(plan, 1):
        stage, decision, _share = rng.choices(stages, weights=[s[2] for s in stages])[0]
        received = now - timedelta(days=rng.randint(0, 3 * 365), minutes=rng.randint(0, 1440))
        decided = received + timedelta(days=rng.randint(1, 200))
        batch.append(
            Petition(
                kind=kind,
                reference=f"B-{number}",
                petitioner=petitioner,
                state_id=rng.choice(states),
                title=f"Benchmark file {number}",
                facts="Facts of a benchmark file.",
                submission_token=f"bench-{number}",
                submitted_at=received,
                stage=stage,
                combined_score=round(rng.random(), 4),
                urgent=rng.random() < 0.02,
                first_decided_at=None if decision == "submit" else min(decided, now),
                transmitted_at=None
                if stage in ("initial_review", "not_opened", "evaluation", "rejected")
                else decided,
            )
        )
        changes.append((decision, stage, min(decided, now)))
        if len(batch) == 10_000:
            _flush(batch, changes, Petition, StageChange, Person)
    _flush(batch, changes, Petition, StageChange, Person)
    print(f"generated {len(plan):,} files in {time.perf_counter() - started:.0f} s")
    return now.year


def _flush(batch, changes, Petition, StageChange, Person) -> None:
    created = Petition.objects.bulk_create(batch)
    StageChange.objects.bulk_create(
        StageChange(
            petition=p,
            decision="submit",
            to_stage=p.stage if d == "submit" else "",
            at=p.submitted_at,
        )
        for p, (d, _s, _a) in zip(created, changes, strict=True)
    )
    StageChange.objects.bulk_create(
        StageChange(petition=p, decision=d, from_stage="", to_stage=s, at=a)
        for p, (d, s, a) in zip(created, changes, strict=True)
        if d != "submit"
    )
    Person.objects.bulk_create(
        Person(petition=p, name="Beneficiary", group="woman")
        for p in created
        if p.kind == "precautionary"
    )
    batch.clear()
    changes.clear()


def timed(call, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def measure(repeat: int, vendor: str, year: int) -> None:
    from followup.petitions import queries
    from followup.petitions.models import Petition

    everything = Petition.objects.all()
    baseline = timed(lambda: Petition.objects.count(), repeat)
    print(f"database: {vendor}; median of {repeat} runs")
    print(f"plain COUNT(*) of petitions (baseline): {baseline * 1000:8.1f} ms")
    for label, call in [
        ("initial-review queue (200 rows)", lambda: queries.review_queue(everything)),
        ("triage queue (200 rows)", lambda: queries.triage_queue(everything)),
        ("backlog by year and stage", lambda: queries.backlog(everything)),
        (f"initial-review figures {year}", lambda: queries.year_review_figures(year)),
        (f"precautionary decision times {year}", lambda: queries.year_decision_times(year)),
        ("portfolio in force", queries.portfolio),
    ]:
        seconds = timed(call, repeat)
        print(f"{label:<40} {seconds * 1000:8.1f} ms  {seconds / baseline:6.1f}x baseline")


if __name__ == "__main__":
    sys.exit(main())
