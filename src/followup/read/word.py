"""Word (.docx): body paragraphs and tables in order, with Word's own numbering and levels.

What is kept and what is dropped, deliberately:

- list numbers and bullets come from ``numbering.xml`` as Word computes them ("1.", "a)",
  "1.2."), and the list level from the paragraph's (or its style's) ``ilvl``;
- footnotes and endnotes are kept as ``footnote`` blocks after the body, each linked to the
  block that calls it; the call itself is not left in the sentence;
- tracked changes are read as if accepted: insertions kept, deletions dropped;
- comments, running headers and footers are dropped: they are remarks on the document or
  repeat on every page, not its content;
- bookmarks, field instructions (``PAGE``, ``HYPERLINK ...``) and other markup never reach the
  text; a field's displayed result does.
"""

from __future__ import annotations

import re

from .archive import open_zip, parse_xml, read_member
from .document import RawBlock
from .errors import ReadError
from .text import clean_inline, collapse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DROPPED = {f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText", f"{W}delInstrText",
            f"{W}commentReference", _MC_FALLBACK, f"{W}rPr", f"{W}pPr"}  # fmt: skip
_BREAKS = {f"{W}tab", f"{W}br", f"{W}cr", f"{W}ptab"}
_WHAT = ".docx"


def _attr(element, name: str) -> str | None:
    return element.get(f"{W}{name}") if element is not None else None


class DocxReader:
    EXTENSIONS = (".docx",)
    format = "docx"

    def read(self, data, context):
        limits = context.limits
        archive = open_zip(data, limits, _WHAT)

        def part(name):
            raw = read_member(archive, name, limits, _WHAT)
            return parse_xml(raw, name, _WHAT) if raw is not None else None

        body_xml = part("word/document.xml")
        if body_xml is None:
            raise ReadError("not a valid .docx file (it has no word/document.xml)")
        styles = Styles(part("word/styles.xml"))
        numbering = Numbering(part("word/numbering.xml"))
        notes = {
            **_notes(part("word/footnotes.xml"), "footnote"),
            **_notes(part("word/endnotes.xml"), "endnote"),
        }
        body = body_xml.find(f"{W}body")
        reading = _BodyReading(styles, numbering, notes)
        for element in _block_elements(body):
            reading.add(element)
        reading.add_notes()
        return reading.blocks, _core_title(part("docProps/core.xml"))


def _core_title(core) -> str:
    if core is None:
        return ""
    title = core.find("{http://purl.org/dc/elements/1.1/}title")
    return collapse(title.text or "") if title is not None else ""


def _block_elements(container):
    """Paragraphs and tables in reading order, through content controls and tracked moves."""
    if container is None:
        return
    for child in container:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}ins", f"{W}moveTo", f"{W}customXml"):
            yield from _block_elements(child)


class _BodyReading:
    def __init__(self, styles, numbering, notes):
        self.styles, self.numbering, self.notes = styles, numbering, notes
        self.blocks: list[RawBlock] = []
        self.calls: list[tuple[str, int]] = []  # (note key, raw block index), in order

    def add(self, element) -> None:
        if element.tag == f"{W}tbl":
            self.blocks.append(RawBlock("table", _table_text(element)))
            return
        text, calls = paragraph_text(element)
        if not text.strip():
            return
        block = self._block(element, text)
        if block is None:
            return
        self.calls.extend((key, len(self.blocks)) for key in calls)
        self.blocks.append(block)

    def _block(self, paragraph, text: str) -> RawBlock | None:
        ppr = paragraph.find(f"{W}pPr")
        style_id = _attr(ppr.find(f"{W}pStyle"), "val") if ppr is not None else None
        style = self.styles.get(style_id)
        num_id, ilvl = self._numbering_of(ppr, style)
        marker = self.numbering.marker(num_id, ilvl) if num_id else None
        heading = style.heading_level if style else None
        if heading is not None:
            return RawBlock("heading", f"{marker} {text}" if marker else text, heading)
        if marker is not None:
            # Nesting is what the reader sees: the indentation (a "List Bullet 2" is its own
            # list at level 0, indented further), else Word's level.
            indent = _indent(ppr) or self.numbering.indent(num_id, ilvl)
            # Word's own default: half an inch more per level.
            indent = indent if indent is not None else (ilvl + 1) * 720
            return RawBlock("list_item", text, indent, marker)
        if style and style.name.lower().startswith("list"):  # "List Bullet 2": second level
            last = style.name.split()[-1]
            return RawBlock("list_item", text, int(last) - 1 if last.isdigit() else 0, "•")
        return RawBlock("paragraph", text)

    def _numbering_of(self, ppr, style) -> tuple[str | None, int]:
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id = _attr(num_pr.find(f"{W}numId"), "val") if num_pr is not None else None
        ilvl = _attr(num_pr.find(f"{W}ilvl"), "val") if num_pr is not None else None
        if num_id is None and style is not None:
            num_id, style_ilvl = style.numbering
            ilvl = ilvl if ilvl is not None else style_ilvl
            if ilvl is None and num_id is not None:  # the level that names this style
                ilvl = self.numbering.level_of_style(num_id, style.style_id)
        if num_id in (None, "0"):  # numId 0 switches numbering off
            return None, 0
        return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0

    def add_notes(self) -> None:
        for number, (key, caller) in enumerate(self.calls, start=1):
            for text in self.notes.get(key, []):
                self.blocks.append(RawBlock("footnote", text, marker=str(number), note_of=caller))


