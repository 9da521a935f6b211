#!/usr/bin/env python3
"""Build a pack's boundary file (limites.csv) from svg-maps' map of Mexico.

Run once by a maintainer; the output is committed, pmm never fetches it:
    npm pack @svg-maps/mexico && tar xzf svg-maps-mexico-2.0.0.tgz
    python3 tools/map_boundaries.py package/index.js > data/packs/mx/limites.csv

The source (CC BY 4.0, Victor Cazanave, https://github.com/VictorCazanave/svg-maps)
is already projected into a 793x498 box. Each state's path (M/m/l/z only) is
turned into rings of absolute points, each ring simplified by Douglas-Peucker
(TOLERANCE units) and written as 'x y x y ...', rings separated by ';'.
Units are keyed by the pack's codes (INEGI), mapped from ISO 3166-2 below.
"""
import json
import re
import sys

TOLERANCE = 0.8
MIN_RING_POINTS = 3

# ISO 3166-2:MX suffix -> INEGI code (the clave of data/packs/mx/states.csv)
ISO_TO_INEGI = {
    "agu": "01", "bcn": "02", "bcs": "03", "cam": "04", "coa": "05", "col": "06",
    "chp": "07", "chh": "08", "cmx": "09", "dur": "10", "gua": "11", "gro": "12",
    "hid": "13", "jal": "14", "mex": "15", "mic": "16", "mor": "17", "nay": "18",
    "nle": "19", "oax": "20", "pue": "21", "que": "22", "roo": "23", "slp": "24",
    "sin": "25", "son": "26", "tab": "27", "tam": "28", "tla": "29", "ver": "30",
    "yuc": "31", "zac": "32",
}


def rings(path):
    """Absolute rings of an SVG path made of M, m, l and z."""
    tokens = re.findall(r"[MmLlZz]|-?[0-9.]+(?:e-?[0-9]+)?", path)
    out, ring, x, y, cmd, i = [], [], 0.0, 0.0, None, 0
    while i < len(tokens):
        t = tokens[i]
        if t in "MmLlZz":
            cmd = t
            i += 1
            if t in "Zz":
                if ring:
                    out.append(ring)
                    x, y = ring[0]
                ring = []
            continue
        dx, dy = float(tokens[i]), float(tokens[i + 1])
        i += 2
        if cmd == "M":
            if ring:
                out.append(ring)
            x, y, ring, cmd = dx, dy, [(dx, dy)], "L"
        elif cmd == "m":
            if ring:
                out.append(ring)
            x, y, ring, cmd = x + dx, y + dy, [], "l"
            ring.append((x, y))
        elif cmd == "L":
            x, y = dx, dy
            ring.append((x, y))
        else:
            x, y = x + dx, y + dy
            ring.append((x, y))
    if ring:
        out.append(ring)
    return out


def seg_dist(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def simplify(pts, tol):
    """Douglas-Peucker, iterative."""
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        best, idx = 0.0, -1
        for k in range(a + 1, b):
            d = seg_dist(pts[k], pts[a], pts[b])
            if d > best:
                best, idx = d, k
        if best > tol:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [p for p, k in zip(pts, keep) if k]


def main():
    src = open(sys.argv[1], encoding="utf-8").read()
    data = json.loads(src[src.index("{"):])
    rows = []
    for loc in data["locations"]:
        code = ISO_TO_INEGI[loc["id"]]
        kept = []
        for r in rings(loc["path"]):
            s = simplify(r, TOLERANCE)
            if len(s) >= MIN_RING_POINTS:
                kept.append(" ".join("%.1f %.1f" % p for p in s))
        rows.append((code, ";".join(kept)))
    print("# viewbox 0 0 793 498; source: svg-maps @svg-maps/mexico 2.0.0, CC BY 4.0 (see README)")
    print("clave,anillos")
    for code, rs in sorted(rows):
        print("%s,%s" % (code, rs))


if __name__ == "__main__":
    main()
