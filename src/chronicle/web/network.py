"""The actor network: who appears with whom (actors named in the same timeline entry) and who
quotes whom (a speaker whose words name another actor), laid out on a circle, server-side.

The circle is deterministic (actors ordered by type, then by weight), so the same store draws
the same picture; edges are plain lines, quotes curved arrows. Plain SVG attributes only.

    >>> net = actor_network([{"actors": ["A", "B"]}, {"actors": ["A", "B", "C"]}],
    ...                     [{"speaker": "C", "text": "A must leave"}],
    ...                     [{"name": n, "type": "PERSON", "aliases": [n]} for n in "ABC"], min_weight=2)
    >>> [(l["a"], l["b"], l["n"]) for l in net["links"]], [(q["a"], q["b"]) for q in net["quotes"]]
    ([('A', 'B', 2)], [('C', 'A')])
"""
from __future__ import annotations

import math
import re
from collections import Counter
from itertools import combinations

SIZE = 720
RADIUS = 230
MAX_NODES = 36
MIN_ALIAS = 4  # shorter aliases ("US", "EU") are matched as whole words only


def actor_network(entries: list[dict], quotes: list[dict], entities: list[dict], *, focus: str | None = None,
                  min_weight: int = 2, max_nodes: int = MAX_NODES) -> dict:
    """``{"nodes", "links", "quotes", "width", "height"}``: links are co-occurrences seen in at least
    ``min_weight`` entries; quotes are (speaker, named actor, count); ``focus`` keeps one actor and
    its neighbours."""
    known = {e["name"]: e for e in entities}
    pairs: Counter = Counter()
    for e in entries:
        names = sorted({a for a in e.get("actors") or () if a in known})
        pairs.update(combinations(names, 2))
    links = [(a, b, n) for (a, b), n in pairs.items() if n >= min_weight]
    said = Counter({k: n for k, n in _who_quotes_whom(quotes, entities).items() if k[0] in known})
    if focus:
        links = [x for x in links if focus in x[:2]]
        said = Counter({k: n for k, n in said.items() if focus in k})
    weight: Counter = Counter()
    for a, b, n in links:
        weight[a] += n
        weight[b] += n
    for (a, b), n in said.items():
        weight[a] += n
        weight[b] += n
    if focus and focus in known:
        weight[focus] += 10**6  # always drawn
    keep = {name for name, _ in weight.most_common(max_nodes)}
    nodes = sorted(keep, key=lambda n: (known.get(n, {}).get("type") or "", -weight[n], n))
    centre = SIZE / 2
    placed = {}
    for i, name in enumerate(nodes):
        angle = 2 * math.pi * i / max(1, len(nodes)) - math.pi / 2
        x, y = centre + RADIUS * math.cos(angle), centre + RADIUS * math.sin(angle)
        placed[name] = {"name": name, "type": known.get(name, {}).get("type"), "x": round(x, 1), "y": round(y, 1),
                        "r": round(4 + min(10.0, 1.5 * math.sqrt(weight[name])), 1),
                        "anchor": "start" if math.cos(angle) >= -1e-9 else "end",
                        "lx": round(centre + (RADIUS + 16) * math.cos(angle), 1),
                        "ly": round(centre + (RADIUS + 16) * math.sin(angle) + 4, 1), "weight": weight[name]}
    top = max([n for *_, n in links] + [1])
    out_links = [{"a": a, "b": b, "n": n, "x1": placed[a]["x"], "y1": placed[a]["y"], "x2": placed[b]["x"],
                  "y2": placed[b]["y"], "w": round(0.8 + 4 * n / top, 1)}
                 for a, b, n in sorted(links, key=lambda x: (-x[2], x[0], x[1])) if a in placed and b in placed]
    out_quotes = []
    for (a, b), n in sorted(said.items(), key=lambda kv: (-kv[1], kv[0])):
        if a in placed and b in placed:
            pa, pb = placed[a], placed[b]
            cx, cy = (pa["x"] + pb["x"]) / 2 * 0.6 + centre * 0.4, (pa["y"] + pb["y"]) / 2 * 0.6 + centre * 0.4
            out_quotes.append({"a": a, "b": b, "n": n,
                               "d": f"M{pa['x']},{pa['y']} Q{round(cx, 1)},{round(cy, 1)} {pb['x']},{pb['y']}"})
    return {"nodes": [placed[n] for n in nodes], "links": out_links, "quotes": out_quotes,
            "width": SIZE, "height": SIZE, "focus": focus, "min": min_weight,
            # the circle and its labels, with room for long names on either side
            "view": f"-150 {SIZE / 2 - RADIUS - 30} {SIZE + 300} {2 * RADIUS + 60}"}


def _who_quotes_whom(quotes: list[dict], entities: list[dict]) -> Counter:
    """(speaker, actor named in the quote) -> quotes; an actor is named by its name or an alias."""
    patterns = []
    for e in entities:
        names = {e["name"], *(a for a in e.get("aliases") or () if len(a) >= MIN_ALIAS or a.isupper())}
        words = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n)
        if words:
            patterns.append((e["name"], re.compile(rf"(?<!\w)(?:{words})(?!\w)")))
    out: Counter = Counter()
    for q in quotes:
        speaker = q.get("speaker")
        if not speaker:
            continue
        for name, pattern in patterns:
            if name != speaker and pattern.search(q.get("text") or ""):
                out[(speaker, name)] += 1
    return out
