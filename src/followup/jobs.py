"""Background jobs: ingestion, re-extraction, reclassification, index builds, notifications.

A job is a row of ``corpus.Job`` (its kind, arguments, state, attempts and the reason of a
failure); the task queue (huey) carries only the row's id. With Redis (production) any number
of ``followup worker`` processes on any number of machines share one queue; with ``sqlite`` the
queue is a file in the data folder; ``inline`` runs each job in the command that asks for it.

A job runs at most once to completion: a worker claims it by moving its row from queued to
running in one UPDATE, so a message delivered twice does nothing the second time, and the
ingestion itself is idempotent (the same bytes are one document). Transient errors (database
busy or locked, a lost connection) are retried with exponential backoff; anything else fails
the job, and its document, with the reason.
"""

from __future__ import annotations

import os
import socket
import time
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from followup.corpus.actions import (
    do_ingest_file,
    do_process_document,
    do_reclassify,
)
from followup.corpus.actions.documents import is_transient
from followup.corpus.actions.items import describe_error
from followup.corpus.models import Document, Item, Job

QUEUES = ("inline", "sqlite", "redis")
BACKOFF_SECONDS = 0.5  # first retry; each next one waits twice as long
_huey = None
_task = None


class TransientJobError(Exception):
    """A job met an error a later try may not meet; the queue retries it."""


# -- what each kind of job does: (arguments) -> (outcome, result in words, document id)


def _ingest(arguments: dict):
    outcome = do_ingest_file(
        arguments["path"],
        max_bytes=arguments.get("max_bytes"),
        source_url=arguments.get("source_url", ""),
        published_on=date.fromisoformat(arguments["published_on"])
        if arguments.get("published_on")
        else None,
    )
    document = outcome.document.pk if outcome.document else None
    return outcome.status, outcome.describe(), document, outcome.reason


def _reextract(arguments: dict):
    document = Document.objects.get(pk=arguments["document"])
    outcome = do_process_document(document)
    return outcome.status, outcome.describe(), document.pk, outcome.reason


def _reclassify(arguments: dict):
    items = list(Item.objects.filter(pk__in=arguments["items"]))
    done = do_reclassify(items)
    return "done", f"{done} item(s) classified again", None, ""


def _index(arguments: dict):
    from followup.corpus.actions.links import do_group_duplicates
    from followup.search.service import index_document_items

    for document in Document.objects.filter(pk__in=arguments.get("documents", [])):
        index_document_items(document)
    groups = do_group_duplicates()
    return "done", f"index rebuilt; {len(groups)} group(s) of near-duplicates", None, ""


def _notify(arguments: dict):
    from followup.tracking.notify.actions import do_deliver

    delivery = do_deliver(arguments)
    return delivery.status, delivery.describe(), None, delivery.reason


HANDLERS = {Job.INGEST: _ingest, Job.REEXTRACT: _reextract, Job.RECLASSIFY: _reclassify}
HANDLERS[Job.INDEX] = _index
HANDLERS[Job.NOTIFY] = _notify


# -- running one job


def run_job(job_id: int) -> Job | None:
    """Claim and run one job. Returns the finished job, or None when another worker has it or
    it already ran. Raises TransientJobError (the job back in the queue) for a retry."""
    claimed = Job.objects.filter(pk=job_id, state=Job.QUEUED).update(
        state=Job.RUNNING, started_at=timezone.now(), worker=worker_name()
    )
    if not claimed:
        return None
    job = Job.objects.get(pk=job_id)
    job.attempts += 1
    try:
        outcome, result, document_id, reason = HANDLERS[job.kind](job.arguments)
    except Exception as err:
        _reconnect_if_lost()
        if is_transient(err) and job.attempts < settings.FOLLOWUP_JOB_RETRIES:
            job.state, job.reason = Job.QUEUED, f"retrying after {describe_error(err)}"
            job.save(update_fields=["state", "reason", "attempts"])
            raise TransientJobError(job.reason) from err
        _fail(job, describe_error(err))
        return job
    job.outcome, job.result, job.document_id = outcome, result[:1000], document_id
    job.state = Job.FAILED if outcome == "failed" else Job.DONE
    job.reason = reason[:1000]
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "state",
            "outcome",
            "result",
            "reason",
            "document",
            "attempts",
            "finished_at",
        ]
    )
    return job


def _fail(job: Job, reason: str) -> None:
    """The job failed for good: say why on the job and on the document it was working on."""
    job.state, job.outcome, job.reason = Job.FAILED, "failed", reason[:1000]
    job.result = f"{job.arguments.get('path', job.kind)}: failed: {reason}"[:1000]
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "outcome", "reason", "result", "attempts", "finished_at"])
    document_id = job.document_id or job.arguments.get("document")
    if document_id:
        Document.objects.filter(pk=document_id).update(
            status=Document.FAILED, failed_stage="job", failure_reason=reason[:1000]
        )


