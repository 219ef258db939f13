"""Jobs record their state and reasons; transient errors are retried, others fail the job and
its document; `followup jobs` lists them and retries a failed one."""

import pytest
from click.testing import CliRunner
from django.db import OperationalError

from followup import jobs
from followup.cli import main
from followup.corpus.actions import items as item_actions
from followup.corpus.models import Document, Job

pytestmark = pytest.mark.django_db

NOTE = """FIELD NOTE

· The Secretariat trained 30 election observers in Asunción on June 4, 2024.
"""


@pytest.fixture
def inbox(tmp_path, registries, monkeypatch):
    monkeypatch.setattr(jobs, "BACKOFF_SECONDS", 0.01)
    monkeypatch.setattr("followup.cli.prepare_database", lambda: None)
    path = tmp_path / "note.txt"
    path.write_text(NOTE, encoding="utf-8")
    return path


def test_a_transient_error_is_retried_and_the_job_finishes(inbox, monkeypatch):
    real = jobs.do_ingest_file
    calls = []

    def locked_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(jobs, "do_ingest_file", locked_once)
    job = jobs.submit(Job.INGEST, {"path": str(inbox)})
    assert (job.state, job.outcome, job.attempts) == ("done", "ingested", 2)
    assert job.result.startswith(f"{inbox}: ingested as document ")
    assert Document.objects.get().status == "ready"


def test_a_job_that_dies_fails_with_its_reason_and_so_does_its_document(inbox, monkeypatch):
    document = jobs.submit(Job.INGEST, {"path": str(inbox)}).document

    def dies(document):
        raise MemoryError("no memory left")

    monkeypatch.setattr(jobs, "do_process_document", dies)
    job = jobs.submit(Job.REEXTRACT, {"document": document.pk})
    assert (job.state, job.reason) == ("failed", "MemoryError: no memory left")
    document.refresh_from_db()
    assert (document.status, document.failed_stage, document.failure_reason) == (
        "failed",
        "job",
        "MemoryError: no memory left",
    )


def test_the_jobs_command_lists_failures_and_retries_one(inbox, monkeypatch):
    def broken(read, **options):
        raise RuntimeError("extractor crashed")

    with monkeypatch.context() as patch:
        patch.setattr(item_actions, "extract", broken)
        result = CliRunner().invoke(main, ["ingest", str(inbox)])
    assert result.exit_code == 1
    assert f"{inbox}: failed: extract: RuntimeError: extractor crashed" in result.output
    job = Job.objects.get()

    listing = CliRunner().invoke(main, ["jobs"])
    assert listing.exit_code == 0
    assert listing.output.splitlines() == [
        f"{job.pk:>6}  failed  ingest     {inbox}  (extract: RuntimeError: extractor crashed)",
        "0 queued, 0 running, 1 failed.",
    ]

    retried = CliRunner().invoke(main, ["jobs", "--retry", str(job.pk)])
    assert retried.exit_code == 0
    assert retried.output.startswith(f"job {job.pk}: done: {inbox}: ingested as document ")
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("done", 2)
    assert Document.objects.get().status == "ready"
    assert CliRunner().invoke(main, ["jobs"]).output == "0 queued, 0 running, 0 failed.\n"


def test_only_a_failed_job_can_be_retried(inbox):
    job = jobs.submit(Job.INGEST, {"path": str(inbox)})
    result = CliRunner().invoke(main, ["jobs", "--retry", str(job.pk)])
    assert result.exit_code == 1
    assert f"--retry: job {job.pk} is done, not failed" in result.output
