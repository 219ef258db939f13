"""The extractors, in the order they run, and the one rule that settles their overlaps.

Overlap rule: mandates, recommendations and actions are *statements*, and a passage states at
most one. Statement extractors run in the order of ``EXTRACTORS``; each is given the passages
the earlier ones took (``Taken``) and skips any sentence or block that overlaps one, so a cited
mandate is never also an action and a recommendation never also an action. Organizations,
events and figures are *facts*: they may sit inside any statement, take nothing and are never
skipped. An extractor may read the items found before it (actions read the events: a sentence
that only reports a gathering is an event) but never changes them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from .actors import Actors
from .context import DocumentContext
from .items import Item


class Taken:
    """Passages taken by statements: sorted, non-overlapping after merging; overlap tests are
    a binary search, not a scan."""

    def __init__(self, spans=()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self._ends, start)
        # Merge every passage the new one touches.
        j = i
        while j < len(self._starts) and self._starts[j] <= end:
            start, end = min(start, self._starts[j]), max(end, self._ends[j])
            j += 1
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._ends, start + 1)  # the first passage ending after ``start``
        return i < len(self._starts) and self._starts[i] < end

    def __iter__(self):
        return iter(zip(self._starts, self._ends, strict=True))


@dataclass
class Found:
    """What the extractors found so far: the items, and the passages statements took."""

    items: list[Item] = field(default_factory=list)
    taken: Taken = field(default_factory=Taken)

    def of_kind(self, kind: str) -> list[Item]:
        return [item for item in self.items if item.kind == kind]


@dataclass
class Extraction:
    """One extractor's result; ``taken`` defaults to its items' spans for a statement."""

    items: list[Item]
    taken: list[tuple[int, int]] | None = None


@dataclass(frozen=True)
class Extractor:
    name: str
    run: Callable[[DocumentContext, Actors, Found], Extraction | list[Item]]
    statement: bool  # statements take their passages (see the overlap rule)


def run_extractors(
    extractors: tuple[Extractor, ...], context: DocumentContext, actors: Actors
) -> list[Item]:
    found = Found()
    for extractor in extractors:
        result = extractor.run(context, actors, found)
        if not isinstance(result, Extraction):
            result = Extraction(result)
        found.items += result.items
        if extractor.statement:
            spans = (
                result.taken
                if result.taken is not None
                else [(i.start, i.end) for i in result.items]
            )
            for start, end in spans:
                found.taken.add(start, end)
    return found.items
