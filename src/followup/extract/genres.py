"""What kind of document a text is, from its structure and the cues of its first blocks.

The genre is a prior for the extractors (see ``followup.extract``): the operative paragraphs of a
resolution are its mandates; an uncited list of infinitives or gerunds in a list of mandates is
mandates; the clauses of a press release in which the commission urges or calls on someone are
recommendations. The cues are data, read from every language file at once (a document's
language may be detected wrong, and a Spanish heading can open an English page).

The first rule that holds names the genre, in this order:

1. ``resolution``: a resolution's symbol (AG/RES. 2908 (XLVII-O/17)) heads it and a preamble
   cue (CONSIDERING, VISTOS) or an operative cue (RESOLVES:) opens a block; or both cues do.
2. ``mandate_list``: two or more blocks closed by an instrument's citation ("(Lima Commitment.
   Peru, 2018)"), or a mandate cue in its headings or introduction (MANDATES, "we commit to:")
   above two or more list items that open with an infinitive or a gerund.
3. ``measures_inventory``: two or more headings (or openings of list items) that are country
   names, and a cue of measures (measures, medidas, responses to) in its head.
4. ``press_release``: a press cue (press release, comunicado de prensa) in its head, a release
   number (No. 12/24, C-071/15), or a dateline ("Washington, D.C., June 12, 2024 –").
5. ``annual_report_chapter``: a chapter heading (Chapter IV.A, CAPÍTULO V) or an annual report
   cue (informe anual) in its head.
6. ``activity_report``: a report cue (progress report, informe de actividades) in its head or
   in a heading ("Report by the Department of ...").
7. ``other``.
"""

from __future__ import annotations

import re

from followup.read import ReadDocument

from .context import DocumentContext
from .countries import countries_in, country_names
from .lang import all_rules, tokens_of
from .mandates import CITATION
from .resolutions import SYMBOL, opens_with_verb

GENRES = (
    "mandate_list",
    "resolution",
    "press_release",
    "activity_report",
    "annual_report_chapter",
    "measures_inventory",
    "other",
)
HEAD_BLOCKS = 8  # the blocks where a document says what it is: its title, symbol, dateline
# "Press Release No. 1/07", "C-071/15": a release's number (not a date: 12/06/2024).
_RELEASE_NUMBER = re.compile(r"(?:\b(?:No|Nº|N°|Núm|Nro)\.?\s?|\b[A-Z]-)\d{1,4}/\d{2}\b(?!/)")
# "Washington, D.C. - The Commission ...", "Lima, 8 de mayo de 2024. – La ...": a place (or a
# date), a dash, then the sentence ("the 2025–2030 plan" is no dateline).
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Ý][\w.]*(?: [\w.]+){0,2},(?: ?[\w.]+){1,4}|[^\n]{0,60}?(?:19|20)\d{2}\.?)"
    r"(?:\s?[–—]{1,2}|[\s.]-{1,2})\s?[A-ZÀ-Ý\"“«]"
)


def _is_country(text: str) -> bool:
    """A heading that is a country's name, in any case ("ANTIGUA AND BARBUDA")."""
    name = text.strip(" :.")
    return bool(countries_in(name)) or name.lower() in country_names()


_CHAPTER = re.compile(r"^\s*(?P<word>[^\W\d_]+)\s+(?:[IVXLC]+|\d+)\b")


def genre_of(document: ReadDocument) -> str:
    """The genre of a read document (one of ``GENRES``)."""
    return recognise_genre(DocumentContext(document, language=document.language or "en"))


def recognise_genre(context: DocumentContext) -> str:
    cues = _Cues(context)
    if cues.is_resolution():
        return "resolution"
    if cues.is_mandate_list():
        return "mandate_list"
    if cues.is_measures_inventory():
        return "measures_inventory"
    if cues.is_press_release():
        return "press_release"
    if cues.is_annual_report_chapter():
        return "annual_report_chapter"
    if cues.is_activity_report():
        return "activity_report"
    return "other"


class _Cues:
    def __init__(self, context: DocumentContext):
        self.context = context
        self.document = context.document
        self.languages = all_rules()
        self.blocks = [
            (block, self.document.block_text(block).strip()) for block in self.document.blocks
        ]
        self.head = [(b, t) for b, t in self.blocks[:HEAD_BLOCKS] if b.kind != "list"]

    def _has(self, text: str, entry: str) -> bool:
        words = [w.lower() for w in tokens_of(text)]
        return any(rules.has_phrase(words, entry) for rules in self.languages)

    def _opens_with(self, text: str, entry: str) -> bool:
        words = [w.lower() for w in tokens_of(text)]
        return any(rules.starts_with_phrase(words, entry) for rules in self.languages)

    def _head_has(self, entry: str) -> bool:
        return any(self._has(text, entry) for _block, text in self.head) or self._has(
            self.document.title, entry
        )

    def is_resolution(self) -> bool:
        symbol = any(SYMBOL.search(text) for _b, text in self.blocks[:6] if len(text) < 100)
        preamble = any(
            self._opens_with(text, "preamble_cues") for _b, text in self.blocks if len(text) < 400
        )
        operative = any(
            text.endswith(":") and self._opens_with(text, "operative_cues")
            for _b, text in self.blocks
            if len(text) < 80
        )
        return (symbol and (preamble or operative)) or (preamble and operative)

    def is_mandate_list(self) -> bool:
        cited = sum(
            1
            for block, text in self.blocks
            if block.kind in ("list_item", "paragraph") and CITATION.search(text)
        )
        if cited >= 2:
            return True
        introduced = any(
            self._has(text, "mandate_list_cues")
            for block, text in self.blocks
            if block.kind == "heading" or (block.kind == "paragraph" and text.endswith(":"))
        )
        if not introduced:
            return False
        verbs = sum(
            1
            for index, (block, text) in enumerate(self.blocks)
            if block.kind == "list_item" and opens_with_verb(text, self.context.rules_at(index))
        )
        return verbs >= 2

    def is_measures_inventory(self) -> bool:
        country_heads = 0
        for block, text in self.blocks:
            if block.kind == "heading" and len(text.split()) <= 5:
                country_heads += _is_country(text)
            elif block.kind in ("list_item", "paragraph"):
                # "Brazil: ...", "In Colombia, ...", "En México, ...": a country opens it.
                opening = re.split(r"[:,;–—]", text, maxsplit=1)[0]
                country_heads += (
                    opening != text and len(opening.split()) <= 4 and bool(countries_in(opening))
                )
        return country_heads >= 2 and self._head_has("measures_cues")

    def is_press_release(self) -> bool:
        if self._head_has("press_release_cues"):
            return True
        if any(_RELEASE_NUMBER.search(text) for _block, text in self.head):
            return True
        return any(b.kind == "paragraph" and _DATELINE.match(t) for b, t in self.head)

    def is_annual_report_chapter(self) -> bool:
        for block, text in self.head:
            chapter = _CHAPTER.match(text) if block.kind == "heading" else None
            if chapter and any(
                chapter.group("word").lower() in rules.words("chapter_words")
                for rules in self.languages
            ):
                return True
        return self._head_has("annual_report_cues")

    def is_activity_report(self) -> bool:
        return self._head_has("report_cues") or any(
            self._opens_with(text, "report_cues")
            for block, text in self.blocks
            if block.kind in ("heading", "list_item") and len(text.split()) <= 25
        )
