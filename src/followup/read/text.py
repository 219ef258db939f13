"""Decoding and whitespace normalization shared by every reader."""

from __future__ import annotations

import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes
from ftfy.badness import is_bad
from ftfy.fixes import fix_latin_ligatures

from .errors import ReadError

# Characters that are whitespace for a reader but not for str.split(), or invisible noise.
_SPACE_LIKE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# UTF-8 read as Latin-1/Windows-1252 shows a lead byte (Â, Ã, â, ...) followed by a
# continuation byte (0x80-0xBF as Windows-1252 shows them); a cheap pre-check before ftfy.
_MOJIBAKE_HINT = re.compile(
    "[ÂÃÄÅÆÇÐÑØÙâãäåæçèéêëìíîï]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# Control characters other than newline/tab are a sign of binary content.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# What no stored text may hold: NUL and other C0 controls (PostgreSQL refuses NUL) and
# lone surrogates (not encodable as UTF-8).
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")
# Markers that document converters leave for Word bookmarks ("[bookmark: _Hlk37276928]").
_BOOKMARK = re.compile(r"\[bookmark: [^\]\n]{1,200}\]")
_LEGACY_ENCODING = "cp1252"  # what a non-UTF-8 line in a mixed file most often is


def decode(data: bytes, warn=None) -> str:
    """Bytes to text: UTF-8 when valid, else the detected charset; binary is refused.

    A file that is UTF-8 in some lines and not in others (two files pasted together) is
    decoded line by line and ``warn`` is told how; so is a whole file in a guessed charset.
    """
    warn = warn or (lambda message: None)
    if not data.strip():
        raise ReadError("the file is empty")
    # A stray NUL is removed later (with a warning); many of them mean binary content.
    if data[:8192].count(b"\x00") > 8 and not _looks_like_utf16(data):
        raise ReadError("the file is binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data, warn)
    if len(_CONTROL.findall(text[:8192])) > 8:
        raise ReadError("the file is binary, not text")
    return text


def _decode_legacy(data: bytes, warn) -> str:
    if _looks_like_utf16(data):
        return data.decode("utf-16", errors="replace")
    lines = data.split(b"\n")
    non_ascii = [line for line in lines if not line.isascii()]
    bad = [line for line in non_ascii if not _is_utf8(line)]
    if len(bad) < len(non_ascii):  # some lines are UTF-8, others not: mixed
        warn(
            f"mixed text encodings: {len(bad)} of {len(lines)} lines are not UTF-8 "
            f"and were read as {_LEGACY_ENCODING}"
        )
        return "\n".join(
            line.decode("utf-8") if _is_utf8(line) else line.decode(_LEGACY_ENCODING, "replace")
            for line in lines
        ).removeprefix("\ufeff")
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("the text encoding could not be detected (binary content?)")
    warn(f"the file is not UTF-8; it was read as {best.encoding} (detected)")
    return str(best)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def remove_unstorable(text: str, warn=None) -> str:
    """Drop NUL, other control characters and lone surrogates; ``warn`` is told how many."""
    cleaned, count = _UNSTORABLE.subn("", text)
    if count and warn:
        warn(f"{count} control characters or invalid code points were removed")
    return cleaned


def _looks_like_utf16(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff")


def clean_inline(text: str) -> str:
    """Repair mojibake and ligatures, unify spaces and line ends; indentation is kept."""
    # ftfy's full repair is slow (~1 MB/s); run it only where its own detector sees mojibake.
    if _MOJIBAKE_HINT.search(text) and is_bad(text):
        text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    else:
        text = fix_latin_ligatures(unicodedata.normalize("NFC", text))
    text = _INVISIBLE.sub("", text)
    text = _BOOKMARK.sub("", text)
    text = _SPACE_LIKE.sub(" ", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def collapse(text: str) -> str:
    """One line, single spaces: the shape of a block's content."""
    return " ".join(_INVISIBLE.sub("", text).split())
