"""The story page's storyline: sections as drawers (the story open), the headline above the quoted
sentence, undated reports never drawn or dated on a day, untrusted text escaped."""
from __future__ import annotations

import re
from html import unescape

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from chronicle.web import create_app  # noqa: E402


def _entry(i, date, section, headline, summary, published="2025-03-19"):
    return {"id": f"e{i}", "date": date, "granularity": "day" if date else None, "type": "call", "section": section,
            "headline": headline, "summary": summary, "actors": ["Ilse Brandvold"], "modality": "happened",
            "source_count": 1, "independent_sources": 1,
            "sources": [{"article": f"a{i}", "outlet": "Wire", "published": published, "start": 0, "end": 5,
                         "sentence": summary, "date_source": "attached" if date else "published"}]}


ENTRIES = [
    _entry(1, "2014-03-01", "background", "Russia seizes Crimea", "In 2014 Russia seized Crimea."),
    _entry(2, "2025-03-18", "story", "Trump and Putin hold <b>second</b> call",
           'Trump and Putin spoke on Tuesday, "<script>alert(1)</script>" aides said.'),
    _entry(3, None, "undated", "Zelensky resists pivot", "Initially, Zelensky resisted this pivot."),
    _entry(4, "2025-03-19", "story", "Zelensky dismisses Putin's pledge", "Zelensky dismissed Putin's pledge."),
    _entry(5, "2025-06-01", "upcoming", "Leaders to meet", "The leaders will meet in June."),
]


class Story:
    """The two readings the story page needs (a page of entries and the filters' facets)."""

    def timeline(self, since=None, until=None, actor=None, top=None, *, type=None, section=None, limit=None,  # noqa: A002
                 offset=0):
        entries = [dict(e) for e in ENTRIES if (type is None or e["type"] == type)
                   and section in (None, "all", e.get("section"))]
        return entries[offset:None if limit is None else offset + limit]

    def articles(self):
        return []

    def timeline_facets(self, since=None, until=None, actor=None, top=None, *, actors=300):
        types = sorted({e["type"] for e in ENTRIES})
        return {"total": len(ENTRIES), "types": [[t, sum(e["type"] == t for e in ENTRIES)] for t in types],
                "actors": sorted({a for e in ENTRIES for a in e.get("actors", [])})}


@pytest.fixture(scope="module")
def html():
    reply = TestClient(create_app(Story())).get("/")
    assert reply.status_code == 200
    return reply.text


def test_sections_are_drawers_story_first_and_open(html):
    drawers = re.findall(r'<details class="drawer" id="section-(\w+)" data-section="\w+"( open)?>', html)
    assert drawers == [("story", " open"), ("background", ""), ("upcoming", ""), ("undated", "")]
    story = html.split('id="section-story"')[1].split("</details>")[0]
    titles = [unescape(t) for t in re.findall(r'class="event-link" href="[^"]+">([^<]+)</a>', story)]
    assert titles == ["Trump and Putin hold <b>second</b> call", "Zelensky dismisses Putin's pledge"]


def test_headline_sits_above_the_quoted_sentence(html):
    listed = html.split('<div id="timeline">')[1]
    item = unescape(listed.split('href="/events/e4')[1].split("</li>")[0])
    assert item.index("Zelensky dismisses Putin's pledge</a>") < item.index('<blockquote class="entry-sentence">')
    assert '<blockquote class="entry-sentence">Zelensky dismissed Putin\'s pledge.</blockquote>' in item


def test_undated_reports_are_never_on_a_day(html):
    undated = html.split('id="section-undated"')[1].split("</details>")[0]
    assert "undated (by 2025-03-19)" in undated and "<time" not in undated
    chart = html.split('<figure class="chart"')[1].split("</figure>")[0]
    # the chart draws the dated entries of the story and after; the 2014 background is listed, not drawn
    # (it would squeeze eleven years onto the axis), and the storyline strip shows it in its own panel
    assert chart.count("<circle") == 3 and "2 entries with no date" in chart
    strip = html.split('<figure class="milestones"')[1].split("</figure>")[0]
    assert strip.count("<circle") <= 4 and "undated" not in strip  # and so does the storyline strip


def test_article_text_is_escaped(html):
    assert "<script>alert(1)" not in html and "<b>second</b>" not in html
    assert "&lt;b&gt;second&lt;/b&gt;" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
