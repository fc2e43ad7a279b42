"""Exports a desk can publish (issue 17): every source cited by outlet, title, date and URL;
TimelineJS3 JSON that TimelineJS accepts, with the story's title, sections as groups and no engine
vocabulary; Knight Lab's spreadsheet template; a brief footnoted to its source articles."""
from __future__ import annotations

import calendar
import csv
import html
import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chronicle
from chronicle.views.brief import build_brief, render_markdown
from chronicle.views.exports import EXPORT_TOP, SECTION_GROUPS, TIMELINEJS_CSV_COLUMNS, is_dated, quoted

# Words of the engine's date explanations and source kinds: none belongs in public text.
_JARGON = re.compile(r"governs|anchored|->|\battached\b|date_source|\bantecedent\b|\bmanifest\b|rule", re.I)
_DOUBLED = re.compile(r"[“”]\"|\"[“”]|“‘?“|”’?”")


@pytest.fixture(scope="module")
def demo(demo_dir, tmp_path_factory):
    api = chronicle.open(tmp_path_factory.mktemp("demo") / "demo.db")
    api.ingest([demo_dir], manifest=demo_dir / "manifest.csv")
    yield api
    api.close()


@pytest.fixture(scope="module")
def reference(ukraine, tmp_path_factory):
    """The reference corpus, its manifest given a URL per article (the corpus has none), read at run time."""
    folder = tmp_path_factory.mktemp("ref")
    rows = list(csv.DictReader((ukraine / "manifest.csv").open(encoding="utf-8")))
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, ["path", "published", "outlet", "url"])
        writer.writeheader()
        for r in rows:
            writer.writerow({"path": str(ukraine / r["path"]), "published": r["published"], "outlet": r.get("outlet"),
                             "url": f"https://ref.example/{r['path'].removesuffix('.txt')}"})
    api = chronicle.open(folder / "ref.db")
    api.ingest([ukraine], manifest=folder / "manifest.csv")
    yield api
    api.close()


def _articles(api) -> dict[str, dict]:
    return {a["id"]: a for a in api.articles()}


@pytest.mark.parametrize("corpus", ["demo", "reference"])
def test_every_slide_cites_its_sources_with_urls(corpus, request):
    api = request.getfixturevalue(corpus)
    articles, entries = _articles(api), {e["id"]: e for e in api.timeline()}
    doc = json.loads(api.export("timelinejs", all_entries=True, section="all"))
    assert doc["events"]
    for ev in doc["events"]:
        cited = [articles[a] for a in dict.fromkeys(s["article"] for s in entries[ev["unique_id"]]["sources"])]
        for a in cited:
            assert f'href="{a["url"]}"' in ev["text"]["text"]
            if a["outlet"]:
                assert a["outlet"] in ev["text"]["text"]
        # the quoted sentence is the slide's media, credited to its article's outlet and linked to it
        entry = entries[ev["unique_id"]]
        quoting = articles[entry["summary_source"]["article"]]
        assert ev["media"]["credit"] == f'<a href="{quoting["url"]}">{quoting["outlet"] or "unnamed source"}</a>'
        assert ev["media"]["url"] == f"<blockquote>{html.escape(quoted(entry['summary']), quote=False)}</blockquote>"


def _valid_date(d: dict) -> tuple:
    assert isinstance(d["year"], int) and set(d) <= {"year", "month", "day"}
    month, day = d.get("month", 1), d.get("day", 1)
    assert isinstance(month, int) and 1 <= month <= 12
    assert "day" not in d or "month" in d
    assert isinstance(day, int) and 1 <= day <= calendar.monthrange(d["year"], month)[1]
    return d["year"], month, day


@pytest.mark.parametrize("corpus", ["demo", "reference"])
def test_timelinejs_has_the_structure_timelinejs3_reads(corpus, request):
    api = request.getfixturevalue(corpus)
    doc = json.loads(api.export("timelinejs", all_entries=True, section="all"))
    assert set(doc) == {"title", "events"}
    title = doc["title"]["text"]["headline"]
    assert title and title != "Chronicle timeline" and re.search(r"\b20\d\d$", title)
    ids = [ev["unique_id"] for ev in doc["events"]]
    assert len(ids) == len(set(ids))
    for ev in doc["events"]:
        start = _valid_date(ev["start_date"])
        if "end_date" in ev:
            assert _valid_date(ev["end_date"]) > start
        assert isinstance(ev["text"]["headline"], str) and ev["text"]["headline"]
        assert ev["group"] in SECTION_GROUPS.values()
        public = " ".join([ev["text"]["headline"], ev["text"]["text"], ev["display_date"], json.dumps(ev["media"])])
        assert not _JARGON.search(re.sub(r'href="[^"]*"', "", public)), public
        assert not _DOUBLED.search(public), public
    assert len({ev["group"] for ev in doc["events"]}) <= 3  # sections, not twelve event types


