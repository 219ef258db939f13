"""Countries named in a text (names, aliases and demonyms in EN/ES/PT/FR) -> English short names."""

from __future__ import annotations

import re
from functools import lru_cache

from followup.registries import load_countries

# Names that are far more often something else in these documents (a person, a US state, a verb).
AMBIGUOUS = frozenset(
    {"Chad", "Jordan", "Georgia", "Guernsey", "Jersey", "Turkey", "Niger", "Mali", "Oman"}
)


def _variants(word: str) -> set[str]:
    """A demonym and its plural: 'Venezuelan' -> {'Venezuelan', 'Venezuelans'}; 'haitiana' -> +'haitianas'."""
    forms = {word}
    if word.endswith(("z",)):
        forms.add(word[:-1] + "ces")
    elif word.endswith(("n", "l", "r", "s")) and word[-1] != "s":
        forms.update({word + "s", word + "es"})
    else:
        forms.add(word + "s")
    return forms


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """Names match with their capital; lower-case demonyms (Spanish, French) match any case."""
    to_english: dict[str, str] = {}
    for country in load_countries():
        for name in {*country.names.values(), *country.aliases}:
            if name not in AMBIGUOUS:
                to_english.setdefault(name, country.name)
        for demonym in country.demonyms:
            for form in _variants(demonym):
                to_english.setdefault(form, country.name)
    ordered = sorted(to_english, key=len, reverse=True)
    cased = [n for n in ordered if n[:1].isupper() or not n[:1].isalpha()]
    uncased = [n for n in ordered if n[:1].islower()]
    boundary = r"(?<![\w.])({})(?![\w])"
    return (
        re.compile(boundary.format("|".join(map(re.escape, cased)))),
        re.compile(boundary.format("|".join(map(re.escape, uncased))), re.I),
        {k.lower(): v for k, v in to_english.items()} | to_english,
    )


# A currency names no country: "US$15 million", "U.S. dollars", "dólares estadounidenses".
_CURRENCY_AFTER = re.compile(r"\$|\s?(?:dollars?|dólares)\b", re.I)
_CURRENCY_BEFORE = re.compile(r"(?:dollars?|dólares)\s$", re.I)


def find_countries(text: str) -> list[tuple[int, int, str]]:
    """(start, end, English name) of each mention, in order."""
    cased, uncased, to_english = _matcher()
    found = [(m.start(), m.end(), to_english[m.group(1)]) for m in cased.finditer(text)]
    for m in uncased.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b, _ in found):
            found.append((m.start(), m.end(), to_english[m.group(1).lower()]))
    return sorted(
        (start, end, name)
        for start, end, name in found
        if not (
            _CURRENCY_AFTER.match(text, end)
            or _CURRENCY_BEFORE.search(text[max(0, start - 12) : start])
        )
    )


def countries_in(text: str) -> list[str]:
    """English names of the countries a text names, each once, in order of first mention."""
    return list(dict.fromkeys(name for _, _, name in find_countries(text)))


def country_names() -> frozenset[str]:
    """Every name, alias and demonym of a country, lower-cased."""
    return frozenset(name.lower() for name in _matcher()[2])
