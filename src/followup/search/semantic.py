"""Semantic search: the items whose embedding is nearest the query's, in any language.

The index is built from the stored vectors on first use and rebuilt when items change (the
count and the highest id are its version)."""

from __future__ import annotations

import threading

import numpy as np
from django.db.models import Count, Max

from followup.classify.embeddings import embed
from followup.link.vectors import build_index

from .models import ItemVector

# Cosine similarities of this model run low between a short query and a long sentence (a good
# match scores ~0.2, an unrelated text ~0.05): keep neighbours above a floor and close to the best.
MIN_SIMILARITY = 0.15
RELATIVE_TO_BEST = 0.6
_lock = threading.Lock()
_cache: dict = {"version": None, "index": None}


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float16).astype(np.float32)


def store_vectors(items, vectors: np.ndarray | None = None) -> None:
    """Store the vectors of these items, embedding them unless given (replacing any they had)."""
    items = list(items)
    if not items:
        return
    vectors = embed([item.text for item in items]) if vectors is None else vectors
    ItemVector.objects.filter(item__in=items).delete()
    ItemVector.objects.bulk_create(
        ItemVector(item=item, vector=to_bytes(v)) for item, v in zip(items, vectors, strict=True)
    )
    forget_index()


def forget_index() -> None:
    """Drop this process's index; the next search rebuilds it (other processes notice the
    change by the count and highest id of the stored vectors)."""
    with _lock:
        _cache.update(version=None, index=None)


def item_index():
    summary = ItemVector.objects.aggregate(n=Count("item"), last=Max("item"))
    version = (summary["n"], summary["last"])
    with _lock:
        if _cache["version"] != version:
            rows = list(ItemVector.objects.values_list("item_id", "vector"))
            ids = np.array([r[0] for r in rows], dtype=np.int64)
            vectors = (
                np.stack([from_bytes(r[1]) for r in rows])
                if rows
                else np.zeros((0, 512), np.float32)
            )
            _cache.update(version=version, index=build_index(ids, vectors))
        return _cache["index"]


def nearest(text: str, k: int = 200, *, minimum: float = MIN_SIMILARITY) -> list[tuple[int, float]]:
    """(item id, cosine similarity) of the items nearest a text, best first."""
    [query] = embed([text])
    found = item_index().search(query, k)
    if not found:
        return []
    floor = max(minimum, RELATIVE_TO_BEST * found[0][1])
    return [(pk, score) for pk, score in found if score >= floor]


def similar_items(item, k: int = 10) -> list[tuple[int, float]]:
    """(item id, similarity) of the items whose meaning is nearest this one's, in any language
    and document; the item itself is left out."""
    stored = ItemVector.objects.filter(item=item).values_list("vector", flat=True).first()
    if stored is None:
        return []
    found = item_index().search(from_bytes(stored), k + 1)
    return [(pk, score) for pk, score in found if pk != item.pk][:k]
