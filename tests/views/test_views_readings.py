"""The paged readings (views/timeline, quotes, entities, changes) against the whole CLI readings they page.

Each paged or filtered reading must give exactly the slice of what the CONTRACT reading gives,
on the demo corpus ingested for real (its ten invented articles, analysed by the full pipeline).
"""
from __future__ import annotations

from collections import Counter

import pytest

import chronicle
from chronicle.errors import NotFound


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_dir, pipeline):
    api = chronicle.open(tmp_path_factory.mktemp("views") / "demo.db")
    api._pipeline = pipeline
    api.ingest([demo_dir], manifest=demo_dir / "manifest.csv", jobs=1)
    yield api
    api.close()


FILTERS = [{}, {"since": "2025-09-12"}, {"until": "2025-09-15"}, {"actor": "Zhelezov"}, {"top": 5},
           {"since": "2025-09-10", "until": "2025-09-25", "top": 8}]


@pytest.mark.parametrize("filters", FILTERS)
def test_timeline_pages_and_facets_are_cut_from_the_cli_timeline(demo, filters):
    whole = demo.timeline(**filters)
    assert whole, "compare something"
    for offset, limit in ((0, 3), (2, 4), (len(whole) - 1, 10), (len(whole), 5)):
        assert demo.timeline(**filters, limit=limit, offset=offset) == whole[offset:offset + limit]
    kind, _ = Counter(e["type"] for e in whole).most_common(1)[0]
    assert demo.timeline(**filters, type=kind) == [e for e in whole if e["type"] == kind]
    assert "".join(demo.timeline_json(**filters, limit=2, offset=1)).count('"summary"') == len(whole[1:3])
    facets = demo.timeline_facets(**filters)
    types = Counter(e["type"] for e in whole)
    assert facets["total"] == len(whole)
    assert facets["types"] == [[t, n] for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))]
    assert set(facets["actors"]) == {a for e in whole for a in e["actors"]}


