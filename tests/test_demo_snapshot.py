"""The demo's shipped corpus: a snapshot of the ingested sample corpus, used only while it
matches the corpus and the code that ingests it, and the demo data built on it."""

import gzip
import json

import pytest
from django.db.models import Count

from followup import demo_snapshot
from followup.cli import _demo_corpus
from followup.corpus.models import Document, Item
from followup.search.service import search
from followup.tracking.actions import do_ensure_parties
from followup.tracking.demo import do_seed_demo
from followup.tracking.models import Party, Report


def test_the_shipped_snapshot_is_current():
    assert demo_snapshot.snapshot_fingerprint() == demo_snapshot.fingerprint(), (
        "the sample corpus or the extraction code changed: run `followup demo --build-snapshot`"
    )


def test_the_fingerprint_follows_the_corpus_and_the_code_but_not_compiled_files(tmp_path):
    corpus, code = tmp_path / "corpus", tmp_path / "code"
    corpus.mkdir()
    (code / "__pycache__").mkdir(parents=True)
    (corpus / "a.txt").write_text("A mandate.")
    (code / "rules.py").write_text("CUES = ['urge']")

    def current():
        return demo_snapshot.fingerprint(corpus, [code])

    first = current()
    (code / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\x00")
    assert current() == first
    (corpus / "a.txt").write_text("A mandate, amended.")
    amended = current()
    (code / "rules.py").write_text("CUES = ['urge', 'call on']")
    recoded = current()
    (corpus / "b.txt").write_text("Another.")
    assert len({first, amended, recoded, current()}) == 4
    # The same bytes under another name are another corpus.
    (corpus / "b.txt").rename(corpus / "c.txt")
    assert len({first, amended, recoded, current()}) == 4


def test_a_snapshot_records_its_fingerprint_or_is_none(tmp_path):
    snapshot = tmp_path / "snapshot.json.gz"
    assert demo_snapshot.snapshot_fingerprint(snapshot) is None
    snapshot.write_bytes(b"not gzip")
    assert demo_snapshot.snapshot_fingerprint(snapshot) is None
    with gzip.open(snapshot, "wt") as file:
        json.dump({"format": 1, "fingerprint": "abc", "objects": []}, file)
    assert demo_snapshot.snapshot_fingerprint(snapshot) == "abc"


@pytest.mark.django_db
def test_a_stale_snapshot_is_named_and_the_corpus_ingested_live(tmp_path, registries, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_text(
        "The Commission met in Lima on 3 May 2024 and approved 12 reports."
    )
    snapshot = tmp_path / "snapshot.json.gz"
    with gzip.open(snapshot, "wt") as file:
        json.dump({"format": 1, "fingerprint": "an older extraction", "objects": []}, file)

    _demo_corpus(snapshot, corpus)

    out = capsys.readouterr().out
    assert "The demo snapshot does not match the sample corpus or the extraction code" in out
    assert "1 file(s): 1 ingested, 0 unchanged, 0 failed." in out
    assert list(Document.objects.values_list("file_name", flat=True)) == ["note.txt"]


@pytest.mark.django_db
def test_the_demo_data_built_on_the_snapshot(capsys):
    _demo_corpus()
    do_ensure_parties()
    do_seed_demo()

    assert "Demo corpus: 50 documents loaded from the snapshot." in capsys.readouterr().out
    languages = dict(
        Document.objects.values_list("language").annotate(n=Count("id")).order_by("language")
    )
    assert sum(languages.values()) >= 40
    assert set(languages) == {"en", "es", "pt", "fr"}
    assert min(languages.values()) >= 10
    assert {"md", "txt", "html", "pdf", "docx"} <= set(
        Document.objects.values_list("format", flat=True)
    )
    assert {"mandate_list", "resolution", "press_release", "activity_report"} <= set(
        Document.objects.values_list("genre", flat=True)
    )
    assert Item.objects.count() >= 300
    assert Item.objects.filter(kind__in=["mandate", "recommendation"]).count() >= 100
    # The full-text index is rebuilt from the loaded rows.
    assert search("migrantes", semantic=False).total > 0

    filing = Party.objects.filter(reports__isnull=False).distinct()
    assert filing.filter(kind=Party.STATE).count() >= 8
    assert filing.filter(kind=Party.ORGANIZATION).count() >= 4
    assert filing.filter(kind=Party.SECRETARIAT).count() == 1
    assert set(Report.objects.values_list("state", flat=True)) == {
        state for state, _label in Report.STATES
    }
    periods = set(Report.objects.values_list("period_start", "period_end"))
    assert {(start.year, end.year) for start, end in periods} == {
        (2023, 2023),
        (2024, 2024),
        (2025, 2025),
    }
    assert not Report.objects.filter(items__isnull=True).exists()
    assert Report.objects.filter(state="returned").exclude(review_comment="").exists()