def test_week_and_month_entries_span_to_their_end(demo, reference):
    for api in (demo, reference):
        entries = {e["id"]: e for e in api.timeline()}
        for ev in json.loads(api.export("timelinejs", all_entries=True, section="all"))["events"]:
            grain = entries[ev["unique_id"]]["granularity"]
            assert ("end_date" in ev) == (grain in ("week", "month")), (grain, ev)
            if grain == "month":
                assert ev["end_date"]["month"] == ev["start_date"]["month"] and ev["end_date"]["day"] >= 28


def test_timelinejs_exports_the_storyline_top_by_default(demo):
    default = json.loads(demo.export("timelinejs"))["events"]
    story = [e for e in demo.timeline(section="story") if is_dated(e)]
    assert [ev["unique_id"] for ev in default] == [ev["unique_id"] for ev in
                                                   json.loads(demo.export("timelinejs", top=EXPORT_TOP))["events"]]
    # --top keeps at most a few entries a day (views.timeline.top_ids), so 40 may leave out a crowded day's
    assert len(default) == len([e for e in demo.timeline(top=EXPORT_TOP) if is_dated(e)]) <= len(story)
    assert len(json.loads(demo.export("timelinejs", top=5))["events"]) == 5
    everything = json.loads(demo.export("timelinejs", all_entries=True, section="all"))["events"]
    assert len(everything) == len([e for e in demo.timeline() if is_dated(e)]) > len(default)
    assert {ev["group"] for ev in everything} == {"The story", "Background", "Coming up"}
    titled = json.loads(demo.export("timelinejs", title="<b>Sarn Valley</b>"))
    assert titled["title"]["text"]["headline"] == "&lt;b&gt;Sarn Valley&lt;/b&gt;"


def test_the_title_names_the_storys_people():
    # demo: the mediator and the two leaders' sides; reference: the three presidents
    from chronicle.views.exports import story_title

    entries = [{"date": "2025-03-18", "section": "story", "actors": ["Russia", "Vladimir Putin", "Donald Trump"],
                "independent_sources": 3},
               {"date": "2025-05-19", "section": "story", "actors": ["Donald Trump"], "independent_sources": 1}]
    assert story_title(entries, people={"Vladimir Putin", "Donald Trump"}) == \
        "Donald Trump and Vladimir Putin, March–May 2025"
    assert story_title(entries) == "Donald Trump, Russia and Vladimir Putin, March–May 2025"


def test_titles_name_the_storys_protagonists(reference, demo):
    title = reference.story_title()
    assert title.startswith("Donald Trump, Vladimir Putin") and title.endswith("2025")
    # the demo: the two leaders and their mediator (a tie on entries goes to the one in more articles)
    who, _, when = demo.story_title().partition(", September ")
    assert set(re.split(", | and ", who)) == {"Teodor Sabin", "Arkady Zhelezov", "Ilse Brandvold"} and when == "2025"


