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


def _m(i, article, text, *, etype="call", headline=None, participants=(), source="attached", date="2025-09-01"):
    return EventMention(article_id=article, idx=i, start_char=0, end_char=len(text), text=text, type=etype,
                        date=date, date_source=source, date_explain=None,
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


@pytest.mark.parametrize("line, names", [
    ("Lee and Park hold tense call", True),
    ("Park meets Lee in Seoul", True),
    ("Markets rally since their last discussion", False),  # the call only places the rally
    ("Prices fall ahead of the summit", False),
    ("Lee resigns after meeting", False),
])
def test_an_encounter_word_that_only_places_something_else_does_not_name_it(line, names):
    from chronicle.timeline.headlines import names_encounter

    assert names_encounter(line) is names


def test_a_candidate_naming_the_encounter_only_to_place_something_else_gives_way():
    m = _m(0, "a", _DIRECT, headline="Markets rally since their last call", participants=("Ann Lee", "Bo Park"))
    (entry,) = merge_events([m])
    assert headline_of(entry, _KINDS) == "Lee and Park speak by phone"


def test_a_writer_speaking_for_themselves_neither_sums_up_nor_headlines():
    comment = "We have been out of internet for 6 days while Ann Lee and Bo Park spoke by phone on Monday."
    mentions = [
        _m(0, "a", comment, headline="Lee and Park speak while we have no internet", participants=("Ann Lee", "Bo Park")),
        _m(1, "b", comment, headline="Lee and Park speak while we have no internet", participants=("Ann Lee", "Bo Park")),
        _m(2, "c", "Ann Lee and Bo Park held a phone call on Monday.", headline="Lee and Park hold call",
           participants=("Ann Lee", "Bo Park")),
    ]
    (entry,) = merge_events(mentions)
    assert entry.summary.text.startswith("Ann Lee and Bo Park held")
    assert headline_of(entry) == "Lee and Park hold call"


def test_a_quoted_first_person_is_the_speakers_not_the_writers():
    from chronicle.timeline.headlines import in_first_person

    assert not in_first_person('Lee said: "We will talk again" after the call on Monday.')
    assert in_first_person("My God, may he keep everyone safe in today's protest")
    assert not in_first_person("US and Russian envoys met in Riyadh")


def test_the_headline_tells_what_happened_on_the_entrys_day():
    # Undated lines about the demand join the day's entry; the headline is what the dated sources report.
    mentions = [
        _m(0, "a", "Ann Lee dismissed her cabinet on Monday, Sept 1.", etype="resignation",
           headline="Lee dismisses her cabinet", participants=("Ann Lee",)),
        *[_m(i, f"u{i}", "Crowds demand that Ann Lee resign.", etype="resignation", source="undated", date=None,
             headline="Lee resigns", participants=("Ann Lee",)) for i in range(1, 8)],
    ]
    entries = merge_events(mentions)
    (entry,) = [e for e in entries if any(m.article_id == "a" for m in e.sources)]
    assert len(entry.sources) == 8  # the undated lines joined it (and outnumber it) ...
    assert headline_of(entry) == "Lee dismisses her cabinet"  # ... but do not headline it


def test_a_line_that_ends_on_its_verb_of_saying_gives_way_to_the_sentence():
    line = write_headline(["Internet experts say"], "Internet experts said Egypt restored internet connections on Wednesday.")
    assert line == "Internet experts said Egypt restored internet connections on Wednesday"
    assert write_headline(["Egypt restores internet", "Internet experts say"], "x y z.") == "Egypt restores internet"


@pytest.mark.parametrize("line, sentence, expected", [
    ("Cairo Mubarak step down", "Cairo , Egypt -LRB- CNN -RRB- -- Egyptian President Hosni Mubarak stepped down Friday",
     "Mubarak step down"),
    ("Cairo Egypt brace for march", "CAIRO, Egypt (CNN) -- Egypt braced for a march of millions", "Egypt brace for march"),
    ("Washington Senate passes bill", "WASHINGTON (Reuters) - The Senate passed the bill on Tuesday", "Senate passes bill"),
    ("Cairo residents cheer", "Cairo residents cheered on Friday", "Cairo residents cheer"),  # no dateline
    ("Trump - Putin talks end", "Trump - Putin talks ended on Monday", "Trump - Putin talks end"),
    ("Obama says Egypt must change", "Obama -- who spoke Friday -- said Egypt must change", "Obama says Egypt must change"),
])
def test_a_wire_dateline_is_no_part_of_the_headline(line, sentence, expected):
    from chronicle.timeline.headlines import undatelined

    assert undatelined(line, sentence) == expected


def test_a_sentence_cut_to_a_headline_loses_its_dateline():
    assert write_headline([], "CAIRO, Egypt (CNN) -- Mubarak stepped down on Friday.") == "Mubarak stepped down on Friday"


@pytest.mark.parametrize("candidate, expected", [
    ("28 Last update Live coverage of trial of Jackson's physician", "Live coverage of trial of Jackson's physician"),
    ("Last updated 10:42 ET Crowds gather in square", "Crowds gather in square"),
    ("Updated figures show 11 dead", "Updated figures show 11 dead"),  # the sentence's own words
])
def test_a_live_page_stamp_is_no_part_of_the_headline(candidate, expected):
    assert write_headline([candidate], "x.") == expected


def test_a_sentence_with_a_caption_glued_in_does_not_sum_up():
    glued = ("Lee and Park: the call Ann Lee and Bo Park spoke by phone on Monday about the truce and the prisoners "
             "-LRB- photo : Wire Pictures")
    mentions = [
        _m(0, "a", glued, headline="Lee and Park speak by phone", participants=("Ann Lee", "Bo Park")),
        _m(1, "b", glued, headline="Lee and Park speak by phone", participants=("Ann Lee", "Bo Park")),
        _m(2, "c", "Ann Lee and Bo Park held a phone call on Monday.", headline="Lee and Park hold call",
           participants=("Ann Lee", "Bo Park")),
    ]
    (entry,) = merge_events(mentions)
    assert entry.summary.text.startswith("Ann Lee and Bo Park held")
    # alone, it still sums its entry up, without the credit (at the sentence's own offsets)
    (alone,) = merge_events(mentions[:1])
    assert alone.summary.text == glued[:glued.index(" -LRB- photo")]
    assert (alone.summary.start_char, alone.summary.end_char) == (
        mentions[0].start_char, mentions[0].start_char + len(alone.summary.text))


def test_a_caption_credit_before_the_news_is_cut_from_the_summary():
    glued = ("Lee was raised in Asten by her grandparents -LRB- photo : Wire Pictures -RRB- Ann Lee and Bo Park "
             "spoke by phone on Monday about the truce")
    (entry,) = merge_events([_m(0, "a", glued, headline="Lee and Park speak by phone", participants=("Ann Lee", "Bo Park"))])
    assert entry.summary.text == "Ann Lee and Bo Park spoke by phone on Monday about the truce"
    assert entry.summary.start_char == glued.index("Ann Lee and Bo")


def test_an_unbracketed_photograph_credit_is_cut_at_its_agency():
    # the Guardian's caption style: "Photograph: <name>/<agency>" glued before the news
    glued = ("Video from the seabed led to a rise in the estimate Photograph : Ann Lee\\/AP "
             "Ann Lee and Bo Park spoke by phone on Monday about the truce")
    (entry,) = merge_events([_m(0, "a", glued, headline="Lee and Park speak by phone", participants=("Ann Lee", "Bo Park"))])
    assert entry.summary.text == "Ann Lee and Bo Park spoke by phone on Monday about the truce"
    # a credit with no agency in sight has no end to cut at: the sentence stays whole
    whole = "Ann Lee and Bo Park spoke by phone on Monday Photograph : Ann Lee"
    (kept,) = merge_events([_m(0, "a", whole, headline="Lee and Park speak by phone", participants=("Ann Lee", "Bo Park"))])
    assert kept.summary.text == whole
