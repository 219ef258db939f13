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
