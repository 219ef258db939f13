"""Build americas-110m.json from the npm package world-atlas (Natural Earth 1:110m admin-0
boundaries, public domain; TopoJSON packaging ISC). Run once by a maintainer:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python src/followup/geo/build_americas.py package/countries-110m.json

Writes {ISO3: [ring, ...]} with rings of [longitude, latitude] rounded to 0.01 degree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# ISO 3166 numeric -> alpha-3 for the Americas (the 35 OAS member States and the territories
# drawn at this scale).
AMERICAS = {
    "032": "ARG", "028": "ATG", "044": "BHS", "052": "BRB", "084": "BLZ", "068": "BOL",
    "076": "BRA", "124": "CAN", "152": "CHL", "170": "COL", "188": "CRI", "192": "CUB",
    "212": "DMA", "214": "DOM", "218": "ECU", "222": "SLV", "308": "GRD", "320": "GTM",
    "328": "GUY", "332": "HTI", "340": "HND", "388": "JAM", "484": "MEX", "558": "NIC",
    "591": "PAN", "600": "PRY", "604": "PER", "659": "KNA", "662": "LCA", "670": "VCT",
    "740": "SUR", "780": "TTO", "840": "USA", "858": "URY", "862": "VEN", "304": "GRL",
    "630": "PRI", "238": "FLK",
}  # fmt: skip


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return [[round(lon, 2), round(lat, 2)] for lon, lat in points]


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text())
    arcs = decode_arcs(topology)
    shapes: dict[str, list] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso3 = AMERICAS.get(str(geometry.get("id", "")))
        if not iso3:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes[iso3] = [ring(r, arcs) for polygon in polygons for r in polygon]
    out = Path(__file__).with_name("americas-110m.json")
    out.write_text(json.dumps(shapes, separators=(",", ":"), sort_keys=True))
    print(f"{out}: {len(shapes)} countries")


if __name__ == "__main__":
    main(sys.argv[1])
