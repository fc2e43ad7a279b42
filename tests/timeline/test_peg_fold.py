"""A one-off happening that leads report undated, the morning after, is the dated one of the day
before (chronicle.timeline.events._fold_pegs); a lead placed at another time is no news peg
(events._elsewhere_in_time)."""
from __future__ import annotations

import dataclasses

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


def _told_again(lead_pub, *, dated_sources=4, leads=2, refer_back=False):
    """A verdict dated by its text in several articles; days later, leads tell it again undated."""
    # As in _pile: the dated reports name no party, the leads name her, so that no lead joins them
    # mention by mention.
    dated = [_m(f"a{i}", 0, "On Monday evening treasurer Whitlock was convicted of fraud and perjury.", "verdict",
                date="2026-05-04", pub="2026-05-04", parts=(), actors=("County Court",)) for i in range(dated_sources)]
    told = [_m(f"l{i}", 0, "Dana Whitlock has been convicted of fraud and perjury.", "verdict",
               pub=lead_pub) for i in range(leads)]
    if refer_back:  # a later line of the first lead's article names it again, dated through the lead
        told.append(dataclasses.replace(
            _m("l0", 1, "The conviction for fraud and perjury ended her career.", "verdict", pub=lead_pub, sent=3),
            date=lead_pub, date_source="antecedent", date_explain="'the conviction' refers back"))
    return [*dated, *told]


def test_a_one_off_told_again_days_later_joins_the_more_cited_dated_entry():
    entries = merge_events(_told_again("2026-05-07", refer_back=True))
    assert [(e.date.value, len(e.sources)) for e in entries] == [("2026-05-04", 7)]
    moved = [m for m in entries[0].sources if m.article_id.startswith("l")]
    assert {m.date_source for m in moved} == {"event"}
    assert all(m.date.value == "2026-05-04" and "3 days on" in m.date_explain for m in moved)


def test_told_again_beyond_the_window_or_by_more_sources_stays_apart():
    assert len(merge_events(_told_again("2026-05-20"))) == 2  # past peg_fold_days
    assert len(merge_events(_told_again("2026-05-07", dated_sources=1, leads=3))) == 2  # the leads are the story


def test_a_text_dated_entry_days_later_is_no_peg():
    later = _m("b", 0, "On Thursday treasurer Whitlock was convicted of fraud and perjury.", "verdict",
               date="2026-05-07", pub="2026-05-07", parts=(), actors=("County Court",))
    entries = merge_events([*_told_again("2026-05-07", leads=0), later])
    assert sorted(e.date.value for e in entries) == ["2026-05-04", "2026-05-07"]


def test_a_one_off_dated_to_its_week_joins_the_day_inside_it():
    day = [_m(f"a{i}", 0, "On Saturday Mubarak appointed Omar Suleiman as vice president.", "appointment",
              date="2011-01-29", pub="2011-01-29", parts=("Hosni Mubarak", "Omar Suleiman"), trigger="appointed")
           for i in range(3)]
    # told in other words, days later: too far from the day's reports to join them mention by mention
    week = _m("w", 2, "The new deputy, appointed last week amid cries for an end to the regime, has been working "
                      "with opposition groups.", "appointment", date="2011-W04", pub="2011-02-05",
              parts=(), actors=("Omar Suleiman",), trigger="appointed")
    entries = merge_events([*day, week])
    assert [(e.date.value, len(e.sources)) for e in entries] == [("2011-01-29", 4)]
    # a month holding two such days that name it alike tells no one of them
    other = _m("o", 0, "On Monday Suleiman appointed Ahmed Shafiq as prime minister.", "appointment",
               date="2011-01-31", pub="2011-01-31", parts=("Omar Suleiman", "Ahmed Shafiq"), trigger="appointed")
    month = dataclasses.replace(week, date="2011-01", date_explain=None)
    assert len(merge_events([*day, other, month])) == 3


def test_a_one_off_dated_to_its_month_joins_the_day_it_tells_in_its_words():
    house = [_m(f"h{i}", 0, "The House of Representatives impeached President Donald Trump on Wednesday, voting "
                            "230-197 to charge him with abuse of power.", "vote", date="2019-12-18", pub="2019-12-18",
                parts=("House of Representatives",), actors=("House of Representatives", "Donald Trump"),
                trigger="impeached") for i in range(2)]
    committee = _m("c", 0, "The House Judiciary Committee voted 23-17 on Friday to approve two articles of "
                           "impeachment against President Trump.", "vote", date="2019-12-13", pub="2019-12-13",
                   parts=("House Judiciary Committee",), actors=("House Judiciary Committee", "Donald Trump"),
                   trigger="voted")
    recalled = _m("r", 3, "The House impeached Trump in December after a two-month inquiry.", "vote",
                  date="2019-12", pub="2020-02-05", parts=("House",), actors=("House", "Donald Trump"),
                  trigger="impeached")
    entries = merge_events([*house, committee, recalled])
    assert sorted((e.date.value, len(e.sources)) for e in entries) == [("2019-12-13", 1), ("2019-12-18", 3)]


