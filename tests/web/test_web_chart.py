"""The Story page's visual timeline: positions follow dates, precision shows as width."""
from __future__ import annotations

import pytest

pytest.importorskip("jinja2")
from chronicle.web.chart import LEFT, WIDTH, timeline_chart  # noqa: E402


def entry(key, date, kind="meeting", sources=1):
    return {"key": key, "date": date, "type": kind, "summary": key, "independent_sources": sources}


def test_dots_for_days_bars_for_months_and_no_century():
    chart = timeline_chart([entry("a", "2025-03-01"), entry("b", "2025-03"), entry("c", "2025-04-30", "attack", 4),
                            entry("d", "19"), entry("e", "PAST_REF")])
    marks = {m["key"]: m for m in chart["marks"]}
    assert set(marks) == {"a", "b", "c"} and chart["undrawn"] == 2
    assert marks["a"]["shape"] == "dot" and marks["c"]["shape"] == "dot" and marks["b"]["shape"] == "bar"
    assert LEFT <= marks["a"]["x"] < marks["c"]["x"] <= WIDTH
    assert marks["b"]["x"] <= marks["a"]["x"] < marks["b"]["x"] + marks["b"]["w"]  # March covers March 1st
    assert marks["c"]["r"] > marks["a"]["r"]  # more independent sources, bigger dot
    centre = {k: m["y"] + m.get("h", 0) / 2 for k, m in marks.items()}
    assert centre["a"] == centre["b"] != centre["c"]  # one lane per type
    assert [lane["label"] for lane in chart["lanes"]] == ["meeting", "attack"]


def test_nothing_to_draw():
    assert timeline_chart([entry("x", "19"), entry("y", None)]) is None


def test_axis_follows_precise_entries_and_clips_coarse_ones():
    chart = timeline_chart([entry("a", "2025-09-01"), entry("b", "2025-09-28"), entry("c", "2025"),
                            entry("d", "2031")])
    marks = {m["key"]: m for m in chart["marks"]}
    assert set(marks) == {"a", "b", "c"} and chart["undrawn"] == 1
    span = marks["b"]["x"] - marks["a"]["x"]
    assert span > 0.8 * (WIDTH - LEFT)  # September fills the axis; the year 2025 does not stretch it
    assert marks["c"]["shape"] == "bar" and marks["c"]["x"] <= marks["a"]["x"]


def test_a_background_entry_from_years_before_does_not_squeeze_the_story():
    story = [{"key": f"s{i}", "date": f"2025-03-{10 + i:02d}", "type": "call", "section": "story"} for i in range(10)]
    old = {"key": "b", "date": "1859-06-01", "type": "war", "section": "background"}
    chart = timeline_chart([old, *story])
    xs = [m["x"] for m in chart["marks"]]
    assert len(xs) == len(story) and chart["undrawn"] == 1
    assert max(xs) - min(xs) > 0.6 * (chart["right"] - chart["left"])  # a day of padding each side
