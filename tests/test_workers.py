"""Two worker processes, the web app and the command that enqueues, as separate processes
sharing one database and one Redis: every document is ingested exactly once.

Needs Redis (FOLLOWUP_TEST_REDIS_URL, default redis://127.0.0.1:6379/2); skipped without it
unless FOLLOWUP_REDIS_TESTS=required (as in CI). Runs on PostgreSQL when DATABASE_URL names
one (in a database of its own), else on a SQLite file.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

REDIS_URL = os.environ.get("FOLLOWUP_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
FOLLOWUP = str(Path(sys.executable).parent / "followup")
TOPICS = [
    ("en", "The Secretariat trained {n} customs officers in border district {n}."),
    ("es", "La Secretaría capacitó a {n} funcionarios de aduanas en el distrito fronterizo {n}."),
    ("pt", "A Secretaria capacitou {n} funcionários aduaneiros no distrito de fronteira {n}."),
    ("fr", "Le Secrétariat a formé {n} agents des douanes dans le district frontalier {n}."),
]

pytestmark = [pytest.mark.slow, pytest.mark.database]


def redis_client():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("FOLLOWUP_REDIS_TESTS") == "required":
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


@pytest.fixture
def database(tmp_path):
    """(DATABASE_URL, query function) of a fresh database for the processes of the test."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = f"followup_workers_{uuid.uuid4().hex[:8]}"
        admin = psycopg.connect(url, autocommit=True)
        admin.execute(f'CREATE DATABASE "{name}"')
        own_url = url.rsplit("/", 1)[0] + f"/{name}"

        def query(sql):
            with psycopg.connect(own_url) as connection:
                return connection.execute(sql).fetchall()

        yield own_url, query
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()
    else:
        path = tmp_path / "workers.sqlite3"

        def query(sql):
            with sqlite3.connect(path) as connection:
                return connection.execute(sql).fetchall()

        yield f"sqlite:///{path}", query


def free_port() -> int:
    for port in range(8121, 8130):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.skip("no free port in 8121-8129")


def test_two_workers_ingest_fifty_documents_exactly_once(tmp_path, database):
    client = redis_client()
    url, query = database
    prefix = f"followup-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FOLLOWUP_DATA_DIR": str(tmp_path / "data"),
        "FOLLOWUP_REDIS_URL": REDIS_URL,
        "FOLLOWUP_JOBS_PREFIX": prefix,
        # The production server refuses the development key.
        "FOLLOWUP_SECRET_KEY": f"test-{uuid.uuid4().hex}{uuid.uuid4().hex}",
    }
    folder = tmp_path / "inbox"
    folder.mkdir()
    for n in range(50):
        language, sentence = TOPICS[n % 4]
        (folder / f"note-{n:02}-{language}.txt").write_text(
            f"NOTE {n}\n\n{sentence.format(n=n + 10)}\n", encoding="utf-8"
        )
    subprocess.run([FOLLOWUP, "setup"], env=env, check=True, capture_output=True, timeout=300)
    port = free_port()
    processes = [
        subprocess.Popen(
            ["taskset", "-c", str(core), FOLLOWUP, "worker"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for core in (0, 1)
    ]
    processes.append(
        subprocess.Popen(
            [FOLLOWUP, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    try:
        # Each file twice: the second job of the same bytes finds the document already there.
        done = subprocess.run(
            [FOLLOWUP, "ingest", "--wait", "--recursive", str(folder), str(folder)],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert "100 file(s): 50 ingested, 50 unchanged, 0 failed." in done.stdout, done.stderr
        assert done.returncode == 0

        documents = query("SELECT file_name, status FROM corpus_document ORDER BY file_name")
        assert documents == [(p.name, "ready") for p in sorted(folder.iterdir())]
        jobs = query("SELECT state, outcome, attempts >= 1, worker FROM corpus_job")
        assert (
            sorted((s, o, a) for s, o, a, _ in jobs)
            == [("done", "ingested", True)] * 50 + [("done", "unchanged", True)] * 50
        )
        workers = {w.rsplit(":", 1)[1] for *_, w in jobs}
        assert workers == {str(p.pid) for p in processes[:2]}
        # Each document's items were extracted once: no span stored twice, none without items.
        twice = query(
            'SELECT document_id, kind, start, "end" FROM corpus_item'
            ' GROUP BY document_id, kind, start, "end" HAVING COUNT(*) > 1'
        )
        assert twice == []
        with_items = query("SELECT COUNT(DISTINCT document_id) FROM corpus_item")
        assert with_items == [(50,)]

        listing = ""
        for _ in range(60):  # the web app, started beside the workers, serves what they stored
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/documents/") as page:
                    listing = page.read().decode()
                break
            except OSError:
                time.sleep(1)
        assert "note-00-en.txt" in listing or "NOTE 0" in listing
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        for key in client.scan_iter(f"*{prefix}*"):
            client.delete(key)