def test_the_house_is_the_house_of_representatives():
    # "The full House is expected to vote next week" (a plan, dated to its week) names the House; the vote
    # that week names the House of Representatives: one institution, so the plan joins the vote it
    # announced instead of standing as an entry of its own
    house = [_m(f"h{i}", 0, "The House of Representatives impeached President Donald Trump on Wednesday, voting "
                            "230-197 to charge him with abuse of power.", "vote", date="2019-12-18", pub="2019-12-18",
                parts=("House of Representatives",), actors=("House of Representatives", "Donald Trump"),
                trigger="impeached") for i in range(2)]
    plan = dataclasses.replace(
        _m("p", 1, "The full House is expected to vote next week.", "vote", date="2019-W51", pub="2019-12-13",
           parts=("House",), actors=("House",), trigger="vote"), modality="planned")
    entries = merge_events([*house, plan])
    assert [(e.date.value, len(e.sources)) for e in entries] == [("2019-12-18", 3)]
    # the House of Commons is no House of Lords
    lords = [dataclasses.replace(m, participants=("House of Lords",), actors=("House of Lords",)) for m in house]
    commons = dataclasses.replace(plan, participants=("House of Commons",), actors=("House of Commons",))
    assert len(merge_events([*lords, commons])) == 2


def test_a_report_in_the_present_is_not_dated_by_the_call_it_names():
    call = _m("a", 0, "The move follows a whistleblower complaint about a July 25 phone call.", "call",
              date="2019-07-25", pub="2019-09-24", parts=(), actors=("Donald Trump",), trigger="phone call")
    now = dataclasses.replace(_m("a", 1, call.text, "indictment", pub="2019-09-24", parts=(), actors=("Donald Trump",),
                                 trigger="complaint"), start_char=call.start_char, end_char=call.end_char,
                              date="2019-09-24", date_source="published")
    past = dataclasses.replace(now, date=None, date_source="undated")
    dated = {e.type: (e.date.value, e.undated) for e in merge_events([call, now])}
    assert dated["indictment"][1] is True and dated["call"] == ("2019-07-25", False), dated
    # told in the past, the complaint is placed in the call its sentence names (_date_by_companions)
    (home,) = [e for e in merge_events([call, past]) if any(m.type == "indictment" for m in e.sources)]
    assert (home.date.value, home.undated) == ("2019-07-25", False)


def test_a_one_off_of_its_week_joins_the_day_the_pile_reports_far_more():
    # haiti: "last week's devastating earthquake" (9 sources) tells the quake of 12 January (56) and a
    # line of the 14th (4) in words alike: the quake, which the pile reports far more often
    from chronicle.timeline.events import _Cluster, _fold_coarse_one_offs, _interval, _tfidf

    def cluster(articles, text, date, pub):
        ms = [_m(f"{date}-{i}", 0, text, "disaster", date=date, pub=pub, parts=(), actors=("Haiti",),
                 trigger="earthquake") for i in range(articles)]
        vectors = _tfidf(ms + [_m("x", 9, "Rescuers reach survivors of the devastating earthquake in Haiti.",
                                  "disaster", date=date, pub=pub)])
        c = _Cluster("disaster", _interval(ms[0])[1], True)
        for m in ms:
            c.add(m, vectors[m.key])
        return c

    text = "Rescuers reach survivors of the devastating earthquake in Haiti."
    quake, line = cluster(12, text, "2010-01-12", "2010-01-13"), cluster(2, text, "2010-01-14", "2010-01-15")
    week = cluster(3, text, "2010-W02", "2010-01-18")
    folded = _fold_coarse_one_offs([quake, line, week])
    assert [(c.interval[0].isoformat(), len(c.members)) for c in folded] == [("2010-01-12", 15), ("2010-01-14", 2)]
    # two days the pile reports alike: nothing tells which
    quake, line = cluster(3, text, "2010-01-12", "2010-01-13"), cluster(2, text, "2010-01-14", "2010-01-15")
    week = cluster(3, text, "2010-W02", "2010-01-18")
    assert len(_fold_coarse_one_offs([quake, line, week])) == 3
