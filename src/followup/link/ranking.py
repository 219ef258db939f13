"""The learned ranking of implementation evidence: a logistic regression over named features
of a (mandate or recommendation, action) pair, fitted on graded pairs and on analysts'
confirmations and rejections (`followup train-ranking`); its weights are data
(``models/ranking.json``). The reasons shown to the analyst are the features that raised the
score, so what is shown is what ranked."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).parent / "models" / "ranking.json"
FEATURES = (
    "meaning",  # cosine similarity of the embeddings
    "words",  # share of the target's content stems the action has
    "themes",  # Jaccard overlap of themes
    "sdgs",
    "groups",  # population groups
    "countries",
    "bodies",  # the actor, or its parent body
    "after",  # the action dates from the target's year or later
    "before",  # the action is dated before the target: unlikely to implement it
    "event",  # an event rather than an action
)
L2 = 1.0


class RankingError(ValueError):
    pass


@dataclass
class Ranker:
    weights: dict[str, float]
    bias: float = 0.0
    fitted_on: dict = field(default_factory=dict)

    def score(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(n, 0.0) * features.get(n, 0.0) for n in FEATURES)
        return 1.0 / (1.0 + math.exp(-z))

    def contributions(self, features: dict[str, float]) -> dict[str, float]:
        return {n: self.weights.get(n, 0.0) * features.get(n, 0.0) for n in FEATURES}


def load_ranker(path: Path = MODEL_FILE) -> Ranker:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RankingError(f"no ranking model {path.name}") from None
    except json.JSONDecodeError as err:
        raise RankingError(f"{path.name}: not valid JSON ({err})") from err
    weights = data.get("weights")
    if not isinstance(weights, dict):
        raise RankingError(f"{path.name}: 'weights' must map feature names to numbers")
    unknown = sorted(set(weights) - set(FEATURES))
    if unknown:
        raise RankingError(f"{path.name}: unknown features {unknown}")
    for name, value in weights.items():
        if not isinstance(value, int | float):
            raise RankingError(f"{path.name}, weight {name!r}: {value!r} is not a number")
    return Ranker(
        {n: float(weights.get(n, 0.0)) for n in FEATURES},
        float(data.get("bias", 0.0)),
        data.get("fitted_on", {}),
    )


def save_ranker(ranker: Ranker, path: Path = MODEL_FILE) -> None:
    path.write_text(
        json.dumps(
            {
                "weights": {n: round(ranker.weights[n], 4) for n in FEATURES},
                "bias": round(ranker.bias, 4),
                "fitted_on": ranker.fitted_on,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


def fit(samples: list[tuple[dict[str, float], float]], steps: int = 2000) -> Ranker:
    """Logistic regression (L2, full-batch gradient descent) on (features, relevance in
    [0, 1]) pairs: a grade-2 pair or a confirmation is 1, a rejection or an ungraded
    candidate 0, a related pair (grade 1) 0.5."""
    if not samples:
        raise RankingError("no graded pairs to fit the ranking on")
    x = np.array([[f.get(n, 0.0) for n in FEATURES] for f, _ in samples], dtype=np.float64)
    y = np.array([label for _, label in samples], dtype=np.float64)
    weights, bias = np.zeros(len(FEATURES)), 0.0
    rate = 1.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
        error = p - y
        weights -= rate * (x.T @ error / len(y) + L2 * weights / len(y))
        bias -= rate * float(error.mean())
    return Ranker(
        dict(zip(FEATURES, weights.tolist(), strict=True)),
        bias,
        {"pairs": len(samples), "relevant": int((y >= 0.5).sum())},
    )
