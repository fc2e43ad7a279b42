"""The storyline downstream: the brief's arc, TimelineJS headlines, sections, undated reports kept off days."""
from __future__ import annotations

import csv
import io

import pytest

from chronicle.views.brief import build_brief, render_html, render_markdown
from chronicle.views.exports import select_sections, timeline_csv, timelinejs


def _entry(i: int, date: str | None, section: str | None, *, importance: float = 0.0, headline: str | None = None,
           summary: str = "", published: str = "2025-03-19") -> dict:
    e = {"id": f"e{i}", "date": date, "granularity": "day" if date else None, "type": "call",
         "summary": summary or f"Sentence number {i} said something happened.", "actors": ["A B"],
         "modality": "happened", "source_count": 1, "independent_sources": 1, "importance": importance,
         "sources": [{"article": f"a{i}", "outlet": "Wire", "published": published, "start": 0, "end": 10,
                      "sentence": summary or f"Sentence number {i}.", "date_source": "attached" if date else "published"}]}
    if section:
        e["section"] = section
    if headline:
        e["headline"] = headline
    return e


TIMELINE = [
    _entry(1, "2014-03-01", "background", importance=9, headline="Russia seizes Crimea"),
    _entry(2, "2025-03-18", "story", importance=5, headline="Trump and Putin hold second call"),
    _entry(3, "2025-02-12", "story", importance=4, headline="Trump and Putin hold first call"),
    _entry(4, "2025-03-19", "story", importance=1, headline="Zelensky dismisses Putin's pledge"),
    _entry(5, None, "undated", importance=8, headline="Zelensky resists pivot"),
    _entry(6, "2025-06-01", "upcoming", importance=7, headline="Leaders to meet in Istanbul"),
]


def test_what_happened_is_the_story_arc_in_date_order_headline_first():
    brief = build_brief(TIMELINE, [], [], top=2)
    happened = dict(brief["sections"])["What happened"]
    assert [row["head"] for row in happened] == ["Trump and Putin hold first call.", "Trump and Putin hold second call."]
    assert happened[0]["when"] == "12 February 2025"
    assert all(row["notes"] for row in happened)


def test_undated_reports_are_never_on_a_day():
    brief = build_brief(TIMELINE, [], [], top=10)
    parts = dict(brief["sections"])
    assert not any("Zelensky resists pivot" in row["text"] for row in parts["What happened"])
    undated = parts["Undated reports"]
    assert len(undated) == 1 and undated[0]["when"] == "Undated, reported by 19 March 2025"
    assert undated[0]["text"] == "Zelensky resists pivot."
    js = timelinejs(TIMELINE)
    assert "Zelensky resists pivot" not in [s["text"]["headline"] for s in js["events"]]
    rows = list(csv.DictReader(io.StringIO(timeline_csv(TIMELINE))))
    assert [(r["date"], r["section"]) for r in rows if r["headline"] == "Zelensky resists pivot"] == [("", "undated")]


def test_an_entry_built_before_the_storyline_still_exports():
    old = {k: v for k, v in _entry(7, "2025-03-18", None, summary="Trump and Putin spoke by phone on Tuesday "
                                   "for more than two hours about the war, the Kremlin said.").items()}
    published_only = _entry(8, "2025-03-19", None)
    published_only["sources"][0]["date_source"] = "published"
    slides = timelinejs([old, published_only])["events"]
    assert [s["text"]["headline"] for s in slides] == [
        "Trump and Putin spoke by phone on Tuesday for more than two hours…"]
    assert [e["id"] for e in select_sections([old, published_only], "undated")] == ["e8"]


@pytest.mark.parametrize("section, top, expected", [
    (None, None, ["e1", "e2", "e3", "e4", "e5", "e6"]),
    (None, 3, ["e2", "e3", "e4"]),
    (["story", "upcoming"], None, ["e2", "e3", "e4", "e6"]),
    ("background,undated", None, ["e1", "e5"]),
    ("all", 3, ["e1", "e2", "e3", "e4", "e5", "e6"]),
])
def test_select_sections(section, top, expected):
    assert [e["id"] for e in select_sections(TIMELINE, section, top=top)] == expected


def test_untrusted_headlines_are_escaped():
    evil = [_entry(9, "2025-03-18", "story", headline='<script>alert(1)</script> & "x"',
                   summary="<img src=x onerror=alert(1)>")]
    page = render_html(build_brief(evil, [], []), "t")
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page
    assert timelinejs(evil)["events"][0]["text"]["headline"].startswith("&lt;script&gt;")
    md = render_markdown(build_brief(evil, [], []), "t")
    assert "<script>" not in md
