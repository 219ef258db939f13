"""Near-duplicate groups: the same recommendation repeated across reports, found as connected
components of pairs of items whose vectors are almost the same."""

from __future__ import annotations

NEAR_DUPLICATE = 0.9  # cosine similarity; paraphrases score 0.6-0.8, copies and translations above


def groups(pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Connected components (union-find) of the pairs, each sorted, largest first."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in pairs:
        parent[root(a)] = root(b)
    components: dict[int, list[int]] = {}
    for node in parent:
        components.setdefault(root(node), []).append(node)
    return sorted(
        (sorted(c) for c in components.values() if len(c) > 1), key=lambda c: (-len(c), c[0])
    )


RRF_K = 60  # the usual constant of reciprocal rank fusion


def fuse(rankings: list[list[int]]) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of rankings of ids: (id, score) best first, each id once."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for position, key in enumerate(dict.fromkeys(ranking)):
            scores[key] = scores.get(key, 0.0) + 1.0 / (RRF_K + position + 1)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def _same_text(text: str) -> str:
    return " ".join(text.lower().split())


def collapse(
    ranked: list[int], texts: dict[int, str], vectors: dict, threshold: float = NEAR_DUPLICATE
) -> list[tuple[int, list[int]]]:
    """(id shown, ids hidden behind it) in rank order: an id whose text is the same as, or whose
    unit vector is within ``threshold`` of, one shown before it is hidden behind that one."""
    shown: list[tuple[int, list[int]]] = []
    for key in dict.fromkeys(ranked):
        vector = vectors.get(key)
        for first, hidden in shown:
            other = vectors.get(first)
            text = _same_text(texts.get(key, ""))
            if (text and text == _same_text(texts.get(first, ""))) or (
                vector is not None and other is not None and float(vector @ other) >= threshold
            ):
                hidden.append(key)
                break
        else:
            shown.append((key, []))
    return shown
