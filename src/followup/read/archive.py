"""Zip containers (.docx) opened with their sizes checked before anything is inflated."""

from __future__ import annotations

import io
import zipfile

from .errors import ReadError

_SMALL_MEMBER = 1024 * 1024  # below this a high ratio is a blank page, not a bomb


def open_zip(data: bytes, limits, what: str) -> zipfile.ZipFile:
    """The archive, refused with the reason when it is broken or would inflate too far."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(f"not a valid {what} file (it is not a zip archive)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as err:
        raise ReadError(f"not a valid {what} file ({err})") from err
    total = sum(m.file_size for m in members)
    if total > limits.max_uncompressed_bytes:
        raise ReadError(
            f"the {what} file would inflate to {total:,} bytes "
            f"(more than the {limits.max_uncompressed_bytes:,} allowed)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _SMALL_MEMBER and ratio > limits.max_compression_ratio:
            raise ReadError(
                f"the {what} file looks like a zip bomb ({member.filename} inflates {ratio:,.0f} times)"
            )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, limits, what: str) -> bytes | None:
    """A member's bytes (None when absent), read no further than the declared size allows."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    try:
        with archive.open(info) as member:
            data = member.read(limits.max_uncompressed_bytes + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise ReadError(f"not a valid {what} file ({name}: {err})") from err
    if len(data) > limits.max_uncompressed_bytes or len(data) > info.file_size:
        raise ReadError(f"the {what} file lies about its sizes ({name})")
    return data


def parse_xml(data: bytes, name: str, what: str):
    """An XML part without DTDs, entities or network access (no billion laughs)."""
    from lxml import etree

    if b"<!ENTITY" in data or b"<!DOCTYPE" in data[:4096]:
        raise ReadError(f"the {what} file declares XML entities in {name} (refused)")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise ReadError(f"not a valid {what} file ({name}: {err})") from err
