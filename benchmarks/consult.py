"""The consultation portal at scale: 30,000 proposals, 1,000,000 supports and 200,000 comments.

Prints the p50 and p95 time of the proposal index (by supports, newest, hot), of a proposal
page with 500 comments and of a support click, each against a plain page of the app (the list
of consultations) measured in the same run, and the SQL queries each page takes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/consult.py

Runs in a throw-away test database (created and dropped here); without DATABASE_URL, on SQLite.
--proposals, --supports and --comments change the scale.
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
    parser.add_argument("--proposals", type=int, default=30_000)
    parser.add_argument("--supports", type=int, default=1_000_000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("FOLLOWUP_DATA_DIR", tempfile.mkdtemp())
    from followup.cli import setup_django

    setup_django()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        slug, busy, voters = populate(args.proposals, args.supports, args.comments)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        measure(args.repeat, connection.vendor, slug, busy, voters)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def populate(n_proposals: int, n_supports: int, n_comments: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from followup.consult import core
    from followup.consult.actions import ConsultationDraft, do_create_consultation
    from followup.consult.models import Comment, Proposal, Support
    from followup.tracking.models import Profile

    started = time.perf_counter()
    rng = random.Random(11)
    User = get_user_model()
    analyst = User.objects.create_user("analyst")
    Profile.objects.create(user=analyst, role=Profile.ANALYST)
    today = timezone.localdate()
    consultation = do_create_consultation(
        analyst,
        ConsultationDraft(
            slug="bench",
            title={"en": "Bench"},
            phases=[core.Phase("support", today - timedelta(days=5), today + timedelta(days=5))],
            participation="registered",
        ),
    )
    n_users = max(50, n_supports // 20)
    users = User.objects.bulk_create(
        (User(username=f"u{i}", password="!") for i in range(n_users)), batch_size=5000
    )
    Profile.objects.bulk_create(
        (Profile(user=u, role=Profile.PUBLIC, email_verified=True) for u in users), batch_size=5000
    )
    now = timezone.now()
    proposals = Proposal.objects.bulk_create(
        (
            Proposal(
                consultation=consultation,
                author=rng.choice(users),
                title=f"Proposal {i}",
                body="A body.",
                body_html="<p>A body.</p>",
            )
            for i in range(n_proposals)
        ),
        batch_size=5000,
    )
    for p in proposals:  # spread publication over a year: "newest" and "hot" differ
        p.created_at = now - timedelta(minutes=rng.randrange(525_600))
    Proposal.objects.bulk_update(proposals, ["created_at"], batch_size=5000)
    busy = proposals[0]
    pairs = set()
    while len(pairs) < n_supports:
        # A skewed popularity, as in real portals: a few proposals gather most supports.
        pairs.add((int(rng.paretovariate(1.2)) % n_proposals, rng.randrange(n_users)))
    Support.objects.bulk_create(
        (Support(proposal_id=proposals[p].pk, user_id=users[u].pk) for p, u in pairs),
        batch_size=10000,
    )
    counts = [0] * n_proposals
    for p, _u in pairs:
        counts[p] += 1
    comments = [0] * n_proposals
    rows = []
    for i in range(n_comments):
        p = 0 if i < 500 else rng.randrange(n_proposals)
        comments[p] += 1
        rows.append(
            Comment(proposal_id=proposals[p].pk, author_id=rng.choice(users).pk,
                    body=f"Comment {i}", body_html=f"<p>Comment {i}</p>")
        )  # fmt: skip
    Comment.objects.bulk_create(rows, batch_size=10000)
    for p, proposal in enumerate(proposals):
        proposal.support_count, proposal.comment_count = counts[p], comments[p]
    Proposal.objects.bulk_update(proposals, ["support_count", "comment_count"], batch_size=5000)
    print(
        f"populated {n_proposals:,} proposals, {len(pairs):,} supports, {n_comments:,} comments"
        f" ({comments[0]} on the busiest page) in {time.perf_counter() - started:.0f} s"
    )
    voters = [u for i, u in enumerate(users) if (0, i) not in pairs][:200]
    return consultation.slug, busy, voters


def timed(call, repeat: int) -> tuple[float, float]:
    call()  # warm up
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append(time.perf_counter() - started)
    runs.sort()
    return statistics.median(runs), runs[min(len(runs) - 1, int(len(runs) * 0.95))]


def measure(repeat: int, vendor: str, slug: str, busy, voters) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()

    def page(url):
        def get():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return get

    supporters = iter(voters)

    def support_click():
        client.force_login(next(supporters))
        response = client.post(f"/consult/proposals/{busy.pk}/support/")
        assert response.status_code == 302, response.status_code

    base50, base95 = timed(page("/consult/"), repeat)
    print(f"database: {vendor}; {repeat} runs each; p50 / p95")
    print(f"{'consultation list (baseline)':<36} {base50 * 1000:7.1f} / {base95 * 1000:7.1f} ms")
    for label, call, url in [
        ("index by supports", page(f"/consult/{slug}/?sort=supports"), f"/consult/{slug}/?sort=supports"),
        ("index by newest", page(f"/consult/{slug}/?sort=newest"), f"/consult/{slug}/?sort=newest"),
        ("index by hot", page(f"/consult/{slug}/?sort=hot"), f"/consult/{slug}/?sort=hot"),
        ("proposal with 500 comments", page(f"/consult/proposals/{busy.pk}/"), f"/consult/proposals/{busy.pk}/"),
        ("support click", support_click, None),
    ]:  # fmt: skip
        p50, p95 = timed(call, min(repeat, len(voters) - 2) if url is None else repeat)
        queries = ""
        if url:
            with CaptureQueriesContext(connection) as captured:
                call()
            queries = f"  {len(captured)} queries"
        print(
            f"{label:<36} {p50 * 1000:7.1f} / {p95 * 1000:7.1f} ms"
            f"  {p50 / base50:5.1f}x / {p95 / base95:5.1f}x baseline{queries}"
        )


if __name__ == "__main__":
    sys.exit(main())
