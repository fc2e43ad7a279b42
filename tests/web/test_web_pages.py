"""The pages, in-process: what each shows, escaping of untrusted text, and no inline script or style."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

import chronicle  # noqa: E402
from chronicle.web import create_app  # noqa: E402
from webstory import ARTICLES, StoryDouble, write_corpus  # noqa: E402

HOSTILE = {
    "title": "<script>document.title='pwned'</script><img src=x onerror=alert(1)>",
    "text": "Ilse Varga said the plan was <b onmouseover=alert(2)>final</b> and <script>alert(3)</script> "
            "linked <a href=\"javascript:alert(4)\">here</a>.\n\nMore text follows about the dam.",
    "outlet": "<i>Evil</i> \"Outlet\"", "published": "2024-05-11", "url": "javascript:alert(5)",
}


@pytest.fixture(scope="module")
def story_db(tmp_path_factory, pipeline):
    folder = tmp_path_factory.mktemp("web-pages")
    db = folder / "story.db"
    with chronicle.open(db) as api:
        api._pipeline = pipeline
        api.ingest([write_corpus(folder, [*ARTICLES, HOSTILE])], jobs=1)
    return db


@pytest.fixture
def double(story_db):
    with chronicle.open(story_db) as api:
        yield StoryDouble(api, conflict_on="Talks between")


@pytest.fixture
def client(double):
    return TestClient(create_app(double))


def page(client, path, **params) -> str:
    response = client.get(path, params=params or None)
    assert response.status_code == 200, response.text
    return response.text


def entry_titles(html: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'class="event-link" href="[^"]+">([^<]+)</a>', html)]


def unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_story_lists_the_timeline_in_order_with_counts_and_flags(client, double):
    html = page(client, "/")
    entries = double.timeline()
    assert entry_titles(html) == [e["summary"] for e in entries]
    items = re.findall(r'<li class="entry([^"]*)"', html)
    assert items == [(" single" if e["independent_sources"] <= 1 else "") + (" conflict" if e.get("date_conflict") else "")
                     for e in entries]
    closure = next(e for e in entries if e["summary"].startswith("Mayor Ilse Varga"))
    assert (closure["source_count"], closure["independent_sources"]) == (3, 2)
    assert re.search(r"3 sources,\s+2 independent", html)
    assert html.count("date conflict</span>") == 1
    chart = html.split('<figure class="chart"')[1].split("</figure>")[0]
    assert chart.count("<svg") == 1 and chart.count("<circle") == len(entries)


def test_story_filters_by_actor_type_and_dates(client, double):
    by_actor = entry_titles(page(client, "/", actor="Tessel"))
    assert by_actor == [e["summary"] for e in double.timeline(actor="Tessel")]
    assert 0 < len(by_actor) < len(double.timeline())
    by_type = entry_titles(page(client, "/", type="closure"))
    assert by_type and by_type == [e["summary"] for e in double.timeline() if e["type"] == "closure"]
    in_range = entry_titles(page(client, "/", since="2024-05-03", until="2024-05-04"))
    assert in_range == [e["summary"] for e in double.timeline(since="2024-05-03", until="2024-05-04")]
    assert len(in_range) < len(double.timeline())


def test_event_page_highlights_each_source_sentence_in_its_article(client, double):
    entry = next(e for e in double.timeline() if e["source_count"] == 3)
    story = page(client, "/")
    link = unescape(re.search(r'href="(/events/[^"]+)">' + re.escape(entry["summary"]), story)[1])
    html = page(client, link)
    marks = re.findall(r'<div class="source-text"[^>]*>.*?<mark class="hit">(.*?)</mark>', html, re.S)
    assert [unescape(m) for m in marks] == [s["sentence"] for s in entry["sources"]]
    outlets = re.findall(r'<strong class="outlet">([^<]+)</strong>', html)
    assert outlets == [s["outlet"] for s in entry["sources"]]
    assert "syndicated copy" in html
    assert "The water belongs to the whole valley" in html
    assert "?on=" in link
    bare = page(client, link.split("?")[0])  # the entry is found by its id, with or without its date
    assert re.findall(r'<strong class="outlet">([^<]+)</strong>', bare) == outlets


def test_actor_page_shows_aliases_roles_quotes_in_date_order_and_events(client, double):
    html = page(client, "/actor", name="Piet Haldane")
    quoted = [unescape(q) for q in re.findall(r'<mark class="hit">(.*?)</mark>', html)]
    said = sorted(double.quotes(speaker="Piet Haldane"), key=lambda q: q["published"])
    assert quoted == list(dict.fromkeys(q["text"] for q in said))  # a reprinted quote once, first seen first
    assert len(quoted) < len(said) and "carried by 2 articles" in html
    assert "<li>Haldane</li>" in html
    varga = page(client, "/actor", name="Ilse Varga")
    events = [e["summary"] for e in double.timeline(actor="Ilse Varga")]
    listed = [unescape(t) for t in re.findall(r'<a href="/events/[^"]+">([^<]+)</a>', varga)]
    assert listed == events and events
    assert "<span class=\"role\">mayor</span>" in varga


def test_quotes_page_groups_outlets_and_searches(client):
    html = page(client, "/quotes")
    assert "carried by 2 articles" in html and "Tessel Post" in html and "Valley Wire" in html
    found = page(client, "/quotes", q="keep talking")
    assert "until the valley has water again" in found and "not consulted" not in found
    by_speaker = page(client, "/quotes", speaker="Ilse Varga")
    assert "The water belongs" in by_speaker and "keep talking" not in by_speaker


def test_articles_page_marks_copies_and_searches(client, double):
    html = page(client, "/articles")
    rows = re.findall(r'<tr class="(copy|)">', html)
    assert rows.count("copy") == sum(1 for a in double.articles() if a["duplicate_of"]) == 1
    assert "1 copy</span>" in html
    hits = page(client, "/articles", q="consulted")
    assert hits.count('<div class="snippet">') == 2 and '<mark class="hit">consulted</mark>' in hits


def test_article_page_highlights_the_requested_span(client, double):
    art = double.articles()[0]
    text = double.article(art["id"])["text"]
    start = text.index("The water")
    html = page(client, f"/articles/{art['id']}", start=start, end=start + 9)
    assert '<mark class="hit">The water</mark>' in html


def test_changes_page_shows_what_later_articles_added(client, double):
    assert "Pick a date" in page(client, "/changes")
    html = page(client, "/changes", since="2024-05-09")
    report = double.changes(since="2024-05-09")
    new = re.search(r'<section class="changes-part" id="new_events">(.*?)</section>', html, re.S)[1]
    order = {"story": 0, "upcoming": 1, "background": 2, "undated": 3}
    ranked = sorted(report["new_events"], key=lambda e: (order.get(e.get("section", "story"), 4),
                                                          -(e.get("importance") or 0)))
    assert entry_titles(new) == [e["summary"] for e in ranked]
    assert "Talks between Orrin and Tessel collapsed" in new and "Mayor Ilse Varga closed" not in html
    quotes = re.search(r'<section class="changes-part" id="new_quotes">(.*?)</section>', html, re.S)[1]
    assert "keep talking" in quotes and "whole valley" not in quotes
    earlier = page(client, "/changes", since="2024-05-03")
    updated = re.search(r'<section class="changes-part" id="updated_events">(.*?)</section>', earlier, re.S)[1]
    assert "+1 independent" in updated and "Mayor Ilse Varga closed" in updated


class TagAudit(HTMLParser):
    """Every tag and attribute of a page, to check nothing can run inline."""

    def __init__(self):
        super().__init__()
        self.problems, self.scripts, self.in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag in ("style", "iframe", "object", "embed", "img"):
            self.problems.append(f"<{tag}>")
        if tag == "script":
            self.scripts.append(dict(attrs).get("src"))
            self.in_script = True

    def handle_endtag(self, tag):
        self.in_script = self.in_script and tag != "script"

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append("inline script")


PAGES = ["/", "/?actor=Ilse+Varga", "/actors", "/actor?name=Ilse+Varga", "/quotes", "/quotes?q=valley", "/articles",
         "/articles?q=plan", "/changes?since=2024-05-01"]


@pytest.mark.parametrize("path", PAGES)
def test_no_inline_script_style_or_handler_and_untrusted_text_escaped(client, double, path):
    html = page(client, path)
    audit = TagAudit()
    audit.feed(html)
    assert audit.problems == []
    assert audit.scripts == ["/static/app.js"]


def test_hostile_article_is_shown_as_text(client, double):
    hostile = next(a for a in double.articles() if a["title"].startswith("<script>"))
    for path in (f"/articles/{hostile['id']}", "/articles", "/articles?q=plan", "/actor?name=Ilse+Varga"):
        html = page(client, path)
        audit = TagAudit()
        audit.feed(html)
        assert audit.problems == [] and audit.scripts == ["/static/app.js"], path
    html = page(client, f"/articles/{hostile['id']}")
    assert "&lt;script&gt;document.title=" in html and "&lt;b onmouseover=alert(2)&gt;" in html
    assert 'href="javascript:' not in html and "javascript:alert(5)" in html  # shown, not linked
