"""Ingesting files: read, store the document and its blocks, extract its items. One transaction a file."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from followup.read import SUPPORTED_EXTENSIONS, ReadDocument, ReadError, read_bytes

from ..models import Block, Document, IngestFailure
from .items import do_extract_document


@dataclass
class IngestOutcome:
    path: str
    status: str  # "ingested" | "unchanged" | "failed"
    document: Document | None = None
    reason: str = ""

    def describe(self) -> str:
        if self.status == "failed":
            return f"{self.path}: failed: {self.reason}"
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
    """Read, then store one file. A file that cannot be read is recorded as a failure, never raised."""
    path = Path(path)
    max_bytes = settings.FOLLOWUP_MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        data = _read_limited(path, max_bytes)
    except ReadError as err:
        return _failed(path, str(err))
    sha256 = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(sha256=sha256).first()
    if existing is not None:
        return IngestOutcome(str(path), "unchanged", existing)
    try:
        read = read_bytes(data, path.name)
    except ReadError as err:
        return _failed(path, str(err), sha256)
    document = _store(
        read, sha256=sha256, size=len(data), source_url=source_url, published_on=published_on
    )
    return IngestOutcome(str(path), "ingested", document)


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


def _failed(path: Path, reason: str, sha256: str = "") -> IngestOutcome:
    IngestFailure.objects.create(path=str(path)[:1000], reason=reason[:1000], sha256=sha256)
    return IngestOutcome(str(path), "failed", reason=reason)


@transaction.atomic
def _store(
    read: ReadDocument, *, sha256: str, size: int, source_url: str, published_on
) -> Document:
    previous = (
        Document.objects.select_for_update(of=("self",))
        .filter(file_name=read.file_name, superseded_by__isnull=True)
        .order_by("-version")
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
    )
    Block.objects.bulk_create(
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
    )
    do_extract_document(document, read)
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
