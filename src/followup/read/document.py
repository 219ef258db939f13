"""The plain data a reader returns: the stored text and its blocks, with offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

BLOCK_KINDS = ("heading", "paragraph", "list", "list_item")


@dataclass
class Block:
    """A structural unit of the text; ``text[start:end]`` is its content.

    For a list item the span excludes the bullet or number (kept in ``marker``);
    a ``list`` block spans its consecutive items, which point to it by ``parent``.
    """

    kind: str
    start: int
    end: int
    level: int = 0
    marker: str = ""
    parent: int | None = None  # index of the enclosing list block

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class ReadDocument:
    """A document as read from bytes: what the ``read`` stage hands to ``extract``."""

    text: str
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    language: str = ""
    file_name: str = ""
    format: str = ""
    published_on: date | None = None

    def block_text(self, block: Block) -> str:
        return block.text_in(self.text)

    def blocks_of(self, kind: str) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]


@dataclass
class RawBlock:
    """What a format parser yields before the text is assembled: kind, content, nesting."""

    kind: str
    content: str
    level: int = 0
    marker: str = ""
