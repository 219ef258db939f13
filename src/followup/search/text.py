"""Turning text and queries into stems. Pure functions: no database."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer

STEMMERS = {"en": "english", "es": "spanish", "pt": "portuguese", "fr": "french"}
STOPWORDS_DIR = Path(__file__).parent / "stopwords"
MAX_QUERY_CHARS = 500
MAX_TERMS = 32
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.U)
_PHRASE = re.compile(r'"([^"]*)"|“([^”]*)”')


# A Snowball stemmer keeps its state on the instance (the pure-Python one fails under threads),
# so every thread gets its own; the cache of stems below is shared (lru_cache is thread-safe).
_local = threading.local()


class StopwordsError(ValueError):
    pass


def _stemmer(language: str):
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(STEMMERS.get(language, "english"))
    return stemmers[language]


@lru_cache(maxsize=500_000)
def stem(word: str, language: str) -> str:
    """The folded stem of a folded word: each distinct word is stemmed once per process."""
    return fold(_stemmer(language).stemWord(word))


def fold(word: str) -> str:
    """Lower case without diacritics, as the FTS5 tokenizer does ('Acción' -> 'accion')."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(text or "")]


def stems(text: str, language: str) -> list[str]:
    """The stems of a text in its language: what the SQLite index holds."""
    return list(iter_stems(text, language))


def iter_stems(text: str, language: str) -> Iterator[str]:
    """The stems one by one: a long text's words are never all held at once."""
    language = language if language in STEMMERS else "en"
    for match in _WORD.finditer(text or ""):
        yield stem(fold(match.group()), language)


@lru_cache(maxsize=100_000)
def all_stems(word: str) -> tuple[str, ...]:
    """A query word's stems in every language, since the query's language is unknown."""
    folded = fold(word)
    return tuple(sorted({stem(folded, language) for language in STEMMERS}))


def _read_stopwords(path: Path) -> frozenset[str]:
    found = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if words(word) != [fold(word)]:
            raise StopwordsError(f"{path.name}, line {number}: {word!r} is not one word")
        found.add(fold(word))
    return frozenset(found)


@lru_cache(maxsize=4)
def load_stopwords(folder: Path = STOPWORDS_DIR) -> dict[str, frozenset[str]]:
    """The function words of each language, from ``stopwords/<language>.txt``."""
    lists = {}
    for language in STEMMERS:
        path = folder / f"{language}.txt"
        if not path.exists():
            raise StopwordsError(f"no stopword list {path.name} in {folder}")
        lists[language] = _read_stopwords(path)
    return lists


@lru_cache(maxsize=1)
def _all_stopwords() -> frozenset[str]:
    return frozenset().union(*load_stopwords().values())


def is_stopword(word: str) -> bool:
    """A function word in any of the four languages (the query's language is unknown)."""
    return fold(word) in _all_stopwords()


Alternatives = list[tuple[str, ...]]  # word sequences that mean the same, any one may match


@dataclass
class Query:
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was changed in the query, for the page
    # The terms grouped into concepts with their equivalents in other languages (see bridge.py);
    # None until bridged: then each term is its own concept.
    bridged: list[Alternatives] | None = None

    @property
    def empty(self) -> bool:
        return not self.terms and not self.phrases

    def text(self) -> str:
        return " ".join([*self.terms, *(" ".join(p) for p in self.phrases)])

    def concepts(self) -> list[Alternatives]:
        """What must match, content words first: a concept made only of stopwords is left out
        unless nothing else is asked."""
        concepts = self.bridged if self.bridged is not None else [[(t,)] for t in self.terms]
        content = [c for c in concepts if not all(all(map(is_stopword, a)) for a in c)]
        return content if self.phrases else (content or concepts)

    def highlighted_words(self) -> set[str]:
        """The words to mark in a result: every word of the query and of its equivalents,
        stopwords never."""
        found = {w for c in self.concepts() for a in c for w in a}
        found.update(w for p in self.phrases for w in p)
        return {w for w in found if not is_stopword(w)}


def parse_query(raw: str) -> Query:
    """Words and "quoted phrases"; every operator character is read as text, never as syntax."""
    query = Query()
    raw = raw or ""
    if len(raw) > MAX_QUERY_CHARS:
        cut = raw[:MAX_QUERY_CHARS]
        raw = cut if raw[MAX_QUERY_CHARS].isspace() else cut.rsplit(None, 1)[0]  # never half a word
        query.notes.append(f"Only the first {MAX_QUERY_CHARS} characters of the query were used.")
    for match in _PHRASE.finditer(raw):
        phrase = words(match.group(1) or match.group(2) or "")
        if len(phrase) > 1:
            query.phrases.append(phrase)
        else:
            query.terms.extend(phrase)
    rest = _PHRASE.sub(" ", raw)
    if rest.count('"') % 2 or rest.count("“") != rest.count("”"):
        query.notes.append("An unclosed quote was ignored.")
    query.terms.extend(words(rest))
    query.terms = list(dict.fromkeys(query.terms))
    total = len(query.terms) + sum(len(p) for p in query.phrases)
    if total > MAX_TERMS:
        query.terms = query.terms[: max(0, MAX_TERMS - sum(len(p) for p in query.phrases))]
        query.notes.append(f"Only the first {MAX_TERMS} words of the query were used.")
    return query


def _fts5_alternative(words_: tuple[str, ...]) -> list[str]:
    if len(words_) == 1:
        return [f'"{s}"' for s in all_stems(words_[0])]
    variants = {" ".join(stem(fold(w), lang) for w in words_) for lang in STEMMERS}
    return [f'"{v}"' for v in sorted(variants)]


def fts5_match(query: Query, *, any_concept: bool = False) -> str:
    """An FTS5 MATCH expression: every concept (a term, in any language's stem, or one of its
    equivalents) and every phrase must occur — or, with ``any_concept``, any of them, for ranking.
    Each token is double-quoted, so nothing the user typed is read as FTS5 syntax."""
    parts = []
    for concept in query.concepts():
        alternatives = list(dict.fromkeys(s for a in concept for s in _fts5_alternative(a)))
        parts.append("(" + " OR ".join(alternatives) + ")")
    for phrase in query.phrases:
        parts.append("(" + " OR ".join(_fts5_alternative(tuple(phrase))) + ")")
    return (" OR " if any_concept else " AND ").join(parts)
