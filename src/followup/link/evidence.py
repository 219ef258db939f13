"""Which actions may implement a mandate or recommendation: a score from meaning, shared
words, themes, countries and bodies, and timing, with the reasons shown to the analyst."""

from __future__ import annotations

from dataclasses import dataclass, field

WEIGHTS = {
    "meaning": 0.5,
    "words": 0.15,
    "themes": 0.15,
    "countries": 0.1,
    "bodies": 0.05,
    "after": 0.05,
}
SHOWN_WORDS = 4


@dataclass
class Candidate:
    id: int
    themes: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)
    year: int | None = None
    words: dict[str, str] = field(default_factory=dict)  # content stem -> a word that has it


def _overlap(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def score(target: Candidate, action: Candidate, similarity: float) -> tuple[float, list[str]]:
    """(score in [0, 1], reasons) for an action as evidence of implementing ``target``."""
    shared_words = sorted(set(target.words) & set(action.words))
    parts = {
        "meaning": max(0.0, min(1.0, similarity)),
        "words": len(shared_words) / len(target.words) if target.words else 0.0,
        "themes": _overlap(target.themes, action.themes),
        "countries": _overlap(target.countries, action.countries),
        "bodies": _overlap(target.bodies, action.bodies),
        "after": 1.0 if target.year and action.year and action.year >= target.year else 0.0,
    }
    reasons = [f"similar meaning ({parts['meaning']:.2f})"]
    if shared_words:
        reasons.append(
            "shared words: " + ", ".join(target.words[s] for s in shared_words[:SHOWN_WORDS])
        )
    if parts["themes"]:
        reasons.append("shared themes: " + ", ".join(sorted(target.themes & action.themes)))
    if parts["countries"]:
        reasons.append(
            "shared countries: " + ", ".join(sorted(target.countries & action.countries))
        )
    if parts["bodies"]:
        reasons.append("shared bodies: " + ", ".join(sorted(target.bodies & action.bodies)))
    if parts["after"]:
        reasons.append("after the mandate")
    return round(sum(WEIGHTS[k] * v for k, v in parts.items()), 4), reasons


def rank(
    target: Candidate, candidates: list[tuple[Candidate, float]], k: int = 10
) -> list[tuple[int, float, list[str]]]:
    scored = [
        (c.id, *score(target, c, similarity)) for c, similarity in candidates if c.id != target.id
    ]
    return sorted(scored, key=lambda s: -s[1])[:k]
