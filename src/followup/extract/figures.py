"""Figures: a number with what it counts ("5,231 petitions were evaluated", "63.8%", "$10,627,900")."""

from __future__ import annotations

import re

from .actors import Actors
from .context import DocumentContext
from .dates import find_dates
from .items import Item
from .numbers import find_numbers

PEOPLE = re.compile(
    r"^(?:\s+(?!of\b|in\b|to\b|and\b)[\w-]+){0,2}?\s+"
    r"(?:people|persons|participants|attendees|officials|professionals|children|women|men|girls|"
    r"boys|migrants|refugees|students|teachers|experts|staff|members|workers|officers|journalists|"
    r"defenders|victims|individuals|beneficiaries|users|agents|servants|representatives|"
    r"personas|participantes|funcionarios|funcionarias|profesionales|niños|niñas|mujeres|"
    r"migrantes|estudiantes|docentes|expertos|pessoas|participants|fonctionnaires|personnes)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[;:()\[\]“”\"]|,\s|\s[–—-]\s|\.\s|\s(?:and|y|e|et)\s(?=\S*\d)")
_TIME_UNIT = re.compile(
    r"^\s(?:days?|weeks?|months?|hours?|years?|días|semanas|meses|años|dias|anos|jours|semaines|mois|ans)\b",
    re.I,
)
_NUMBER_IN_PARENTHESES = re.compile(r"\((\d[\d.,]*\s?%?)\)")
_WORDS_BEFORE = 3
_WORDS_AFTER = 5
_LONE_ARTICLES = {1}  # "one"/"uno" alone: an article far more often than a count
_IDENTIFIER_BEFORE = re.compile(
    r"(?:No\.|Nos\.|N°|nº|Resolution|Resolución|Article|Artículo|Art\.|P|Program|Law|Decree|page|p\.|AG/RES\.|CP/RES\.)\s?$",
    re.I,
)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th|º|ª|°|er|e)\b")
# "el 185 Período de Sesiones", "la 53 Asamblea General": a gathering's number, not a count.
_GATHERING_NAME_AFTER = re.compile(
    r"^\s(?:Período|Periodo|Period|Sesión|Session|Reunión|Meeting|Asamblea|Assembly|Cumbre|"
    r"Summit|Conferencia|Conference|Sessão|Reunião|Assembleia|Cúpula|Session|Réunion|Sommet)\b"
)
_MIN_TOKENS = 4


def extract_figures(context: DocumentContext, actors: Actors) -> list[Item]:
    text = context.text
    items = []
    for sentence in context.sentences:
        content = sentence.text_in(text)
        year = context.year_for(sentence.start, sentence.end, sentence.block)
        dates = find_dates(content, year=year)
        for number in find_numbers(content, language=context.language):
            before = text[
                max(0, sentence.start + number.start - 30) : sentence.start + number.start
            ]
            if not _is_quantity(content, number, dates, before):
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


def _is_quantity(content: str, number, dates, before: str) -> bool:
    if any(d.start <= number.start < d.end for d in dates):
        return False
    written = number.written.strip()
    after = content[number.end :]
    if number.unit == "count" and re.fullmatch(r"(?:19|20)\d{2}", written):
        return False  # a year
    if number.value in _LONE_ARTICLES and not written[:1].isdigit():
        return False
    if (
        _IDENTIFIER_BEFORE.search(before)
        or _ORDINAL_AFTER.match(after)
        or _GATHERING_NAME_AFTER.match(after)
    ):
        return False
    if re.match(r"^\s?(?:/|-\d|\.\d)", after) or (
        re.match(r"^\)", after) and "(" not in content[: number.start][-15:]
    ):
        return False  # "1/20", an enumerator "2)"
    if re.match(r"^,?\s(?:and\s)?\d", after) or re.search(
        r"\d,\s(?:and\s)?$", content[: number.start]
    ):
        return False  # a list of identifiers: "176, 177, and 178"
    if written[:1].isalpha() and (
        not re.match(r"^\s[^\W\d_]", after)
        or re.search(r"\b(?:the|los|las|les|os|as)\s$", content[: number.start], re.I)
    ):
        return False  # "the following three.", "the two organizations": refers back, counts nothing new
    if (
        re.search(r"\($", content[: number.start])
        and re.match(r"^\)\s", after)
        and number.unit == "count"
    ):
        return False  # an enumerator "(2)"
    return not (_TIME_UNIT.match(after) and not re.search(r"period of\s$", content[: number.start]))


def _clause(content: str, start: int, end: int) -> tuple[int, int]:
    """A few words before the number and the noun phrase after it, inside its clause."""
    # "878 (17%) would be processed": a number in parentheses does not break the clause.
    content = _NUMBER_IN_PARENTHESES.sub(lambda m: " " + m.group(1) + " ", content)
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(content, 0, start)), default=0)
    following = _CLAUSE_BREAK.search(content, end)
    clause_end = following.start() if following else len(content)
    left_words = list(re.finditer(r"\S+", content[clause_start:start]))[-_WORDS_BEFORE:]
    left = clause_start + left_words[0].start() if left_words else start
    right_words = list(re.finditer(r"\S+", content[end:clause_end]))[:_WORDS_AFTER]
    right = end + right_words[-1].end() if right_words else end
    if content[left:start].endswith("(") or content[left : left + 1] == "(":
        left = start if content[left:start].strip() == "(" else left
    return left, len(content[:right].rstrip(" .,;"))


def _measure(content: str, after: int, end: int) -> str | None:
    words = content[after:end].strip(" .,;:()").split()
    return " ".join(words[:8]) or None
