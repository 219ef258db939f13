"""The demo's corpus, ingested once and shipped: ingesting the sample corpus takes minutes, loading
what it produced takes seconds.

The snapshot (a gzip JSON file) holds every row that ingesting the sample corpus into a fresh
database writes, and the fingerprint of what produced them: the sample corpus's files and the
source of the packages that read, extract, classify and link them. When the fingerprint of the
working tree differs, the snapshot is stale and the demo ingests live instead, so it never shows
what an older extraction found. Rebuild it with ``followup demo --build-snapshot``."""

from __future__ import annotations

import gzip
import hashlib
import json
import tempfile
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.db import transaction

import followup

SOURCE = Path(followup.__file__).parent
SAMPLE_CORPUS = SOURCE / "sample_corpus"
SNAPSHOT = SOURCE / "fixtures" / "demo_corpus.json.gz"
# What decides the rows ingestion writes, besides the corpus itself.
PRODUCING = ["read", "extract", "classify", "link", "taxonomies", "registries", "corpus/actions"]
PRODUCERS = tuple(SOURCE / name for name in PRODUCING)
# Rows of these apps are made by migrate, by `prepare_database` (the parties) and by sign-ins,
# never by ingestion.
NOT_SNAPSHOT = {"contenttypes", "auth", "sessions", "admin", "tracking"}
FORMAT = 1


def fingerprint(corpus: Path = SAMPLE_CORPUS, producers=PRODUCERS) -> str:
    """A hash of every file of the corpus and of the producing packages (their paths included,
    compiled files left out)."""
    digest = hashlib.sha256()
    for label, root in enumerate([corpus, *producers]):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and _counts(p)):
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _counts(path: Path) -> bool:
    return "__pycache__" not in path.parts and path.suffix not in {".pyc", ".pyo"}


def snapshot_fingerprint(snapshot: Path = SNAPSHOT) -> str | None:
    """The fingerprint a snapshot records, or None when there is no readable snapshot."""
    try:
        with gzip.open(snapshot, "rt", encoding="utf-8") as file:
            return json.load(file)["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_current(snapshot: Path = SNAPSHOT, corpus: Path = SAMPLE_CORPUS) -> bool:
    return snapshot_fingerprint(snapshot) == fingerprint(corpus)


def write_snapshot(snapshot: Path = SNAPSHOT, corpus: Path = SAMPLE_CORPUS) -> int:
    """Record every row of the current database but those of NOT_SNAPSHOT (call it on a database
    that holds the registries and the ingested corpus, nothing else); returns the row count."""
    from django.apps import apps

    models = [
        model
        for config in apps.get_app_configs()
        if config.label not in NOT_SNAPSHOT
        for model in config.get_models()
    ]
    rows = json.loads(
        serializers.serialize(
            "json", (obj for model in models for obj in model._default_manager.order_by("pk"))
        )
    )
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": FORMAT, "fingerprint": fingerprint(corpus), "objects": rows}
    # mtime=0: the same rows give the same bytes.
    with gzip.GzipFile(snapshot, "wb", mtime=0) as raw:
        raw.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode())
    return len(rows)


def load_snapshot(snapshot: Path = SNAPSHOT) -> int:
    """Load a snapshot's rows (with loaddata, so foreign keys and sequences are handled) and
    index its documents for search; returns the number of documents."""
    from followup.corpus.models import Document
    from followup.search.service import index_document_items

    with gzip.open(snapshot, "rt", encoding="utf-8") as file:
        payload = json.load(file)
    with tempfile.TemporaryDirectory() as folder:
        fixture = Path(folder) / "demo_corpus.json"
        fixture.write_text(json.dumps(payload["objects"]), encoding="utf-8")
        with transaction.atomic():
            call_command("loaddata", str(fixture), verbosity=0)
            documents = list(Document.objects.all())
            for document in documents:
                index_document_items(document)
    return len(documents)
