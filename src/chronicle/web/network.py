"""The actor network laid out on a circle, server-side: who appears with whom (actors named on the
same timeline entry) and who quotes whom (an actor named inside a speaker's quote), from
:meth:`chronicle.api.Chronicle.network`.

The circle is deterministic (actors ordered by type, then by weight), so the same store draws
the same picture; pairs are plain lines, quotes curved arrows. Plain SVG attributes only.

    >>> net = actor_network({"pairs": [["A", "B", 2]], "quotes": [["C", "A", 1]]},
    ...                     {n: "PERSON" for n in "ABC"})
    >>> [n["name"] for n in net["nodes"]], [(q["a"], q["b"]) for q in net["quotes"]]
    (['A', 'B', 'C'], [('C', 'A')])
"""
from __future__ import annotations

import math
from collections import Counter

SIZE = 720
RADIUS = 230
MAX_NODES = 36


def actor_network(found: dict, types: dict[str, str], *, focus: str | None = None, min_weight: int = 2,
                  max_nodes: int = MAX_NODES) -> dict:
    """Geometry for ``found`` (``{"pairs", "quotes"}``); ``types`` gives each actor's entity type."""
    links = [tuple(p) for p in found["pairs"]]
    said = [tuple(q) for q in found["quotes"]]
    weight: Counter = Counter()
    for a, b, n in links + said:
        weight[a] += n
        weight[b] += n
    if focus and focus in weight:
        weight[focus] += 10**6  # always drawn
    keep = {name for name, _ in weight.most_common(max_nodes)}
    nodes = sorted(keep, key=lambda n: (types.get(n) or "~", -weight[n], n))
    centre = SIZE / 2
    placed = {}
    for i, name in enumerate(nodes):
        angle = 2 * math.pi * i / max(1, len(nodes)) - math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        placed[name] = {"name": name, "type": types.get(name), "x": round(centre + RADIUS * cos, 1),
                        "y": round(centre + RADIUS * sin, 1),
                        "r": round(4 + min(10.0, 1.5 * math.sqrt(weight[name] % 10**6)), 1),
                        "anchor": "start" if cos >= -1e-9 else "end",
                        "lx": round(centre + (RADIUS + 16) * cos, 1),
                        "ly": round(centre + (RADIUS + 16) * sin + 4 + 8 * max(0.0, sin), 1),
                        "weight": weight[name] % 10**6}
    top = max([n for *_, n in links] + [1])
    out_links = [{"a": a, "b": b, "n": n, "x1": placed[a]["x"], "y1": placed[a]["y"], "x2": placed[b]["x"],
                  "y2": placed[b]["y"], "w": round(0.8 + 4 * n / top, 1)}
                 for a, b, n in links if a in placed and b in placed]
    out_quotes = []
    for a, b, n in said:
        if a in placed and b in placed:
            pa, pb = placed[a], placed[b]
            cx, cy = (pa["x"] + pb["x"]) / 2 * 0.6 + centre * 0.4, (pa["y"] + pb["y"]) / 2 * 0.6 + centre * 0.4
            out_quotes.append({"a": a, "b": b, "n": n,
                               "d": f"M{pa['x']},{pa['y']} Q{round(cx, 1)},{round(cy, 1)} {pb['x']},{pb['y']}"})
    return {"nodes": [placed[n] for n in nodes], "links": out_links, "quotes": out_quotes,
            "width": SIZE, "height": SIZE, "focus": focus, "min": min_weight,
            # the circle and its labels, with room for long names on either side
            "view": f"-150 {SIZE / 2 - RADIUS - 30} {SIZE + 300} {2 * RADIUS + 70}"}
