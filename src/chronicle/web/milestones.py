"""The storyline drawn as one horizontal line of milestones, with its sections beside it:
the background the articles recall on the left, the story in the middle, what is planned on
the right, each panel on its own time scale (an 1859 background entry cannot squeeze the story).

Labels go in lanes above and below the line, each in the first lane where it does not overlap
the label before it; the figure is as wide as its labels need and scrolls inside its frame on
a phone, so text is never shrunk to nothing. Plain SVG attributes only (the CSP forbids inline styles).

    >>> m = milestone_chart([{"key": "a", "date": "2025-03-18", "title": "Call", "section": "story"},
    ...                      {"key": "b", "date": "2025-05-19", "title": "Second call", "section": "story"}])
    >>> [(p["section"], len(p["marks"])) for p in m["panels"]], m["marks"][0]["x"] < m["marks"][1]["x"]
    ([('story', 2)], True)
"""
from __future__ import annotations

import datetime as dt
import textwrap

from chronicle.dates import DateValue
from chronicle.web.humandates import human_date

LABEL_W = 150  # a label's width in SVG units; its text wraps at LABEL_CHARS
LABEL_CHARS = 22
LABEL_LINES = 3
LINE_H = 13
LANES = 3  # label lanes on each side of the line
LANE_H = LABEL_LINES * LINE_H + 14
PAD = 12
GAP = 24  # between panels
SIDE_SHARE = 0.2  # of the width, for the background and upcoming panels each (when they have entries)
TITLES = {"background": "Background", "story": "The story", "upcoming": "Upcoming"}


def milestone_chart(entries: list[dict], *, min_width: int = 960) -> dict | None:
    """Geometry for entries (``key``, ``date``, ``title``, ``section``); undated or coarser-than-a-year
    entries are left out. None when nothing can be drawn."""
    by_section: dict[str, list[tuple[dict, DateValue]]] = {}
    for e in entries:
        v = DateValue.try_parse(e.get("date"))
        if v is None or (v.end - v.start).days > 366 or e.get("section") not in TITLES:
            continue
        by_section.setdefault(e["section"], []).append((e, v))
    if not by_section:
        return None
    order = [s for s in TITLES if s in by_section]
    story_n = len(by_section.get("story", ()))
    width = max(min_width, (story_n + 1) * LABEL_W * 3 // 5 + 2 * PAD)
    shares = {s: (SIDE_SHARE if s != "story" else 1.0) for s in order}
    if "story" not in shares:
        shares = {s: 1.0 for s in order}
    total_share = sum(shares.values())
    inner = width - 2 * PAD - GAP * (len(order) - 1)
    axis_y = PAD + 30 + LANES * LANE_H  # the panels' titles above the highest lane
    panels, marks, x0 = [], [], PAD
    for section in order:
        w = inner * shares[section] / total_share
        items = sorted(by_section[section], key=lambda ev: (ev[1].start, ev[0].get("key")))
        first = min(v.start for _, v in items)
        last = max(v.end for _, v in items)
        days = max(1, (last - first).days)

        def x_of(day: dt.date, x0=x0, w=w, first=first, days=days) -> float:
            return round(x0 + 8 + (w - 16) * (day - first).days / days, 1)

        panel_marks = []
        for e, v in items:
            mid = v.start + (v.end - v.start) / 2
            mark = {"key": e["key"], "date": e.get("date"), "when": human_date(e.get("date")), "x": x_of(mid),
                    "x0": x_of(v.start), "x1": x_of(v.end), "title": e.get("title") or "", "section": section}
            panel_marks.append(mark)
        panels.append({"section": section, "title": TITLES[section], "x": round(x0, 1), "w": round(w, 1),
                       "from": human_date(items[0][0].get("date")), "to": human_date(items[-1][0].get("date")),
                       "marks": panel_marks})
        marks += panel_marks
        x0 += w + GAP
    _place_labels(marks, axis_y, width)
    height = axis_y + PAD + 18 + LANES * LANE_H
    return {"width": int(width), "height": int(height), "axis_y": axis_y, "panels": panels, "marks": marks}


def _place_labels(marks: list[dict], axis_y: int, width: float) -> None:
    """Each mark's label in the first lane (above, below, above further out, ...) free at its x."""
    ends = [-1e9] * (2 * LANES)
    for m in sorted(marks, key=lambda m: m["x"]):
        lx = min(max(m["x"] - 10, PAD), width - PAD - LABEL_W)
        lane = next((i for i in range(2 * LANES) if ends[i] < lx), min(range(2 * LANES), key=ends.__getitem__))
        ends[lane] = lx + LABEL_W + 6
        above, depth = lane % 2 == 0, lane // 2
        lines = textwrap.wrap(m["title"], LABEL_CHARS)[:LABEL_LINES] or [""]
        if len(textwrap.wrap(m["title"], LABEL_CHARS)) > LABEL_LINES:
            lines[-1] = lines[-1][:LABEL_CHARS - 1] + "…"
        if above:
            top = axis_y - 18 - (depth + 1) * LANE_H + 4
        else:
            top = axis_y + 18 + depth * LANE_H + 4
        m.update(label_x=round(lx, 1), label_y=top, lines=[m["when"], *lines],
                 leader_y=top + (len(lines) + 1) * LINE_H + 2 if above else top - 2)
