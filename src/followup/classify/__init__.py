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
from functools import lru_cache

from followup.taxonomies import keyword_labels, keyword_patterns, load_taxonomy

TAXONOMIES = ("pillars", "themes", "population_groups")  # by lexicon; "sdgs" by the SDG model
MIN_SCORE = 0.3


def population_groups(text: str) -> list[str]:
    """The population groups a text names, by the taxonomy's keywords, in taxonomy order: the
    ``groups`` field of an action (the closed list of the gold guidelines)."""
    return keyword_labels("population_groups", text)


def add_population_groups(items) -> None:
    """Give each extracted action its ``groups`` field (extraction itself knows no taxonomy)."""
    for item in items:
        if item.kind == "action":
            item.fields["groups"] = population_groups(item.text)


def classify(text: str) -> dict[str, list[tuple[str, float]]]:
    """Labels with a score in (0, 1] for each taxonomy, best first; empty lists when nothing fits."""
    return classify_many([text])[0]


def classify_many(texts: list[str], vectors=None) -> list[dict[str, list[tuple[str, float]]]]:
    """``classify`` for many texts at once; ``vectors`` are their embeddings when already known.
    SDGs come from the embedding model with its keywords (followup.classify.sdg), each with its
    nearest target; pillars, themes and population groups take the lexicon's labels and add
    the one whose description the text is clearly nearest to."""
    from .embeddings import embed
    from .sdg import relevant_goals

    texts = [t or "" for t in texts]
    vectors = embed(texts) if vectors is None else vectors
    goals = relevant_goals(texts, vectors)
    results = []
    for index, (text, chosen) in enumerate(zip(texts, goals, strict=True)):
        labels = {**_lexicon(text), "sdgs": chosen, "sdg_targets": _targets(vectors[index], chosen)}
        if len(text.split()) >= 3:
            for taxonomy in ("pillars", "themes", "population_groups"):
                labels[taxonomy] = _with_nearest(labels[taxonomy], taxonomy, vectors[index])
        results.append(labels)
    return results


# Embedding evidence alone names a label only when the text is clearly nearest its description.
NEAREST_MIN_SIMILARITY = 0.4
NEAREST_MIN_Z = 3.0
TARGET_MIN_SIMILARITY = 0.2


def _with_nearest(
    labels: list[tuple[str, float]], taxonomy: str, vector
) -> list[tuple[str, float]]:
    import numpy as np

    ids, descriptions = _descriptions(taxonomy)
    similarity = descriptions @ vector
    best = int(np.argmax(similarity))
    z = (similarity[best] - similarity.mean()) / (similarity.std() + 1e-6)
    present = dict(labels)
    if similarity[best] >= NEAREST_MIN_SIMILARITY and z >= NEAREST_MIN_Z:
        present[ids[best]] = max(present.get(ids[best], 0.0), round(float(similarity[best]), 3))
    return sorted(present.items(), key=lambda s: (-s[1], s[0]))


def _targets(vector, goals: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The target of each chosen goal whose description is nearest the text."""
    ids, descriptions = _descriptions("sdg_targets")
    parents = {label.id: label.parent for label in load_taxonomy("sdg_targets")}
    similarity = descriptions @ vector
    chosen = []
    for goal, _score in goals:
        candidates = [i for i, target in enumerate(ids) if parents[target] == goal]
        best = max(candidates, key=lambda i: similarity[i], default=None)
        if best is not None and similarity[best] >= TARGET_MIN_SIMILARITY:
            chosen.append((ids[best], round(float(similarity[best]), 3)))
    return chosen


@lru_cache(maxsize=8)
def _descriptions(taxonomy: str):
    from .embeddings import embed

    labels = load_taxonomy(taxonomy)
    return [label.id for label in labels], embed(
        [f"{label.labels['en']}. {label.description}" for label in labels]
    )


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
