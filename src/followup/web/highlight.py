"""Split blocks of a document's text into plain and marked pieces, for showing passages in place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Piece:
    text: str
    marked: bool = False
    item_id: int | None = None


def pieces(text: str, start: int, end: int, spans: list[tuple[int, int, int]]) -> list[Piece]:
    """``text[start:end]`` cut at the (start, end, item id) spans that overlap it; overlapping
    spans are merged, the first item's id kept as the anchor."""
    inside = sorted((max(a, start), min(b, end), i) for a, b, i in spans if a < end and b > start)
    result, cursor = [], start
    for a, b, item_id in inside:
        if b <= cursor:
            continue
        a = max(a, cursor)
        if a > cursor:
            result.append(Piece(text[cursor:a]))
        result.append(Piece(text[a:b], True, item_id))
        cursor = b
    if cursor < end:
        result.append(Piece(text[cursor:end]))
    return result
