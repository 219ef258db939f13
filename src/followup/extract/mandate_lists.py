"""Mandates listed without a citation in a list of mandates: "Sixth Summit of the Americas ...
MANDATES ... 1. To promote ...". In a document whose genre is ``mandate_list``, a list item (or
a numbered paragraph) that opens with an infinitive, an imperative or a gerund, and that no
earlier statement took, is a mandate. Its source is the instrument the document's header names:
the heading that announces the mandates, the summit named in the header, the place ("Cartagena
de Indias, Colombia" gives "Cartagena de Indias") and the year.
"""

from __future__ import annotations

import re
from collections import Counter

from .context import DocumentContext
from .countries import countries_in
from .dates import years_in
from .items import Item
from .lang import all_rules, tokens_of
from .mandates import _SUMMIT, topic_of
from .pipeline import Found
from .resolutions import opens_with_verb

_HEADER_BLOCKS = 12
_MIN_WORDS = 6


def extract_listed_mandates(context: DocumentContext, actors, found: Found) -> list[Item]:
    if context.genre != "mandate_list":
        return []
    blocks = context.document.blocks
    source: dict | None = None
    items = []
    for index, block in enumerate(blocks):
        if block.kind != "list_item":
            continue
        content = context.document.block_text(block).rstrip()
        if (
            found.taken.overlaps(block.start, block.end)
            or len(content.split()) < _MIN_WORDS
            or not opens_with_verb(content, context.rules_at(index))
        ):
            continue
        if source is None:
            source = header_source(context)
        heading = context.heading_for(index)
        item = Item(
            "mandate",
            block.start,
            block.start + len(content),
            content,
            fields={
                "source": source or None,
                "topic": topic_of(context.document.block_text(heading)) if heading else None,
            },
        )
        if not source:
            item.unparsed["source"] = "no citation, and the document's header names no instrument"
        items.append(item)
    return items


def header_source(context: DocumentContext) -> dict:
    """The instrument a document's header names, as a mandate's source; {} when none."""
    head = [
        context.document.block_text(b).strip()
        for b in context.document.blocks[:_HEADER_BLOCKS]
        if b.kind in ("heading", "paragraph")
    ]
    languages = all_rules()

    def announces(line: str) -> bool:
        words = [w.lower() for w in tokens_of(line)]
        return any(rules.has_phrase(words, "mandate_list_cues") for rules in languages)

    instrument = next((line for line in head if announces(line) and len(line.split()) <= 20), None)
    summit = next(
        (
            line
            for line in head
            if _SUMMIT.search(line) and len(line.split()) <= 8 and line != instrument
        ),
        None,
    )
    if instrument is None and summit is None:
        return {}
    place = next((p for p in map(_place, head) if p), None)
    years = Counter(y for line in head for y in years_in(line))
    return {
        "instrument": topic_of(instrument or summit),
        "summit": topic_of(summit) if summit else None,
        "place": place,
        "year": years.most_common(1)[0][0] if years else context.year,
    }


def _place(line: str) -> str | None:
    """'Cartagena de Indias, Colombia' -> 'Cartagena de Indias': a short line that ends in a
    country after a comma."""
    head, comma, country = line.rpartition(",")
    if not comma or len(line.split()) > 8 or re.search(r"\d", line):
        return None
    return head.strip() if countries_in(country.strip()) and head.strip() else None
