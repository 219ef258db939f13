"""Documents uploaded from the web app: each file is stored under the data folder and ingested
by the same job as ``followup ingest`` (inline, or queued for the workers), so a page and the
command line give one file the same outcome."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from followup.policy import ensure_permission
from followup.read import SUPPORTED_EXTENSIONS

from ..models import Document, Job
from .documents import _failed

STORED, DUPLICATE, FAILED, QUEUED = "stored", "duplicate", "failed", "queued"


@dataclass
class UploadOutcome:
    """What became of one uploaded file: stored (as ``document``), duplicate (of ``document``),
    failed (with ``reason``), or queued (``job`` will say)."""

    name: str
    status: str
    document: Document | None = None
    reason: str = ""
    job: Job | None = None


def upload_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "documents"


def do_upload_documents(
    user, files: list[tuple[str, BinaryIO]], *, source_url: str = "", published_on=None
) -> list[UploadOutcome]:
    """Store and ingest each (name, file) in order; one file's failure never stops the others.
    A file whose bytes are already a document is a duplicate and is not stored again."""
    ensure_permission(user, "ingest_documents")
    arguments = {"source_url": source_url, "published_on": published_on}
    arguments = {k: v for k, v in arguments.items() if v}
    return [_upload_one(name, file, arguments) for name, file in files]


def _upload_one(name: str, file: BinaryIO, arguments: dict) -> UploadOutcome:
    from followup import jobs  # jobs runs these actions: imported here, not at the top

    name = Path(name or "").name
    refused = _refusal(name, file)
    if refused:
        _failed(Path(name or "?"), "read", refused)
        return UploadOutcome(name, FAILED, reason=refused)
    digest = hashlib.sha256()
    for chunk in _chunks(file):
        digest.update(chunk)
    sha256 = digest.hexdigest()
    existing = Document.objects.filter(sha256=sha256).exclude(status=Document.FAILED).first()
    if existing is not None:
        return UploadOutcome(name, DUPLICATE, existing)
    # One folder per content, so two files of the same name never overwrite each other and the
    # document keeps the name it was uploaded with (a new version of a document has its name).
    path = upload_folder() / sha256[:2] / sha256 / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for chunk in _chunks(file):
            out.write(chunk)
    job = jobs.submit(Job.INGEST, {"path": str(path), **arguments})
    if job.state in (Job.QUEUED, Job.RUNNING):
        return UploadOutcome(name, QUEUED, job=job)
    return outcome_of(job, name)


def outcome_of(job: Job, name: str) -> UploadOutcome:
    """The outcome of an ingestion job, in the terms of an upload."""
    if job.state in (Job.QUEUED, Job.RUNNING):
        return UploadOutcome(name, QUEUED, job=job)
    document = job.document
    if job.outcome == "ingested":
        return UploadOutcome(name, STORED, document, job=job)
    if job.outcome == "unchanged":
        return UploadOutcome(name, DUPLICATE, document, job=job)
    return UploadOutcome(name, FAILED, document, reason=job.reason or job.result, job=job)


def _refusal(name: str, file: BinaryIO) -> str:
    """Why a file is refused before it is stored, in words; empty when it may be read."""
    if not name or name.startswith(".") or "\x00" in name:
        return _("the file needs a plain name")
    extension = Path(name).suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        return _("files of type %(extension)s are not read; supported: %(supported)s") % {
            "extension": extension or _("(none)"),
            "supported": ", ".join(sorted(SUPPORTED_EXTENSIONS)),
        }
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    if not size:
        return _("the file is empty")
    if size > settings.FOLLOWUP_MAX_FILE_BYTES:
        return _("the file is %(size)s bytes, over the limit of %(limit)s bytes") % {
            "size": f"{size:,}",
            "limit": f"{settings.FOLLOWUP_MAX_FILE_BYTES:,}",
        }
    return ""


def _chunks(file: BinaryIO, size: int = 1024 * 1024):
    file.seek(0)
    while chunk := file.read(size):
        yield chunk
    file.seek(0)
