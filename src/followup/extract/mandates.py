"""Mandates: commitments in a list, each closed by the citation of the instrument that adopted it.

"... public deliberation. (Inter-American Action Plan on Democratic Governance, IX Summit of the
Americas, Los Angeles, 2022)." and "... retaliatory actions. (Lima Commitment. Peru, 2018)".
"""

from __future__ import annotations

import re
from collections import Counter

from followup.read import Block

from .bodies import registry_names
from .context import DocumentContext
from .dates import years_in
from .items import Item
from .pipeline import Extraction, Found, Taken

CITATION = re.compile(r"\s*\((?P<citation>[^()]{3,300}?(?P<year>(?:19|20)\d{2}))\)\s*\.?\s*$")
_SUMMIT = re.compile(r"\b(?:Summit|Cumbre|Cúpula|Sommet)\b", re.I)
# "... the Seventh Conference of the States Parties agreed to “request that ...”"
AGREED = re.compile(
    r"\b(?:agreed|resolved|decided|committed(?: themselves)?|undertook|acordaron|resolvieron|"
    r"decidieron|se comprometieron|acordaram|decidiram|ont convenu|ont décidé)\s(?:to|a|de)?\s?"
    r"[“\"«](?P<quote>[^”\"»]{20,})[”\"»]"
)
_MEETING = re.compile(
    r"(?:[A-Z][\w-]*\s)+(?:Conference|Meeting|Summit|Assembly|Session|Conferencia|Reunión|Cumbre|"
    r"Asamblea|Conferência|Reunião|Cúpula|Conférence|Réunion|Sommet)"
    r"(?:\s(?:of|de|del|da|do|des|du)(?:\sthe|\sla|\slos)?(?:\s[A-Z][\w/-]*)+)*"
)


def parse_citation(citation: str) -> dict:
    """'Instrument, Summit, Place, Year' or 'Instrument. Place, Year' -> source fields."""
    parts = [p.strip() for p in citation.split(",") if p.strip()]
    year = int(parts.pop()) if parts and re.fullmatch(r"(?:19|20)\d{2}", parts[-1]) else None
    source = {"instrument": None, "summit": None, "place": None, "year": year}
    summit_at = next((i for i, p in enumerate(parts) if _SUMMIT.search(p)), None)
    if summit_at is not None and summit_at > 0:
        source["instrument"] = ", ".join(parts[:summit_at])
        source["summit"] = parts[summit_at]
        source["place"] = ", ".join(parts[summit_at + 1 :]) or None
    elif parts:
        first, rest = parts[0], parts[1:]
        if ". " in first:  # "Lima Commitment. Peru"
            first, _, place = first.partition(". ")
            rest = [place, *rest]
        source["instrument"] = first.rstrip(".")
        source["place"] = ", ".join(rest) or None
    return source


_MINOR_WORDS = frozenset(
    [
        "and",
        "at",
        "of",
        "the",
        "for",
        "on",
        "to",
        "in",
        "a",
        "y",
        "e",
        "o",
        "de",
        "del",
        "la",
        "las",
        "los",
        "el",
        "en",
        "con",
        "para",
        "por",
        "et",
        "des",
        "du",
        "le",
        "les",
        "da",
        "do",
        "das",
        "dos",
        "com",
    ]
)


def topic_of(heading: str) -> str:
    """'SECURITY: Public Policies' -> 'Security: Public Policies'; 'SALUD Y RESILIENCIA' ->
    'Salud y Resiliencia'."""

    def recase(part: str) -> str:
        if part != part.upper():
            return part  # already in mixed case: its capitals (acronyms too) are meant
        words = part.split(" ")
        return " ".join(
            w
            if w in registry_names()
            else w.lower()
            if i and w.lower() in _MINOR_WORDS
            else w.capitalize()
            for i, w in enumerate(words)
        )

    return ":".join(recase(part) for part in heading.split(":"))


