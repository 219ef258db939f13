"""The plain data a reader returns: the stored text and its blocks, with offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

BLOCK_KINDS = ("heading", "paragraph", "list", "list_item", "footnote", "table")


@dataclass
class Block:
    """A structural unit of the text; ``text[start:end]`` is its content.

    For a list item the span excludes the bullet or number (kept in ``marker``);
    a ``list`` block spans its consecutive items, which point to it by ``parent``.
    A ``footnote`` keeps its call ("1", "*") in ``marker`` and points by ``parent`` to the
    block that calls it. A ``table`` holds one line per row, cells separated by `` | ``.
    """

    kind: str
    start: int
    end: int
    level: int = 0
    marker: str = ""
    parent: int | None = None  # the enclosing list block, or the block a footnote belongs to

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class ReadDocument:
    """A document as read from bytes: what the ``read`` stage hands to ``extract``.

    ``warnings`` say what the reader repaired or guessed (an encoding, removed characters);
    ``metadata`` holds facts about the reading, e.g. ``ocr`` and ``ocr_confidence`` (0-100).
    """

    text: str
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    language: str = ""
    file_name: str = ""
    format: str = ""
    published_on: date | None = None
    warnings: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)

    def block_text(self, block: Block) -> str:
        return block.text_in(self.text)

    def blocks_of(self, kind: str) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]


@dataclass
class RawBlock:
    """What a format parser yields before the text is assembled: kind, content, nesting.

    ``note_of`` is, for a footnote, the index of the raw block that calls it.
    """

    kind: str
    content: str
    level: int = 0
    marker: str = ""
    note_of: int | None = None


@dataclass
class ReadContext:
    """What one reading carries besides the blocks: its limits, warnings and metadata."""

    limits: object  # ReadLimits
    warnings: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
