"""An entry's summary and headline state the event itself, not a reaction to it (issue 13 polish)."""
from __future__ import annotations

import dataclasses

import pytest

from chronicle.timeline.build import headline_of
from chronicle.timeline.events import EventMention, merge_events
from chronicle.timeline.headlines import is_reaction, reports_event, write_headline

_DIRECT = "Ann Lee and Bo Park spoke by phone on Monday about the truce and the prisoners."
_REACTION = ("Cy Dunn described Monday's phone call between Ann Lee and Bo Park about the truce and "
             "the prisoners as a photo opportunity.")


def _m(i, article, text, *, etype="call", headline=None, participants=(), source="attached"):
    return EventMention(article_id=article, idx=i, start_char=0, end_char=len(text), text=text, type=etype,
                        date="2025-09-01", date_source=source, date_explain=None,
                        actors=("Ann Lee", "Bo Park", "Cy Dunn"), modality="happened", published="2025-09-02",
                        root=article, participants=tuple(participants), headline=headline)


def _entry():
    mentions = [
        _m(0, "a", _DIRECT, headline="Lee and Park speak by phone", participants=("Ann Lee", "Bo Park")),
        # the reaction, reported twice (as the call and as a statement): the more central sentence
        _m(1, "b", _REACTION, headline="Cy Dunn described call as photo opportunity"),
        _m(2, "b", _REACTION, etype="statement", headline="Cy Dunn described call as photo opportunity",
           participants=("Cy Dunn",)),
        _m(3, "c", _REACTION, headline="Dunn describes call as photo opportunity"),
    ]
    (entry,) = [e for e in merge_events(mentions) if e.type == "call"]
    assert len(entry.sources) == 4  # one entry: the test is about choosing within it
    return entry


def test_the_summary_is_the_report_of_the_event_not_a_reaction():
    assert _entry().summary.text == _DIRECT


def test_the_headline_is_the_event_not_a_reaction():
    assert headline_of(_entry()) == "Lee and Park speak by phone"


def test_reactions_are_told_by_their_verb():
    assert is_reaction("Peskov labels conversation as important")
    assert is_reaction("Karin Holt described call as photo opportunity")
    assert not is_reaction("Trump and Putin hold call")
    assert not is_reaction("Kestrania rejects ceasefire plan")


def test_a_side_clause_naming_none_of_the_participants_reports_less():
    own = _m(0, "a", _DIRECT, headline="Lee and Park speak by phone", participants=("Ann Lee", "Bo Park"))
    side = _m(1, "a", "After Lee's call with Park, 150 drones were launched.", headline="150 drones were launched",
              participants=("Ann Lee", "Bo Park"))
    assert reports_event(own, "call") > reports_event(side, "call") > 0
    assert reports_event(_m(2, "a", _REACTION, etype="statement"), "call", generic={"statement"}) == 0


def test_without_a_direct_report_the_agreed_candidate_still_wins():
    assert write_headline(["Dunn describes call as farce", "Dunn describes call as farce again"],
                          "Dunn described the call as a farce.") == "Dunn describes call as farce"


@pytest.fixture(scope="module")
def stories(tmp_path_factory, demo_dir, ukraine):
    from chronicle.api import Chronicle

    out = {}
    for name, folder in (("demo", demo_dir), ("ukraine", ukraine)):
        ch = Chronicle(tmp_path_factory.mktemp(name) / "s.db")
        ch.ingest(folder, manifest=folder / "manifest.csv")
        out[name] = ch.timeline()
        ch.close()
    return out


@pytest.mark.parametrize(("story", "date", "names", "reactor"), [
    ("demo", "2025-09-01", {"Brandvold", "Zhelezov"}, "Holt"),  # the first call; an opposition leader's words on it
    ("ukraine", "2025-05-19", {"Trump", "Putin"}, "Peskov"),  # the Kremlin spokesman's words on it
])
def test_a_call_with_reactions_is_headlined_by_the_call(stories, story, date, names, reactor):
    (entry,) = [e for e in stories[story] if e["date"] == date and e["type"] == "call"]
    assert not is_reaction(entry["headline"]), entry["headline"]
    assert names & set(entry["headline"].replace("’s", " ").split()), entry["headline"]
    assert reactor not in entry["summary"] and names & set(entry["summary"].split()), entry["summary"]


