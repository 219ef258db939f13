"""What every extractor needs to know about a document: sentences, sections, years, bodies."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from followup.read import Block, ReadDocument

from .bodies import BodyIndex, build_index
from .dates import find_dates, years_in
from .lang import LanguageRules, rules_for, rules_for_text
from .sentences import sentence_spans

TEXT_BLOCKS = ("paragraph", "list_item")
# "Washington, D.C., June 12, 2024 – ..." / "Lima, 8 de mayo de 2024. –": a place, a date, a dash.
_DATELINE = re.compile(r"^[^\n]{0,80}?(?:19|20)\d{2}\s?\.?\s?[–—-]\s")


@dataclass
class Sentence:
    start: int
    end: int
    block: int  # index into document.blocks
    position: int  # order of the sentence within its block

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class DocumentContext:
    document: ReadDocument
    language: str = "en"
    # What the document is (followup.extract.genres): a prior for the extractors.
    genre: str = "other"
    _block_rules: dict[int, LanguageRules] = field(default_factory=dict, repr=False)

    @cached_property
    def rules(self) -> LanguageRules:
        """The vocabulary of the document's language (English when no file holds it)."""
        return rules_for(self.language)

    def rules_at(self, block_index: int) -> LanguageRules:
        """The vocabulary of one block: the document's, unless the block is plainly written in
        another language."""
        found = self._block_rules.get(block_index)
        if found is None:
            block = self.document.blocks[block_index]
            found = rules_for_text(self.document.block_text(block), self.rules)
            self._block_rules[block_index] = found
        return found

    @property
    def text(self) -> str:
        return self.document.text

    @cached_property
    def sentences(self) -> list[Sentence]:
        found = []
        for index, block in enumerate(self.document.blocks):
            if block.kind in TEXT_BLOCKS:
                spans = sentence_spans(self.text, block.start, block.end)
                found.extend(Sentence(s, e, index, n) for n, (s, e) in enumerate(spans))
        return found

    @cached_property
    def headings(self) -> list[tuple[int, Block]]:
        return [(i, b) for i, b in enumerate(self.document.blocks) if b.kind == "heading"]

    @cached_property
    def bodies(self) -> BodyIndex:
        return build_index(self.text, [(b.start, b.end, b.level) for _, b in self.headings])

    @cached_property
    def dateline(self) -> str | None:
        """The day a press release is dated ("June 12, 2024" alone on a line near the top, or
        "Washington, D.C., June 12, 2024 –" opening its first paragraph): what "today" means."""
        if self.document.published_on:
            return self.document.published_on.isoformat()
        for block in self.document.blocks[:4]:
            content = self.document.block_text(block)
            opening = _DATELINE.match(content)
            dates = find_dates(opening.group(0) if opening else content)
            short = len(content.split()) <= 8
            if dates and dates[0].date.count("-") == 2 and dates[0].has_year and (opening or short):
                return dates[0].date
        return None

    @cached_property
    def year(self) -> int | None:
        """The year most of the document's dates fall in: the default for "May 8"."""
        if self.document.published_on:
            return self.document.published_on.year
        counts = Counter(years_in(self.text))
        return counts.most_common(1)[0][0] if counts else None

    @cached_property
    def _heading_indexes(self) -> list[int]:
        return [i for i, _ in self.headings]

    @cached_property
    def top_heading_level(self) -> int:
        return min((b.level for _, b in self.headings), default=1)

    def headings_before(self, block_index: int):
        """The headings above a block, nearest first (found by bisection, not by a scan)."""
        for position in range(bisect_left(self._heading_indexes, block_index) - 1, -1, -1):
            yield self.headings[position][1]

    def heading_for(self, block_index: int, *, max_level: int | None = None) -> Block | None:
        """The nearest heading above a block (of at most ``max_level`` when given)."""
        for heading in self.headings_before(block_index):
            if max_level is None or heading.level <= max_level:
                return heading
        return None

    def headings_above(self, block_index: int) -> list[Block]:
        """The chain of headings above a block, nearest first, each of a higher rank."""
        chain: list[Block] = []
        for heading in self.headings_before(block_index):
            if not chain or heading.level < chain[-1].level:
                chain.append(heading)
        return chain

    def year_for(self, start: int, end: int, block_index: int) -> int | None:
        """The year a span speaks of: the last one named in it, else in its block, else the document's."""
        for text in (
            self.text[start:end],
            self.document.block_text(self.document.blocks[block_index]),
        ):
            years = years_in(text)
            if years:
                return years[-1] if len(set(years)) == 1 else Counter(years).most_common(1)[0][0]
        return self.year

    def introduction(self, block_index: int) -> Block | None:
        """The block that introduces a list item: the item or paragraph ending in ':' above it.
        An item marked differently (a number above bullets) is the item's parent: the search
        stops there, so "3. ..." is never introduced by the bullets of "2. ...:"."""
        blocks = self.document.blocks
        item = blocks[block_index]
        if item.kind != "list_item" or item.parent is None:
            return None
        for index in range(block_index - 1, max(item.parent - 2, -1), -1):
            block = blocks[index]
            if block.kind == "list":
                continue
            if self.document.block_text(block).rstrip().endswith(":"):
                return block
            if block.kind == "list_item" and (
                block.level < item.level
                or (block.level == item.level and _marker_kind(block) != _marker_kind(item))
            ):
                return None
        return None


def _marker_kind(block: Block) -> str:
    """'2.' and '(b)' number their items; '·' and '•' only mark them."""
    marker = block.marker.strip("()")
    if marker[:1].isdigit():
        return "number"
    return "letter" if marker[:1].isalpha() else "bullet"
