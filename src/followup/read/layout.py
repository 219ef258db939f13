"""Positioned lines (from a PDF's text layer or from OCR) rebuilt into blocks.

The rules, in the order they apply:

1. Running headers and footers are dropped: a line near the top or bottom edge whose text,
   digits aside, recurs on at least two pages, and any page number ("3", "Page 3 of 9").
2. Footnotes are the small lines at the foot of a page that start with a call seen in the
   body as a superscript; they become ``footnote`` blocks linked to the block that calls them.
3. Two columns are read left then right, between the full-width lines that cross the middle.
4. Lines join into one block unless the gap between them, their size or weight, or a list
   marker says otherwise; a word hyphenated at a line end is joined again. A paragraph that
   runs on to the next column or page (no closing punctuation) is joined too.
5. Headings are blocks set larger than the body text (or bold and short); their level is
   the rank of their size. List items keep their number or bullet, nested by indentation.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .document import RawBlock
from .hyphenation import words_after_hyphen
from .plain import LIST_MARKER

_TERMINAL = (".", ";", ":", "!", "?", "…", "»", "”", '"')
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:page|página|pág\.?|p\.|pagina|seite)\s*)?\d{1,4}"
    r"(?:\s*(?:of|de|/|sur|sobre)\s*\d{1,4})?[-–—\s]*$",
    re.IGNORECASE,
)
_EDGE = 0.12  # share of the page height at the top and at the bottom where running lines live
_HYPHENS = ("-", "\u2010", "\u00ad")


@dataclass
class Line:
    """One visual line: its box, its font size and weight, its text, the note calls it holds."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool
    text: str
    page: int = 0
    calls: list[str] = field(default_factory=list)
    table: list[list[str]] | None = None  # a whole table standing in the flow as one line
    indent: float = 0.0  # from the left edge of its column

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]


def blocks_from_pages(pages: list[Page]) -> list[RawBlock]:
    """All pages' lines to raw blocks (body first, then footnotes)."""
    _drop_running_lines(pages)
    body_size = _body_size(pages)
    flow: list[Line | None] = []  # None marks a break in the flow (a new column or page)
    notes: list[tuple[str, str, int]] = []  # (call, text, page)
    paged_runs = []
    margins: dict[str, Counter] = {}
    for page in pages:
        runs = _reading_order(page, page.lines)
        body, page_notes = _split_footnotes(page, [ln for _, run in runs for ln in run], body_size)
        notes.extend(page_notes)
        kept = {id(line) for line in body}
        paged_runs.append([(side, [ln for ln in run if id(ln) in kept]) for side, run in runs])
        for side, run in runs:
            margins.setdefault(side, Counter()).update(round(line.x0) for line in run)
    # A column's margin is where most of its lines start, over the whole document (not its
    # leftmost line, which may be a list number set outside the margin): list indents are
    # measured from it, so that a list going on in the next column keeps its levels.
    for runs in paged_runs:
        for side, run in runs:
            if not run:
                continue
            margin = margins[side].most_common(1)[0][0]
            for line in run:
                line.indent = line.x0 - margin
            flow.append(None)
            flow.extend(run)
    heading_sizes = sorted(
        {round(line.size) for line in flow if line and line.size >= body_size * 1.15},
        reverse=True,
    )
    builder = _Builder(body_size, heading_sizes, vocabulary_of(flow))
    for line in flow:
        builder.add(line)
    builder.finish()
    _cluster_list_levels(builder.blocks)
    return builder.blocks + _footnote_blocks(notes, builder.calls)


def _cluster_list_levels(blocks: list[RawBlock], tolerance: int = 4) -> None:
    """List items whose markers start within a few points of each other share a level
    ("a." and "b." set right-aligned differ by a fraction of a point, "9." and "10." by a digit)."""
    run: list[RawBlock] = []
    for block in [*blocks, RawBlock("paragraph", "")]:
        if block.kind == "list_item":
            run.append(block)
            continue
        rank, previous, ranks = -1, None, {}
        for indent in sorted({item.level for item in run}):
            if previous is None or indent - previous > tolerance:
                rank += 1
            ranks[indent], previous = rank, indent
        for item in run:
            item.level = ranks[item.level]
        run = []


