"""The lexical bridge between languages: a query's words joined to the words that name the same
thing in the other three languages, from the project's own data — taxonomy labels (written in
EN/ES/PT/FR), cognate keywords of one taxonomy label (corruption, corrupción, corrupção), and
the names, acronyms and aliases of countries and bodies in the registries.

The semantic part of search finds meaning across languages; this part lets the full-text index
find `corruption` for `corrupción`, ranked by the engine like any other match."""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from followup.registries import load_bodies, load_countries
from followup.taxonomies import load_taxonomy

from .text import STEMMERS, Alternatives, Query, is_stopword, stem, words

TAXONOMIES = ("pillars", "themes", "population_groups", "sdgs")
LONGEST_NAME = 10  # words: longer names are not looked for in queries
# Two folded words are cognates when they start alike and their difflib ratio is high:
# corrupcion/corruption 0.9, elecciones/elections 0.84; pandemic/epidemic and
# cybersecurity/security are not (different first letter, 0.76).
COGNATE_SIMILARITY = 0.8
MIN_KEY_CHARS = 3  # one- and two-letter names (acronyms such as GA) would match ordinary words


def _cognates(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return (
        a != b
        and len(a) == len(b)
        and all(
            x == y
            or (
                min(len(x), len(y)) >= 4
                and x[0] == y[0]
                and SequenceMatcher(None, x, y).ratio() >= COGNATE_SIMILARITY
            )
            for x, y in zip(a, b, strict=True)
        )
    )


def _keyword_groups(keywords: tuple[str, ...]) -> list[list[tuple[str, ...]]]:
    """Groups of one label's keywords that are the same word in different languages."""
    plain = list(dict.fromkeys(tuple(words(k)) for k in keywords if not k.endswith("*")))
    plain = [k for k in plain if k]
    groups = []
    for keyword in plain:
        group = [keyword, *(other for other in plain if _cognates(keyword, other))]
        if len(group) > 1:
            groups.append(group)
    return groups


def equivalence_groups() -> list[list[tuple[str, ...]]]:
    """Every set of word sequences the data says mean the same thing."""
    groups = []
    for name in TAXONOMIES:
        for label in load_taxonomy(name):
            groups.append([tuple(words(text)) for text in label.labels.values()])
            groups.extend(_keyword_groups(label.keywords))
    for country in load_countries():
        groups.append([tuple(words(n)) for n in (*country.names.values(), *country.aliases)])
    for body in load_bodies():
        names = [*body.names.values(), body.name, body.acronym, *body.aliases]
        groups.append([tuple(words(n)) for n in names if n])
    return [list(dict.fromkeys(g for g in group if g)) for group in groups]


def _keys(sequence: tuple[str, ...]) -> set[tuple[str, tuple[str, ...]]]:
    return {(language, tuple(stem(w, language) for w in sequence)) for language in STEMMERS}


@lru_cache(maxsize=1)
def _index() -> tuple[dict, list[list[tuple[str, ...]]]]:
    groups = equivalence_groups()
    index: dict[tuple, set[int]] = {}
    for number, group in enumerate(groups):
        for sequence in group:
            if len(sequence) > LONGEST_NAME:
                continue
            if len(sequence) == 1 and (
                len(sequence[0]) < MIN_KEY_CHARS or is_stopword(sequence[0])
            ):
                continue
            for key in _keys(sequence):
                index.setdefault(key, set()).add(number)
    return index, groups


def equivalents(sequence: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The other word sequences that mean what ``sequence`` means (empty if the data is silent)."""
    index, groups = _index()
    numbers = set().union(*(index.get(key, set()) for key in _keys(sequence)))
    found = [other for n in sorted(numbers) for other in groups[n]]
    return [s for s in dict.fromkeys(found) if s != sequence]


def bridge(query: Query) -> Query:
    """The query with its terms grouped into concepts, each with its equivalents: the longest
    run of terms that names something in the data is one concept."""
    concepts: list[Alternatives] = []
    terms, position = query.terms, 0
    while position < len(terms):
        for length in range(min(LONGEST_NAME, len(terms) - position), 0, -1):
            sequence = tuple(terms[position : position + length])
            others = equivalents(sequence)
            if others or length == 1:
                concepts.append([sequence, *others])
                position += length
                break
    query.bridged = concepts
    return query
