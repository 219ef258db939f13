"""Turning text and queries into stems. Pure functions: no database."""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer

STEMMERS = {"en": "english", "es": "spanish", "pt": "portuguese", "fr": "french"}
MAX_QUERY_CHARS = 500
MAX_TERMS = 32
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.U)
_PHRASE = re.compile(r'"([^"]*)"|“([^”]*)”')


_per_thread = threading.local()


def _stemmer(language: str):
    """A stemmer for this thread: snowballstemmer's keep state while stemming, so threads of
    the web server must not share one."""
    stemmers = _per_thread.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(STEMMERS.get(language, "english"))
    return stemmers[language]


def fold(word: str) -> str:
    """Lower case without diacritics, as the FTS5 tokenizer does ('Acción' -> 'accion')."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(text or "")]


def stems(text: str, language: str) -> list[str]:
    """The stems of a text in its language: what the SQLite index holds."""
    stemmer = _stemmer(language if language in STEMMERS else "en")
    return [fold(s) for s in stemmer.stemWords(words(text))]


def all_stems(word: str) -> list[str]:
    """A query word's stems in every language, since the query's language is unknown."""
    return sorted({fold(_stemmer(language).stemWord(fold(word))) for language in STEMMERS})


@dataclass
class Query:
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was changed in the query, for the page

    @property
    def empty(self) -> bool:
        return not self.terms and not self.phrases

    def text(self) -> str:
        return " ".join([*self.terms, *(" ".join(p) for p in self.phrases)])


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


def fts5_match(query: Query) -> str:
    """An FTS5 MATCH expression: every term (in any language's stem) and every phrase must occur.
    Each token is double-quoted, so nothing the user typed is read as FTS5 syntax."""
    parts = []
    for term in query.terms:
        parts.append("(" + " OR ".join(f'"{s}"' for s in all_stems(term)) + ")")
    for phrase in query.phrases:
        variants = {" ".join(fold(_stemmer(lang).stemWord(w)) for w in phrase) for lang in STEMMERS}
        parts.append("(" + " OR ".join(f'"{v}"' for v in sorted(variants)) + ")")
    return " AND ".join(parts)
