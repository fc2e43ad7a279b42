"""Dating sentences: by the days their time expressions name, else by publication day."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.timeline.dated import DayMention, date_sentences, iter_dated_sentences, store_date_scores
from chronicle.timeline.importance import score_dates

PUB = dt.date(2011, 3, 24)


def _spans(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return out


def test_sentence_dated_by_its_day_mentions_else_publication():
    text = "Jets struck the port on 20 March .\nTalks resumed .\nTroops moved on 19 March and 21 March ."
    spans = _spans(text)
    m1 = DayMention(text.index("20 March"), text.index("20 March") + 8, dt.date(2011, 3, 20))
    m2 = DayMention(text.index("19 March"), text.index("19 March") + 8, dt.date(2011, 3, 19))
    m3 = DayMention(text.index("21 March"), text.index("21 March") + 8, dt.date(2011, 3, 21))
    recs = date_sentences("a", text, spans, [m3, m1, m2], published=PUB)
    got = [(r.index, r.date, r.mentioned) for r in recs]
    assert got == [(0, dt.date(2011, 3, 20), True), (1, PUB, False),
                   (2, dt.date(2011, 3, 19), True), (2, dt.date(2011, 3, 21), True)]
    assert all(text[r.start_char:r.end_char] == r.text for r in recs)


def test_undated_article_gives_only_mentioned_sentences():
    text = "Jets struck on 20 March .\nTalks resumed ."
    m = DayMention(15, 23, dt.date(2011, 3, 20))
    recs = date_sentences("a", text, _spans(text), [m], published=None)
    assert [(r.index, r.mentioned) for r in recs] == [(0, True)]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(1, 6), min_size=1, max_size=8), st.data())
def test_every_sentence_is_covered_and_mentions_land_in_their_sentence(lengths, draw):
    words = [" ".join(f"w{i}" for i in range(n)) for n in lengths]
    text = "\n".join(words)
    spans = _spans(text)
    mentions = []
    for _ in range(draw.draw(st.integers(0, 6))):
        i = draw.draw(st.integers(0, len(spans) - 1))
        s, e = spans[i]
        pos = draw.draw(st.integers(s, e - 1))
        mentions.append(DayMention(pos, pos + 1, PUB - dt.timedelta(days=draw.draw(st.integers(0, 30)))))
    recs = date_sentences("a", text, spans, mentions, published=PUB)
    assert {r.index for r in recs} == set(range(len(spans)))
    for r in recs:
        assert text[r.start_char:r.end_char] == r.text
        inside = {m.day for m in mentions if r.start_char <= m.start_char < r.end_char}
        if r.mentioned:
            assert r.date in inside
        else:
            assert not inside and r.date == PUB


def test_store_reader_uses_day_level_timexes_only(store, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Rebels took the town on 20 March 2011 .\nMore fighting came in April 2011 .\n", encoding="utf-8")
    store.ingest([art], published="2011-03-24")
    aid = store.articles()[0]["id"]
    # Time expressions written by hand, so the test does not depend on the temporal stage.
    conn = store.store.conn
    conn.execute("DELETE FROM timexes")
    text = conn.execute("SELECT text FROM articles").fetchone()[0]
    for i, (phrase, value, first, last, grain) in enumerate([
            ("20 March 2011", "2011-03-20", "2011-03-20", "2011-03-20", "day"),
            ("April 2011", "2011-04", "2011-04-01", "2011-04-30", "month")]):
        s = text.index(phrase)
        conn.execute("INSERT INTO timexes (article_id, idx, start_char, end_char, text, type, value, range_start, "
                     "range_end, granularity, explain, stage) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                     (aid, i, s, s + len(phrase), phrase, "DATE", value, first, last, grain, "test", "test"))
    recs = list(iter_dated_sentences(store.store))
    assert [(r.date, r.mentioned) for r in recs] == [(dt.date(2011, 3, 20), True), (dt.date(2011, 3, 24), False)]
    # The SQL aggregate used by `timeline --top` agrees with scoring the dated sentences.
    from_sql, from_records = store_date_scores(store.store), score_dates(recs)
    assert from_sql.keys() == from_records.keys()
    assert all(abs(from_sql[d] - from_records[d]) < 1e-9 for d in from_sql)
    assert set(store_date_scores(store.store)) == {dt.date(2011, 3, 20), dt.date(2011, 3, 24), dt.date(2011, 3, 23)}


def test_a_timestamp_counts_for_the_day_but_leaves_the_sentence_undated():
    text = "Posted 20 March 2011 at 7:16 am | great piece .\nJets struck on 20 March at 7:16 am ."
    spans = _spans(text)
    stamp = DayMention(7, 20, dt.date(2011, 3, 20))
    clock = DayMention(text.index("7:16"), text.index("7:16") + 7, dt.date(2011, 3, 19))
    event = DayMention(text.index("20 March at"), text.index("20 March at") + 8, dt.date(2011, 3, 20))
    recs = date_sentences("a", text, spans, [stamp, clock, event], published=PUB)
    got = {(r.index, r.date, r.mentioned, r.stamped) for r in recs}
    assert got == {(0, dt.date(2011, 3, 20), True, True), (0, dt.date(2011, 3, 19), True, True), (0, PUB, False, False),
                   (1, dt.date(2011, 3, 20), True, False)}
    assert score_dates(recs)[dt.date(2011, 3, 20)] > 0  # still evidence, as the store's SQL counts it
    assert [r.offset for r in recs if r.index == 1] == [text.index("20 March at") - spans[1][0]]
