"""Ingestion throughput on the seed corpus repeated to >= 20 MB, against reading alone.

    .venv/bin/python benchmarks/ingest.py [--megabytes 20]

Both runs happen in this process on the same files, so the ratio holds on a noisy machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import build_corpus, megabytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FOLLOWUP_DATA_DIR"] = tmp
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
        from followup.cli import prepare_database, setup_django

        setup_django()
        prepare_database()
        from followup.corpus.actions import do_ingest_file
        from followup.read import read_path

        files = build_corpus(Path(tmp), int(args.megabytes * 1e6))
        size = megabytes(files)

        started = time.perf_counter()
        blocks = sum(len(read_path(p).blocks) for p in files)
        read_seconds = time.perf_counter() - started

        started = time.perf_counter()
        outcomes = [do_ingest_file(p) for p in files]
        ingest_seconds = time.perf_counter() - started
        failed = [o for o in outcomes if o.status != "ingested"]
        if failed:
            raise SystemExit(f"{len(failed)} files did not ingest: {failed[0].describe()}")

    print(
        f"corpus: {len(files)} files, {size:.1f} MB, {blocks:,} blocks ({os.environ['DATABASE_URL'].split(':')[0]})"
    )
    print(
        f"read alone (baseline): {size / read_seconds:7.2f} MB/s  {blocks / read_seconds:10,.0f} blocks/s"
    )
    print(
        f"ingest (read + store): {size / ingest_seconds:7.2f} MB/s  {blocks / ingest_seconds:10,.0f} blocks/s"
    )
    print(f"ingest / read time ratio: {ingest_seconds / read_seconds:.2f}x")


if __name__ == "__main__":
    main()
