"""Cases similar in facts and rights: cosine of the facts' embeddings blended with the overlap
of the rights alleged. Plain numpy; the vectors come from the project's multilingual encoder."""

from __future__ import annotations

import numpy as np

FACTS_WEIGHT = 0.7  # the facts say more than the articles chosen, which petitioners often over-list


def rights_overlap(a, b) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 0.0


def rank_similar(
    target_vector, target_rights, candidates, vectors, *, limit: int = 10, floor: float = 0.35
):
    """``candidates``: (id, rights) in the order of the rows of ``vectors`` (unit length).
    Returns (id, score, facts similarity, rights overlap), best first, above ``floor``."""
    if not candidates:
        return []
    cosine = np.asarray(vectors, dtype=np.float32) @ np.asarray(target_vector, dtype=np.float32)
    ranked = []
    for (candidate_id, rights), facts in zip(candidates, cosine, strict=True):
        overlap = rights_overlap(target_rights, rights)
        score = FACTS_WEIGHT * float(facts) + (1 - FACTS_WEIGHT) * overlap
        if score >= floor:
            ranked.append(
                (candidate_id, round(score, 4), round(float(facts), 4), round(overlap, 4))
            )
    ranked.sort(key=lambda r: (-r[1], r[0]))
    return ranked[:limit]