def run_inline(job: Job) -> Job:
    """Run a job in this process, retrying transient errors as a worker would."""
    for attempt in range(settings.FOLLOWUP_JOB_RETRIES):
        try:
            return run_job(job.pk) or Job.objects.get(pk=job.pk)
        except TransientJobError:
            time.sleep(backoff(attempt))
    return Job.objects.get(pk=job.pk)


def _with_retries(write):
    """Run a small write, waiting out a busy database as a job would."""
    for attempt in range(settings.FOLLOWUP_JOB_RETRIES):
        try:
            return write()
        except Exception as err:
            if attempt == settings.FOLLOWUP_JOB_RETRIES - 1 or not is_transient(err):
                raise
            _reconnect_if_lost()
            time.sleep(backoff(attempt))
    return None


def _reconnect_if_lost() -> None:
    """Drop a broken connection so the next query opens a new one; never inside a
    transaction the caller holds (a test's, or a command's)."""
    from django.db import connection

    if not connection.in_atomic_block:
        close_old_connections()


def backoff(attempt: int) -> float:
    return BACKOFF_SECONDS * 2**attempt


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# -- the queue


def queue():
    """The huey instance for FOLLOWUP_JOBS_QUEUE, with the job task registered on it."""
    global _huey, _task
    if _huey is None:
        kind = settings.FOLLOWUP_JOBS_QUEUE
        name = settings.FOLLOWUP_JOBS_PREFIX
        if kind == "redis":
            from huey import RedisHuey

            if not settings.FOLLOWUP_REDIS_URL:
                raise RuntimeError("FOLLOWUP_JOBS_QUEUE is redis but FOLLOWUP_REDIS_URL is not set")
            _huey = RedisHuey(name, url=settings.FOLLOWUP_REDIS_URL)
        elif kind == "sqlite":
            from huey import SqliteHuey

            Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
            _huey = SqliteHuey(name, filename=str(Path(settings.DATA_DIR) / f"{name}-jobs.sqlite3"))
        else:
            raise RuntimeError(
                f"FOLLOWUP_JOBS_QUEUE is {kind!r}: jobs run inline, there is no queue to use"
            )
        _task = _huey.task(name="followup.run_job", context=True)(_queued_task)
    return _huey


def _queued_task(job_id: int, task=None) -> None:
    """What a worker runs for a message: the job, in a fresh database connection."""
    from huey.exceptions import RetryTask

    close_old_connections()
    try:
        run_job(job_id)
    except TransientJobError as err:
        attempts = Job.objects.filter(pk=job_id).values_list("attempts", flat=True).first() or 1
        raise RetryTask(str(err), delay=backoff(attempts - 1)) from err
    finally:
        close_old_connections()


def uses_queue() -> bool:
    return settings.FOLLOWUP_JOBS_QUEUE != "inline"


def submit(kind: str, arguments: dict, *, inline: bool | None = None) -> Job:
    """Record a job and run it here (inline) or put it on the queue."""
    job = _with_retries(lambda: Job.objects.create(kind=kind, arguments=arguments))
    if inline or (inline is None and not uses_queue()):
        return run_inline(job)
    _enqueue(job.pk)
    return job


def _enqueue(job_id: int) -> None:
    """Put a job's id on the queue, retrying while the queue (Redis) restarts."""
    queue()
    for attempt in range(settings.FOLLOWUP_JOB_RETRIES):
        try:
            _task(job_id)
            return
        except Exception as err:
            if attempt == settings.FOLLOWUP_JOB_RETRIES - 1 or not _is_queue_outage(err):
                raise
            time.sleep(backoff(attempt))


def _is_queue_outage(err: Exception) -> bool:
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a dependency
        return False
    return isinstance(err, RedisConnectionError | RedisTimeoutError)


def retry(job: Job) -> Job:
    """Run a failed job again (same kind, same arguments), inline or through the queue."""
    Job.objects.filter(pk=job.pk).update(
        state=Job.QUEUED, reason="", outcome="", result="", finished_at=None
    )
    if uses_queue():
        _enqueue(job.pk)
        return Job.objects.get(pk=job.pk)
    return run_inline(job)


def reap_dead_jobs() -> int:
    """Jobs left running by a worker of this machine that is gone: failed, with the reason."""
    host = socket.gethostname()
    reaped = 0
    for job in Job.objects.filter(state=Job.RUNNING, worker__startswith=f"{host}:"):
        pid = int(job.worker.rsplit(":", 1)[1])
        if not _alive(pid):
            _fail(job, f"the worker {job.worker} stopped while running it")
            reaped += 1
    return reaped


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def limit_blas_threads(threads: int):
    """Numpy's BLAS threads for this process: one per web request (the server runs requests
    in parallel), a batch-sized number in a worker. Returns the threadpoolctl limiter."""
    import numpy  # noqa: F401  (threadpoolctl limits the libraries loaded so far)
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=threads)


def run_worker(threads: int = 1) -> None:
    """Consume the queue until stopped: ``threads`` jobs at a time in this process."""
    from huey.consumer import Consumer

    limit_blas_threads(settings.FOLLOWUP_WORKER_BLAS_THREADS)
    reap_dead_jobs()
    Consumer(queue(), workers=threads, worker_type="thread", periodic=False).run()
