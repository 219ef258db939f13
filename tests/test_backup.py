"""scripts/backup.sh and scripts/restore.sh: a PostgreSQL database and the uploads folder,
backed up, damaged, and restored as they were."""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVER_URL = os.environ.get(
    "FOLLOWUP_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)

pytestmark = pytest.mark.skipif(
    not (shutil.which("pg_dump") and shutil.which("pg_restore")), reason="no pg_dump here"
)


def database_url(name: str) -> str:
    return SERVER_URL.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def databases():
    names = [f"fu_backup_{uuid.uuid4().hex[:8]}", f"fu_restore_{uuid.uuid4().hex[:8]}"]
    try:
        server = psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as err:
        pytest.skip(f"no PostgreSQL server at {SERVER_URL}: {err}")
    with server:
        for name in names:
            server.execute(f'CREATE DATABASE "{name}"')
        yield [database_url(name) for name in names]
        for name in names:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(script, *args, database, data_dir):
    env = {**os.environ, "DATABASE_URL": database, "FOLLOWUP_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [str(ROOT / "scripts" / script), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def rows(url):
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT id, name, note FROM report ORDER BY id").fetchall()


def files(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_backup_restores_the_database_and_the_uploads(databases, tmp_path):
    source, target = databases
    with psycopg.connect(source) as connection:
        connection.execute("CREATE TABLE report (id serial PRIMARY KEY, name text, note text)")
        connection.execute(
            "INSERT INTO report (name, note) VALUES (%s, %s), (%s, %s)",
            ["Informe de avance", "Haití, 2024 — ñandú", "Rapport de suivi", "État: en cours"],
        )
    data_dir = tmp_path / "data"
    uploads = data_dir / "uploads" / "evidence" / "2026" / "12"
    uploads.mkdir(parents=True)
    (uploads / "3f2a.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    (uploads / "decreto.txt").write_text("Decreto 12/2024", encoding="utf-8")
    before_rows, before_files = rows(source), files(data_dir / "uploads")

    backup = run("backup.sh", tmp_path / "backups", database=source, data_dir=data_dir)
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip())
    assert sorted(p.name for p in folder.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "uploads.tar.gz",
    ]

    # Into a fresh database and a fresh data folder (a new machine).
    fresh = tmp_path / "fresh"
    restored = run("restore.sh", folder, database=target, data_dir=fresh)
    assert restored.returncode == 0, restored.stderr
    assert rows(target) == before_rows
    assert files(fresh / "uploads") == before_files

    # Over the damaged original: the rows and files come back, the damaged folder is kept aside.
    with psycopg.connect(source) as connection:
        connection.execute("DELETE FROM report WHERE id = 1")
        connection.execute("UPDATE report SET note = 'overwritten'")
    (uploads / "decreto.txt").unlink()
    restored = run("restore.sh", folder, database=source, data_dir=data_dir)
    assert restored.returncode == 0, restored.stderr
    assert rows(source) == before_rows
    assert files(data_dir / "uploads") == before_files
    (kept_aside,) = data_dir.glob("uploads.before-restore-*")
    assert "decreto.txt" not in str(files(kept_aside))


def test_a_damaged_backup_is_refused_and_changes_nothing(databases, tmp_path):
    source, _target = databases
    with psycopg.connect(source) as connection:
        connection.execute("CREATE TABLE report (id serial PRIMARY KEY, name text, note text)")
        connection.execute("INSERT INTO report (name, note) VALUES ('kept', 'kept')")
    backup = run("backup.sh", tmp_path / "b", database=source, data_dir=tmp_path / "none")
    folder = Path(backup.stdout.strip())
    with (folder / "database.dump").open("ab") as dump:
        dump.write(b"tampered")
    refused = run("restore.sh", folder, database=source, data_dir=tmp_path / "none")
    assert refused.returncode == 1
    assert "do not match their checksums; nothing was restored" in refused.stderr
    assert rows(source) == [(1, "kept", "kept")]


def test_backup_refuses_a_sqlite_database(tmp_path):
    result = run("backup.sh", tmp_path, database="sqlite:///var/x.sqlite3", data_dir=tmp_path)
    assert result.returncode == 2
    assert "DATABASE_URL must be a PostgreSQL address" in result.stderr
