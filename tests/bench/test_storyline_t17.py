"""bench/storyline's Timeline17 measures (duplicates, window, boilerplate) on entries written by hand."""
from __future__ import annotations

import datetime as dt

import pytest

from bench.storyline.boilerplate import boilerplate_kind, detokenize, is_boilerplate
from bench.storyline.t17 import before_window, count_duplicates, duplicate_pairs, split_sizes, window_start
from bench.tls.product import as_timeline

D = dt.date


def _e(date, summary, granularity="day"):
    return {"date": date, "summary": summary, "granularity": granularity}


GOLD = {D(2010, 4, 20): ["The Deepwater Horizon rig explodes in the Gulf of Mexico , killing 11 workers ."],
        D(2010, 7, 15): ["BP caps the leaking well ; Congress passes the financial reform bill ."]}


def test_near_duplicates_within_a_week_are_one_event():
    a = _e("2010-04-20", "The Deepwater Horizon drilling rig exploded in the Gulf of Mexico , killing 11 workers .")
    b = _e("2010-04-21", "The Deepwater Horizon rig exploded in the Gulf of Mexico and 11 workers were killed .")
    far = _e("2010-06-20", "The Deepwater Horizon rig exploded in the Gulf of Mexico , killing 11 workers .")
    pairs = duplicate_pairs([a, b, far], GOLD)
    assert [(i, j, why) for i, j, why in pairs] == [(0, 1, "near-duplicate")]


def test_two_entries_telling_one_gold_event_are_duplicates():
    a = _e("2010-04-20", "A rig exploded off Louisiana on Tuesday night .")
    b = _e("2010-04-20", "Eleven workers are missing after the Deepwater Horizon explosion ; the rig burned in the Gulf .")
    assert duplicate_pairs([a, b], GOLD) == []  # a shares too little of the gold's content
    a = _e("2010-04-20", "The Deepwater Horizon rig explodes and sinks in the Gulf of Mexico .")
    assert [why for _, _, why in duplicate_pairs([a, b], GOLD)] == ["same gold event"]


def test_two_events_of_one_busy_gold_day_are_not_duplicates():
    cap = _e("2010-07-15", "BP says the cap on the leaking well is holding ; the flow has stopped .")
    bill = _e("2010-07-15", "Congress passes the financial reform bill , sending it to the president .")
    assert duplicate_pairs([cap, bill], GOLD) == []


def test_duplicate_groups_are_counted_once_per_extra_entry():
    assert count_duplicates(5, [(0, 1, ""), (1, 2, ""), (3, 4, "")]) == 3  # {0,1,2} and {3,4}
    assert count_duplicates(3, []) == 0


def test_an_event_told_by_entries_around_its_day_counts_them_and_not_the_other_events():
    rig = ["The Deepwater Horizon rig explodes in the Gulf of Mexico .",
           "Deepwater Horizon rig explosion kills 11 workers in the Gulf .",
           "Eleven workers missing after Deepwater Horizon explodes ; the rig burns in the Gulf of Mexico ."]
    whole = [_e("2010-04-20", rig[0]), _e("2010-04-21", rig[1]), _e("2010-04-19", rig[2]),
             _e("2010-04-25", rig[0]),  # too far from the gold day
             _e("2010-04", rig[1], "month"),  # not dated to a day
             _e("2010-04-20", "Shares of BP fell in London .")]  # another event of that day
    for e in whole:
        e["headline"] = ""
    sizes = split_sizes(whole, GOLD)
    assert sizes == {D(2010, 4, 20): 3, D(2010, 7, 15): 0}


def test_before_window_uses_the_earlier_of_gold_start_and_first_article():
    start = window_start(GOLD, D(2010, 4, 21))
    assert start == D(2010, 4, 20)
    entries = [_e("2010-03-01", "x"), _e("2010-03-25", "x"), _e("1989", "Exxon Valdez", "year"), _e("2010-03", "x", "month")]
    assert [e["date"] for e in before_window(entries, start)] == ["2010-03-01", "1989"]
    assert window_start(GOLD, D(2010, 1, 5)) == D(2010, 1, 5)


@pytest.mark.parametrize("text, kind", [
    ("Get Wonkbook delivered to your inbox or mobile device every morning .", "newsletter"),
    ("Sign up for free e-mail news alerts from FoxNews.com and FoxBusiness.com .", "newsletter"),
    ("Get the Monitor Stories you care about delivered to your inbox.", "newsletter"),
    ("Read more about Suleiman and his gradual rise to the top .", "read_more"),
    ("For the latest from AC360 click here .", "read_more"),
    ("Photograph : Jae C. Hong\\/AP The political pressure on BP escalated .", "photo"),
    ("Content and Programming Copyright 2010 Fox News Network , Inc. .", "copyright"),
    ("-LRB- Reporting by Tom Bergin ; Editing by Hans Peters -RRB-", "site"),
    ("The BBC is not responsible for the content of external Internet sites", "site"),
    ("March 9 , 2011 at 1:40 pm | Reply I say let 's stay out of it period !", "comments"),
    ("BP says it has reached a deal to sell $ 7 billion in assets to Apache Corp .", None),
    ("Called Blackwater Tactical Weekly , the newsletter was sent to an activist .", None),
    ("It refused to sign up to the Kyoto Protocol .", None),
    ("Egypt 's government did n't block Facebook , Twitter or YouTube , a spokesman said .", None),
])
def test_boilerplate_kinds(text, kind):
    assert boilerplate_kind(text) == kind


def test_boilerplate_reads_the_headline_too_and_detokenizes():
    assert detokenize("-LRB- AP Photo -RRB- BP 's chief , he said .") == "(AP Photo) BP's chief, he said."
    assert is_boilerplate({"summary": "The well was capped .", "headline": "Share this story: Facebook"}) == "share"
    assert is_boilerplate({"summary": "The well was capped ."}) is None


def test_as_timeline_keeps_day_entries_and_counts_the_rest():
    tl, coarse = as_timeline([_e("2010-04-20", "a"), _e("2010-04-20", "b"), _e("2010-04", "c", "month"),
                              _e("2010-W20", "d", "week")])
    assert tl == {D(2010, 4, 20): ["a", "b"]} and coarse == 2
