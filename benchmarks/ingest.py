"""Ingestion: throughput against reading, extraction and embedding alone, and memory by size.

    .venv/bin/python benchmarks/ingest.py [--megabytes 20] [--databases sqlite,postgres]
    .venv/bin/python benchmarks/ingest.py --sizes 0.1,1,5,20

The first form ingests the seed corpus repeated to the given size (each copy's bytes made
unique) and prints, as ratios against reading alone measured in the same run: extraction
alone, embedding alone (each distinct text of the embedded kinds, once), full ingestion with
one worker, and with two workers each pinned to one core (``taskset -c 0`` / ``-c 1``) sharing
one database, on each database named.

The second form ingests one text file of each size (megabytes) and prints its peak memory
(RSS) and time per MB beside reading the same file alone; every measurement runs in a fresh
process, so each has its own peak.

PostgreSQL runs use a throw-away database next to DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import SEEDS, build_corpus, megabytes

HERE = Path(__file__).resolve()
POSTGRES = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


# -- measurements, each run in a child process: python ingest.py --child WHAT FILE...


def child(what: str, files: list[Path]) -> dict:
    from followup.cli import setup_django

    setup_django()
    from followup.jobs import limit_blas_threads

    limit_blas_threads(1)
    started = time.perf_counter()
    if what == "read":
        from followup.read import read_path

        blocks = sum(len(read_path(p).blocks) for p in files)
        detail = {"blocks": blocks}
    elif what == "extract":
        from followup.extract import extract
        from followup.read import read_path

        items = sum(len(extract(read_path(p))) for p in files)
        detail = {"items": items}
    elif what == "embed":
        detail = _embed_alone(files, started)
        started = detail.pop("started")
    else:
        from followup.corpus.models import Job
        from followup.jobs import submit

        # As a worker runs them: one job a file, transient errors (a busy database) retried.
        done = [submit(Job.INGEST, {"path": str(p)}, inline=True) for p in files]
        failed = [job.result for job in done if job.outcome != "ingested"]
        detail = {"ingested": len(done) - len(failed), "failed": failed[:3]}
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB -> MB on Linux
    return {"seconds": seconds, "peak_mb": peak, **detail}


def _embed_alone(files: list[Path], started: float) -> dict:
    """The texts ingestion embeds (distinct, of the embedded kinds), embedded once: the model's
    share of the work. Reading and extracting them is not timed."""
    from followup.classify.embeddings import embed
    from followup.corpus.actions.items import CLASSIFIED_KINDS
    from followup.extract import extract
    from followup.read import read_path

    texts = {
        item.text for p in files for item in extract(read_path(p)) if item.kind in CLASSIFIED_KINDS
    }
    embed(["warm up the model"])
    started = time.perf_counter()
    texts = sorted(texts)
    for offset in range(0, len(texts), 256):
        embed(texts[offset : offset + 256])
    return {"texts": len(texts), "started": started}


def run_child(what: str, files: list[Path], env: dict, core: int | None = None) -> subprocess.Popen:
    command = [sys.executable, str(HERE), "--child", what, *map(str, files)]
    if core is not None:
        command = ["taskset", "-c", str(core), *command]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)


def result_of(process: subprocess.Popen) -> dict:
    out, _ = process.communicate()
    if process.returncode:
        raise SystemExit(f"a measurement failed (exit {process.returncode})")
    return json.loads(out.strip().splitlines()[-1])


def measure(what: str, files: list[Path], env: dict, core: int | None = 0) -> dict:
    return result_of(run_child(what, files, env, core))


# -- databases


class Database:
    """A fresh, migrated database for one measurement; dropped afterwards."""

    def __init__(self, kind: str, folder: Path):
        self.kind, self.folder = kind, folder

    def __enter__(self) -> dict:
        if self.kind == "sqlite":
            self.url = f"sqlite:///{self.folder}/{uuid.uuid4().hex[:8]}.sqlite3"
        else:
            import psycopg

            self.name = f"fu_ingest_bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(POSTGRES, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{self.name}"')
            self.url = POSTGRES.rsplit("/", 1)[0] + f"/{self.name}"
        env = {**os.environ, "DATABASE_URL": self.url, "FOLLOWUP_DATA_DIR": str(self.folder)}
        env.pop("FOLLOWUP_REDIS_URL", None)
        followup = Path(sys.executable).parent / "followup"
        subprocess.run([str(followup), "setup"], env=env, check=True, capture_output=True)
        return env

    def __exit__(self, *exc) -> None:
        if self.kind == "postgres":
            import psycopg

            with psycopg.connect(POSTGRES, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE "{self.name}" WITH (FORCE)')


# -- the two reports


def throughput(args) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        corpus.mkdir()
        files = build_corpus(corpus, int(args.megabytes * 1e6))
        size = megabytes(files)
        env = {**os.environ, "FOLLOWUP_DATA_DIR": tmp}
        print(f"corpus: {len(files)} files, {size:.1f} MB (seeds from {SEEDS}, repeated)")
        read = measure("read", files, env)
        extracted = measure("extract", files, env)
        embedded = measure("embed", files, env)
        print(f"{'measurement':<44}{'MB/s':>8}{'x read time':>13}{'x embed time':>14}")
        line("read alone (baseline, 1 core)", size, read["seconds"], read, embedded["seconds"])
        line(
            f"extract alone (1 core, {extracted['items']:,} items)",
            size,
            extracted["seconds"],
            read,
            embedded["seconds"],
        )
        line(
            f"embed alone (1 core, {embedded['texts']:,} distinct texts)",
            size,
            embedded["seconds"],
            read,
            embedded["seconds"],
        )
        for kind in args.databases.split(","):
            with Database(kind, folder) as db_env:
                one = measure("ingest", files, db_env, core=0)
            check(one)
            with Database(kind, folder) as db_env:
                started = time.perf_counter()
                halves = [files[0::2], files[1::2]]
                two = [
                    run_child("ingest", half, db_env, core)
                    for core, half in zip((0, 1), halves, strict=True)
                ]
                results = [result_of(p) for p in two]
                two_seconds = time.perf_counter() - started
            for r in results:
                check(r)
            line(
                f"full ingestion, 1 worker ({kind})",
                size,
                one["seconds"],
                read,
                embedded["seconds"],
            )
            line(
                f"full ingestion, 2 pinned workers ({kind})",
                size,
                two_seconds,
                read,
                embedded["seconds"],
            )
            print(
                f"  {kind}: two workers / one: {one['seconds'] / two_seconds:.2f}x the throughput;"
                f" peak RSS of one worker {one['peak_mb']:.0f} MB"
            )


def line(label: str, size: float, seconds: float, read: dict, embed_seconds: float) -> None:
    print(
        f"{label:<44}{size / seconds:8.2f}{seconds / read['seconds']:12.1f}x"
        f"{seconds / embed_seconds:13.2f}x"
    )


def check(result: dict) -> None:
    if result.get("failed"):
        raise SystemExit(f"files failed: {result['failed']}")


def sizes(args) -> None:
    seeds = b"\n\n".join(p.read_bytes() for p in sorted(SEEDS.glob("*.txt")))
    if not seeds:
        raise SystemExit(f"no seed documents in {SEEDS} (set FOLLOWUP_SEEDS)")
    print(
        f"{'size MB':>8}{'read s/MB':>11}{'read peak MB':>14}{'ingest s/MB':>13}"
        f"{'ingest peak MB':>16}{'peak / MB':>11}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for megabytes_wanted in [float(s) for s in args.sizes.split(",")]:
            path = folder / f"document-{megabytes_wanted:g}MB.txt"
            target = int(megabytes_wanted * 1e6)
            with path.open("wb") as out:
                written, copy = 0, 0
                while written < target:
                    chunk = seeds + f"\n\nPart {copy}.\n\n".encode()
                    out.write(chunk[: target - written])
                    written += min(len(chunk), target - written)
                    copy += 1
            size = path.stat().st_size / 1e6
            env = {**os.environ, "FOLLOWUP_DATA_DIR": tmp}
            read = measure("read", [path], env)
            with Database(args.databases.split(",")[0], folder) as db_env:
                ingested = measure("ingest", [path], db_env)
            check(ingested)
            print(
                f"{size:8.1f}{read['seconds'] / size:11.2f}{read['peak_mb']:14.0f}"
                f"{ingested['seconds'] / size:13.2f}{ingested['peak_mb']:16.0f}"
                f"{ingested['peak_mb'] / size:11.0f}",
                flush=True,
            )
            path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--sizes", help="comma-separated sizes in MB: memory and time by size")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, [Path(f) for f in args.files])))
    elif args.sizes:
        sizes(args)
    else:
        throughput(args)


if __name__ == "__main__":
    main()
