"""Extraction throughput on the seed corpus repeated to >= 20 MB, against reading alone.

    .venv/bin/python benchmarks/extract.py [--megabytes 20]

Reading (bytes -> text and blocks) is the baseline; extraction runs on the documents read in
the same process, so the ratio holds on a noisy machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import build_corpus, megabytes

from followup.extract import extract
from followup.read import read_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = build_corpus(Path(tmp), int(args.megabytes * 1e6))
        size = megabytes(files)
        started = time.perf_counter()
        documents = [read_path(p) for p in files]
        read_seconds = time.perf_counter() - started

    started = time.perf_counter()
    items = sum(len(extract(d)) for d in documents)
    extract_seconds = time.perf_counter() - started

    print(f"corpus: {len(files)} files, {size:.1f} MB, {items:,} items extracted")
    print(f"read alone (baseline): {size / read_seconds:7.2f} MB/s")
    print(
        f"extract (after read):  {size / extract_seconds:7.2f} MB/s  {items / extract_seconds:10,.0f} items/s"
    )
    print(f"extract / read time ratio: {extract_seconds / read_seconds:.2f}x")


if __name__ == "__main__":
    main()
