"""A one-off happening that leads report undated, the morning after, is the dated one of the day
before (chronicle.timeline.events._fold_pegs); a lead placed at another time is no news peg
(events._elsewhere_in_time)."""
from __future__ import annotations

from chronicle.timeline.events import EventMention, merge_events


def _m(article, idx, text, etype, *, date=None, pub, parts=("Dana Whitlock",), actors=None, sent=0,
       trigger="convicted"):
    return EventMention(article_id=article, idx=idx, start_char=idx * 100, end_char=idx * 100 + len(text),
                        text=text, type=etype, date=date, date_source="attached" if date else "undated",
                        date_explain=None, actors=parts if actors is None else actors, participants=parts,
                        modality="happened", published=pub, sentence_no=sent, trigger=trigger)


def _pile(etype="verdict", lead_pub="2026-05-05", lead_text="Dana Whitlock has been convicted of fraud and perjury."):
    # The dated report names no party (the county's former treasurer); the leads name her: alike in
    # words, not alike enough mention by mention to merge.
    dated = _m("a", 0, "On Monday evening treasurer Whitlock was convicted of fraud and perjury.",
               etype, date="2026-05-04", pub="2026-05-04", parts=(), actors=("County Court",))
    return [dated, *(_m(f"l{i}", 0, lead_text, etype, pub=lead_pub) for i in range(3))]


def test_leads_of_the_morning_after_join_the_dated_verdict():
    entries = merge_events(_pile())
    assert [(e.date.value, len(e.sources)) for e in entries] == [("2026-05-04", 4)]
    moved = [m for m in entries[0].sources if m.article_id != "a"]
    assert all(m.date_source == "event" and "the morning after" in m.date_explain for m in moved)


def test_a_recurring_kind_on_consecutive_days_stays_apart():
    entries = merge_events(_pile("protest"))
    assert sorted(e.date.value for e in entries) == ["2026-05-04", "2026-05-05"]


def test_leads_two_days_later_or_about_something_else_stay_apart():
    assert len(merge_events(_pile(lead_pub="2026-05-06"))) == 2
    assert len(merge_events(_pile(lead_text="Dana Whitlock has resigned from the harbour board."))) == 2


def test_a_lead_naming_another_year_or_an_earlier_happening_is_no_peg():
    year = _m("b", 0, "Whitlock was at the office on the night the ledger burned, in March 2024.", "disaster",
              pub="2026-05-05", trigger="burned")
    after = _m("c", 0, "A jury has convicted Whitlock of fraud after the ledger burned.", "disaster",
               pub="2026-05-05", trigger="burned")
    plain = _m("d", 0, "The ledger burned overnight at the county office.", "disaster", pub="2026-05-05",
               trigger="burned")
    for m, pegged in ((year, False), (after, False), (plain, True)):
        (entry,) = merge_events([m])
        assert (not entry.undated) == pegged, m.text
