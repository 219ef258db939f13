"""Resolutions: the operative paragraphs of a resolution ("1. To instruct the General
Secretariat to ...", "2. Encomendar a la Secretaría General ...") are mandates whose source is
the resolution itself: its symbol (AG/RES. 2908 (XLVII-O/17)), its year and the paragraph's
number; the topic is the resolution's title.

A document is a resolution when its symbol heads it (in its first blocks), or when its genre
is ``resolution`` (a preamble and an operative part, see ``followup.extract.genres``; its
source then has no symbol). The operative part starts at the cue that opens it ("RESOLVES:",
"RESUELVE:", "DÉCIDE :"), or, when the cue is missing, at the first numbered paragraph that
opens with an infinitive; each paragraph of it that opens with an infinitive is one mandate,
also after a qualifier that ends in a comma ("Ad referendum of the General Assembly, to ...").
"""

from __future__ import annotations

import re

from .actors import Actors
from .bodies import ORGANIZATION_HEADS
from .context import DocumentContext
from .items import Item
from .lang import LanguageRules, tokens_of
from .mandates import topic_of
from .pipeline import Found

# "AG/RES. 2908 (XLVII-O/17)", "CP/RES. 936 (1650/08)", "CIDI/RES. 12 (II-O/97)".
SYMBOL = re.compile(r"\b[A-Z]{2,8}(?:/[A-Z]{2,8})?/RES\.\s?\d+\s?\((?P<session>[^()]{2,30})\)")
_HEAD_BLOCKS = 6
_NOT_A_TITLE = re.compile(r"^(?:OEA/Ser|OAS/Ser|Original|\(|\d)|/RES\.", re.I)


def resolution_of(context: DocumentContext) -> dict | None:
    """The resolution a document is: symbol, year and title, or None."""
    blocks = context.document.blocks
    for index, block in enumerate(blocks[:_HEAD_BLOCKS]):
        symbol = SYMBOL.search(context.document.block_text(block))
        if symbol:
            return {
                "symbol": re.sub(r"\s+", " ", symbol.group(0)),
                "year": _year(symbol.group("session"), context.year),
                "title": _title(context, index),
            }
    return None


def _year(session: str, default: int | None) -> int | None:
    """'XLVII-O/17' -> 2017, '1650/08' -> 2008: the two digits after the last slash."""
    found = re.search(r"/(\d{2}|\d{4})$", session.strip())
    if not found:
        return default
    year = int(found.group(1))
    return year if year > 999 else (1900 + year if year >= 50 else 2000 + year)


def _title(context: DocumentContext, symbol_block: int) -> str | None:
    for block in context.document.blocks[symbol_block + 1 : symbol_block + 8]:
        content = context.document.block_text(block).strip()
        if (
            block.kind == "heading"
            and len(content.split()) >= 3
            and not _NOT_A_TITLE.search(content)
        ):
            return topic_of(content)
    return None


def opens_with_infinitive(tokens: list[str], rules: LanguageRules) -> bool:
    """'To instruct ...', 'Encomendar ...', 'Charger ...': an operative paragraph's verb."""
    if not tokens or not tokens[0][:1].isupper():
        return False
    first = tokens[0].lower()
    if first in rules.words("infinitive_markers"):
        return len(tokens) > 1 and tokens[1].islower()
    endings = rules.entries["infinitive_endings"]
    return (
        bool(endings)
        and len(first) >= 5
        and first.endswith(endings)
        and first not in rules.function_words
    )


def opens_with_verb(text: str, rules: LanguageRules) -> bool:
    """'To promote ...', 'Promover ...', 'Promote ...', 'Continuing to strengthen ...': a list
    item of mandates opens with an infinitive, an imperative or a gerund."""
    tokens = tokens_of(text)
    if opens_with_infinitive(tokens, rules):
        return True
    if not tokens or not tokens[0][:1].isupper() or len(tokens) < 4:
        return False
    first = tokens[0].lower()
    if first in rules.function_words:
        return False
    return (rules.ends_with(first, "gerund_endings") and len(first) > 5) or (
        (rules.is_stem_of(first, "action_verbs") or rules.is_stem_of(first, "mandate_verbs"))
        and not rules.ends_with(first, "past_endings")
        and tokens[1].islower()
    )


def extract_resolution_mandates(context: DocumentContext, actors: Actors, found: Found):
    resolution = resolution_of(context)
    if resolution is None and context.genre == "resolution":
        resolution = {"symbol": None, "year": context.year, "title": _title(context, -1)}
    if resolution is None:
        return []
    text, blocks = context.text, context.document.blocks
    operative = False
    items = []
    for index, block in enumerate(blocks):
        content = context.document.block_text(block).strip()
        rules = context.rules_at(index)
        words = [t.lower() for t in tokens_of(content)]
        if content.endswith(":") and rules.starts_with_phrase(words, "operative_cues"):
            operative = True
            continue
        if block.kind not in ("list_item", "paragraph"):
            continue
        tokens = tokens_of(content)
        if not (
            opens_with_infinitive(tokens, rules)
            or (operative and _infinitive_after_qualifier(content, rules))
        ):
            continue
        if not operative and not (block.kind == "list_item" and block.marker[:1].isdigit()):
            continue
        operative = True
        end = block.start + len(context.document.block_text(block).rstrip())
        items.append(
            Item(
                "mandate",
                block.start,
                end,
                text[block.start : end],
                fields={
                    "source": {
                        "instrument": resolution["symbol"] or resolution["title"],
                        "summit": None,
                        "place": None,
                        "year": resolution["year"],
                        "paragraph": block.marker.rstrip(".)") or None,
                    },
                    "topic": resolution["title"],
                    "responsible": responsible(actors, block.start, end, rules),
                },
            )
        )
    return items


def _infinitive_after_qualifier(content: str, rules: LanguageRules) -> bool:
    """'Ad referendum of the General Assembly, to return ...': a short opening phrase, a comma,
    then the paragraph's infinitive."""
    opening, comma, rest = content.partition(",")
    if not comma or not 1 <= len(opening.split()) <= 8:
        return False
    tokens = tokens_of(rest)
    return bool(tokens) and opens_with_infinitive([tokens[0].capitalize(), *tokens[1:]], rules)


def responsible(actors: Actors, start: int, end: int, rules: LanguageRules) -> str | None:
    """The body a paragraph instructs or addresses: the name after its verb ("To instruct the
    General Secretariat to ...", "Solicitar al Consejo Permanente que ...")."""
    text = actors.context.text
    tokens = list(re.finditer(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*", text[start:end]))
    skip = 2 if tokens and tokens[0].group(0).lower() in rules.words("infinitive_markers") else 1
    position = skip
    while position < len(tokens) and tokens[position].group(0).lower() in rules.words(
        "addressee_prepositions"
    ):
        position += 1
    if position >= len(tokens):
        return None
    return actors.body_at(start + tokens[position].start(), end) or _named_body(
        [t.group(0) for t in tokens[position:]]
    )


def _named_body(words: list[str]) -> str | None:
    """A capitalized name headed by an organization word ("Secretaria-Geral", "Secrétariat
    Général"), as written, when no body the document knows opens the span."""
    name = []
    for word in words:
        if not word[:1].isupper():
            break
        name.append(word)
    parts = {part.lower() for word in name for part in word.split("-")}
    return " ".join(name) if parts & ORGANIZATION_HEADS else None