def _indent(ppr) -> int | None:
    ind = ppr.find(f"{W}ind") if ppr is not None else None
    value = (_attr(ind, "left") or _attr(ind, "start")) if ind is not None else None
    return int(value) if value and value.lstrip("-").isdigit() else None


def paragraph_text(paragraph) -> tuple[str, list[str]]:
    """The paragraph's visible text and the keys of the notes it calls."""
    parts: list[str] = []
    calls: list[str] = []
    _collect(paragraph, parts, calls)
    return clean_inline("".join(parts)), calls


def _collect(element, parts: list[str], calls: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _DROPPED:
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in _BREAKS:
            parts.append(" ")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}footnoteReference":
            calls.append(f"footnote:{_attr(child, 'id')}")
        elif tag == f"{W}endnoteReference":
            calls.append(f"endnote:{_attr(child, 'id')}")
        elif tag == f"{W}p":  # a paragraph inside a text box: its own sentence
            parts.append(" ")
            _collect(child, parts, calls)
            parts.append(" ")
        else:
            _collect(child, parts, calls)


def _table_text(table) -> str:
    rows = []
    for row in table.iter(f"{W}tr"):
        cells = []
        for cell in row.iterchildren(f"{W}tc"):
            text = " ".join(paragraph_text(p)[0] for p in cell.iter(f"{W}p"))
            cells.append(collapse(text))
        rows.append(" | ".join(c for c in cells if c))
    return "\n".join(r for r in rows if r)


def _notes(root, kind: str) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    if root is None:
        return notes
    for note in root.iterchildren(f"{W}{kind}"):
        if _attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = [t for p in note.iter(f"{W}p") if (t := collapse(paragraph_text(p)[0]))]
        notes[f"{kind}:{_attr(note, 'id')}"] = texts
    return notes


class _Style:
    def __init__(self, style_id, name, based_on: str | None, outline: int | None, numbering):
        self.style_id, self.name, self.based_on = style_id, name, based_on
        self.outline, self._numbering = outline, numbering
        self.parent: _Style | None = None

    @property
    def heading_level(self) -> int | None:
        lowered = self.name.lower()
        if lowered == "title":
            return 1
        match = re.fullmatch(r"heading\s*(\d)", lowered)
        if match:
            return int(match.group(1))
        if self.outline is not None and self.outline < 9:
            return self.outline + 1
        return self.parent.heading_level if self.parent is not None else None

    @property
    def numbering(self) -> tuple[str | None, str | None]:
        if self._numbering[0] is not None or self.parent is None:
            return self._numbering
        return self.parent.numbering


