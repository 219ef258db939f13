"""Boundaries of the Americas shipped with followup (see README.md beside this file), and their
outlines as SVG paths in one equirectangular projection. Plain Python: any app's map draws
from here, so that none imports another app for its geometry."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent
# Longitude and latitude bounds of the drawn Americas: west, south, east, north.
AMERICAS_BOUNDS = (-170.0, -57.0, -25.0, 72.0)


@lru_cache(maxsize=1)
def americas() -> dict[str, list[list[list[float]]]]:
    """ISO3 -> rings of [longitude, latitude]."""
    return json.loads((HERE / "americas-110m.json").read_text(encoding="utf-8"))


def map_height(width: int) -> int:
    """The height of a map of the Americas ``width`` wide, in the same units."""
    west, south, east, north = AMERICAS_BOUNDS
    return round(width * (north - south) / (east - west))


def outline(rings: list[list[list[float]]], width: int) -> str:
    """The SVG path data of a country's rings on a map ``width`` wide. Rings whose mean
    longitude lies east of the antimeridian (the far Aleutian islands) are left out."""
    west, south, east, north = AMERICAS_BOUNDS
    height = map_height(width)

    def point(lon: float, lat: float) -> str:
        x = (lon - west) / (east - west) * width
        y = (north - lat) / (north - south) * height
        return f"{x:.1f},{y:.1f}"

    return " ".join(
        "M" + "L".join(point(lon, lat) for lon, lat in ring) + "Z"
        for ring in rings
        if sum(lon for lon, _ in ring) / len(ring) <= 0
    )