def test_an_entry_is_found_by_its_id(demo):
    entries = demo.timeline()
    for e in entries[:: max(1, len(entries) // 5)]:
        assert demo.timeline_entry(e["id"]) == e
    with pytest.raises(NotFound):
        demo.timeline_entry("no-such-entry")


def test_quotes_pages_and_article_filter_are_cut_from_the_cli_quotes(demo):
    whole = demo.quotes()
    assert len(whole) > 10
    assert list(demo.iter_quotes()) == whole
    assert demo.quotes(limit=5, offset=3) == whole[3:8]
    some = {q["article"] for q in whole[::3]}
    assert demo.quotes(articles=sorted(some)) == [q for q in whole if q["article"] in some]
    name = Counter(q["speaker"] for q in whole if q["speaker"]).most_common(1)[0][0]
    assert list(demo.iter_quotes(name)) == demo.quotes(name) and demo.quotes(name)


def test_quotations_give_each_reprinted_quote_once_in_the_order_first_seen(demo):
    whole = demo.quotes()
    page = demo.quotations(limit=1000)
    ids = [q["quotation"] for q in page["quotes"]]
    assert page["total"] == len({q["quotation"] for q in whole}) == len(ids) == len(set(ids))
    assert ids == sorted(ids)
    assert demo.quotations(limit=3, offset=2)["quotes"] == page["quotes"][2:5]
    reprinted = [q for q in page["quotes"] if len(q["carried_by"]) > 1]
    assert reprinted, "the demo corpus reprints quotes (the wire copy)"
    first = {}
    for q in whole:  # quotes() is in date order: the first row of each quotation is its first-seen copy
        first.setdefault(q["quotation"], q)
    assert all(q == first[q["quotation"]] for q in page["quotes"])


def test_quotation_text_search_uses_words_and_a_prefix(demo):
    whole = demo.quotes()
    word = Counter(w.strip(".,;:!?\"'“”‘’").lower() for q in whole for w in q["text"].split()
                   if len(w) > 6).most_common(1)[0][0]
    found = demo.quotations(text=word, limit=1000)
    holding = {q["quotation"] for q in whole if word in q["text"].lower()}
    assert found["total"] and {q["quotation"] for q in found["quotes"]} <= holding
    assert demo.quotations(text=word[:-2], limit=1000)["total"] >= found["total"]  # the last word is a prefix
    assert demo.quotations(text="zzqx unheardofword")["total"] == 0
    speaker = found["quotes"][0]["speaker"]
    if speaker:
        both = demo.quotations(speaker=speaker, text=word, limit=1000)["quotes"]
        assert both and all(q["speaker"] == speaker for q in both)


def test_entities_pages_are_cut_from_the_cli_entities(demo):
    whole = demo.entities()
    assert list(demo.iter_entities()) == whole
    assert demo.entities(limit=4, offset=2) == whole[2:6]
    people = demo.entities(type="PERSON")
    assert list(demo.iter_entities(type="PERSON")) == people and demo.entity_count(type="PERSON") == len(people)
    assert demo.entity_count() == len(whole)


@pytest.mark.parametrize("since", ["2025-09-03", "2025-09-12", "2025-09-20", "2025-09-28"])
def test_changes_page_and_report_agree(demo, since):
    """The page's paged reading is the CLI report cut to pages, row for row."""
    report = demo.changes(since)
    summary = demo.changes_summary(since, shown=1000)
    assert summary["articles"] == len(report["articles"])
    for key in ("new_events", "updated_events", "new_actors"):
        assert summary[key]["total"] == len(report[key])
        assert summary[key]["rows"] == report[key]
    assert demo.changes_summary(since, shown=2)["updated_events"]["rows"] == report["updated_events"][:2]
    for row in report["updated_events"]:
        assert 0 <= row["gained_sources"] <= len(row["new_sources"])
        assert row["date_changed"] == (row["previous_dates"] != [row["date"]])
        assert set(row["new_sources"]) < {s["article"] for s in row["sources"]}  # older sources remain
    for row in report["new_events"]:
        assert set(row["new_sources"]) == {s["article"] for s in row["sources"]}
    assert summary["new_quotes"]["total"] == len(report["new_quotes"])
    assert [(q["article"], q["start"]) for q in summary["new_quotes"]["rows"]] == \
        [(q["article"], q["start"]) for q in report["new_quotes"]]
    assert {a["name"] for a in summary["new_actors"]["rows"]} <= {e["name"] for e in demo.entities()}


def test_quote_index_follows_new_quotes(store, pipeline, tmp_path):
    text = ("Harbour Chief Mirela Ostrovan spoke on Tuesday.\n\n"
            "\u201cThe quayside cranes will be repainted in cobalt,\u201d said Mirela Ostrovan.\n")
    path = tmp_path / "cranes.txt"
    path.write_text("Cranes to be repainted\n\n" + text, encoding="utf-8")
    store._pipeline = pipeline
    assert store.quotations(text="cobalt")["total"] == 0
    store.ingest([path], published="2025-09-30", jobs=1)
    found = store.quotations(text="quayside cran")
    assert found["total"] == 1 and "cobalt" in found["quotes"][0]["text"]


def test_quote_order_read_from_indexes_is_the_quotes_order(demo):
    from chronicle.views.quotes import _ORDER, _every_quote

    conn = demo.store.conn
    plain = [r[0] for r in conn.execute("SELECT q.rowid FROM quotes q JOIN articles a ON a.id = q.article_id " + _ORDER)]
    assert _every_quote(conn) == plain and len(plain) > 10


def test_a_quote_sentence_keeps_its_closing_mark(demo):
    """A sentence shown around a quote never stops just before the quote's closing mark
    (the demo's '"It is a trap."' once showed without it)."""
    rows = demo.quotes()
    texts = {r["article"]: demo.article(r["article"])["text"] for r in rows}
    for r in rows:
        text, end = texts[r["article"]], r["sentence_start"] + len(r["sentence"])
        assert text[r["sentence_start"]:end] == r["sentence"]
        assert r["sentence_start"] <= r["start"] and r["end"] <= end
        assert end == len(text) or text[end] not in "\"\u201d\u2019\u00bb", r["sentence"]
    assert any(r["sentence"].endswith(".\u201d") or r["sentence"].endswith('."') for r in rows)


@pytest.mark.parametrize("since", ["2025-09-03", "2025-09-12", "2025-09-20", "2025-09-28"])
def test_changes_ranked_off_the_whole_timeline_as_entry_by_entry(demo, since):
    """Issue 18: the changes page ranks a day's new and updated entries by reading them off the whole
    timeline ranked once (views.changes.ranked_in_order), the order rank_entries gives them."""
    from chronicle.views.changes import rank_entries, ranked_in_order, split_entries, whole_ranking

    conn = demo.store.conn
    fresh = {r[0] for r in conn.execute("SELECT id FROM articles WHERE published_start > ?", (since + "T23:59:59",))}
    order, _ = whole_ranking(conn)
    assert sorted(order) == sorted(r[0] for r in conn.execute("SELECT id FROM timeline_entries"))
    for ids in (*split_entries(conn, fresh, since), order[::-1][:2], sorted(order)):
        timeline_order = [r[0] for r in conn.execute("SELECT id FROM timeline_entries ORDER BY range_start, range_end, id")
                          if r[0] in set(ids)]
        assert ranked_in_order(conn, timeline_order) == rank_entries(conn, timeline_order)
    ranked = demo.changes_summary(since, shown=1000, ranked=True)
    plain = demo.changes_summary(since, shown=1000)
    for key in ("new_events", "updated_events"):
        ids = [r["id"] for r in plain[key]["rows"]]
        assert [r["id"] for r in ranked[key]["rows"]] == rank_entries(conn, ids)
