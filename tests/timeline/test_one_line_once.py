"""No sentence sums up two entries of one date (issue 13: "no event appears twice"): the same line
read twice under two types is one report; a second happening of the sentence keeps its own entry
only when another of its sentences can sum it up."""
from __future__ import annotations

from chronicle.timeline.events import EventMention, merge_events

_BOTH = "Protesters marched on the ministry on Sunday as troops moved into the square."
_OTHER = "Armoured columns rolled into the square on Sunday afternoon, witnesses said."


def _m(article, idx, text, etype, *, headline, parts=(), start=0):
    return EventMention(article_id=article, idx=idx, start_char=start, end_char=start + len(text), text=text,
                        type=etype, date="2011-01-30", date_source="attached", date_explain=None,
                        actors=("Ann Lee",), participants=tuple(parts), modality="happened", published="2011-01-31",
                        root=article, headline=headline, sentence_no=4)


def _summaries(entries):
    return [" ".join(e.summary.text.split()) for e in entries]


def test_one_sentence_counted_under_two_types_is_one_entry():
    mentions = [_m("a", 0, _BOTH, "protest", headline="Protesters march on ministry"),
                _m("a", 1, _BOTH, "military_movement", headline="Troops move into square")]
    entries = merge_events(mentions)
    assert _summaries(entries) == [_BOTH]
    assert len(entries[0].sources) == 2


def test_a_second_happening_with_a_sentence_of_its_own_is_summed_up_by_it():
    mentions = [_m("a", 0, _BOTH, "protest", headline="Protesters march on ministry"),
                _m("b", 0, _BOTH, "protest", headline="Protesters march on ministry"),
                _m("a", 1, _BOTH, "military_movement", headline="Troops move into square"),
                _m("c", 0, _OTHER, "military_movement", headline="Armoured columns roll into square", start=200)]
    entries = merge_events(mentions)
    summaries = _summaries(entries)
    assert sorted(summaries) == sorted([_BOTH, _OTHER])  # each line once
    (march,) = [e for e in entries if e.type == "protest"]
    assert len(march.sources) == 2  # the better-sourced entry keeps the shared line
