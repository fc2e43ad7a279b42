"""The story's own words (chronicle.timeline): an entry none of whose sentences says one weighs less,
each story of a mixed pile having its own words; and a summary says them, and does not open on "it"."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.timeline import build
from chronicle.timeline.events import EventMention, merge_events


def _m(article, idx, text, etype="protest", *, date="2011-02-04", actors=()):
    return EventMention(article_id=article, idx=idx, start_char=idx * 200, end_char=idx * 200 + len(text),
                        text=text, type=etype, date=date, date_source="attached", date_explain=None,
                        actors=tuple(actors), participants=tuple(actors), modality="happened",
                        published=date, sentence_no=idx + 5)


def _pile(n: int = 12) -> list[EventMention]:
    """n articles on Egypt's uprising, each with a line of the story on its own day."""
    return [_m(f"a{i:02d}", 0, f"Protesters in Cairo demanded that Mubarak leave Egypt, day {i}.",
               date=f"2011-01-{10 + i:02d}") for i in range(n)]


STRAY = "Police say the father of the missing Swiss twins sent a letter to his wife."


def test_an_entry_that_says_no_word_of_its_story_weighs_less():
    pile = _pile()
    stray = _m("a00", 3, STRAY, "statement", date="2011-01-10")
    alike = _m("a01", 3, "Protesters in Cairo said Mubarak must leave Egypt now.", "statement", date="2011-01-11")
    entries = merge_events([*pile, stray, alike])
    aside = build.off_story(entries, {}, 0.5)
    by_text = {e.summary.text: e for e in entries}
    assert by_text[STRAY].id in aside and by_text[alike.text].id not in aside
    build.rank_entries(entries, {})
    assert by_text[STRAY].importance < by_text[alike.text].importance


def test_each_story_of_a_mixed_pile_has_its_own_words():
    egypt = _pile(12)
    quake = [_m(f"q{i:02d}", 0, f"Rescuers searched the rubble in Haiti after the earthquake, day {i}.", "disaster",
                date=f"2010-01-{13 + i:02d}") for i in range(10)]
    entries = merge_events([*egypt, *quake])
    stories = {**{m.article_id: "egypt" for m in egypt}, **{m.article_id: "haiti" for m in quake}}
    assert not build.off_story(entries, stories, 0.5)  # each line says its own story's words
    # Read as one story, the smaller one's lines say none of the larger one's words.
    assert {e.id for e in entries if e.sources[0].article_id.startswith("q")} <= build.off_story(entries, {}, 0.5)


def test_a_story_of_a_few_articles_is_read_against_the_pile():
    egypt = _pile(12)
    lone = _m("z", 0, STRAY, "statement", date="2011-01-12")
    entries = merge_events([*egypt, lone])
    stories = {**{m.article_id: "egypt" for m in egypt}, "z": "other"}
    stray = next(e for e in entries if e.summary.text == STRAY)
    assert stray.id in build.off_story(entries, stories, 0.5)  # a lone article's every word is not its story's


def test_a_summary_says_the_story_s_words():
    pile = _pile()
    day = "2011-02-04"
    stray = _m("b1", 2, "The Friday protest in Amman was the smallest protest in weeks, organisers said.", date=day)
    story = _m("b2", 2, "The Friday protest in Cairo against Mubarak was the largest in weeks.", date=day)
    entries = merge_events([*pile, stray, story])
    entry = next(e for e in entries if any(m.article_id == "b1" for m in e.sources))
    assert {m.article_id for m in entry.sources} >= {"b1", "b2"}
    assert entry.summary.article_id == "b2"


@settings(max_examples=25)
@given(st.sampled_from(["It", "it"]), st.integers(min_value=0, max_value=1))
def test_a_summary_does_not_open_on_it(it, first):
    day = "2011-02-04"
    lines = [_m("c1", 1, f"{it} was the largest Friday protest in Cairo against Mubarak in weeks.", date=day),
             _m("c2", 1, "Protesters in Cairo held the largest Friday protest against Mubarak in weeks.", date=day)]
    if first:
        lines.reverse()
    entries = merge_events([*_pile(), *lines])
    entry = next(e for e in entries if any(m.article_id == "c1" for m in e.sources))
    assert entry.summary.article_id == "c2"
