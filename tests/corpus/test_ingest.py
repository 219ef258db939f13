"""Ingestion stores documents with their blocks; bad files fail alone and change nothing."""

import pytest

from followup.corpus.actions import do_ingest_file, do_load_registries
from followup.corpus.models import Block, Body, Country, Document, IngestFailure
from tests.files import make_encrypted_pdf

pytestmark = pytest.mark.django_db

REPORT = (
    "ANNUAL REPORT\n\nThe Commission met.\n\n· It trained 40 officials.\n· It published a guide.\n"
)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def snapshot():
    return list(
        Document.objects.values_list("id", "sha256", "text", "version")
    ), Block.objects.count()


def test_a_file_is_stored_with_its_blocks_and_metadata(tmp_path):
    outcome = do_ingest_file(
        write(tmp_path, "report.txt", REPORT), source_url="https://example.org/r"
    )
    assert outcome.status == "ingested"
    document = outcome.document
    assert (document.title, document.language, document.format, document.size) == (
        "ANNUAL REPORT",
        "en",
        "txt",
        len(REPORT.encode()),
    )
    assert document.source_url == "https://example.org/r"
    blocks = list(document.blocks.all())
    assert [b.kind for b in blocks] == ["heading", "paragraph", "list", "list_item", "list_item"]
    assert blocks[3].text == "It trained 40 officials."
    assert blocks[3].list_order == 2


def test_the_same_bytes_again_are_a_no_op_that_says_so(tmp_path):
    path = write(tmp_path, "report.txt", REPORT)
    first = do_ingest_file(path)
    again = do_ingest_file(path)
    assert again.status == "unchanged"
    assert again.document == first.document
    assert "unchanged" in again.describe()
    assert Document.objects.count() == 1


def test_a_changed_file_becomes_a_new_version_and_the_old_one_stays(tmp_path):
    first = do_ingest_file(write(tmp_path, "report.txt", REPORT)).document
    second = do_ingest_file(write(tmp_path, "report.txt", REPORT + "\nA new paragraph.\n")).document
    assert (second.version, second.supersedes) == (2, first)
    first.refresh_from_db()
    assert not first.is_latest
    assert second.is_latest
    assert Document.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("corrupt.pdf", b"%PDF-1.7\n1 0 obj garbage", "corrupt"),
        ("locked.pdf", None, "password-protected"),
        ("letter.docx", b"not a zip at all", "not a zip archive"),
        ("data.xyz", b"some text", "unsupported file type .xyz"),
    ],
)
def test_each_bad_file_fails_with_its_reason_and_changes_nothing(tmp_path, name, data, reason):
    do_ingest_file(write(tmp_path, "good.txt", REPORT))
    before = snapshot()
    if data is None:
        data = make_encrypted_pdf(["confidential"])
    outcome = do_ingest_file(write(tmp_path, name, data))
    assert outcome.status == "failed"
    assert reason in outcome.reason
    assert outcome.describe().startswith(str(tmp_path / name))
    assert reason in outcome.describe()
    assert snapshot() == before
    assert IngestFailure.objects.get().reason == outcome.reason


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    outcome = do_ingest_file(write(tmp_path, "big.txt", REPORT * 10), max_bytes=100)
    assert outcome.status == "failed"
    assert "over the limit of 100 bytes" in outcome.reason


def test_the_size_limit_comes_from_settings(tmp_path, settings):
    settings.FOLLOWUP_MAX_FILE_BYTES = 10
    assert do_ingest_file(write(tmp_path, "big.txt", REPORT)).status == "failed"


def test_a_missing_path_is_reported(tmp_path):
    outcome = do_ingest_file(tmp_path / "nowhere.txt")
    assert (outcome.status, outcome.reason) == ("failed", "no such file")


def test_registries_load_countries_and_bodies_with_parents():
    do_load_registries()
    do_load_registries()  # loading twice changes nothing
    assert Country.objects.filter(oas_member=True).count() == 35
    assert Country.objects.get(code="BR").name_pt == "Brasil"
    dps = Body.objects.get(acronym="DPS")
    assert (dps.kind, dps.parent.acronym, dps.parent.parent.acronym) == (
        "department",
        "SMS",
        "GS/OAS",
    )


def test_all_seed_documents_ingest(seeds):
    outcomes = [do_ingest_file(path) for path in seeds]
    assert [o.status for o in outcomes] == ["ingested"] * 5
    assert Document.objects.filter(language="en").count() == 5
