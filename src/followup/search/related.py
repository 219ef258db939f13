"""Items related to an item, drawn from both indexes: the full-text index (the same stemmed
text as search, in all four languages, with the lexical bridge) and the embedding index;
the two rankings fused, each item once."""

from __future__ import annotations

import numpy as np

from followup.corpus.models import Item
from followup.link.duplicates import fuse

from .backends import backend
from .bridge import bridge
from .models import ItemVector
from .semantic import from_bytes, similar_items
from .text import MAX_TERMS, is_stopword, parse_query, words


def query_of(text: str):
    """A text's distinct content words as an any-word query (at most MAX_TERMS words)."""
    content = [w for w in dict.fromkeys(words(text)) if not is_stopword(w) and len(w) > 2]
    return bridge(parse_query(" ".join(content[:MAX_TERMS])))


def lexical_neighbours(item: Item, kinds=None, k: int = 200) -> list[int]:
    """Ids of the items that share the most (rare) words with ``item``, best first."""
    query = query_of(item.text)
    if query.empty:
        return []
    candidates = Item.objects.exclude(pk=item.pk)
    if kinds:
        candidates = candidates.filter(kind__in=kinds)
    matched = backend().match_items(candidates, query, any_concept=True)
    return list(matched.order_by("-rank", "id").values_list("pk", flat=True)[:k])


def vectors_of(ids) -> dict[int, np.ndarray]:
    return {
        pk: from_bytes(v)
        for pk, v in ItemVector.objects.filter(item_id__in=list(ids)).values_list(
            "item_id", "vector"
        )
    }


def related(item: Item, kinds=None, k: int = 200) -> list[tuple[int, float]]:
    """(item id, fused score) of the items related to ``item``, best first; ``item`` left out."""
    near = [pk for pk, _ in similar_items(item, k)]
    if kinds:
        allowed = set(Item.objects.filter(pk__in=near, kind__in=kinds).values_list("pk", flat=True))
        near = [pk for pk in near if pk in allowed]
    return fuse([near, lexical_neighbours(item, kinds, k)])
