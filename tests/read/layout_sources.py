"""The source documents of the layout fixtures, and the blocks a reader should find in them.

A source is a small Markdown-like file (``fixtures/sources/*.md``): ``header:`` and ``footer:``
lines, ``#``/``##`` headings, paragraphs, ``1.``/``a)``/``-`` list items (nested by three
spaces), ``| a | b |`` table rows and ``[^n]`` footnotes. ``make_fixtures.py`` renders each
one; ``benchmarks/read_layout.py`` and the tests compare what the readers find with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
LANGUAGES = ("en", "es", "pt", "fr")
# Written after the layout rules were set and never used to tune them: its figures are the
# held-out ones (benchmarks/read_layout.py reports them apart).
HELD_OUT = ("fr-recommandations",)
_ITEM = re.compile(r"^( *)(\d+\.|[a-z]\)|-) (.+)$")
_NOTE = re.compile(r"\[\^(\d+)\]")


@dataclass
class SourceBlock:
    kind: str  # heading, paragraph, list_item, table, footnote
    text: str
    level: int = 0
    marker: str = ""


@dataclass
class Source:
    language: str
    header: str = ""
    footer: str = ""
    blocks: list[SourceBlock] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)

    def expected(self) -> list[SourceBlock]:
        """The blocks in reading order, footnote calls out of the text, footnotes at the end."""
        body = [SourceBlock(b.kind, _NOTE.sub("", b.text), b.level, b.marker) for b in self.blocks]
        notes = [SourceBlock("footnote", text, marker=key) for key, text in self.notes.items()]
        return body + notes


def load_source(name: str) -> Source:
    """The source named like its file ("es", "fr-recommandations"; the language comes first)."""
    source = Source(name[:2])
    rows: list[str] = []
    for line in (FIXTURES / "sources" / f"{name}.md").read_text().splitlines():
        if not line.startswith("|") and rows:
            source.blocks.append(SourceBlock("table", "\n".join(rows)))
            rows = []
        if line.startswith(("header: ", "footer: ")):
            setattr(source, line[:6], line[8:])
        elif line.startswith("[^"):
            key, text = line[2:].split("]: ", 1)
            source.notes[key] = text
        elif line.startswith("#"):
            hashes, text = line.split(" ", 1)
            source.blocks.append(SourceBlock("heading", text, len(hashes)))
        elif line.startswith("|"):
            rows.append(" | ".join(cell.strip() for cell in line.strip("|").split("|")))
        elif item := _ITEM.match(line):
            marker = "•" if item.group(2) == "-" else item.group(2)
            level = len(item.group(1)) // 3
            source.blocks.append(SourceBlock("list_item", item.group(3), level, marker))
        elif line.strip():
            source.blocks.append(SourceBlock("paragraph", line.strip()))
    if rows:
        source.blocks.append(SourceBlock("table", "\n".join(rows)))
    return source
