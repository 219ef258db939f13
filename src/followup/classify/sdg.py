"""SDG relevance: is a text about a given Sustainable Development Goal?

Features per (text, goal): the text's embedding similarity to the goal's description, that
similarity as a z-score among the 17 goals and as a rank, the goal's keyword hits and their
share of all hits. A logistic regression on these features decides; its weights are data
(models/sdg.json), fitted by `followup train-classifier` on the public SDG classification
benchmark and on the SDG labels analysts confirmed."""

from __future__ import annotations

import csv
import importlib.util
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from followup.taxonomies import keyword_patterns, load_taxonomy

from .embeddings import embed

MODEL_FILE = Path(__file__).parent / "models" / "sdg.json"
FEATURES = ("similarity", "z", "rank", "first", "log_hits", "hit_share")


@lru_cache(maxsize=1)
def _goals():
    goals = load_taxonomy("sdgs")
    return goals, embed([g.description for g in goals]), dict(keyword_patterns("sdgs"))


def features(texts: list[str], vectors: np.ndarray | None = None) -> np.ndarray:
    """(len(texts), 17, len(FEATURES)) feature values of every text for every goal."""
    goals, goal_vectors, patterns = _goals()
    if not texts:
        return np.zeros((0, len(goals), len(FEATURES)), dtype=np.float32)
    vectors = embed(texts) if vectors is None else vectors
    similarity = vectors @ goal_vectors.T
    spread = similarity.std(axis=1, keepdims=True) + 1e-6
    z = (similarity - similarity.mean(axis=1, keepdims=True)) / spread
    rank = (similarity[:, None, :] > similarity[:, :, None]).sum(axis=2)
    hits = np.array(
        [[len(patterns[g.id].findall(t or "")) for g in goals] for t in texts], dtype=np.float32
    )
    share = hits / (hits.sum(axis=1, keepdims=True) + 1.0)
    return np.stack([similarity, z, rank, rank == 0, np.log1p(hits), share], axis=2).astype(
        np.float32
    )


@lru_cache(maxsize=1)
def _model() -> dict | None:
    if not MODEL_FILE.exists():
        return None
    return json.loads(MODEL_FILE.read_text())


def probabilities(features_: np.ndarray, model: dict | None = None) -> np.ndarray:
    model = model or _model()
    if model is None:
        raise RuntimeError(f"no SDG model at {MODEL_FILE}; run: followup train-classifier")
    mean, scale = np.array(model["mean"]), np.array(model["scale"])
    weights, bias = np.array(model["weights"]), model["bias"]
    return 1.0 / (1.0 + np.exp(-(((features_ - mean) / scale) @ weights + bias)))


def relevant_goals(
    texts: list[str], vectors: np.ndarray | None = None, threshold: float = 0.5
) -> list[list[tuple[str, float]]]:
    """For each text, the goals it is about, with a probability, best first."""
    goals, _, _ = _goals()
    if not texts:
        return []
    probs = probabilities(features(texts, vectors))
    result = []
    for row, text in zip(probs, texts, strict=True):
        if len((text or "").split()) < 3:
            result.append([])  # too short to be about anything
            continue
        chosen = [(goals[i].id, round(float(p), 3)) for i, p in enumerate(row) if p >= threshold]
        result.append(sorted(chosen, key=lambda c: -c[1]))
    return result


def fit(
    x: np.ndarray, y: np.ndarray, *, l2: float = 1e-2, steps: int = 3000, rate: float = 0.1
) -> dict:
    """Logistic regression by gradient descent: a handful of features needs nothing more."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    xz = (x - mean) / scale
    weights, bias = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xz @ weights + bias)))
        weights -= rate * (xz.T @ (p - y) / len(y) + l2 * weights)
        bias -= rate * float((p - y).mean())
    return {
        "features": list(FEATURES),
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "weights": weights.tolist(),
        "bias": bias,
    }


def benchmark_rows() -> list[dict]:
    """The SDG classification benchmark shipped by the registry package sdgclassification-benchmark
    (1,251 texts, each marked relevant or not to one SDG), read from its CSV."""
    spec = importlib.util.find_spec("sdgclassification")
    if spec is None:
        raise RuntimeError("the package sdgclassification-benchmark is not installed")
    path = (
        Path(next(iter(spec.submodule_search_locations)))
        / "benchmark"
        / "resources"
        / "benchmark.csv"
    )
    with open(path, encoding="utf-8") as handle:
        return [
            {"id": r["id"], "text": r["text"], "sdg": int(r["sdg"]), "label": r["label"] == "True"}
            for r in csv.DictReader(handle)
        ]


def examples(
    rows: list[dict], vectors: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features of each row for its goal, labels, goal numbers)."""
    all_features = features([r["text"] for r in rows], vectors)
    goal = np.array([r["sdg"] - 1 for r in rows])
    x = all_features[np.arange(len(rows)), goal]
    return x, np.array([r["label"] for r in rows], dtype=np.float64), goal + 1


def cross_validate(
    x: np.ndarray, y: np.ndarray, goal: np.ndarray, folds: int = 5, seed: int = 0
) -> dict:
    """Accuracy of models fitted without the fold they are scored on: overall and per goal."""
    assignment = np.random.default_rng(seed).permutation(len(y)) % folds
    correct = np.zeros(len(y), dtype=bool)
    for fold in range(folds):
        train = assignment != fold
        model = fit(x[train], y[train])
        correct[~train] = (probabilities(x[~train], model) >= 0.5) == y[~train].astype(bool)
    per_goal = {
        int(g): round(float(correct[goal == g].mean()), 4) for g in sorted(set(goal.tolist()))
    }
    return {"accuracy": round(float(correct.mean()), 4), "per_goal": per_goal, "texts": len(y)}
