"""Dates as written in EN/ES/PT/FR reports, resolved to ISO with the surrounding year.

"May 8", "Friday, April 3, 2020", "April 29, 2020", "8 de mayo de 2020", "le 3 avril 2024",
"May 19–24, 2019", "between January 25 and 31", "from November 29 to December 2, 2020",
"entre el 8 y el 12 de mayo de 2023", "in May 2020", "en octubre". A date without a year takes
the year given by the caller (the sentence's, the block's or the document's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MONTHS = {
    # English
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    # Spanish
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
    # Portuguese
    "janeiro": 1,
    "fevereiro": 2,
    "março": 3,
    "maio": 5,
    "junho": 6,
    "julho": 7,
    "setembro": 9,
    "outubro": 10,
    "novembro": 11,
    "dezembro": 12,
    # French
    "janvier": 1,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "décembre": 12,
}
# Short English forms are only taken with a capital letter ("May", not "may").
_CASE_SENSITIVE = {
    "may",
    "mar",
    "jan",
    "feb",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|º|°|er)?"
_YEAR = r"(?:19|20)\d{2}"
_DASH = r"\s?[-–—]\s?"
_TO = rf"(?:{_DASH}|\s(?:to|and|through|until|al|y|el|a|à|au|et|e|hasta|até)\s(?:el\s|le\s|o\s)?)"
_OF = r"(?:\s(?:de|del)\s|\s)"  # "8 de mayo de 2020", "8 mai 2020"

PATTERNS = [
    # Month D[, YYYY] [to Month D], YYYY
    (
        "mdy_range2",
        re.compile(
            rf"(?P<m1>{_MONTH})\s(?P<d1>{_DAY}){_TO}(?P<m2>{_MONTH})\s(?P<d2>{_DAY}),?(?:\s(?P<y>{_YEAR}))?",
            re.I,
        ),
    ),
    # D Month [YYYY] to D Month YYYY
    (
        "dmy_range2",
        re.compile(
            rf"(?P<d1>{_DAY}){_OF}(?P<m1>{_MONTH}){_TO}(?P<d2>{_DAY}){_OF}(?P<m2>{_MONTH})(?:{_OF}(?P<y>{_YEAR}))?",
            re.I,
        ),
    ),
    # Month D–D, YYYY / Month D and D
    (
        "mdy_range",
        re.compile(
            rf"(?P<m1>{_MONTH})\s(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY})(?!\d),?(?:\s(?P<y>{_YEAR}))?",
            re.I,
        ),
    ),
    # D–D Month YYYY / del 8 al 12 de mayo de 2023
    (
        "dmy_range",
        re.compile(
            rf"(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY}){_OF}(?P<m1>{_MONTH})(?:{_OF}(?P<y>{_YEAR}))?", re.I
        ),
    ),
    # Month D, YYYY / Month D
    (
        "mdy",
        re.compile(rf"(?P<m1>{_MONTH})\s(?P<d1>{_DAY})(?![\d,]\d)(?:,?\s(?P<y>{_YEAR}))?", re.I),
    ),
    # D Month YYYY / 8 de mayo de 2020
    ("dmy", re.compile(rf"(?P<d1>{_DAY}){_OF}(?P<m1>{_MONTH})(?:,?{_OF}(?P<y>{_YEAR}))?", re.I)),
    # Month YYYY / mayo de 2020
    ("my", re.compile(rf"(?P<m1>{_MONTH}){_OF}?(?P<y>{_YEAR})", re.I)),
    # in May / en octubre (month alone, after a preposition)
    (
        "m",
        re.compile(
            rf"\b(?:in|en|em|during|durante|late|early|mid|since|desde|de|en)\s(?P<m1>{_MONTH})\b(?!\s\d)",
            re.I,
        ),
    ),
]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    end_date: str | None
    has_year: bool
    written: str


_ANY_MONTH = re.compile(rf"\b{_MONTH}", re.I)


def find_dates(text: str, *, year: int | None = None) -> list[DateMention]:
    """Every date in ``text``; dates without a year take ``year`` (or are skipped without one)."""
    return list(_find_dates(text, year))


@lru_cache(maxsize=4096)
def _find_dates(text: str, year: int | None) -> tuple[DateMention, ...]:
    if not _ANY_MONTH.search(text):  # every shape names a month: most sentences stop here
        return ()
    found: list[DateMention] = []
    for shape, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            mention = _mention(shape, match, year)
            if mention:
                found.append(mention)
    return tuple(sorted(found, key=lambda m: m.start))


def _month(word: str | None) -> int | None:
    if not word:
        return None
    key = word.rstrip(".").lower()
    if key in _CASE_SENSITIVE and not word[0].isupper():
        return None
    return MONTHS.get(key)


def _day(text: str | None) -> int | None:
    return int(re.match(r"\d+", text).group(0)) if text else None


def _mention(shape: str, match: re.Match, default_year: int | None) -> DateMention | None:
    groups = match.groupdict()
    m1 = _month(groups.get("m1"))
    if m1 is None:
        return None
    m2 = _month(groups.get("m2")) if groups.get("m2") else m1
    if groups.get("m2") and m2 is None:
        return None
    has_year = bool(groups.get("y"))
    year = int(groups["y"]) if has_year else default_year
    if year is None:
        return None
    d1, d2 = _day(groups.get("d1")), _day(groups.get("d2"))
    try:
        if d1 is None:
            return DateMention(
                match.start(), match.end(), f"{year:04d}-{m1:02d}", None, has_year, match.group(0)
            )
        first = date(year, m1, d1)
        last = None
        if d2 is not None:
            last = date(year if m2 >= m1 else year + 1, m2, d2)
            if last < first:
                return None
    except ValueError:
        return None
    return DateMention(
        match.start(),
        match.end(),
        first.isoformat(),
        last.isoformat() if last else None,
        has_year,
        match.group(0),
    )


YEAR = re.compile(rf"(?<![\d/.-])({_YEAR})(?![\d/-]|\.\d)")


def years_in(text: str) -> list[int]:
    return [int(y) for y in YEAR.findall(text)]
