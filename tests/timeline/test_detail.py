"""An entry's detail: a second quoted sentence that adds what its summary does not say."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.timeline.events import EventMention, _detail, merge_events

_LEAD = "Ann Lee and Bo Park spoke by phone on Monday about the truce."
_RETOLD = "The truce would free 300 prisoners held near Korvale by the end of the month, officials said."
_RETOLD_AGAIN = "Officials said the truce frees 300 prisoners held near Korvale by the end of the month."
_ECHO = "Ann Lee and Bo Park spoke by phone on Monday about the truce, their second call."


def _m(i, article, text, *, date="2025-09-01"):
    return EventMention(article_id=article, idx=i, start_char=10 * i, end_char=10 * i + len(text), text=text,
                        type="call", date=date, date_source="attached", date_explain=None,
                        actors=("Ann Lee", "Bo Park"), modality="happened", published="2025-09-02", root=article,
                        participants=("Ann Lee", "Bo Park"))


def test_the_detail_is_what_the_sources_retell_beyond_the_summary():
    summary = _m(0, "a", _LEAD)
    members = [summary, _m(1, "a", _ECHO), _m(2, "b", _RETOLD), _m(3, "c", _RETOLD_AGAIN)]
    # the echo shares the most words with the others, but it repeats the summary: the prisoners are news
    assert _detail(members, summary).text in {_RETOLD, _RETOLD_AGAIN}


@pytest.mark.parametrize("text", [
    "He said the truce would free 300 prisoners held near Korvale by the end of the month.",  # needs its antecedent
    "“The truce will free 300 prisoners held near Korvale,” an official said.",  # someone's words, not the report
    "We spoke about the truce and the 300 prisoners held near Korvale by the end of the month.",  # first person
    # a gallery's title run into the next sentence by the page's extraction
    "Gallery : Prisoners freed near Korvale Ann Lee said the truce would free 300 prisoners by the end of the month.",
])
def test_a_detail_stands_alone(text):
    summary = _m(0, "a", _LEAD)
    assert _detail([summary, _m(1, "b", text), _m(2, "c", text)], summary) is None


def test_a_one_line_entry_has_no_detail_and_a_reprint_is_not_one():
    summary = _m(0, "a", _LEAD)
    assert _detail([summary], summary) is None
    assert _detail([summary, _m(1, "b", _LEAD), _m(2, "c", "  " + _LEAD)], summary) is None


def test_merged_entries_carry_their_detail():
    (entry,) = merge_events([_m(0, "a", _LEAD), _m(1, "b", _RETOLD), _m(2, "c", _RETOLD_AGAIN)])
    assert entry.detail is not None
    assert entry.detail.text != entry.summary.text
    assert entry.detail in entry.sources


_SENTENCES = st.sampled_from([_LEAD, _RETOLD, _RETOLD_AGAIN, _ECHO, "Bo Park thanked Ann Lee for the call.",
                              "The call lasted two hours, the longest between the two in years."])


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_the_detail_never_repeats_the_summary_and_ignores_order(texts, rnd):
    mentions = [_m(i, f"art{i}", t) for i, t in enumerate(texts)]
    shuffled = mentions[:]
    rnd.shuffle(shuffled)
    entries = merge_events(mentions)
    again = merge_events(shuffled)
    assert [(e.summary.text, e.detail.text if e.detail else None) for e in entries] == \
        [(e.summary.text, e.detail.text if e.detail else None) for e in again]
    for e in entries:
        if e.detail is not None:
            assert e.detail.text.strip() != e.summary.text.strip()
            assert e.detail in e.sources


@pytest.mark.parametrize("text", [
    "Ann Lee and Bo Park spoke by telephone on Monday about the truce.",  # the summary again, reworded
    "Lee and Park talked about the truce on Monday, but what do you think?",  # a question to readers
])
def test_an_echo_or_a_question_is_no_detail(text):
    summary = _m(0, "a", _LEAD)
    assert _detail([summary, _m(1, "b", text), _m(2, "c", text)], summary) is None