def _summary_of(mentions):
    (entry,) = [e for e in merge_events(mentions) if e.type == "call"]
    assert len(entry.sources) == len(mentions)  # one entry: the test is about choosing within it
    return entry.summary.text


_PLAIN = "Ann Lee and Bo Park talked for two hours on Monday."


def test_a_quotation_does_not_sum_up_the_event():
    quoted = '"Even after Lee\'s call with Park on Monday, Ann Lee and Bo Park sent drones," an aide said.'
    mentions = [_m(0, "a", _PLAIN, participants=("Ann Lee", "Bo Park")),
                _m(1, "b", quoted, participants=("Ann Lee", "Bo Park"), headline="Lee and Park send drones")]
    assert _summary_of(mentions) == _PLAIN
    # without the quotation mark the same words would win (more named, more central): the mark decides
    assert _summary_of([mentions[0], _m(1, "b", quoted.strip('"').replace('," an', ', an'),
                                          participants=("Ann Lee", "Bo Park"))]) != _PLAIN


def test_a_preview_does_not_sum_up_a_call_that_happened():
    preview = _m(1, "b", "Ann Lee and Bo Park are set to speak by phone on Monday about the truce.",
                 participants=("Ann Lee", "Bo Park"))
    preview = dataclasses.replace(preview, modality="planned")
    plain = _m(0, "a", "Lee and Park talked for two hours on Monday.", participants=("Ann Lee", "Bo Park"))
    assert _summary_of([plain, preview]) == plain.text


def test_a_sentence_that_only_places_the_event_does_not_sum_it_up():
    placed = _m(1, "b", "Their conversation on Monday came a day after the truce talks of Ann Lee and Bo Park.",
                participants=("Ann Lee", "Bo Park"))
    plain = _m(0, "a", "Lee and Park talked for two hours on Monday.", participants=("Ann Lee",))
    assert _summary_of([plain, placed]) == plain.text


def test_a_question_or_a_live_blog_stamp_does_not_headline_an_entry():
    assert write_headline(["Can government support democracy", "Crowds fill Tahrir Square"],
                          "Crowds filled Tahrir Square on Tuesday.") == "Crowds fill Tahrir Square"
    assert write_headline(["Update 6:04 p.m. in Cairo, 11:04 a.m. ET) Mubarak agrees to yield power"],
                          "Mubarak agreed to yield power.") == "Mubarak agrees to yield power"


_KINDS = {"Ann Lee": "PERSON", "Bo Park": "PERSON", "Cy Dunn": "PERSON", "Blue House": "FAC"}


def _topics_call(participants=("Ann Lee", "Bo Park"), modality="happened"):
    m = dataclasses.replace(_m(0, "a", "During the two-hour chat, Ann Lee and Bo Park covered a range of topics.",
                               headline="Lee and Park cover range of topics", participants=participants),
                            modality=modality)
    (entry,) = merge_events([m])
    return entry


def test_an_encounter_none_of_whose_candidates_names_it_is_headlined_by_what_it_was():
    assert headline_of(_topics_call(), _KINDS) == "Lee and Park speak by phone"
    assert headline_of(_topics_call()) == "Lee and Park cover range of topics"  # no entity types known


@pytest.mark.parametrize("participants, modality", [
    (("Ann Lee",), "happened"),  # one party: nothing says with whom
    (("Ann Lee", "Blue House"), "happened"),  # a building is no party
    (("Ann Lee", "Bo Park"), "planned"),  # a call only planned is not headlined as held
])
def test_the_encounter_line_needs_two_parties_and_a_happening(participants, modality):
    assert headline_of(_topics_call(participants, modality), _KINDS) == "Lee and Park cover range of topics"


def test_a_candidate_naming_the_encounter_is_kept():
    assert headline_of(_entry(), _KINDS) == "Lee and Park speak by phone"
    m = _m(0, "a", _DIRECT, headline="Lee and Park hold tense call", participants=("Ann Lee", "Bo Park"))
    (entry,) = merge_events([m])
    assert headline_of(entry, _KINDS) == "Lee and Park hold tense call"
