"""Quotations across articles: reprints merge, each article keeps its span, order never matters."""
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.link.quotes import QuoteRow, fingerprint, merge_quotes

LONG = "We will not accept any deal that is made without us at the table"


def row(article, text, speaker="Ann Lee", day="2025-03-01", seq=1, idx=0):
    return QuoteRow(article, idx, text, "direct", speaker, day, day, seq)


def test_fingerprint_ignores_marks_and_case():
    assert fingerprint("“We Will, not’s” ") == fingerprint('we will not\'s')


def test_reprints_merge_with_first_seen_copy():
    rows = [row("b", LONG + ".", day="2025-03-02", seq=2), row("a", "“" + LONG + ",”", day="2025-03-01", seq=5),
            row("c", "A different statement about the harbour and the weather today", seq=3)]
    qs = merge_quotes(rows)
    assert len(qs) == 2
    merged = next(q for q in qs if len(q.members) == 2)
    assert merged.first_article == "a" and merged.first_published == "2025-03-01"
    assert [m.article_id for m in merged.members] == ["a", "b"]


def test_lightly_edited_reprint_merges_but_other_speaker_does_not():
    edited = LONG.replace("any deal", "a deal") + " again"
    qs = merge_quotes([row("a", LONG), row("b", edited, seq=2), row("c", LONG, speaker="Bob Ray", seq=3)])
    sizes = sorted(len(q.members) for q in qs)
    assert sizes == [1, 2]


def test_short_quotes_merge_only_with_the_same_speaker():
    qs = merge_quotes([row("a", "fake news"), row("b", "fake news", seq=2), row("c", "fake news", speaker="Bob Ray", seq=3)])
    assert sorted(len(q.members) for q in qs) == [1, 2]


@settings(max_examples=50, deadline=None)
@given(st.permutations(list(range(6))))
def test_merging_ignores_input_order(order):
    rows = [row(f"a{i}", text, seq=i, day=f"2025-03-0{i + 1}")
            for i, text in enumerate([LONG, LONG + " now", "fake news", "fake news", "Something else was said here by someone", LONG])]
    baseline = {(q.first_article, tuple(m.article_id for m in q.members)) for q in merge_quotes(rows)}
    shuffled = {(q.first_article, tuple(m.article_id for m in q.members)) for q in merge_quotes([rows[i] for i in order])}
    assert shuffled == baseline


def test_store_links_reprints_and_filters_by_alias(store, tmp_path):
    body = ("Harbour chief Lena Ortiz spoke to reporters on Monday.\n"
            "“We will not reopen the north quay before the storm season has ended,” Ortiz said.\n")
    (tmp_path / "one.txt").write_text("Harbour stays shut\n\n" + body, encoding="utf-8")
    (tmp_path / "two.txt").write_text("Quay closure extended\n\nIn other news, the ferry was late.\n" + body,
                                      encoding="utf-8")
    store.ingest([tmp_path / "one.txt"], published="2025-03-01")
    store.ingest([tmp_path / "two.txt"], published="2025-03-03")
    rows = store.quotes(speaker="ORTIZ")
    direct = [r for r in rows if r["kind"] == "direct"]
    assert len(direct) == 2
    for r in direct:
        assert r["speaker"] == "Lena Ortiz"
        assert set(r) >= {"speaker", "speaker_text", "text", "kind", "cue", "article", "published", "start", "end"}
        assert len(r["carried_by"]) == 2
        assert r["first_seen"]["published"] == "2025-03-01"
        assert r["sentence"][r["start"] - r["sentence_start"]:r["end"] - r["sentence_start"]] == r["text"]
    assert store.quotes(speaker="nobody at all") == []


def test_reference_corpus_speakers_group_across_spellings(store, ukraine):
    """'Zelensky' and 'Zelenskyy' articles give one speaker; a role text finds its holder."""
    store.ingest([ukraine], manifest=ukraine / "manifest.csv")
    zel = store.quotes(speaker="zelenskyy")
    assert {r["speaker"] for r in zel} == {"Volodymyr Zelensky"}
    assert {r["speaker_text"] for r in zel} >= {"Zelensky", "Zelenskyy"}
    assert [r["published"] for r in zel] == sorted(r["published"] for r in zel)
    trump = store.quotes(speaker="the US president")
    assert any(r["text"].startswith("fake news") for r in trump)
    assert all(r["speaker"] == "Donald Trump" for r in trump)
