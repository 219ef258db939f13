"""Each stage of ingestion fails alone: the file's failure names the stage and the reason, the
document and its blocks stay stored but are not searchable, and the batch goes on. Memory and
queries stay bounded whatever the number of items."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.corpus.actions import do_ingest_file
from followup.corpus.actions import documents as document_actions
from followup.corpus.actions import items as item_actions
from followup.corpus.models import Document, IngestFailure
from followup.read import read_bytes
from followup.search.models import ItemVector
from followup.search.service import search

pytestmark = pytest.mark.django_db

GOOD = """FOLLOW-UP NOTE

1. Strengthen the registry of volunteer firefighters in rural districts. (Lima Action Plan on Rural Safety. Peru, 2021)

· The Secretariat trained 45 volunteer firefighters in Cusco on March 3, 2023.
"""
# The word that makes the patched stage fail, so that one file of the batch fails and not the other.
BAD_WORD = "Zanzibarite"
BAD = GOOD.replace("volunteer firefighters", f"{BAD_WORD} wardens")


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def break_stage(monkeypatch, stage):
    """Make ``stage`` raise on the document that contains BAD_WORD, and only on it."""

    def failing(original, text_of):
        def wrapper(*args, **kwargs):
            if BAD_WORD in text_of(*args):
                raise RuntimeError(f"{stage} exploded")
            return original(*args, **kwargs)

        return wrapper

    if stage == "extract":
        monkeypatch.setattr(
            item_actions, "extract", failing(item_actions.extract, lambda read: read.text)
        )
    elif stage == "classify":
        monkeypatch.setattr(
            item_actions,
            "classify_many",
            failing(item_actions.classify_many, lambda texts, vectors: " ".join(texts)),
        )
    elif stage == "index":
        monkeypatch.setattr(
            item_actions,
            "index_document_items",
            failing(item_actions.index_document_items, lambda document: document.text),
        )


@pytest.mark.parametrize("stage", ["extract", "classify", "index"])
def test_a_crash_in_one_stage_fails_that_document_alone(tmp_path, monkeypatch, registries, stage):
    break_stage(monkeypatch, stage)
    bad = do_ingest_file(write(tmp_path, "bad.txt", BAD))
    good = do_ingest_file(write(tmp_path, "good.txt", GOOD))

    assert bad.status == "failed"
    assert bad.describe() == f"{tmp_path}/bad.txt: failed: {stage}: RuntimeError: {stage} exploded"
    stored = Document.objects.get(file_name="bad.txt")
    assert (stored.status, stored.failed_stage, stored.failure_reason) == (
        "failed",
        stage,
        f"RuntimeError: {stage} exploded",
    )
    assert [b.kind for b in stored.blocks.all()] == ["heading", "list", "list_item", "list_item"]
    failure = IngestFailure.objects.get()
    assert (failure.path, failure.stage, failure.document) == (
        str(tmp_path / "bad.txt"),
        stage,
        stored,
    )
    assert not ItemVector.objects.filter(item__document=stored).exists()

    assert (good.status, good.document.status) == ("ingested", "ready")
    found = {item.document.file_name for item in search("rural districts", semantic=True).items}
    assert found == {"good.txt"}
    assert {i.document.file_name for i in search("Cusco", semantic=False).items} == {"good.txt"}


def test_a_failed_document_is_run_again_when_the_same_bytes_come_back(
    tmp_path, monkeypatch, registries
):
    with monkeypatch.context() as patch:
        break_stage(patch, "classify")
        assert do_ingest_file(write(tmp_path, "bad.txt", BAD)).status == "failed"
    again = do_ingest_file(tmp_path / "bad.txt")
    assert again.status == "ingested"
    document = Document.objects.get()
    assert (document.status, document.failed_stage, document.failure_reason) == ("ready", "", "")
    assert {i.document_id for i in search(BAD_WORD, semantic=False).items} == {document.pk}


def test_a_parser_crash_is_a_read_failure_and_the_batch_goes_on(tmp_path, monkeypatch, registries):
    from click.testing import CliRunner

    from followup.cli import main

    def nested_too_deep(data, name, limits=None):
        if BAD_WORD.encode() in data:
            raise RecursionError("maximum recursion depth exceeded")
        return read_bytes(data, name, limits)

    monkeypatch.setattr(document_actions, "read_bytes", nested_too_deep)
    monkeypatch.setattr("followup.cli.prepare_database", lambda: None)
    folder = tmp_path / "batch"
    folder.mkdir()
    write(folder, "a-bad.txt", BAD)
    write(folder, "b-good.txt", GOOD)
    result = CliRunner().invoke(main, ["ingest", "--recursive", "--wait", str(folder)])
    assert result.exit_code == 1
    assert (
        f"{folder}/a-bad.txt: failed: RecursionError: maximum recursion depth exceeded"
        in result.output
    )
    assert f"{folder}/b-good.txt: ingested as document" in result.output
    assert "2 file(s): 1 ingested, 0 unchanged, 1 failed." in result.output
    assert list(Document.objects.values_list("file_name", "status")) == [("b-good.txt", "ready")]
    failure = IngestFailure.objects.get()
    assert (failure.stage, failure.document) == ("read", None)


def test_nul_bytes_and_lone_surrogates_are_replaced_before_storing(
    tmp_path, monkeypatch, registries
):
    """¤ and ¦ stand for the characters no database can store; one character each, so the
    offsets of blocks and items still point at their text."""

    def with_unstorable(data, name, limits=None):
        read = read_bytes(data, name, limits)
        read.text = read.text.replace("¤", "\x00").replace("¦", "\ud800")
        read.title = read.title.replace("¤", "\x00")
        return read

    monkeypatch.setattr(document_actions, "read_bytes", with_unstorable)
    text = GOOD.replace("FOLLOW-UP", "FOLLOW¤UP").replace("rural", "ru¦ral").replace("45", "4¤5")
    outcome = do_ingest_file(write(tmp_path, "odd.txt", text))
    assert outcome.status == "ingested"
    document = Document.objects.get()
    assert "\x00" not in document.text
    assert "\ud800" not in document.text
    assert document.title == "FOLLOW\ufffdUP NOTE"
    assert document.warnings == ["odd.txt: 2 NUL bytes, 1 lone surrogate replaced by U+FFFD"]
    assert all(document.text[i.start : i.end] == i.text for i in document.items.all())
    assert document.status == "ready"


def test_the_failed_stage_is_shown_on_the_document_page(client, tmp_path, monkeypatch, registries):
    break_stage(monkeypatch, "classify")
    document = do_ingest_file(write(tmp_path, "bad.txt", BAD)).document
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "not searchable" in page
    assert "its classify stage failed (RuntimeError: classify exploded)" in page


def items_text(count):
    lines = [
        f"{n}. Strengthen the registry of volunteer firefighters in district {n}. (Lima Action Plan on Rural Safety. Peru, 2021)"
        for n in range(1, count + 1)
    ]
    return "FOLLOW-UP NOTE\n\n" + "\n".join(lines) + "\n"


def ingest_queries(tmp_path, name, text):
    with CaptureQueriesContext(connection) as captured:
        outcome = do_ingest_file(write(tmp_path, name, text))
    assert outcome.status == "ingested"
    return outcome.document, [q["sql"] for q in captured.captured_queries]


def test_ingesting_costs_the_same_queries_for_ten_items_or_a_hundred(tmp_path, registries):
    do_ingest_file(write(tmp_path, "first.txt", items_text(1)))  # creates the cited instrument
    small, small_queries = ingest_queries(tmp_path, "small.txt", items_text(10))
    large, large_queries = ingest_queries(tmp_path, "large.txt", items_text(100))
    mandates = (
        small.items.filter(kind="mandate").count(),
        large.items.filter(kind="mandate").count(),
    )
    assert mandates == (10, 100)
    # Ten times the items add no query per item, only extra batches of bulk writes: SQLite
    # caps a statement at 999 parameters, about 45 items of ~20 fields (one query per batch).
    extra = len(large_queries) - len(small_queries)
    assert 0 <= extra <= (100 - 10) // 15
    # No query reads the document's text back once per item (a join of items with their document).
    for sql in small_queries + large_queries:
        joins_text = '"corpus_document"."text"' in sql and 'FROM "corpus_item"' in sql
        assert not (sql.lstrip().upper().startswith("SELECT") and joins_text), sql


def test_a_scan_is_stored_as_read_by_ocr_with_its_confidence(registries, tmp_path, client):
    import shutil

    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed")
    scan = Path(__file__).resolve().parents[1] / "read" / "fixtures" / "en-scan.pdf"
    outcome = do_ingest_file(scan)
    document = outcome.document
    assert (outcome.status, document.reading["ocr"]) == ("ingested", True)
    assert 50 < document.reading["ocr_confidence"] <= 100
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "Read from scanned pages by OCR" in page
