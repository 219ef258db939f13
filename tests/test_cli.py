"""The command line, run in-process as a user would."""

import pytest
from click.testing import CliRunner

from followup.cli import main
from followup.corpus.models import Document

pytestmark = pytest.mark.django_db


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_ingest_reports_each_failure_goes_on_and_exits_non_zero(tmp_path):
    (tmp_path / "good.txt").write_text("The Commission met in Lima and approved its report.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "table.xyz").write_text("x")
    result = run(
        "ingest",
        str(tmp_path / "good.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "table.xyz"),
        str(tmp_path / "missing.md"),
    )
    assert result.exit_code == 1
    assert f"{tmp_path / 'empty.txt'}: failed: the file is empty" in result.output
    assert f"{tmp_path / 'table.xyz'}: failed: unsupported file type .xyz" in result.output
    assert f"{tmp_path / 'missing.md'}: failed: no such file" in result.output
    assert "4 file(s): 1 ingested, 0 unchanged, 3 failed." in result.output
    assert Document.objects.count() == 1


def test_ingest_recursive_takes_supported_files_and_says_unchanged_the_second_time(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("First report on elections in the region.")
    (tmp_path / "sub" / "b.md").write_text("# Second report\n\nOn migration.")
    (tmp_path / "sub" / "tool.exe").write_bytes(b"MZ\x90\x00")  # not a format followup reads
    assert "2 ingested, 0 unchanged, 0 failed" in run("ingest", "-r", str(tmp_path)).output
    again = run("ingest", "--recursive", str(tmp_path))
    assert again.exit_code == 0
    assert "0 ingested, 2 unchanged, 0 failed" in again.output


def test_ingest_size_limit_option(tmp_path):
    (tmp_path / "a.txt").write_text("A long enough report about the follow-up of mandates.")
    result = run("ingest", "--max-size", "10", str(tmp_path / "a.txt"))
    assert result.exit_code == 1
    assert "over the limit of 10 bytes" in result.output


def test_demo_without_serving_loads_the_sample_corpus_and_its_reports(django_db_reset_sequences):
    # The demo starts from a fresh database: its registries get the ids the snapshot was built
    # with only when the ids start afresh, as they do on a new database.
    result = run("demo", "--no-serve")
    assert result.exit_code == 0, result.output
    assert "Demo corpus: 50 documents loaded from the snapshot." in result.output, result.output[
        :3000
    ]
    languages = set(Document.objects.values_list("language", flat=True))
    assert languages == {"en", "es", "pt", "fr"}
    assert "Demo administrator: admin" in result.output
    assert "haiti (focal_point)" in result.output
    assert "observatorio (organization_member)" in result.output
    from followup.tracking.models import ItemStatus, Report

    published = Report.objects.filter(state="published")
    assert published.count() == 60
    # Statuses are what the published reports and the obligations make them.
    from followup.tracking.actions import do_rebuild_statuses

    statuses = sorted(ItemStatus.objects.values_list("item", "party", "period", "compliance"))
    assert do_rebuild_statuses() == len(statuses)
    assert sorted(ItemStatus.objects.values_list("item", "party", "period", "compliance")) == (
        statuses
    )
    again = run("demo", "--no-serve")  # a second run changes nothing
    assert "50 file(s): 0 ingested, 50 unchanged, 0 failed." in again.output
    assert Report.objects.count() == 84
