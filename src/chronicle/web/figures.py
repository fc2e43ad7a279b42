"""Geometry for the Numbers and Positions views: claim groups as value strips (a disputed group's
values visibly apart), and each actor's stances as a timeline where a revision is a move.

    >>> g = claim_strips([{"group": "g", "disputed": True,
    ...                    "claims": [{"value": 120, "id": "a"}, {"value": 150, "id": "b"}]},
    ...                   {"group": "h", "disputed": False, "claims": [{"value": 3, "id": "c"}]}])
    >>> [(x["group"], x["disputed"], [m["x"] for m in x["strip"]["marks"]]) for x in g]
    [('g', True, [30.0, 270.0]), ('h', False, [150.0])]
"""
from __future__ import annotations

import datetime as dt

from chronicle.dates import DateValue
from chronicle.web.humandates import human_date

STRIP_W, STRIP_PAD = 300, 30
LANE_W, LANE_LEFT, LANE_H = 900, 8, 34


def claim_strips(groups: list[dict]) -> list[dict]:
    """Each claim group (``group``, ``disputed``, ``claims``) with a strip: every value (a range as a
    bar) on the group's own scale, and who gives them."""
    return [{**g, "strip": _strip(g["claims"]),
             "claimants": sorted({c.get("claimant") or c.get("outlet") or "?" for c in g["claims"]})} for g in groups]


def _strip(claims: list[dict]) -> dict:
    values = [v for c in claims for v in (c.get("value"), c.get("value_high")) if isinstance(v, (int, float))]
    lo, hi = (min(values), max(values)) if values else (0, 1)
    span = (hi - lo) or 1

    def x_of(v: float) -> float:
        if hi == lo:
            return STRIP_W / 2
        return round(STRIP_PAD + (STRIP_W - 2 * STRIP_PAD) * (v - lo) / span, 1)

    marks = []
    for c in claims:
        v = c.get("value")
        if not isinstance(v, (int, float)):
            continue
        high = c.get("value_high")
        marks.append({"id": c["id"], "x": x_of(v), "x2": x_of(high) if isinstance(high, (int, float)) else None,
                      "text": c.get("text"), "who": c.get("claimant") or c.get("outlet")})
    return {"width": STRIP_W, "height": 40, "marks": marks, "lo": lo, "hi": hi}


def stance_lanes(positions: list[dict], *, max_actors: int = 30) -> dict:
    """``{"actors": [{"actor", "y", "marks", "moves"}], "ticks", "width", "height"}``: one lane per
    actor (most positions first), each position a mark at its date (else its article's day), and
    each revision a move: an arc from the revised position to the one that revises it."""
    by_actor: dict[str, list[dict]] = {}
    for p in positions:
        by_actor.setdefault(p["actor"], []).append(p)
    actors = sorted(by_actor, key=lambda a: (-len(by_actor[a]), a))[:max_actors]
    days = {p["id"]: _day(p) for a in actors for p in by_actor[a]}
    known = [d for d in days.values() if d]
    if not known:
        return {"actors": [], "ticks": [], "width": LANE_W, "height": 0}
    x_of, ticks = _broken_axis(sorted(set(known)), LANE_LEFT + 40, LANE_W - LANE_LEFT)
    last = max(known)
    out = []
    for i, actor in enumerate(actors):
        y = 20 + i * LANE_H + LANE_H / 2
        rows = sorted(by_actor[actor], key=lambda p: (days[p["id"]] or last, p["id"]))
        marks = {p["id"]: {"id": p["id"], "x": x_of(days[p["id"]] or last), "y": y, "stance": p["stance"],
                           "label": f"{human_date(p.get('date') or p.get('published'))} · {p['stance']}: {p['text']}"}
                 for p in rows}
        moves = []
        for p in rows:
            old = marks.get(p.get("revises"))
            if old is not None:
                new = marks[p["id"]]
                lift = 12 + min(14.0, abs(new["x"] - old["x"]) / 8)
                moves.append({"from": old["id"], "to": p["id"],
                              "d": f"M{old['x']},{y} C{old['x']},{y - lift} {new['x']},{y - lift} {new['x']},{y}"})
        out.append({"actor": actor, "y": y, "marks": list(marks.values()), "moves": moves})
    return {"actors": out, "ticks": ticks, "width": LANE_W, "height": 28 + len(out) * LANE_H}


def _broken_axis(days: list[dt.date], left: float, right: float):
    """x for a day, where every gap between days that hold positions is capped (a broken axis), so
    one position from months before the rest does not squeeze them; and the ticks (first day,
    each day after a break, last day).

    >>> d = [dt.date(2025, 3, 1), dt.date(2025, 9, 1), dt.date(2025, 9, 3)]
    >>> x_of, ticks = _broken_axis(d, 0, 100)
    >>> [x_of(day) for day in d], [t["label"] for t in ticks]
    ([0.0, 77.8, 100.0], ['1 Mar 2025', '1 Sep 2025', '3 Sep 2025'])
    """
    gaps = [(b - a).days for a, b in zip(days, days[1:])]
    cap = max(7, 3 * sorted(gaps)[(len(gaps) - 1) // 2]) if gaps else 1
    at, ticks, pos = {days[0]: 0.0}, [(days[0], False)], 0.0
    for a, b, g in zip(days, days[1:], gaps):
        pos += min(g, cap)
        at[b] = pos
        if g > cap:
            ticks.append((b, True))
    if len(days) > 1 and ticks[-1][0] != days[-1]:
        ticks.append((days[-1], False))
    total = pos or 1.0

    def x_of(day: dt.date) -> float:
        if day in at:
            return round(left + (right - left) * at[day] / total, 1)
        before = max((d for d in at if d <= day), default=days[0])
        return round(left + (right - left) * min(total, at[before] + min(cap, (day - before).days)) / total, 1)

    return x_of, [{"x": x_of(d), "label": human_date(d.isoformat()), "broken": broken} for d, broken in ticks]


def _day(p: dict) -> dt.date | None:
    v = DateValue.try_parse(p.get("date")) or DateValue.try_parse(p.get("published"))
    if v is None or (v.end - v.start).days > 366:
        return None
    return v.start + (v.end - v.start) / 2
