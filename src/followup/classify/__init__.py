"""classify: text -> labels with scores for each taxonomy (pillars, themes, population groups).

The lexicon classifier scores a label by the keywords of the taxonomy file found in the text,
in any of the four languages; a pillar also collects the evidence of its themes.

    >>> from followup.classify import classify
    >>> [label for label, _ in classify("Training for police on cybersecurity")["themes"]]
    ['cybersecurity', 'organized-crime']
    >>> [label for label, _ in classify("Access to drinking water and sanitation in rural schools")["sdgs"]]
    ['sdg-6', 'sdg-4']
"""

from __future__ import annotations

import math

from followup.taxonomies import keyword_patterns, load_taxonomy

TAXONOMIES = ("pillars", "themes", "population_groups")  # by lexicon; "sdgs" by the SDG model
MIN_SCORE = 0.3


def classify(text: str) -> dict[str, list[tuple[str, float]]]:
    """Labels with a score in (0, 1] for each taxonomy, best first; empty lists when nothing fits."""
    return classify_many([text])[0]


def classify_many(texts: list[str], vectors=None) -> list[dict[str, list[tuple[str, float]]]]:
    """``classify`` for many texts at once; ``vectors`` are their embeddings when already known.
    SDGs come from the embedding model with its keywords (followup.classify.sdg)."""
    from .sdg import relevant_goals

    goals = relevant_goals([t or "" for t in texts], vectors)
    return [{**_lexicon(t or ""), "sdgs": g} for t, g in zip(texts, goals, strict=True)]


def _lexicon(text: str) -> dict[str, list[tuple[str, float]]]:
    hits = {name: _hits(name, text) for name in TAXONOMIES}
    parents = {label.id: label.parent for label in load_taxonomy("themes")}
    for theme, count in hits["themes"].items():
        pillar = parents.get(theme)
        if pillar:
            hits["pillars"][pillar] = hits["pillars"].get(pillar, 0) + 0.5 * count
    return {name: _ranked(counts) for name, counts in hits.items()}


def _hits(taxonomy: str, text: str) -> dict[str, float]:
    counts = {}
    for label_id, pattern in keyword_patterns(taxonomy):
        found = len(pattern.findall(text))
        if found:
            counts[label_id] = float(found)
    return counts


def _ranked(counts: dict[str, float]) -> list[tuple[str, float]]:
    """A score that grows with evidence and saturates: one keyword 0.39, three 0.78."""
    scored = [(label, round(1 - math.exp(-0.5 * count), 3)) for label, count in counts.items()]
    return sorted((s for s in scored if s[1] >= MIN_SCORE), key=lambda s: (-s[1], s[0]))
