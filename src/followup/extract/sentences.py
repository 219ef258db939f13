"""Sentence spans with exact offsets, for the four languages of OAS documents.

A sentence ends at . ! ? or ; followed by a space and an upper-case letter, digit, quote or
bullet — except after an abbreviation ("No.", "Dr.", "e.g.", "Sra.", "art.") or an initial, and inside
a quoted title.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "nr",
        "núm",
        "num",
        "art",
        "arts",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "vol",
        "vols",
        "pp",
        "p",
        "ed",
        "eds",
        "fig",
        "figs",
        "approx",
        "mr",
        "mrs",
        "ms",
        "dr",
        "drs",
        "prof",
        "sr",
        "sra",
        "srta",
        "sres",
        "dra",
        "lic",
        "ing",
        "gen",
        "col",
        "capt",
        "hon",
        "amb",
        "st",
        "ste",
        "mt",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "cf",
        "al",
        "op",
        "cit",
        "ibid",
        "viz",
        "res",
        "doc",
        "rev",
        "sec",
        "secs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "ene",
        "abr",
        "ago",
        "dic",
        "janv",
        "févr",
        "avr",
        "juil",
        "sept",
        "déc",
        "fev",
        "set",
        "out",
        "dez",
        "u.s",
        "u.k",
        "d.c",
        "p.m",
        "a.m",
    ]
)
_BOUNDARY = re.compile(r"[.!?](?:[\"'”’)\]]*)\s+(?=[\"“‘'(\[¿¡]?[A-ZÁÉÍÓÚÑÇÀÂÊÔÃÕÜ0-9•·])")
_WORD_BEFORE = re.compile(r"(\S+)$")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, stripped of surrounding spaces."""
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text[cursor : match.start() + 1]) or _inside_quote(
            text[cursor : match.end()]
        ):
            continue
        spans.append(_strip(text, cursor, match.end()))
        cursor = match.end()
    spans.append(_strip(text, cursor, end))
    return [s for s in spans if s[1] > s[0]]


def _is_abbreviation(sentence: str) -> bool:
    found = _WORD_BEFORE.search(sentence)
    if not found:
        return False
    word = found.group(1).lstrip("(\"“'").rstrip(".").lower()
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith", "a. the first"
        return True
    return word in ABBREVIATIONS


def _inside_quote(sentence: str) -> bool:
    """A full stop inside a quoted title ("The Impacts of COVID-19. Challenges ...") ends no
    sentence; a quote left open for long is a typo, not a title."""
    opened, closed = sentence.rfind("“"), sentence.rfind("”")
    if opened > closed and len(sentence) - opened < _LONGEST_QUOTE:
        return True
    straight = sentence.rfind('"')
    return sentence.count('"') % 2 == 1 and len(sentence) - straight < _LONGEST_QUOTE


_LONGEST_QUOTE = 200


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
