"""Triage of precautionary-measure requests: indicator scores and urgency cues in the text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from .data import REQUIREMENTS, Indicator, load_cues, load_indicators

STEMMERS = {"en": "english", "es": "spanish", "pt": "portuguese", "fr": "french"}
_WORD = re.compile(r"[^\W_]+", re.U)
_SENTENCE_END = re.compile(r"[.!?;\n]")
# A cue's words must appear in order with at most this many other words between two of them.
GAP = 2


class InvalidAnswers(ValueError):
    """An answer to an unknown indicator, or off its scale; the message names the indicator."""


@dataclass(frozen=True)
class Scores:
    seriousness: float
    urgency: float
    irreparable_harm: float

    @property
    def combined(self) -> float:
        return round((self.seriousness + self.urgency + self.irreparable_harm) / 3, 4)

    def as_dict(self) -> dict:
        return {**{r: getattr(self, r) for r in REQUIREMENTS}, "combined": self.combined}


def score(answers: dict[str, int], indicators: tuple[Indicator, ...] | None = None) -> Scores:
    """Each requirement's weighted mean of its answers on 0..1; unanswered indicators count 0."""
    indicators = indicators or load_indicators()
    known = {i.id: i for i in indicators}
    for key, value in answers.items():
        if key not in known:
            raise InvalidAnswers(f"{key}: no such indicator")
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not 0 <= value <= known[key].scale
        ):
            raise InvalidAnswers(
                f"{key}: the answer must be a whole number from 0 to {known[key].scale}"
            )
    totals = {}
    for requirement in REQUIREMENTS:
        group = [i for i in indicators if i.requirement == requirement]
        weight = sum(i.weight for i in group)
        totals[requirement] = round(
            sum(i.weight * answers.get(i.id, 0) / i.scale for i in group) / weight, 4
        )
    return Scores(**totals)


def priority(combined: float, days_waiting: int, *, urgent: bool = False) -> float:
    """Order of the triage queue: requests flagged urgent first (the flag outweighs any score and
    wait), then the combined score (0..1) plus the wait, where ten weeks count as much as the
    whole score, so that nothing low-scored waits for ever."""
    return round((2.0 if urgent else 0.0) + combined + min(days_waiting, 70) / 70, 4)


@dataclass(frozen=True)
class Passage:
    """A stretch of the request's text that matched an urgency cue, with its sentence."""

    category: str
    cue: str
    start: int  # of the matched words
    end: int
    sentence_start: int
    sentence_end: int


@lru_cache(maxsize=8)
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMERS.get(language, "english"))


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _tokens(text: str, language: str) -> list[tuple[str, int, int]]:
    stemmer = _stemmer(language)
    return [
        (_fold(stemmer.stemWord(m.group().lower())), m.start(), m.end())
        for m in _WORD.finditer(text)
    ]


@lru_cache(maxsize=8)
def _compiled_cues(language: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    compiled = []
    for category, phrases in load_cues(language).items():
        for phrase in phrases:
            stems = tuple(stem for stem, _s, _e in _tokens(phrase, language))
            if stems:
                compiled.append((category, phrase, stems))
    return tuple(compiled)


def _match_at(tokens, index: int, stems: tuple[str, ...]) -> int | None:
    """The index of the last token of the cue starting at ``index``, or None."""
    if tokens[index][0] != stems[0]:
        return None
    position = index
    for stem in stems[1:]:
        for step in range(1, GAP + 2):
            if position + step < len(tokens) and tokens[position + step][0] == stem:
                position += step
                break
        else:
            return None
    return position


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.end() if after else len(text))


def urgent_passages(text: str, language: str) -> list[Passage]:
    """Every passage of the text matching an urgency cue of its language, in text order; where
    cues overlap, the longest (then the first) is kept."""
    tokens = _tokens(text, language)
    found = []
    for category, phrase, stems in _compiled_cues(language):
        for index in range(len(tokens)):
            last = _match_at(tokens, index, stems)
            if last is not None:
                found.append((tokens[index][1], tokens[last][2], category, phrase))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    passages, reach = [], -1
    for start, end, category, phrase in found:
        if start < reach:
            continue
        sentence = _sentence(text, start, end)
        passages.append(Passage(category, phrase, start, end, *sentence))
        reach = end
    return passages
