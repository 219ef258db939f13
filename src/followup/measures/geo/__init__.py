"""Boundary data shipped with the app (see README.md beside this file)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def americas() -> dict[str, list[list[list[float]]]]:
    """ISO3 -> rings of [longitude, latitude]."""
    return json.loads((HERE / "americas-110m.json").read_text(encoding="utf-8"))
