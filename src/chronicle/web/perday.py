"""Articles per day by outlet, as stacked columns: a square-root scale clipped at a high
quantile, so one day with a hundred articles neither flattens the rest nor is hidden (its
column is drawn to the clip and labelled with its count). A column is at least COL wide and
the figure scrolls inside its frame on a phone.

    >>> c = per_day_chart([{"published": "2025-03-18", "outlet": "A"}] * 3
    ...                   + [{"published": "2025-03-20", "outlet": "B"}])
    >>> [(d["day"], d["total"]) for d in c["days"]], c["outlets"][0]["name"]
    ([('2025-03-18', 3), ('2025-03-19', 0), ('2025-03-20', 1)], 'A')
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict

from chronicle.web.humandates import human_date

COL = 10  # a day's column width
HEIGHT = 160  # the plot's height
LEFT, TOP, BOTTOM = 34, 10, 28
OUTLETS = 6  # the most prolific outlets get a colour each; the rest are "other"
CLIP_QUANTILE = 0.95
MAX_DAYS = 800  # a longer span is drawn by week


def per_day_chart(articles: list[dict], *, min_width: int = 640) -> dict | None:
    """Geometry for articles (``published``, ``outlet``, and ``n`` when a row counts several);
    copies are counted like any article."""
    days: dict[dt.date, Counter] = defaultdict(Counter)
    for a in articles:
        try:
            day = dt.date.fromisoformat((a.get("published") or "")[:10])
        except ValueError:
            continue
        days[day][a.get("outlet") or "unknown outlet"] += a.get("n", 1)
    if not days:
        return None
    first, last = min(days), max(days)
    step = 7 if (last - first).days + 1 > MAX_DAYS else 1
    if step == 7:
        first = first - dt.timedelta(days=first.weekday())
    buckets: dict[dt.date, Counter] = defaultdict(Counter)
    for day, counts in days.items():
        buckets[first + dt.timedelta(days=(day - first).days // step * step)].update(counts)
    outlet_totals = Counter()
    for c in buckets.values():
        outlet_totals.update(c)
    named = [o for o, _ in outlet_totals.most_common(OUTLETS)]
    cls = {o: f"o{i}" for i, o in enumerate(named)}
    n = (last - first).days // step + 1
    totals = sorted(sum(c.values()) for c in buckets.values())
    clip = max(1, totals[min(len(totals) - 1, int(CLIP_QUANTILE * len(totals)))])
    clip = max(clip, totals[-1] if totals[-1] <= 2 * clip else clip)

    def h_of(k: float) -> float:
        return round(HEIGHT * math.sqrt(min(k, clip)) / math.sqrt(clip), 1)

    width = max(min_width, LEFT + n * COL + 10)
    col = (width - LEFT - 10) / n
    out_days = []
    for i in range(n):
        day = first + dt.timedelta(days=i * step)
        counts = buckets.get(day, Counter())
        total = sum(counts.values())
        x, base, segs = round(LEFT + i * col, 1), 0, []
        for outlet in sorted(counts, key=lambda o: (o not in cls, named.index(o) if o in cls else 0, o)):
            k = counts[outlet]
            y0, y1 = h_of(base), h_of(base + k)
            segs.append({"outlet": outlet, "n": k, "cls": cls.get(outlet, "o-other"), "y": round(TOP + HEIGHT - y1, 1),
                         "h": round(max(0.0, y1 - y0), 1)})
            base += k
        when = ("week of " if step == 7 else "") + human_date(day.isoformat())
        out_days.append({"day": day.isoformat(), "when": when,
                         "x": x, "w": round(max(1.0, col - 1), 1), "total": total, "segments": segs,
                         "clipped": total > clip})
    ticks = [{"x": out_days[i]["x"], "label": human_date(out_days[i]["day"])}
             for i in range(0, n, max(1, n // max(1, int(width // 110))))]
    scale = [{"n": k, "y": round(TOP + HEIGHT - h_of(k), 1)} for k in sorted({1, max(1, clip // 4), clip}) if k <= clip]
    return {"width": int(width), "height": TOP + HEIGHT + BOTTOM, "left": LEFT, "base_y": TOP + HEIGHT,
            "days": out_days, "ticks": ticks, "scale": scale, "clip": clip, "by_week": step == 7,
            "outlets": [{"name": o, "cls": cls[o], "n": outlet_totals[o]} for o in named]
            + ([{"name": "other outlets", "cls": "o-other", "n": sum(outlet_totals.values())
                 - sum(outlet_totals[o] for o in named)}] if len(outlet_totals) > len(named) else [])}
