"""The server-rendered visuals: the storyline strip, articles per day, Numbers, Positions and the network."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

import chronicle  # noqa: E402
from chronicle.web import create_app  # noqa: E402
from chronicle.web.milestones import LABEL_W, milestone_chart  # noqa: E402
from chronicle.web.perday import HEIGHT, per_day_chart  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory, pipeline, demo_dir):
    folder = tmp_path_factory.mktemp("web-visuals")
    api = chronicle.open(folder / "story.db")
    api._pipeline = pipeline
    api.ingest([demo_dir], manifest=demo_dir / "manifest.csv", jobs=1)
    yield TestClient(create_app(api), raise_server_exceptions=False)
    api.close()


@pytest.fixture(scope="module")
def moves_client(tmp_path_factory, pipeline):
    """Two invented reports, a week apart, in which Norland first rejects and then accepts a ceasefire:
    one stance move. (The demo corpus has none: its only one came from reading "the sanctions could be
    lifted if Kestrania accepted a ceasefire" as Kestrania's acceptance, which positions v2 no longer does.)"""
    folder = tmp_path_factory.mktemp("web-moves")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Norland rejects truce\n\nNorland on Monday rejected a ceasefire proposed by "
                                "the mediators, saying its troops would hold the river line.\n", encoding="utf-8")
    (docs / "b.txt").write_text("Norland accepts truce\n\nNorland on Tuesday accepted a ceasefire after a week "
                                "of talks with the mediators in Geneva.\n", encoding="utf-8")
    (docs / "manifest.csv").write_text("path,published,outlet,url,title\na.txt,2025-03-03,Wire,,\n"
                                       "b.txt,2025-03-11,Wire,,\n", encoding="utf-8")
    api = chronicle.open(folder / "moves.db")
    api._pipeline = pipeline
    api.ingest([docs], manifest=docs / "manifest.csv", jobs=1)
    yield TestClient(create_app(api), raise_server_exceptions=False)
    api.close()


days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2025, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(days, st.sampled_from(["story", "background", "upcoming"])), min_size=1, max_size=14))
def test_milestones_keep_date_order_and_labels_never_overlap(items):
    entries = [{"key": str(i), "date": d.isoformat(), "title": f"Event number {i} happened", "section": s}
               for i, (d, s) in enumerate(items)]
    chart = milestone_chart(entries)
    panels = {p["section"]: p for p in chart["panels"]}
    for p in chart["panels"]:
        xs = [(m["date"], m["x"]) for m in p["marks"]]
        assert [x for _, x in xs] == sorted(x for _, x in xs), "a later milestone drawn left of an earlier one"
        assert all(p["x"] <= m["x"] <= p["x"] + p["w"] for m in p["marks"])
    if "background" in panels and "story" in panels:
        assert panels["background"]["x"] + panels["background"]["w"] < panels["story"]["x"]
    lanes: dict[tuple, list] = {}
    for m in chart["marks"]:
        lanes.setdefault(m["label_y"], []).append((m["label_x"], m["label_x"] + LABEL_W))
    if len(chart["marks"]) <= 6:  # six lanes: each label finds a free one
        for spans in lanes.values():
            spans.sort()
            assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 <= m["label_x"] <= chart["width"] - LABEL_W for m in chart["marks"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(days, st.sampled_from("ABCDEFGHI")), min_size=1, max_size=60),
       st.integers(min_value=0, max_value=300))
def test_articles_per_day_counts_every_article_and_an_outlier_does_not_flatten_the_rest(items, outlier):
    articles = [{"published": d.isoformat(), "outlet": o} for d, o in items]
    articles += [{"published": items[0][0].isoformat(), "outlet": "Z"}] * outlier
    chart = per_day_chart(articles)
    assert sum(d["total"] for d in chart["days"]) == len(articles)
    assert sum(s["n"] for d in chart["days"] for s in d["segments"]) == len(articles)
    assert all(sum(s["h"] for s in d["segments"]) <= HEIGHT + 0.5 for d in chart["days"])
    ones = [d for d in chart["days"] if d["total"] == 1]
    if ones and outlier >= 100:  # a day of one article stays visible beside a day of a hundred
        assert all(sum(s["h"] for s in d["segments"]) >= HEIGHT / 20 for d in ones)
    assert any(d["clipped"] for d in chart["days"]) == (max(d["total"] for d in chart["days"]) > chart["clip"])


def test_story_page_draws_the_milestones_and_articles_per_day(client):
    html = client.get("/").text
    top = client.get("/api/timeline", params={"top": 12, "section": "story"}).json()
    drawn = re.findall(r'<a href="/events/([^"?]+)[^"]*" class="milestone milestone-story">', html)
    assert sorted(drawn) == sorted(e["id"] for e in top if e["date"])
    per_day = client.get("/.json").json()["per_day"]
    assert sum(d["total"] for d in per_day["days"]) == len(client.get("/api/articles").json())


