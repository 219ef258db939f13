"""Search latency at scale: 1,000,000 items generated from the seed items with variations,
full-text (FTS5 or tsvector) and semantic (HNSW over sentence embeddings) queries, median and
95th percentile, against a plain primary-key lookup in the same run.

    .venv/bin/python benchmarks/search.py                      # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/search.py

Runs in a throw-away test database. --items changes the scale.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import SEEDS

QUERIES = [
    "migrants",
    "human rights defenders",
    "cybersecurity",
    "corruption",
    "elections",
    "trafficking",
    "pandemic",
    "women",
    "education",
    "petitions",
    "precautionary measures",
    "small businesses",
    "migrantes",
    "derechos humanos",
    "violence",
    "training",
    "webinar",
    "water",
    "police",
    "children",
]
SEMANTIC_QUERIES = [
    "help for small businesses during the pandemic",
    "protection of journalists",
    "apoyo a las personas migrantes",
    "online courses for teachers",
    "fight against corruption in public procurement",
    "violence against women",
    "elections during the health crisis",
    "trafficking in persons in Central America",
]
VARIATIONS = [
    "Haiti",
    "Mexico",
    "Peru",
    "Chile",
    "Colombia",
    "Brazil",
    "Panama",
    "Guatemala",
    "Honduras",
    "Jamaica",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200, help="queries timed per measure")
    args = parser.parse_args()
    os.environ.setdefault("FOLLOWUP_DATA_DIR", tempfile.mkdtemp())
    from followup.cli import setup_django

    setup_django()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        index = populate(args.items)
        measure(index, args.queries, connection.vendor, args.items)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def seed_items() -> list[tuple[str, str]]:
    from followup.extract import extract
    from followup.read import read_path

    return [
        (i.kind, i.text)
        for path in sorted(SEEDS.glob("*.txt"))
        for i in extract(read_path(path))
        if len(i.text) > 20
    ]


def populate(n_items: int):
    """n_items rows: each seed item's text with a country and a year appended, so no two are
    the same; stems and vectors are computed once per seed text and varied alike."""
    import numpy as np
    from django.db import connection

    from followup.classify.embeddings import embed
    from followup.corpus.models import Document, Item
    from followup.link.vectors import ApproximateIndex
    from followup.search.text import stems

    started = time.perf_counter()
    base = seed_items()
    base_stems = [" ".join(stems(text, "en")) for _, text in base]
    base_vectors = embed([text for _, text in base])
    document = Document.objects.create(
        title="bench",
        file_name="bench.txt",
        sha256="0" * 64,
        format="txt",
        size=1,
        text="x",
        language="en",
    )
    rng = random.Random(3)
    batch, stem_rows, ids, vectors = [], [], [], []
    noise = np.random.default_rng(3)
    next_id = 1
    for n in range(n_items):
        b = n % len(base)
        kind, text = base[b]
        suffix = f" ({VARIATIONS[n % len(VARIATIONS)]}, {2000 + rng.randrange(25)})"
        batch.append(
            Item(id=next_id, document=document, kind=kind, text=text + suffix, start=0, end=1)
        )
        stem_rows.append((next_id, base_stems[b] + " " + " ".join(stems(suffix, "en"))))
        ids.append(next_id)
        next_id += 1
        if len(batch) == 20_000:
            _flush(batch, stem_rows, connection)
    _flush(batch, stem_rows, connection)
    print(
        f"inserted {n_items:,} items ({len(base):,} seed texts varied) in {time.perf_counter() - started:.0f} s"
    )
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE corpus_item SET search_vector = to_tsvector('english', text)")
            cursor.execute("ANALYZE")
    print(f"full-text index ready in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    index = ApproximateIndex(np.zeros(0, np.int64), np.zeros((0, 512), np.float32))
    chunk = 100_000
    for offset in range(0, n_items, chunk):
        part = np.arange(offset, min(n_items, offset + chunk))
        varied = base_vectors[part % len(base)] + noise.normal(0, 0.02, (len(part), 512)).astype(
            np.float32
        )
        varied /= np.linalg.norm(varied, axis=1, keepdims=True)
        index.index.add(part + 1, varied)
        vectors.append(None)
    print(f"vector index of {len(index):,} built in {time.perf_counter() - started:.0f} s")
    return index


def _flush(batch, stem_rows, connection) -> None:
    from followup.corpus.models import Item

    if not batch:
        return
    Item.objects.bulk_create(batch, batch_size=5000)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO search_item(rowid, body) VALUES (%s, %s)", stem_rows)
    batch.clear()
    stem_rows.clear()


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def measure(index, n_queries: int, vendor: str, n_items: int) -> None:
    from followup.classify.embeddings import embed
    from followup.corpus.models import Item
    from followup.search.backends import backend
    from followup.search.text import parse_query

    rng = random.Random(5)
    engine = backend()

    def pk_lookup():
        return (
            Item.objects.filter(pk=rng.randrange(1, n_items + 1))
            .values_list("text", flat=True)
            .first()
        )

    def full_text():
        query = parse_query(rng.choice(QUERIES))
        return list(
            engine.match_items(Item.objects.all(), query)
            .order_by("-rank")
            .values_list("pk", "text")[:20]
        )

    def semantic():
        [vector] = embed([rng.choice(SEMANTIC_QUERIES)])
        ids = [pk for pk, _ in index.search(vector, 20)]
        return list(Item.objects.filter(pk__in=ids).values_list("pk", "text"))

    print(f"database: {vendor}; {n_items:,} items; {n_queries} queries each")
    baseline = None
    for label, call in [
        ("primary-key lookup (baseline)", pk_lookup),
        ("full-text, top 20 by rank", full_text),
        ("semantic, top 20 (embed + HNSW + fetch)", semantic),
    ]:
        for _ in range(5):
            call()  # warm up
        samples = []
        for _ in range(n_queries):
            started = time.perf_counter()
            call()
            samples.append(time.perf_counter() - started)
        median, p95 = percentiles(samples)
        baseline = baseline or median
        print(
            f"{label:<42} median {median:8.2f} ms   p95 {p95:8.2f} ms   {median / baseline:8.1f}x baseline"
        )


if __name__ == "__main__":
    sys.exit(main())