def extract_mandates(context: DocumentContext, actors=None, found=None) -> Extraction:
    """Cited mandates of lists and paragraphs; they take their whole blocks (citation and
    sub-items included)."""
    text, blocks = context.text, context.document.blocks
    taken = Taken()
    items: list[Item] = []
    cited: list[Block] = []
    parent_waiting: Item | None = None  # "..., to include:" takes its sub-items' citation
    for index, block in enumerate(blocks):
        if block.kind not in ("list_item", "paragraph"):
            continue
        content = text[block.start : block.end]
        citation = CITATION.search(content)
        if parent_waiting is not None and block.kind == "list_item" and block.level > 0:
            if citation and parent_waiting.fields["source"] is None:
                parent_waiting.fields["source"] = parse_citation(citation.group("citation"))
                parent_waiting.unparsed.pop("source", None)
            taken.add(block.start, block.end)
            continue
        parent_waiting = None
        if citation is None and not (
            block.kind == "list_item"
            and content.rstrip().endswith(":")
            and _next_is_cited_subitem(context, index)
        ):
            continue
        end = block.start + (citation.start() if citation else len(content.rstrip()))
        if len(text[block.start : end].split()) < 4:
            continue
        if citation:
            items.append(
                _mandate(context, index, end, parse_citation(citation.group("citation")), taken)
            )
            cited.append(block)
        else:
            parent_waiting = _mandate(
                context, index, end, None, taken, "the citation is on the sub-items"
            )
            items.append(parent_waiting)
    items += _uncited_in_mandate_lists(context, cited, taken)
    return Extraction(sorted(items, key=lambda i: i.start), list(taken))


def _mandate(
    context: DocumentContext,
    index: int,
    end: int,
    source: dict | None,
    taken: Taken,
    reason: str = "",
) -> Item:
    """The mandate a list item or paragraph states, up to ``end``; the block is taken."""
    block = context.document.blocks[index]
    heading = context.heading_for(index)
    item = Item(
        "mandate",
        block.start,
        end,
        context.text[block.start : end],
        fields={
            "source": source,
            "topic": topic_of(context.document.block_text(heading)) if heading else None,
        },
    )
    if reason:
        item.unparsed["source"] = reason
    taken.add(block.start, block.end)
    return item


def _uncited_in_mandate_lists(
    context: DocumentContext, cited: list[Block], taken: Taken
) -> list[Item]:
    """An item of a list of cited mandates (most of its items cited) that lacks its own
    citation is still a mandate: kept with a null source and the reason, not taken for an
    action."""
    blocks = context.document.blocks
    cited_in = Counter((b.parent, b.level) for b in cited)
    siblings = Counter((b.parent, b.level) for b in blocks if b.kind == "list_item")
    mandate_lists = {key for key, n in cited_in.items() if n >= 2 and 2 * n >= siblings[key]}
    items = []
    for index, block in enumerate(blocks):
        content = context.document.block_text(block).rstrip()
        if (
            block.kind == "list_item"
            and (block.parent, block.level) in mandate_lists
            and not taken.overlaps(block.start, block.end)
            and len(content.split()) >= 4
        ):
            reason = "no citation follows this item of a list of cited mandates"
            items.append(_mandate(context, index, block.start + len(content), None, taken, reason))
    return items


def extract_agreed_mandates(context: DocumentContext, actors, found: Found) -> Extraction:
    """What a conference or the member states "agreed to" in quotes, with the meeting as
    source; the whole sentence is taken."""
    items, taken = [], []
    for sentence in context.sentences:
        if found.taken.overlaps(sentence.start, sentence.end):
            continue
        content = sentence.text_in(context.text)
        agreed = AGREED.search(content)
        if not agreed:
            continue
        meeting = _MEETING.search(content[: agreed.start()])
        years = years_in(content[: agreed.start()])
        start = sentence.start + agreed.start("quote")
        end = sentence.start + agreed.end("quote")
        items.append(
            Item(
                "mandate",
                start,
                end,
                context.text[start:end],
                fields={
                    "source": {
                        "instrument": meeting.group(0).strip() if meeting else None,
                        "summit": None,
                        "place": None,
                        "year": years[-1] if years else None,
                    },
                    "topic": None,
                },
            )
        )
        taken.append((sentence.start, sentence.end))
    return Extraction(items, taken)


def _next_is_cited_subitem(context: DocumentContext, index: int) -> bool:
    blocks = context.document.blocks
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return bool(
        following
        and following.kind == "list_item"
        and following.level > 0
        and CITATION.search(context.document.block_text(following))
    )
