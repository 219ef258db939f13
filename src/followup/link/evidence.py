"""Which actions may implement a mandate or recommendation: named features of the pair
(meaning, shared words, themes, SDGs, population groups, countries, bodies, timing, kind),
scored by the learned ranking (ranking.py), with the reasons shown to the analyst taken from
the features that raised the score."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .ranking import FEATURES, Ranker, load_ranker

SHOWN_WORDS = 4


@dataclass
class Candidate:
    id: int
    themes: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)  # the actor and the bodies above it
    year: int | None = None
    words: dict[str, str] = field(default_factory=dict)  # content stem -> a word that has it
    sdgs: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    kind: str = "action"


def _overlap(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def features(target: Candidate, action: Candidate, similarity: float) -> dict[str, float]:
    shared_words = set(target.words) & set(action.words)
    dated = target.year is not None and action.year is not None
    return {
        "meaning": max(0.0, min(1.0, similarity)),
        "words": len(shared_words) / len(target.words) if target.words else 0.0,
        "themes": _overlap(target.themes, action.themes),
        "sdgs": _overlap(target.sdgs, action.sdgs),
        "groups": _overlap(target.groups, action.groups),
        "countries": _overlap(target.countries, action.countries),
        "bodies": _overlap(target.bodies, action.bodies),
        "after": 1.0 if dated and action.year >= target.year else 0.0,
        "before": 1.0 if dated and action.year < target.year else 0.0,
        "event": 1.0 if action.kind == "event" else 0.0,
    }


def _shared(name: str, a: set, b: set) -> str:
    return f"shared {name}: " + ", ".join(sorted(a & b))


def reasons(target: Candidate, action: Candidate, values: dict[str, float], ranker: Ranker):
    """The features that raised this pair's score, in words, meaning first."""
    raised = {n for n, c in ranker.contributions(values).items() if c > 0}
    found = [f"similar meaning ({values['meaning']:.2f})"]
    if "words" in raised:
        shared = sorted(set(target.words) & set(action.words))[:SHOWN_WORDS]
        found.append("shared words: " + ", ".join(target.words[s] for s in shared))
    for name, label in (
        ("themes", "themes"),
        ("sdgs", "SDGs"),
        ("groups", "population groups"),
        ("countries", "countries"),
        ("bodies", "bodies"),
    ):
        if name in raised:
            found.append(_shared(label, getattr(target, name), getattr(action, name)))
    if "after" in raised:
        found.append("after the mandate")
    return found


@lru_cache(maxsize=1)
def shipped_ranker() -> Ranker:
    return load_ranker()


def score(
    target: Candidate, action: Candidate, similarity: float, ranker: Ranker | None = None
) -> tuple[float, list[str]]:
    """(score in [0, 1], reasons) for an action as evidence of implementing ``target``."""
    ranker = ranker or shipped_ranker()
    values = features(target, action, similarity)
    return round(ranker.score(values), 4), reasons(target, action, values, ranker)


def rank(
    target: Candidate,
    candidates: list[tuple[Candidate, float]],
    k: int = 10,
    ranker: Ranker | None = None,
) -> list[tuple[int, float, list[str]]]:
    scored = [
        (c.id, *score(target, c, similarity, ranker))
        for c, similarity in candidates
        if c.id != target.id
    ]
    return sorted(scored, key=lambda s: -s[1])[:k]


__all__ = ["FEATURES", "Candidate", "features", "rank", "score"]