def _normalized(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _drop_running_lines(pages: list[Page]) -> None:
    edge_texts: Counter[str] = Counter()
    for page in pages:
        seen = {_normalized(line.text) for line in page.lines if _at_edge(line, page)}
        edge_texts.update(seen)
    for page in pages:
        page.lines = [
            line
            for line in page.lines
            if not (
                _at_edge(line, page)
                and (
                    _PAGE_NUMBER.match(line.text.strip())
                    or (len(pages) > 1 and edge_texts[_normalized(line.text)] >= 2)
                )
            )
        ]


def _at_edge(line: Line, page: Page) -> bool:
    return line.y1 < page.height * _EDGE or line.y0 > page.height * (1 - _EDGE)


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _split_footnotes(page: Page, ordered: list[Line], body_size: float):
    """The page's body lines, and its footnotes as (call, text, page), in reading order."""
    calls = {call for line in page.lines for call in line.calls}
    body: list[Line] = []
    notes: list[list] = []
    lower_half = page.height * 0.5
    last_body_y = max(
        (ln.y1 for ln in page.lines if ln.size > body_size * 0.9 and ln.table is None), default=0
    )
    for line in ordered:
        small = line.size <= body_size * 0.9 and line.y0 > lower_half and line.y0 >= last_body_y
        if small and calls:
            label = re.match(r"^(\d{1,3}|[*†‡])\s*", line.text)
            if label and label.group(1) in calls:
                notes.append([label.group(1), line.text[label.end() :], page.number])
                continue
            if notes:
                notes[-1][1] += " " + line.text
                continue
        body.append(line)
    return body, [tuple(n) for n in notes]


def _reading_order(page: Page, lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """The page's lines as (side, run) to read in order: two columns give left, right runs."""
    middle = page.width / 2
    left = [ln for ln in lines if ln.x1 <= middle + 2]
    right = [ln for ln in lines if ln.x0 >= middle - 2]
    if len(left) < 3 or len(right) < 3:
        return [("single", sorted(lines, key=lambda ln: (ln.y0, ln.x0)))]
    runs: list[tuple[str, list[Line]]] = []
    segment_left: list[Line] = []
    segment_right: list[Line] = []
    for line in sorted(lines, key=lambda ln: (ln.y0, ln.x0)):
        if line.x1 <= middle + 2:
            segment_left.append(line)
        elif line.x0 >= middle - 2:
            segment_right.append(line)
        else:  # a full-width line (a title, a table) closes the columns above it
            runs.extend(r for r in (("left", segment_left), ("right", segment_right)) if r[1])
            segment_left, segment_right = [], []
            runs.append(("left", [line]))
    runs.extend(r for r in (("left", segment_left), ("right", segment_right)) if r[1])
    return runs


class _Builder:
    def __init__(self, body_size: float, heading_sizes: list[int], vocabulary: frozenset[str]):
        self.vocabulary = vocabulary
        self.body_size = body_size
        self.heading_sizes = heading_sizes
        self.blocks: list[RawBlock] = []
        self.calls: dict[str, int] = {}  # note call -> raw block index
        self.current: list[Line] = []
        self.marker_x: float | None = None
        self.marker: str = ""
        self.flow_broken = False

    def add(self, line: Line | None) -> None:
        if line is None:
            self.flow_broken = True
            return
        if line.table is not None:
            self._close()
            rows = [" | ".join(c for c in row if c) for row in line.table]
            self.blocks.append(RawBlock("table", "\n".join(r for r in rows if r)))
            self.flow_broken = False
            return
        marker = LIST_MARKER.match(line.text)
        if self.current and not self._continues(self.current[-1], line, marker):
            self._close()
        if not self.current:
            self.marker = marker.group(0).strip() if marker else ""
            self.marker_x = line.indent if marker else None
        self.current.append(line)
        self.flow_broken = False

    def _continues(self, previous: Line, line: Line, marker) -> bool:
        if abs(previous.size - line.size) > 0.6 or (previous.bold != line.bold and not self.marker):
            return False
        if _is_caps(previous.text) != _is_caps(line.text):  # a title in capitals, then text
            return False
        if marker and not (self.flow_broken and not previous.text.endswith(_TERMINAL)):
            return False
        if self.flow_broken:  # next column or page: go on only mid-sentence
            if self.marker_x is not None:  # the item's text now starts here
                self.marker_x = min(self.marker_x, line.indent - 2)
            return not previous.text.endswith(_TERMINAL)
        if self.marker_x is not None and line.indent <= self.marker_x + 1:
            return False  # back at the list's margin: the item has ended
        gap = line.y0 - previous.y1
        if gap > max(previous.height, line.height) * 0.45 or gap < -previous.height:
            return False
        return not (self.marker_x is None and line.indent > previous.indent + previous.size * 1.5)

    def _close(self) -> None:
        lines, self.current = self.current, []
        if not lines:
            return
        text = lines[0].text
        for line in lines[1:]:
            text = join_lines(text, line.text, self.vocabulary)
        index = len(self.blocks)
        for line in lines:
            for call in line.calls:
                self.calls.setdefault(call, index)
        size = max(line.size for line in lines)
        if self.marker:
            content = text[len(self.marker) :].strip() if text.startswith(self.marker) else text
            self.blocks.append(RawBlock("list_item", content, int(self.marker_x or 0), self.marker))
        elif round(size) in self.heading_sizes and len(text) < 300:
            level = self.heading_sizes.index(round(size)) + 1
            self.blocks.append(RawBlock("heading", text, level))
        elif (all(ln.bold for ln in lines) or _is_caps(text)) and _is_short_title(text):
            self.blocks.append(RawBlock("heading", text, len(self.heading_sizes) + 1))
        else:
            self.blocks.append(RawBlock("paragraph", text))
        self.marker, self.marker_x = "", None

    def finish(self) -> None:
        self._close()


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _is_short_title(text: str) -> bool:
    return len(text.split()) <= 15 and not text.endswith((".", ";", ","))


def join_lines(text: str, following: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Two lines of one block; a word hyphenated across them is joined again.

    The hyphen stays when what follows is a word that stands after a hyphen ("publicá-las",
    "peut-être": data/hyphenation.yaml) or when the document spells the hyphenated form
    elsewhere on one line (``vocabulary``).
    """
    if text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalpha() and following[:1].islower():
        head = re.split(r"\W", text[:-1])[-1].lower()
        tail = re.split(r"[^\w]", following, maxsplit=1)[0].lower()
        if tail in words_after_hyphen() or f"{head}-{tail}" in vocabulary:
            return text[:-1] + "-" + following
        return text[:-1] + following
    return f"{text} {following}"


def vocabulary_of(lines) -> frozenset[str]:
    """The lower-cased words (hyphenated ones included) that the lines spell out."""
    return frozenset(
        word.lower() for line in lines if line for word in re.findall(r"\w+(?:-\w+)*", line.text)
    )


def _footnote_blocks(notes, calls: dict[str, int]) -> list[RawBlock]:
    return [
        RawBlock("footnote", text.strip(), marker=call, note_of=calls.get(call))
        for call, text, _page in notes
    ]
