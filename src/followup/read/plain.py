"""Plain text (and Markdown, and text pulled out of PDFs) to raw blocks.

Reports copied from the web arrive as one paragraph per line, bullets as "·" or "•", numbered
mandates as "1.", headings as short lines without final punctuation. PDF text arrives
hard-wrapped, so ``wrapped=True`` joins lines into paragraphs first.
"""

from __future__ import annotations

import re

from .document import RawBlock
from .text import clean_inline

_BULLET = r"[•·▪‣◦●○■□►▸✓➢➤\-\*–—]"
_ENUMERATOR = r"(?:\d{1,3}[.)](?!\d)|\(?[a-zA-Z][.)](?=\s)|\([ivxIVX]{1,5}\)|[ivx]{1,5}[.)](?=\s)|\(\d{1,3}\))"
LIST_MARKER = re.compile(rf"^(?:{_BULLET}(?:\s+{_ENUMERATOR})?|{_ENUMERATOR})\s+(?=\S)")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_TERMINAL = (".", ";", ",", "!", "?", "…")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{2}[.;] [A-Z(]")
_HEADING_MAX_CHARS = 150
_HEADING_MAX_WORDS = 20


def parse_plain(text: str, *, markdown: bool = False, wrapped: bool = False) -> list[RawBlock]:
    lines = clean_inline(text).split("\n")
    return list(_blocks_from_lines(lines, markdown=markdown, wrapped=wrapped))


def _blocks_from_lines(lines: list[str], *, markdown: bool, wrapped: bool):
    pending: list[str] = []  # lines of the paragraph being built (wrapped text only)
    for line in lines:
        stripped = line.strip()
        if not stripped:
            yield from _flush(pending)
            continue
        indent = len(line) - len(line.lstrip(" "))
        heading = _MD_HEADING.match(stripped) if markdown else None
        marker = LIST_MARKER.match(stripped)
        if heading:
            yield from _flush(pending)
            yield RawBlock("heading", heading.group(2), level=len(heading.group(1)))
        elif marker and not _is_numbered_heading(stripped, marker):
            yield from _flush(pending)
            content = stripped[marker.end() :]
            yield RawBlock("list_item", content, level=indent, marker=marker.group(0).strip())
        elif pending and _continues(pending[-1], stripped, wrapped):
            pending.append(stripped)
        else:
            yield from _flush(pending)
            pending.append(stripped)
    yield from _flush(pending)


def _continues(previous: str, line: str, wrapped: bool) -> bool:
    """Whether ``line`` carries on the paragraph that ``previous`` started."""
    if _is_caps(previous):  # a title broken over two lines, or a title then its text
        return _is_caps(line)
    if previous.endswith((*_TERMINAL, ":")):
        return False
    return wrapped or line[:1].islower()


def _flush(pending: list[str]):
    if not pending:
        return
    content = " ".join(pending)
    pending.clear()
    if is_heading_line(content):
        yield RawBlock("heading", content, level=1 if _is_caps(content) else 2)
    else:
        yield RawBlock("paragraph", content)


def is_heading_line(line: str) -> bool:
    """A short line that does not read as a sentence: a section title."""
    line = line.strip().rstrip("”’\"')]»")
    if not line or len(line) > _HEADING_MAX_CHARS or len(line.split()) > _HEADING_MAX_WORDS:
        return False
    if not _HAS_LETTER.search(line) or not (line[0].isupper() or line[0].isdigit()):
        return False
    if line.endswith(":"):
        return _is_caps(line)
    if _SENTENCE_BREAK.search(line):
        return False
    return not line.endswith(_TERMINAL) and "@" not in line and "://" not in line


def _is_numbered_heading(line: str, marker: re.Match) -> bool:
    """'1. Report by the Department of ...' titles a section; '1. Take steps ...' is an item."""
    return marker.group(0)[0].isdigit() and is_heading_line(line)


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)
