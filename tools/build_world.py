"""Build the web map's country outlines: ``src/storyline/server/static/world-110m.svg``.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python tools/build_world.py package/countries-110m.json

The input is Natural Earth's 1:110m Admin 0 countries (public domain) as TopoJSON, from the
world-atlas package (ISC).  The output is one small SVG the map pages draw under their points,
in the same plate carrée projection the server uses for points (``server/views.py``:
x = (lon + 180) / 360 * 1000, y = (90 - lat) / 180 * 500), so nothing is projected in the
browser and nothing is fetched at run time.  Run again only to change the outlines.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "storyline" / "server" / "static" / "world-110m.svg"
WIDTH, HEIGHT = 1000, 500

NOTICE = (
    "Country outlines: Natural Earth 1:110m Admin 0 countries, version 4.1.0 (public domain, "
    "naturalearthdata.com), via the world-atlas 2.0.2 TopoJSON (ISC licence, Copyright "
    "2013-2019 Michael Bostock); projected and simplified to SVG paths by tools/build_world.py."
)


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as lists of (lon, lat): delta-decoded and un-quantized."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in refs:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) / 360 * WIDTH, (90 - lat) / 180 * HEIGHT


def unwrap(r: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring crossing the antimeridian (Russia's Chukotka, Fiji) made continuous, and drawn
    twice, once on each side of the map (the SVG clips what falls outside)."""
    out = [r[0]]
    for lon, lat in r[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append((lon, lat))
    lons = [lon for lon, _ in out]
    copies = [out]
    if max(lons) > 180.5:
        copies.append([(lon - 360, lat) for lon, lat in out])
    if min(lons) < -180.5:
        copies.append([(lon + 360, lat) for lon, lat in out])
    return copies


def path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for r in (c for raw in rings for c in unwrap(raw)):
        pts = []
        last = None
        for lon, lat in r:
            x, y = project(lon, lat)
            p = (round(x, 1), round(y, 1))
            if p != last:
                pts.append(p)
                last = p
        if len(pts) < 3:
            continue
        parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
    return "".join(parts)


def main(src: str) -> None:
    topo = json.loads(Path(src).read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    shapes = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            polys = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        d = path([ring(arcs, r) for poly in polys for r in poly])
        if d:
            name = (geom.get("properties") or {}).get("name", "")
            name = name.replace("&", "&amp;").replace("<", "&lt;")
            shapes.append(f'<path d="{d}"><title>{name}</title></path>')
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">\n<!-- {NOTICE} -->\n'
        "<style>path{fill:#e4e2dc;stroke:#9a968c;stroke-width:.4;"
        "vector-effect:non-scaling-stroke;stroke-linejoin:round}</style>\n"
        + "\n".join(shapes)
        + "\n</svg>\n"
    )
    OUT.write_text(svg, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(shapes)} countries, {len(svg) / 1024:.0f} KB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package/countries-110m.json")
