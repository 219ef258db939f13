"""Load on the production server: search, item pages and the API under 1, 10 and 50 concurrent
clients, each for a bounded time, beside a static file served by the same processes.

    .venv/bin/python benchmarks/load.py
    .venv/bin/python benchmarks/load.py --clients 1,10,50 --seconds 10 --workers 2 --threads 8

Fills a throw-away PostgreSQL database (the seed corpus, copied --copies times), starts
`followup serve` (gunicorn) on it, and prints for each kind of request and number of clients:
requests per second, median and 95th-percentile latency, errors, and throughput as a ratio of
the static file's at the same number of clients, after an untimed warm-up of every process.
Exits with status 1 when any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import build_corpus

BIN = Path(sys.executable).parent
# A slow answer is not an error: only a server that stops answering for this long is.
CLIENT_TIMEOUT = 300
QUERIES = ["migrants", "derechos humanos", "corruption", "elections", "women", "education"]


def database(server_url: str) -> tuple[str, str]:
    name = f"fu_load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return name, server_url.rsplit("/", 1)[0] + "/" + name


def drop(server_url: str, name: str) -> None:
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fill(env: dict, folder: Path, copies: int) -> None:
    corpus = folder / "corpus"
    corpus.mkdir()
    seeds = build_corpus(corpus, 1)  # one copy of each seed
    for copy in range(1, copies):
        for path in seeds:
            (corpus / f"{path.stem}-c{copy}.txt").write_bytes(
                path.read_bytes() + f"\nCopy {copy}.\n".encode()
            )
    subprocess.run([BIN / "followup", "ingest", "-r", str(corpus)], env=env, check=True)


def item_ids(url: str) -> list[int]:
    with psycopg.connect(url) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM corpus_item ORDER BY id")]


def start_server(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [BIN / "followup", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", str(workers), "--threads", str(threads)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not become healthy")


def drive(port: int, paths, clients: int, seconds: float) -> dict:
    """`clients` threads, each on its own keep-alive connection, for `seconds`."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
        mine, failed = [], []
        while time.perf_counter() < deadline:
            path = paths(rng)
            start = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed.append(f"{response.status} {path}")
            except (OSError, http.client.HTTPException) as err:
                failed.append(f"{type(err).__name__} {path}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
            mine.append(time.perf_counter() - start)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.extend(failed)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "rate": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else 0.0,
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--clients", default="1,10,50")
    parser.add_argument("--seconds", type=float, default=10.0, help="per kind and level")
    parser.add_argument("--copies", type=int, default=4, help="copies of the seed corpus")
    parser.add_argument("--port", type=int, default=8130)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    name, url = database(args.server_url)
    server = None
    try:
        with tempfile.TemporaryDirectory() as folder:
            env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
            env.update(
                DATABASE_URL=url,
                FOLLOWUP_DATA_DIR=str(Path(folder) / "data"),
                FOLLOWUP_SECRET_KEY=secrets.token_urlsafe(50),
            )
            fill(env, Path(folder), args.copies)
            ids = item_ids(url)
            print(f"database {name}: {len(ids)} items; gunicorn {args.workers}x{args.threads}")
            server = start_server(env, args.port, args.workers, args.threads)
            kinds = {
                "static file": lambda rng: "/static/web/site.css",
                "search page": lambda rng: f"/search/?q={rng.choice(QUERIES).replace(' ', '+')}",
                "item page": lambda rng: f"/items/{rng.choice(ids)}/",
                "API items": lambda rng: (
                    f"/api/items?limit=20&offset={rng.randrange(0, max(1, len(ids) - 20))}"
                ),
                "API item": lambda rng: f"/api/items/{rng.choice(ids)}",
            }
            # Untimed: each process loads what it loads on first use (the sentence encoder).
            for paths in kinds.values():
                drive(args.port, paths, args.workers * args.threads, 2.0)
            print(
                f"{'request':<13}{'clients':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
                f"{'errors':>8}{'× static':>10}"
            )
            failures = []
            for clients in [int(c) for c in args.clients.split(",")]:
                baseline = None
                for kind, paths in kinds.items():
                    result = drive(args.port, paths, clients, args.seconds)
                    baseline = baseline or result["rate"]
                    failures += result["errors"]
                    print(
                        f"{kind:<13}{clients:>8}{result['rate']:>9.1f}{result['p50']:>9.1f}"
                        f"{result['p95']:>9.1f}{len(result['errors']):>8}"
                        f"{result['rate'] / baseline:>10.3f}",
                        flush=True,
                    )
            for failure in sorted(set(failures))[:20]:
                print(f"error: {failure}", file=sys.stderr)
            return 1 if failures else 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        drop(args.server_url, name)


if __name__ == "__main__":
    sys.exit(main())
