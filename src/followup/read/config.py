"""Limits a reader checks before parsing, so that one hostile file cannot exhaust the machine.

The read package takes them as a plain object (it never imports Django); the web app and the
CLI build one from ``settings.READ_LIMITS`` (see docs/settings.md) and pass it to ``read_bytes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class ReadLimits:
    max_uncompressed_bytes: int = 256 * 1024 * 1024  # all members of a .docx, inflated
    max_compression_ratio: int = 200  # a member inflating more than this is a zip bomb
    max_nesting_depth: int = 512  # HTML elements inside one another
    max_pdf_pages: int = 5_000
    max_image_pixels: int = 100_000_000  # an image (or a scanned page) to OCR
    max_ocr_pages: int = 500
    ocr: bool = True  # read pages without a text layer, and images, with Tesseract

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> ReadLimits:
        """Limits from a settings mapping; unknown names are an error, not silently ignored."""
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(f"unknown read limits: {', '.join(unknown)}")
        converted = {}
        for name, value in values.items():
            converted[name] = _as_bool(value) if known[name] == "bool" else int(value)
        return cls(**converted)


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no", "off")
    return bool(value)