def test_the_spreadsheet_template_matches_the_json(demo):
    text = demo.export("timelinejs-csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == TIMELINEJS_CSV_COLUMNS
    doc = json.loads(demo.export("timelinejs"))
    sheet = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert sheet[0]["Type"] == "title" and sheet[0]["Headline"] == doc["title"]["text"]["headline"]
    assert len(sheet) == len(doc["events"]) + 1
    for row, ev in zip(sheet[1:], doc["events"]):
        assert (row["Year"], row["Month"], row["Day"]) == tuple(str(ev["start_date"].get(k, "")) for k in
                                                                 ("year", "month", "day"))
        assert row["End Day"] == str(ev.get("end_date", {}).get("day", ""))
        assert (row["Headline"], row["Text"], row["Group"]) == (ev["text"]["headline"], ev["text"]["text"], ev["group"])
        assert (row["Media"], row["Media Credit"], row["Media Caption"]) == (
            ev["media"]["url"], ev["media"]["credit"], ev["media"]["caption"])


def test_csv_export_has_url_columns(demo):
    articles = _articles(demo)
    rows = list(csv.DictReader(io.StringIO(demo.export("csv", section="all"))))
    entries = demo.timeline()
    assert len(rows) == len(entries)
    for row, e in zip(rows, entries):
        cited = [articles[a] for a in dict.fromkeys(s["article"] for s in e["sources"])]
        assert row["source_urls"].split(" | ") == [a["url"] for a in cited]
        assert row["source_outlets"].split(" | ") == [a["outlet"] for a in cited]
        assert row["source_titles"].split(" | ") == [" ".join(a["title"].split()) for a in cited]


def _notes(md: str) -> dict[int, str]:
    return {int(n): text for n, text in re.findall(r"^(\d+)\. (.*)$", md.split("\n## Sources\n")[1], re.M)}


@pytest.mark.parametrize("corpus", ["demo", "reference"])
def test_every_brief_line_is_footnoted_to_outlet_and_url(corpus, request):
    api = request.getfixturevalue(corpus)
    articles = list(_articles(api).values())
    md = api.brief("md")
    assert "\\." not in md and "\\-" not in md and "\\(" not in md
    lines = [line for line in md.splitlines() if line.startswith("- ")]
    assert lines and all(re.search(r" \[\d+(, \d+)*\]$", line) for line in lines)
    notes = _notes(md)
    assert sorted(notes) == list(range(1, len(notes) + 1))
    for text in notes.values():
        article = next(a for a in articles if f"<{a['url']}>" in text)
        assert text.startswith(article["outlet"] or "Unnamed outlet")
    page = api.brief("html")
    assert page.count('<li id="note-') == len(notes)
    assert all(f'href="{a["url"]}"' in page for a in articles if f"<{a['url']}>" in md)


def test_the_brief_has_the_sections_a_desk_reads(demo):
    md = demo.brief("md", top=6)
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings[:2] == ["What happened", "Also on the timeline"]
    assert {"Numbers in dispute", "Key quotes", "Who is who", "Sources"} <= set(headings)
    disputed = md.split("## Numbers in dispute")[1].split("## ")[0]
    assert "150" in disputed and "120" in disputed
    happened = md.split("## What happened")[1].split("## ")[0]
    assert len([line for line in happened.splitlines() if line.startswith("- ")]) == 6
    # each story entry is told once: its milestones, then the rest of the timeline
    also = md.split("## Also on the timeline")[1].split("## ")[0]
    heads = [re.sub(r" \[[\d, ]+\]$", "", line).split(".** ")[1] for line in also.splitlines() if line.startswith("- ")]
    story = [e for e in demo.timeline(section="story") if is_dated(e)]
    assert len(heads) == len(story) - 6 and not any(h.rstrip(".") in happened for h in heads)
    assert not _DOUBLED.search(md)


def test_key_quotes_are_real_attributed_quotes(demo, reference):
    for api in (demo, reference):
        md = api.brief("md")
        people = {e["name"] for e in api.entities() if e["type"] == "PERSON"}
        section = md.split("## Key quotes")[1].split("## ")[0]
        quotes = re.findall(r"^- \*\*(.+?):\*\* “(.+)” \[[\d, ]+\]$", section, re.M)
        assert quotes and len(quotes) == len([x for x in section.splitlines() if x.startswith("- ")])
        assert all(speaker in people for speaker, _ in quotes)
        assert all(not text[:1].islower() for _, text in quotes)  # no tail of a quote broken by "he said"
        speakers = [speaker for speaker, _ in quotes]
        assert max(speakers.count(s) for s in speakers) <= 2 and len(set(speakers)) >= 3  # several voices


def test_a_hostile_title_is_escaped(demo):
    evil = "<script>alert(1)</script>"
    page = demo.brief("html", title=evil)
    assert "<script>" not in page and "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert "<script>" not in demo.brief("md", title=evil)


def test_extra_sections_follow_what_happened():
    entry = {"id": "e1", "date": "2025-03-18", "granularity": "day", "section": "story", "type": "call",
             "headline": "Trump and Putin speak", "summary": "They spoke.", "actors": [], "independent_sources": 1,
             "sources": [{"article": "a1", "outlet": "Wire", "published": "2025-03-18", "start": 0, "end": 3}]}
    articles = {"a2": {"article": "a2", "outlet": "Herald", "title": "New call", "published": "2025-03-20",
                       "url": "https://herald.example/2"}}
    brief = build_brief([entry], [], [], articles=articles, extra_sections=[
        ("What changed since 18 March 2025", [("A second call was reported.", [{"article": "a2"}]), "Nothing else."])])
    assert [t for t, _ in brief["sections"]][:2] == ["What happened", "What changed since 18 March 2025"]
    changed = dict(brief["sections"])["What changed since 18 March 2025"]
    assert [(r["text"], r["notes"]) for r in changed] == [("A second call was reported.", [2]), ("Nothing else.", [])]
    assert brief["notes"][1]["url"] == "https://herald.example/2"
    assert "- A second call was reported. [2]" in render_markdown(brief)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.'\"“”‘’«»")), max_size=30))
def test_quoted_never_doubles_quotes(text):
    out = quoted(text)
    assert out.startswith("“") and out.endswith("”")
    inner = out[1:-1]
    assert '"' not in inner and "“" not in inner and "”" not in inner
    assert inner.replace("‘", "").replace("’", "") == "".join(c for c in text.strip() if c not in "\"“”„«»‘’")



def _brief_entry(i: int, day: str, importance: float, section: str = "story") -> dict:
    return {"id": f"e{i:03d}", "date": day, "granularity": "day", "section": section, "type": "protest",
            "headline": f"Headline number {i}", "summary": f"Summary sentence number {i}.", "actors": [],
            "sources": [{"article": f"a{i}", "outlet": "Daily", "published": day}], "source_count": 1,
            "independent_sources": 1, "importance": importance}


def test_what_happened_is_what_timeline_top_ranks(demo):
    md = demo.brief("md", top=6)
    happened = md.split("## What happened")[1].split("## ")[0]
    heads = [re.sub(r"\.$", "", line.split(".** ", 1)[1].split(". “")[0]) for line in happened.splitlines()
             if line.startswith("- ")]
    top = [e["headline"] for e in demo.timeline(top=6)]
    assert len(heads) == 6 and [h.rstrip(".") for h in heads] == [t.rstrip(".") for t in top]


@settings(max_examples=20)
@given(st.integers(min_value=0, max_value=60), st.integers(min_value=1, max_value=30))
def test_each_timeline_part_keeps_its_most_important_lines_and_counts_the_rest(n, lines):
    entries = [_brief_entry(i, f"2011-01-{1 + i % 28:02d}", importance=float(i)) for i in range(n)]
    brief = build_brief(entries, [], [], top=0, milestones=[], part_lines=lines)
    rows = dict(brief["sections"]).get("Timeline", [])
    kept = [r for r in rows if r["when"]]
    assert len(kept) == min(n, lines)
    kept_ids = {r["text"] for r in kept}
    # the most important ones are kept, shown in date order
    assert kept_ids == {f"Headline number {i}." for i in range(n - 1, n - 1 - min(n, lines), -1)}
    assert [r["when"] for r in kept] == sorted((r["when"] for r in kept), key=lambda w: int(w.split()[0]))
    more = [r for r in rows if not r["when"]]
    assert (more[0]["text"].startswith(f"{n - lines:,} more") if n > lines else not more)


def test_milestones_name_what_happened_whatever_their_importance():
    entries = [_brief_entry(i, f"2011-01-{1 + i:02d}", importance=float(i)) for i in range(12)]
    brief = build_brief(entries, [], [], top=3, milestones=["e000", "e005", "e007"])
    happened = dict(brief["sections"])["What happened"]
    assert [r["head"] for r in happened] == ["Headline number 0.", "Headline number 5.", "Headline number 7."]


def test_the_changes_page_reading_ranks_events_story_first_most_cited_first(reference):
    plain = reference.changes_summary("2025-02-10", shown=1000)
    ranked = reference.changes_summary("2025-02-10", shown=4, ranked=True)
    for key in ("new_events", "updated_events"):
        rows = plain[key]["rows"]
        assert ranked[key]["total"] == plain[key]["total"]
        order = {"story": 0, "upcoming": 1, "background": 2, "undated": 3}
        expected = sorted(rows, key=lambda r: (order[r.get("entry", r)["section"]], -r.get("entry", r)["importance"]))
        assert [r.get("entry", r)["id"] for r in ranked[key]["rows"]] == \
            [r.get("entry", r)["id"] for r in expected[:4]]
    new = [r.get("entry", r) for r in plain["new_events"]["rows"]]
    assert len({e["section"] for e in new}) > 1  # the reference corpus's new events span sections
