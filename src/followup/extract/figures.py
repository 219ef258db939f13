"""Figures: a number with what it counts ("5,231 petitions were evaluated", "63.8%", "$10,627,900")."""

from __future__ import annotations

import re

from .actors import Actors
from .context import DocumentContext
from .dates import find_dates
from .items import Item
from .numbers import find_numbers

PEOPLE = re.compile(
    r"^(?:\s*(?:more|other|additional|new|young|local|public|civil|government|state)\b)*\s*"
    r"(?:people|persons|participants|attendees|officials|professionals|children|women|men|girls|"
    r"boys|migrants|refugees|students|teachers|experts|staff|members|workers|officers|journalists|"
    r"defenders|victims|individuals|beneficiaries|users|agents|servants|representatives|"
    r"personas|participantes|funcionarios|funcionarias|profesionales|niños|niñas|mujeres|"
    r"migrantes|estudiantes|docentes|expertos|pessoas|participants|fonctionnaires|personnes)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[;:()\[\]]|,\s|\s[–—-]\s|\.\s")
_LONE_ARTICLES = {1}  # "one"/"uno" alone: an article far more often than a count
_IDENTIFIER_BEFORE = re.compile(
    r"(?:No\.|Nos\.|N°|nº|Resolution|Resolución|Article|Artículo|Art\.|P|Program|Law|Decree|page|p\.|AG/RES\.|CP/RES\.)\s?$",
    re.I,
)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th|º|ª|°|er|e)\b")
_MIN_TOKENS = 4


def extract_figures(context: DocumentContext, actors: Actors) -> list[Item]:
    text = context.text
    items = []
    for sentence in context.sentences:
        content = sentence.text_in(text)
        year = context.year_for(sentence.start, sentence.end, sentence.block)
        dates = find_dates(content, year=year)
        for number in find_numbers(content, language=context.language):
            if not _is_quantity(content, number, dates):
                continue
            start, end = _clause(content, number.start, number.end)
            item = Item(
                "figure",
                sentence.start + start,
                sentence.start + end,
                content[start:end],
                fields={
                    "value": number.value,
                    "unit": "people"
                    if number.unit == "count" and PEOPLE.match(content[number.end :])
                    else number.unit,
                    "measure": _measure(content, number.end, end),
                    "period": str(year) if year else None,
                    "actor": actors.actor_for(sentence.start, sentence.end, sentence.block),
                },
            )
            if number.value is None:
                item.unparsed["value"] = number.reason
            items.append(item)
    return items


def _is_quantity(content: str, number, dates) -> bool:
    if any(d.start <= number.start < d.end for d in dates):
        return False
    written = number.written.strip()
    if number.unit == "count" and re.fullmatch(r"(?:19|20)\d{2}", written):
        return False  # a year
    if number.value in _LONE_ARTICLES and not written[:1].isdigit():
        return False
    if _IDENTIFIER_BEFORE.search(content[: number.start]) or _ORDINAL_AFTER.match(
        content[number.end :]
    ):
        return False
    return not re.match(r"^\s?(?:/|-\d|\.\d)", content[number.end :])


def _clause(content: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a number, widened until it has a few words."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(content, 0, start)), default=0)
    right_match = _CLAUSE_BREAK.search(content, end)
    right = right_match.start() if right_match else len(content)
    while len(content[left:right].split()) < _MIN_TOKENS and right < len(content):
        following = _CLAUSE_BREAK.search(content, right + 1)
        right = following.start() if following else len(content)
    while content[left:right] and not content[left].isalnum() and content[left] not in '$€(“"':
        left += 1
    return left, len(content[:right].rstrip(" .,;"))


def _measure(content: str, after: int, end: int) -> str | None:
    words = content[after:end].strip(" .,;:()").split()
    return " ".join(words[:8]) or None
