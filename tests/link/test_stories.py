"""Story clustering (chronicle.link.stories): two invented stories, interleaved in time, are told
apart; an incremental add places only the new articles; the partition ignores input order."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from storytexts import STRIKE, VOLCANO, story_articles, write_corpus  # noqa: E402

from chronicle.link.stories import (  # noqa: E402
    Pile, Story, StoryArticle, StorySettings, article_terms, place_articles, story_label,
)

BOTH = sorted(VOLCANO + STRIKE, key=lambda item: item[1])  # interleaved by publication day


def partition(placed: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid, sid in placed.items():
        groups.setdefault(sid, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


TRUTH = {frozenset(k for k, *_ in VOLCANO), frozenset(k for k, *_ in STRIKE)}


def test_two_interleaved_stories_are_told_apart():
    placed = place_articles(Pile(), story_articles(BOTH))
    assert partition(placed) == TRUTH
    # A story's id is its first article's: the strike began a day before the eruption.
    assert placed["s1"] == "s1" and placed["v6"] == "v1"


def test_an_incremental_add_places_only_the_new_articles_and_keeps_the_past():
    pile = Pile()
    early = [item for item in BOTH if item[1] <= "2025-10-06"]
    late = [item for item in BOTH if item[1] > "2025-10-06"]
    first = place_articles(pile, story_articles(early))
    before = {sid: (s.size, s.first) for sid, s in pile.stories.items()}
    second = place_articles(pile, story_articles(late))
    assert set(second) == {k for k, *_ in late}  # only the new ones are placed
    assert partition({**first, **second}) == TRUTH
    assert set(second.values()) <= set(before)  # the late articles join the stories begun early
    assert {sid: pile.stories[sid].size for sid in before} == {"v1": 6, "s1": 6}
    assert pile.n == len(BOTH)


def test_an_article_about_something_else_starts_a_story_of_its_own():
    other = StoryArticle("x1", "Chess final drawn", "The chess final in Lindau ended in a draw after six hours; "
                         "the grandmasters meet again for the tie-break games on Sunday.", dt.date(2025, 10, 7))
    placed = place_articles(Pile(), [*story_articles(BOTH), other])
    assert placed["x1"] == "x1"
    assert partition(placed) == TRUTH | {frozenset({"x1"})}


def test_a_dormant_story_takes_no_new_article():
    late = StoryArticle("v9", "Mount Orsk erupts again", VOLCANO[0][3], dt.date(2026, 6, 1))
    pile = Pile()
    place_articles(pile, story_articles(VOLCANO))
    again = place_articles(pile, [late], StorySettings.load(dormant_days=120))
    assert again == {"v9": "v9"}  # eight months of silence: a new story, the old one kept as it was
    pile = Pile()
    place_articles(pile, story_articles(VOLCANO))
    assert place_articles(pile, [late], StorySettings.load(dormant_days=400)) == {"v9": "v1"}


def test_a_story_started_twice_is_merged_whole():
    # The first two volcano reports share only "Mount Orsk" with the next: with a join threshold
    # too strict to join, they start stories of their own; the merge step makes them one again.
    strict = StorySettings.load(threshold=0.9, merge_threshold=0.3, merge_min_size=1)
    pile = Pile()
    placed = place_articles(pile, story_articles(VOLCANO), strict)
    assert len(set(placed.values())) == 1 and set(pile.merged) == {f"v{i}" for i in range(2, 7)}
    assert pile.stories["v1"].size == 6
    unmerged = place_articles(Pile(), story_articles(VOLCANO), StorySettings.load(threshold=0.9, merge_threshold=1.0))
    assert len(set(unmerged.values())) == 6


def test_terms_leave_out_publication_words_and_trim_names():
    terms, names = article_terms(StoryArticle(
        "r", "", "LONDON | Tue Jun 14 , 2011 6:12 pm BST LONDON -LRB- Reuters -RRB- - Gold rose .", None),
        StorySettings.load())
    assert "@london" in terms and "gold" in terms and "rose" in terms
    assert not {t for t in terms if t.strip("@") in {"reuters", "rrb", "lrb", "bst", "tue jun", "rrb-", "lrb-"}}
    assert names["LONDON"] == 2


def test_the_label_names_the_story():
    pile = Pile()
    place_articles(pile, story_articles(STRIKE))
    label = story_label(pile.stories["s1"])
    assert "Ostmark" in label.split(", ")[:2] and "Tomas Hallberg" in label


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(len(BOTH)))))
def test_the_partition_and_ids_do_not_depend_on_input_order(order):
    articles = story_articles(BOTH)
    assert place_articles(Pile(), [articles[i] for i in order]) == place_articles(Pile(), articles)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(BOTH), min_size=1, max_size=12, unique=True))
def test_every_article_is_placed_once_in_a_story_named_by_its_first_article(items):
    articles = story_articles(items)
    pile = Pile()
    placed = place_articles(pile, articles)
    assert set(placed) == {a.id for a in articles}
    by_id = {a.id: a for a in articles}
    for sid, members in ((sid, [a for a, s in placed.items() if s == sid]) for sid in set(placed.values())):
        first = min(members, key=lambda a: (by_id[a].published, a))
        assert sid == first and pile.stories[sid].size == len(members)
    assert all(s.first <= s.last for s in pile.stories.values())


def test_the_store_places_new_articles_on_each_ingest_and_keeps_the_old(tmp_path):
    import chronicle

    early = [item for item in BOTH if item[1] <= "2025-10-06"]
    late = [item for item in BOTH if item[1] > "2025-10-06"]
    with chronicle.open(tmp_path / "s.db") as api:
        api.ingest([str(tmp_path / "a")], manifest=write_corpus(tmp_path / "a", early), analyze=False)
        before = {r["id"]: r["articles"] for r in api.stories()}
        api.ingest([str(tmp_path / "b")], manifest=write_corpus(tmp_path / "b", late), analyze=False)
        after = api.stories()
        rows = api.store.query("SELECT a.title, a.story_id FROM articles a")
    assert set(before) == {r["id"] for r in after} and len(after) == 2
    titles = {t: s for t, s in rows}
    volcano = {titles[title] for _, _, title, _ in VOLCANO}
    strike = {titles[title] for _, _, title, _ in STRIKE}
    assert len(volcano) == 1 and len(strike) == 1 and volcano != strike
    assert sorted(r["articles"] for r in after) == [6, 6] and sorted(before.values()) == [3, 3]
    by_id = {r["id"]: r for r in after}
    assert by_id[volcano.pop()]["first_published"] == "2025-10-02"


def test_a_store_before_stories_reads_no_stories(tmp_path):
    from chronicle.store.db import connect
    from chronicle.views.stories import stories_view

    conn = connect(tmp_path / "empty.db")
    assert stories_view(conn) == []


def test_story_ids_resolve_by_prefix_and_refuse_unknown_or_ambiguous(tmp_path):
    from chronicle.errors import NotFound, UsageError
    from chronicle.store.db import connect
    from chronicle.views.stories import resolve_story

    conn = connect(tmp_path / "ids.db")
    for sid, into in (("abcd1111", None), ("abcd2222", None), ("ffff0000", "abcd1111")):
        conn.execute("INSERT INTO stories (id, label, size, merged_into, stage) VALUES (?, 'x', 1, ?, 't')", (sid, into))
    assert resolve_story(conn, "abcd1111") == "abcd1111"
    assert resolve_story(conn, "ABCD2") == "abcd2222"
    assert resolve_story(conn, "ffff0000") == "abcd1111"  # a merged story's id names the story it joined
    with pytest.raises(UsageError) as ambiguous:
        resolve_story(conn, "abcd")
    assert ambiguous.value.code == "STY400"
    for unknown in ("0123456789", "abc"):  # no such story; too short to be a prefix
        with pytest.raises(NotFound) as missing:
            resolve_story(conn, unknown)
        assert missing.value.code == "STY404"


def test_the_settings_file_and_the_defaults_agree():
    from dataclasses import fields

    loaded, default = StorySettings.load(), StorySettings()
    assert loaded.ignore and "reuters" in loaded.ignore
    assert {f.name: getattr(loaded, f.name) for f in fields(StorySettings) if f.name != "ignore"} == \
        {f.name: getattr(default, f.name) for f in fields(StorySettings) if f.name != "ignore"}