def test_numbers_view_groups_highlights_disputes_and_links_each_value(client):
    claims = client.get("/api/claims").json()
    twin = client.get("/numbers.json").json()
    assert sorted(c["id"] for g in twin["groups"] for c in g["claims"]) == sorted(c["id"] for c in claims)
    flags = [g["disputed"] for g in twin["groups"]]
    assert flags == sorted(flags, reverse=True) and any(flags), "disputed groups come first (the demo has one)"
    html = client.get("/numbers").text
    assert html.count('class="claim-group disputed"') == sum(flags)
    for c in claims:
        assert f'href="/articles/{c["article"]}?start={c["start"]}&amp;end={c["end"]}#hit"' in html
    only = client.get("/numbers.json", params={"disputed": "true"}).json()["groups"]
    assert only and all(g["disputed"] for g in only)
    sizes = [len(g["claims"]) for g in client.get("/numbers.json", params={"order": "size"}).json()["groups"]]
    assert sizes == sorted(sizes, reverse=True)


@pytest.mark.parametrize("which", ["client", "moves_client"])
def test_positions_view_shows_revisions_as_moves(which, request):
    client = request.getfixturevalue(which)
    rows = client.get("/api/positions").json()
    by_id = {p["id"]: p for p in rows}
    twin = client.get("/positions.json").json()
    shown = [p for a in twin["actors"] for p in a["positions"]]
    assert sorted(p["id"] for p in shown) == sorted(p["id"] for p in rows)
    for p in shown:
        if p.get("revises"):
            assert p["moved_from"]["text"] == by_id[p["revises"]]["text"]
    html = client.get("/positions").text
    assert html.count('<path class="move"') == sum(bool(p.get("revises")) for p in rows)
    if which == "moves_client":  # a corpus with a real stance move draws it
        assert sum(bool(p.get("revises")) for p in rows) > 0, [(p["actor"], p["stance"], p["text"]) for p in rows]
    one = rows[0]["actor"]
    assert {a["actor"] for a in client.get("/positions.json", params={"actor": one}).json()["actors"]} == {one}


def test_network_links_are_the_events_actors_share(client):
    entries = client.get("/api/timeline").json()
    net = client.get("/network.json", params={"min": 1}).json()["net"]
    pairs = Counter(p for e in entries for p in combinations(sorted(set(e["actors"])), 2))
    drawn = {l["a"] for l in net["links"]} | {l["b"] for l in net["links"]}
    assert net["links"]
    for link in net["links"]:
        assert link["n"] == pairs[(link["a"], link["b"])]
    assert drawn <= {n["name"] for n in net["nodes"]}
    speakers = {q["speaker"] for q in client.get("/api/quotes").json()}
    assert all(q["a"] in speakers for q in net["quotes"])
    focus = net["links"][0]["a"]
    around = client.get("/network.json", params={"actor": focus, "min": 1}).json()["net"]
    assert around["links"] and all(focus in (l["a"], l["b"]) for l in around["links"])
    strict = client.get("/network.json", params={"min": 3}).json()["net"]
    assert all(l["n"] >= 3 for l in strict["links"])


@pytest.mark.parametrize("order", ["disputed", "size"])
def test_numbers_pages_in_sql_match_grouping_every_claim(client, order, monkeypatch):
    from chronicle.web import visual_pages

    monkeypatch.setattr(visual_pages, "GROUPS_PAGE", 5)
    claims = client.get("/api/claims").json()
    groups: dict[str, list] = {}
    for c in claims:
        groups.setdefault(c["group"], []).append(c["id"])
    flags = {g: any(c["disputed"] for c in claims if c["group"] == g) for g in groups}
    if order == "size":
        expected = sorted(groups, key=lambda g: (-len(groups[g]), not flags[g], g))
    else:
        expected = sorted(groups, key=lambda g: (not flags[g], -len(groups[g]), g))
    shown, page = [], 1
    while True:
        twin = client.get("/numbers.json", params={"order": order, "page": page}).json()
        if not twin["groups"]:
            break
        assert len(twin["groups"]) <= 5 and twin["total_groups"] == len(groups)
        shown += [(g["group"], [c["id"] for c in g["claims"]]) for g in twin["groups"]]
        page += 1
    assert page - 1 == -(-len(groups) // 5)
    assert shown == [(g, groups[g]) for g in expected]


@pytest.mark.parametrize("path, command", [
    ("/api/claims", ["claims", "--json"]),
    ("/api/claims?disputed=true", ["claims", "--disputed", "--json"]),
    ("/api/claims?about=prisoners", ["claims", "--about", "prisoners", "--json"]),
    ("/api/positions", ["positions", "--json"]),
    ("/api/positions?actor=Kestrania", ["positions", "--actor", "Kestrania", "--json"]),
])
def test_claims_and_positions_stream_the_cli_documents(client, path, command):
    import importlib
    import json

    from click.testing import CliRunner

    from chronicle.cli.main import COMMAND_MODULES, cli

    for name in COMMAND_MODULES:
        importlib.import_module(name)
    db = client.app.state.api.api.path
    result = CliRunner().invoke(cli, ["--db", str(db), *command], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    got = client.get(path).json()
    assert got == json.loads(result.stdout) and got
