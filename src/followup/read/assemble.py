"""Raw blocks to the stored text and its offset-carrying blocks.

The stored text is rebuilt from the blocks, so it has one shape whatever the format:
blocks are separated by a blank line, the items of a list by a newline, and an item keeps
its bullet or number and its nesting as indentation; a table keeps one line per row; a
footnote starts with its call ("[1] ") outside its span. Every later span points into this text.
"""

from __future__ import annotations

from .document import Block, RawBlock
from .text import collapse, remove_unstorable


def assemble(raw_blocks: list[RawBlock], warn=None) -> tuple[str, list[Block]]:
    parts: list[str] = []
    blocks: list[Block] = []
    position = 0
    list_index: int | None = None
    item_levels = _item_levels(raw_blocks)
    block_of_raw: dict[int, int] = {}

    for raw_index, (raw, item_level) in enumerate(zip(raw_blocks, item_levels, strict=True)):
        content = _content(raw, warn)
        if not content:
            continue
        in_list = raw.kind == "list_item"
        if parts:
            separator = "\n" if in_list and list_index is not None else "\n\n"
            parts.append(separator)
            position += len(separator)
        block_of_raw[raw_index] = len(blocks)
        if in_list:
            if list_index is None:
                list_index = len(blocks)
                block_of_raw[raw_index] = len(blocks) + 1
                blocks.append(Block("list", position, position))
            prefix = "  " * item_level + (raw.marker + " " if raw.marker else "")
            parts.append(prefix + content)
            start = position + len(prefix)
            blocks.append(
                Block("list_item", start, start + len(content), item_level, raw.marker, list_index)
            )
            blocks[list_index].end = start + len(content)
        else:
            list_index = None
            prefix = f"[{raw.marker}] " if raw.kind == "footnote" and raw.marker else ""
            parts.append(prefix + content)
            start = position + len(prefix)
            caller = block_of_raw.get(raw.note_of) if raw.note_of is not None else None
            marker = raw.marker if raw.kind == "footnote" else ""
            blocks.append(Block(raw.kind, start, start + len(content), raw.level, marker, caller))
        position += len(parts[-1])
    return "".join(parts), blocks


def _content(raw: RawBlock, warn) -> str:
    text = remove_unstorable(raw.content, warn)
    if raw.kind == "table":  # rows stay lines
        return "\n".join(row for line in text.split("\n") if (row := collapse(line)))
    return collapse(text)


def _item_levels(raw_blocks: list[RawBlock]) -> list[int]:
    """Nesting depth of each list item, from the ranks of the indents in its list."""
    levels = [0] * len(raw_blocks)
    run: list[int] = []
    for i, raw in enumerate([*raw_blocks, RawBlock("paragraph", "")]):
        if raw.kind == "list_item":
            run.append(i)
            continue
        if run:
            ranks = {
                indent: rank
                for rank, indent in enumerate(sorted({raw_blocks[j].level for j in run}))
            }
            for j in run:
                levels[j] = ranks[raw_blocks[j].level]
            run = []
    return levels
