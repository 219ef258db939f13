"""Nearest neighbours among unit vectors: an exact numpy search (the reference) and a usearch
HNSW index (for large collections), behind one small interface."""

from __future__ import annotations

import numpy as np


class ExactIndex:
    """Brute force cosine similarity: exact, and fast enough up to ~100,000 vectors."""

    def __init__(self, ids: np.ndarray, vectors: np.ndarray):
        self.ids = np.asarray(ids, dtype=np.int64)
        self.vectors = np.asarray(vectors, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.ids)

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not len(self.ids) or not np.any(query):
            return []
        scores = self.vectors @ np.asarray(query, dtype=np.float32)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(self.ids[i]), float(scores[i])) for i in top]


class ApproximateIndex:
    """usearch HNSW over int8-quantized vectors: milliseconds at a million vectors."""

    def __init__(self, ids: np.ndarray, vectors: np.ndarray):
        from usearch.index import Index

        self.index = Index(ndim=vectors.shape[1], metric="cos", dtype="i8")
        if len(ids):
            self.index.add(np.asarray(ids, dtype=np.int64), np.asarray(vectors, dtype=np.float32))

    def __len__(self) -> int:
        return len(self.index)

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not len(self.index) or not np.any(query):
            return []
        matches = self.index.search(np.asarray(query, dtype=np.float32), k)
        return [
            (int(key), float(1.0 - distance))
            for key, distance in zip(matches.keys, matches.distances, strict=True)
        ]


EXACT_UP_TO = 50_000


def build_index(ids, vectors):
    """The exact index for small collections, the approximate one beyond."""
    return ExactIndex(ids, vectors) if len(ids) <= EXACT_UP_TO else ApproximateIndex(ids, vectors)
