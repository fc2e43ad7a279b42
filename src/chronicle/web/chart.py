"""The Story page's visual timeline: SVG geometry for timeline entries, computed server-side.

One lane per event type, time left to right. A day-precise entry is a dot; a week, month or
year entry is a bar over the days it covers, so precision is visible at a glance. The dot
grows with independent sources. Plain SVG attributes only (no style attributes: the CSP
forbids inline styles); colours come from CSS classes.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter

from chronicle.dates import DateValue
from chronicle.web.humandates import human_date

WIDTH = 1000
LEFT = 96  # room for lane labels
RIGHT = 12
TOP = 26  # room for the axis labels
LANE = 28
MAX_LANES = 8
MAX_SPAN_DAYS = 366  # coarsest precision drawn: a year
FINE_SPAN_DAYS = 31  # entries at least this precise set the axis


def timeline_chart(entries: list[dict]) -> dict | None:
    """Geometry for ``entries`` (each with ``date``, ``type``, ``key``, ``summary``), or None if none is dated."""
    dated = []
    for e in entries:
        value = DateValue.try_parse(e.get("date"))
        # a decade or a century ("19") would stretch the axis over a hundred years: listed, not drawn
        if value is not None and (value.end - value.start).days <= MAX_SPAN_DAYS:
            dated.append((e, value))
    if not dated:
        return None
    # the axis spans the entries dated to a month or better; coarser bars are clipped to it
    # and, when the page has story or upcoming entries, by those: one background entry from years
    # before no longer squeezes the story into the chart's right edge (it is listed, not drawn; the
    # storyline strip above shows the background in a panel of its own)
    fine = [v for _, v in dated if (v.end - v.start).days <= FINE_SPAN_DAYS] or [v for _, v in dated]
    fine = [v for e, v in dated if (v.end - v.start).days <= FINE_SPAN_DAYS
            and e.get("section", "story") in ("story", "upcoming")] or fine
    first = min(v.start for v in fine)
    last = max(v.end for v in fine)
    dated = [(e, v) for e, v in dated if v.end >= first and v.start <= last]
    span = max(1, (last - first).days + 1)
    pad = max(1, span // 40)
    first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    days = (last - first).days + 1
    inner = WIDTH - LEFT - RIGHT

    def x_of(day: dt.date) -> float:
        return round(LEFT + inner * (day - first).days / days, 1)

    counts = Counter(e.get("type") or "other" for e, _ in dated)
    lanes = [t for t, _ in counts.most_common(MAX_LANES - 1)]
    if len(counts) > len(lanes):
        lanes.append("other")
    lane_of = {t: i for i, t in enumerate(lanes)}
    marks = []
    for e, v in dated:
        lane = lane_of.get(e.get("type") or "other", lane_of.get("other", 0))
        y = TOP + LANE * lane + LANE / 2
        n = int(e.get("independent_sources") or e.get("source_count") or 1)
        r = round(3 + min(6.0, 1.6 * math.sqrt(max(0, n - 1))), 1)
        label = f"{human_date(e.get('date'))} · {e.get('summary') or e.get('type') or ''}"
        cls = "mark-single" if e.get("single_source") else "mark-multi"
        if e.get("date_conflict"):
            cls += " mark-conflict"
        x0, x1 = x_of(max(v.start, first)), x_of(min(v.end, last) + dt.timedelta(days=1))
        if v.end > v.start and x1 - x0 > 2 * r:
            marks.append({"shape": "bar", "x": x0, "y": round(y - r / 2, 1), "w": round(x1 - x0, 1),
                          "h": r, "key": e["key"], "date": e.get("date"), "label": label, "cls": cls})
        else:
            marks.append({"shape": "dot", "x": round((x0 + x1) / 2, 1), "y": y, "r": r, "key": e["key"],
                          "date": e.get("date"), "label": label, "cls": cls})
    height = TOP + LANE * len(lanes) + 6
    return {
        "width": WIDTH, "height": height, "left": LEFT, "right": WIDTH - RIGHT,
        "lanes": [{"label": t.replace("_", " "), "y": TOP + LANE * i + LANE / 2} for i, t in enumerate(lanes)],
        "ticks": [{"x": x_of(d), "label": label} for d, label in _ticks(first, last)],
        "marks": marks, "axis_y": TOP - 4, "undrawn": len(entries) - len(dated),
    }


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    days = (last - first).days
    if days > 3 * 365:
        step = max(1, days // 365 // 8 + 1)
        return [(dt.date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1, step)]
    if days > 120:
        out, y, m = [], first.year, first.month
        step = max(1, days // 30 // 9 + 1)
        while True:
            m += step
            while m > 12:
                y, m = y + 1, m - 12
            d = dt.date(y, m, 1)
            if d > last:
                return out
            new_year = not out or out[-1][0].year != y
            out.append((d, d.strftime("%b %Y") if new_year else d.strftime("%b")))
    step = max(1, days // 8)
    return [(first + dt.timedelta(days=k), (first + dt.timedelta(days=k)).strftime("%-d %b"))
            for k in range(step, days, step)]
