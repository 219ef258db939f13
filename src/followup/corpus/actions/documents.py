"""Ingesting files: read, store the document and its blocks, then extract, classify and index it; each stage in its own transaction, each failure recorded with its stage."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction

from followup.read import SUPPORTED_EXTENSIONS, ReadDocument, ReadError, ReadLimits, read_bytes
from followup.search.backends import backend
from followup.search.models import ItemVector

from ..models import Block, Document, IngestFailure
from .items import WRITE_BATCH, StageError, describe_error, do_extract_document


@dataclass
class IngestOutcome:
    path: str
    status: str  # "ingested" | "unchanged" | "failed"
    document: Document | None = None
    reason: str = ""

    def describe(self) -> str:
        if self.status == "failed":
            return f"{self.path}: failed: {self.reason}"
        if self.status == "unchanged" and self.document is None:
            return f"{self.path}: unchanged"
        if self.status == "unchanged":
            return f"{self.path}: unchanged (already ingested as document {self.document.pk})"
        version = f", version {self.document.version}" if self.document.version > 1 else ""
        return f"{self.path}: ingested as document {self.document.pk}{version}"


def do_ingest_file(
    path: str | Path,
    *,
    max_bytes: int | None = None,
    source_url: str = "",
    published_on: date | None = None,
) -> IngestOutcome:
    """Read, store, extract, classify and index one file. Whatever goes wrong with this file
    becomes its failure with the stage and the reason, never an exception: the batch goes on.
    Only transient database errors (busy, locked, connection lost) are raised, after the
    document is marked failed, so that a job can retry it."""
    path = Path(path)
    max_bytes = settings.FOLLOWUP_MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        data = _read_limited(path, max_bytes)
    except ReadError as err:
        return _failed(path, "read", str(err))
    sha256 = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(sha256=sha256).only("id", "status", "version").first()
    if existing is not None and existing.status != Document.FAILED:
        return IngestOutcome(str(path), "unchanged", existing)
    if existing is not None:  # the same bytes failed a later stage before: run them again
        return do_process_document(Document.objects.get(pk=existing.pk), path=path)
    try:
        read = read_bytes(data, path.name, ReadLimits.from_mapping(settings.READ_LIMITS))
    except ReadError as err:
        return _failed(path, "read", str(err), sha256)
    except Exception as err:  # a parser's bug (RecursionError, MemoryError) fails this file alone
        return _failed(path, "read", describe_error(err), sha256)
    del data
    warnings = clean_read_document(read)
    try:
        document = _store(
            read,
            sha256=sha256,
            size=path.stat().st_size,
            source_url=clean_text(source_url)[0],
            published_on=published_on,
            warnings=warnings,
        )
    except IntegrityError:
        # Another worker stored the same bytes between our lookup and our insert.
        stored = Document.objects.filter(sha256=sha256).only("id", "version").first()
        if stored is None:
            raise
        return IngestOutcome(str(path), "unchanged", stored)
    except Exception as err:
        if is_transient(err):
            raise
        return _failed(path, "store", describe_error(err), sha256)
    return do_process_document(document, read, path=path)


def do_process_document(
    document: Document, read: ReadDocument | None = None, *, path: str | Path | None = None
) -> IngestOutcome:
    """Run the stages after storing (extract, classify, index) on a stored document. The
    document is marked processing first, then ready, or failed with its stage and reason;
    either way the work is finalized and the document and its blocks stay stored."""
    label = str(path or document.file_name)
    Document.objects.filter(pk=document.pk).update(
        status=Document.PROCESSING, failed_stage="", failure_reason=""
    )
    try:
        do_extract_document(document, read)
    except StageError as err:
        _mark_failed(document, label, err.stage, describe_error(err.cause))
        if is_transient(err.cause):
            raise err.cause from err
        return IngestOutcome(label, "failed", document, reason=str(err))
    Document.objects.filter(pk=document.pk).update(status=Document.READY)
    document.status = Document.READY
    return IngestOutcome(label, "ingested", document)


def is_transient(err: BaseException) -> bool:
    """Errors that a later try may not meet: a busy or locked database, a lost connection."""
    if isinstance(err, InterfaceError):
        return True
    if isinstance(err, OperationalError):
        message = str(err).lower()
        return any(word in message for word in TRANSIENT_WORDS)
    return False


TRANSIENT_WORDS = ("locked", "busy", "connection", "server closed", "terminating", "timeout")
# A NUL byte or a lone surrogate cannot be stored in PostgreSQL text (nor encoded as UTF-8):
# each is replaced by U+FFFD, one character for one, so every offset into the text still holds.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, dict[str, int]]:
    """The text with NUL bytes and lone surrogates replaced, and how many of each there were."""
    found: dict[str, int] = {}
    if not _UNSTORABLE.search(text):
        return text, found

    def replace(match):
        kind = "NUL byte" if match.group() == "\x00" else "lone surrogate"
        found[kind] = found.get(kind, 0) + 1
        return "\ufffd"

    return _UNSTORABLE.sub(replace, text), found


def clean_read_document(read: ReadDocument) -> list[str]:
    """Make the document storable on every database, in place; returns warnings, in words."""
    warnings = list(getattr(read, "warnings", None) or [])
    read.text, found = clean_text(read.text)
    read.title = clean_text(read.title)[0]
    read.file_name = clean_text(read.file_name)[0]
    for block in read.blocks:
        block.marker = clean_text(block.marker)[0]
    if found:
        counts = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in found.items())
        warnings.append(f"{read.file_name}: {counts} replaced by U+FFFD")
    return warnings


def _read_limited(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except OSError as err:
        raise ReadError(f"cannot be opened ({err.strerror})") from err
    if path.is_dir():
        raise ReadError("is a directory (use --recursive)")
    if size > max_bytes:
        raise ReadError(f"the file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
    try:
        return path.read_bytes()
    except OSError as err:
        raise ReadError(f"cannot be read ({err.strerror})") from err


def _failed(path: Path, stage: str, reason: str, sha256: str = "") -> IngestOutcome:
    IngestFailure.objects.create(
        path=clean_text(str(path))[0][:1000], stage=stage, reason=reason[:1000], sha256=sha256
    )
    return IngestOutcome(str(path), "failed", reason=reason)


def _mark_failed(document: Document, label: str, stage: str, reason: str) -> None:
    """Record the failure on the document (so it is not searchable and its page says why),
    and take its items out of the search indexes."""
    with transaction.atomic():
        Document.objects.filter(pk=document.pk).update(
            status=Document.FAILED, failed_stage=stage, failure_reason=reason[:1000]
        )
        IngestFailure.objects.create(
            path=clean_text(label)[0][:1000],
            stage=stage,
            reason=reason[:1000],
            sha256=document.sha256,
            document=document,
        )
        item_ids = list(document.items.values_list("pk", flat=True))
        backend().forget(item_ids)
        ItemVector.objects.filter(item_id__in=item_ids).delete()
    document.status, document.failed_stage, document.failure_reason = (
        Document.FAILED,
        stage,
        reason,
    )


@transaction.atomic
def _store(
    read: ReadDocument, *, sha256: str, size: int, source_url: str, published_on, warnings
) -> Document:
    previous = (
        Document.objects.select_for_update(of=("self",))
        .filter(file_name=read.file_name, superseded_by__isnull=True)
        .order_by("-version")
        .only("id", "version")
        .first()
    )
    document = Document.objects.create(
        title=read.title[:500],
        file_name=read.file_name[:255],
        sha256=sha256,
        format=read.format,
        language=read.language,
        size=size,
        text=read.text,
        source_url=source_url,
        published_on=published_on or read.published_on,
        version=previous.version + 1 if previous else 1,
        supersedes=previous,
        status=Document.PROCESSING,
        warnings=warnings,
        reading=dict(getattr(read, "metadata", None) or {}),
    )
    Block.objects.bulk_create(
        (
            Block(
                document=document,
                order=order,
                kind=block.kind,
                start=block.start,
                end=block.end,
                level=block.level,
                marker=block.marker[:20],
                list_order=block.parent,
            )
            for order, block in enumerate(read.blocks)
        ),
        batch_size=WRITE_BATCH,
    )
    return document


def expand_paths(paths: Iterable[str | Path], *, recursive: bool = False) -> Iterator[Path]:
    """Files named, and with ``recursive`` the supported files under folders named, in sorted order."""
    for raw in paths:
        path = Path(raw)
        if recursive and path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS
            )
        else:
            yield path
