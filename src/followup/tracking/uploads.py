"""Evidence uploads checked before they are read, streamed to disk, bounded while streaming.

The order matters: who may upload to this report and how large the request says it is are
checked first, from the session and the headers, before one byte of the body is read. Only then
is the body parsed, by an upload handler that writes to a temporary file and stops the upload
as soon as the file passes FOLLOWUP_MAX_EVIDENCE_BYTES. Office files are zip archives: their
inflated size is bounded too (FOLLOWUP_MAX_EVIDENCE_INFLATED_BYTES), before they are stored.
"""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.files.uploadhandler import (
    FileUploadHandler,
    StopUpload,
    TemporaryFileUploadHandler,
)
from django.utils.translation import gettext as _

from followup.errors import ActionError
from followup.policy import access_report

# What a multipart form adds around the file: boundaries, headers, the CSRF token.
FORM_OVERHEAD_BYTES = 64 * 1024
ZIP_CONTAINERS = (".docx", ".xlsx", ".odt")
MAX_ZIP_MEMBERS = 10_000


class UploadTooLarge(ActionError):
    """Answered with 413; the message names the limit."""

    status = 413

    def __init__(self, size: int, limit: int):
        super().__init__(
            _("file: the upload is %(size)s bytes, over the limit of %(limit)s bytes")
            % {"size": f"{size:,}", "limit": f"{limit:,}"}
        )


class LimitedUploadHandler(FileUploadHandler):
    """Counts the bytes of each file as they arrive and stops the upload past the limit, before
    the next handler (a temporary file) receives them."""

    chunk_size = 16 * 1024  # how far past the limit a refused upload is read, at most

    def __init__(self, request=None, limit: int = 0):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.exceeded = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=True)  # read no more of the body
        return raw_data

    def file_complete(self, file_size):
        return None


def prepare_evidence_upload(request, report_id: int | None) -> LimitedUploadHandler:
    """Check permission and the declared size, then set the handlers that will read the body.
    Raises NotFound (404), Forbidden (403) or UploadTooLarge (413). Without ``report_id`` (the
    form of a new report, which may carry its first file) the action checks the party later."""
    if report_id is not None:
        access_report(request.user, report_id, "edit_report")
    limit = settings.FOLLOWUP_MAX_EVIDENCE_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit + FORM_OVERHEAD_BYTES:
        raise UploadTooLarge(declared, limit)
    limiter = LimitedUploadHandler(request, limit)
    request.upload_handlers = [limiter, TemporaryFileUploadHandler(request)]
    return limiter


def check_uploaded(limiter: LimitedUploadHandler) -> None:
    """After the body was parsed: refuse a file that passed the limit while streaming."""
    if limiter.exceeded:
        raise UploadTooLarge(limiter.received, limiter.limit)


def inflated_size_problem(name: str, file) -> str | None:
    """Why a zip-based office file may not be stored (too many parts, inflating past the limit,
    corrupt), or None. Declared sizes are checked first; then every part is inflated in chunks,
    counting, so a part that lies about its size is caught by its checksum."""
    limit = settings.FOLLOWUP_MAX_EVIDENCE_INFLATED_BYTES
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                return _("%(name)s holds %(parts)s parts, over the limit of %(limit)s") % {
                    "name": name,
                    "parts": f"{len(members):,}",
                    "limit": f"{MAX_ZIP_MEMBERS:,}",
                }
            declared = sum(member.file_size for member in members)
            if declared > limit:
                return _(
                    "%(name)s inflates to %(size)s bytes, over the limit of %(limit)s bytes"
                ) % {
                    "name": name,
                    "size": f"{declared:,}",
                    "limit": f"{limit:,}",
                }
            inflated = 0
            for member in members:
                with archive.open(member) as part:
                    while chunk := part.read(1024 * 1024):
                        inflated += len(chunk)
                        if inflated > limit:
                            return _("%(name)s inflates past the limit of %(limit)s bytes") % {
                                "name": name,
                                "limit": f"{limit:,}",
                            }
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as err:
        return _("%(name)s is not a valid %(type)s file (%(error)s)") % {
            "name": name,
            "type": name.rsplit(".", 1)[-1],
            "error": err,
        }
    finally:
        file.seek(0)
    return None
