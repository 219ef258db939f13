"""Extraction throughput, this tree against a baseline commit, on the same corpus in one run.

    .venv/bin/python benchmarks/extract.py [--megabytes 20] [--baseline a687727]

Three measures, each printed beside reading alone (bytes -> text and blocks), measured in the
same process so the ratios hold on a noisy machine:

- throughput on the seed corpus repeated to ``--megabytes`` (one core: the process runs alone);
- time per MB on one large document (the seeds joined to 0.5 MB and to 5 MB): a cost that
  grows with the square of a document's size shows as a ratio well above 1;
- the same for the baseline commit, checked out with ``git worktree`` into a temporary folder
  and run in a subprocess, so "before" and "after" are measured in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from _corpus import SEEDS, build_corpus, megabytes  # noqa: E402


def one_document(target_bytes: int) -> bytes:
    """The seed documents joined, then repeated, into one text of about ``target_bytes``."""
    parts, total, copy = [], 0, 0
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    while total < target_bytes:
        for data in seeds:
            part = data + f"\n\nPart {copy}.\n\n".encode()
            parts.append(part)
            total += len(part)
        copy += 1
    return b"".join(parts)


def measure(megabytes_wanted: float) -> dict:
    """Run in the tree whose ``followup`` is importable: throughput and per-MB scaling."""
    from followup.extract import extract
    from followup.read import read_bytes, read_path

    with tempfile.TemporaryDirectory() as tmp:
        files = build_corpus(Path(tmp), int(megabytes_wanted * 1e6))
        size = megabytes(files)
        started = time.perf_counter()
        documents = [read_path(p) for p in files]
        read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    items = sum(len(extract(d)) for d in documents)
    extract_seconds = time.perf_counter() - started
    per_mb = {}
    for label, target in (("0.5", 500_000), ("5", 5_000_000)):
        data = one_document(target)
        document = read_bytes(data, "large.txt")
        started = time.perf_counter()
        extract(document)
        per_mb[label] = (time.perf_counter() - started) / (len(data) / 1e6)
    return {
        "files": len(files),
        "megabytes": size,
        "items": items,
        "read_mb_s": size / read_seconds,
        "extract_mb_s": size / extract_seconds,
        "extract_over_read": extract_seconds / read_seconds,
        "seconds_per_mb_05": per_mb["0.5"],
        "seconds_per_mb_5": per_mb["5"],
    }


def baseline(commit: str, megabytes_wanted: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "baseline"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), commit],
            check=True,
        )
        try:
            env = {**os.environ, "PYTHONPATH": str(tree / "src")}
            code = (
                f"import sys, json; sys.path.insert(0, {str(HERE)!r}); "
                f"from extract import measure; print(json.dumps(measure({megabytes_wanted})))"
            )
            output = subprocess.run(
                [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
            ).stdout
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True
            )
    return json.loads(output.strip().splitlines()[-1])


def show(label: str, figures: dict) -> None:
    print(
        f"{label:<10} read {figures['read_mb_s']:6.2f} MB/s  extract {figures['extract_mb_s']:6.2f}"
        f" MB/s ({figures['items']:,} items)  extract/read {figures['extract_over_read']:5.2f}x  "
        f"s/MB at 0.5 MB {figures['seconds_per_mb_05']:.3f}, at 5 MB {figures['seconds_per_mb_5']:.3f}"
        f" (ratio {figures['seconds_per_mb_5'] / figures['seconds_per_mb_05']:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--baseline", default="a687727", help="commit to compare against")
    args = parser.parse_args()
    before = baseline(args.baseline, args.megabytes) if args.baseline else None
    after = measure(args.megabytes)
    print(f"corpus: {after['files']} files, {after['megabytes']:.1f} MB (seeds repeated)")
    if before:
        show(f"{args.baseline}", before)
    show("this tree", after)
    if before:
        print(
            f"extraction speed-up: {after['extract_mb_s'] / before['extract_mb_s']:.2f}x "
            f"(extract/read {before['extract_over_read']:.2f}x -> {after['extract_over_read']:.2f}x)"
        )


if __name__ == "__main__":
    main()