class Styles:
    def __init__(self, root):
        self._styles: dict[str, _Style] = {}
        if root is None:
            return
        for element in root.iterchildren(f"{W}style"):
            if _attr(element, "type") != "paragraph":
                continue
            name = _attr(element.find(f"{W}name"), "val") or _attr(element, "styleId") or ""
            ppr = element.find(f"{W}pPr")
            outline = _attr(ppr.find(f"{W}outlineLvl"), "val") if ppr is not None else None
            num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
            numbering = (
                (_attr(num_pr.find(f"{W}numId"), "val"), _attr(num_pr.find(f"{W}ilvl"), "val"))
                if num_pr is not None
                else (None, None)
            )
            based_on = _attr(element.find(f"{W}basedOn"), "val")
            outline_level = int(outline) if outline and outline.isdigit() else None
            style_id = _attr(element, "styleId")
            self._styles[style_id] = _Style(style_id, name, based_on, outline_level, numbering)
        for style in self._styles.values():
            parent = self._styles.get(style.based_on) if style.based_on else None
            style.parent = parent if parent is not style else None
        self._break_cycles()

    def _break_cycles(self) -> None:
        for style in self._styles.values():
            seen, current = set(), style
            while current.parent is not None:
                if id(current) in seen:
                    current.parent = None
                    break
                seen.add(id(current))
                current = current.parent

    def get(self, style_id: str | None) -> _Style | None:
        return self._styles.get(style_id) if style_id else None


class Numbering:
    """Word's list numbering: what "1.", "a)" or "•" a paragraph shows, counted as Word does."""

    def __init__(self, root):
        self._abstract: dict[str, dict[int, dict]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, list[int]] = {}
        if root is None:
            return
        for abstract in root.iterchildren(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.iterchildren(f"{W}lvl"):
                start = _attr(lvl.find(f"{W}start"), "val")
                levels[int(_attr(lvl, "ilvl") or 0)] = {
                    "style": _attr(lvl.find(f"{W}pStyle"), "val"),
                    "indent": _indent(lvl.find(f"{W}pPr")),
                    "format": _attr(lvl.find(f"{W}numFmt"), "val") or "decimal",
                    "text": _attr(lvl.find(f"{W}lvlText"), "val") or "",
                    "start": int(start) if start and start.lstrip("-").isdigit() else 1,
                }
            self._abstract[_attr(abstract, "abstractNumId")] = levels
        for num in root.iterchildren(f"{W}num"):
            starts = {}
            for override in num.iterchildren(f"{W}lvlOverride"):
                value = _attr(override.find(f"{W}startOverride"), "val")
                if value and value.isdigit():
                    starts[int(_attr(override, "ilvl") or 0)] = int(value)
            self._nums[_attr(num, "numId")] = (_attr(num.find(f"{W}abstractNumId"), "val"), starts)

    def _levels(self, num_id: str) -> tuple[dict[int, dict], dict[int, int]]:
        abstract_id, starts = self._nums.get(num_id, (None, {}))
        return self._abstract.get(abstract_id, {}), starts

    def indent(self, num_id: str, ilvl: int) -> int | None:
        level = self._levels(num_id)[0].get(ilvl)
        return level["indent"] if level else None

    def level_of_style(self, num_id: str, style_id: str) -> str | None:
        levels, _ = self._levels(num_id)
        return next((str(i) for i, level in levels.items() if level["style"] == style_id), None)

    def marker(self, num_id: str, ilvl: int) -> str | None:
        """Count this paragraph in its list and return its marker ('•' for any bullet)."""
        levels, starts = self._levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return "•"  # numbered without a definition: still an item
        counters = self._counters.setdefault(num_id, [0] * 9)
        ilvl = min(ilvl, 8)
        start = starts.get(ilvl, level["start"])
        counters[ilvl] = start if counters[ilvl] == 0 else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if level["format"] == "bullet":
            return "•"
        if level["format"] == "none":
            return ""

        def number(match):
            index = int(match.group(1)) - 1
            shown = levels.get(index, level)
            value = counters[index] or starts.get(index, shown["start"])
            return format_number(value, shown["format"])

        return re.sub(r"%(\d)", number, level["text"]).strip()


def format_number(value: int, number_format: str) -> str:
    if number_format in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if number_format == "upperLetter" else letters
    if number_format in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if number_format == "upperRoman" else roman.lower()
    if number_format == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip
    out = ""
    for number, numeral in numerals:
        while value >= number:
            out += numeral
            value -= number
    return out
