"""A happening named again within its article joins the entry of the one it names
(chronicle.timeline.events: _refers_back, _unattributed_report, the lead's restatement)."""
from __future__ import annotations

from chronicle.timeline.events import EventMention, merge_events

PUB = "2026-03-10"


def _m(sent, text, etype, *, date=None, actors=(), parts=(), trigger=None, article="a", idx=None,
       source=None, modality="happened"):
    return EventMention(article_id=article, idx=sent if idx is None else idx, start_char=sent * 100,
                        end_char=sent * 100 + len(text), text=text, type=etype, date=date,
                        date_source=(source or None) if source is not None else ("attached" if date else "undated"),
                        date_explain=None,
                        actors=tuple(actors), participants=tuple(parts), modality=modality, published=PUB,
                        sentence_no=sent, trigger=trigger)


def _entry_of(entries, idx):
    return next(e for e in entries if any(m.idx == idx for m in e.sources))


POSTED = _m(3, "On Sunday, Mayor Okafor praised the volunteers for their work.", "statement",
            date="2026-03-08", actors=("Ada Okafor",), parts=("Ada Okafor",), trigger="praised")


def test_his_or_her_recent_message_is_the_one_the_article_dates():
    back = _m(9, "Criticism of the council had grown louder before her latest post.",
              "statement", actors=("Ada Okafor",), trigger="post", source="background")
    entries = merge_events([POSTED, back])
    assert len(entries) == 1
    assert entries[0].date.value == "2026-03-08"


def test_a_message_of_someone_else_or_an_indefinite_one_stays_apart():
    other = _m(9, "Criticism of the council had grown louder before his latest post.", "statement",
               actors=("Tomas Reyes",), trigger="post", source="background")
    indefinite = _m(9, "Criticism of the council had grown louder before a post.", "statement",
                    actors=("Ada Okafor",), trigger="post", source="background")
    for m in (other, indefinite):
        entries = merge_events([POSTED, m])
        assert len(entries) == 2, m.text
        assert _entry_of(entries, 9).date is None or _entry_of(entries, 9).undated


def test_two_dated_messages_of_the_speaker_leave_the_reference_undecided():
    again = _m(5, "On March 1, Okafor thanked the firefighters.", "statement",
               date="2026-03-01", actors=("Ada Okafor",), parts=("Ada Okafor",), trigger="thanked")
    back = _m(9, "Criticism of the council had grown louder before her latest post.", "statement",
              actors=("Ada Okafor",), trigger="post", source="background")
    entries = merge_events([POSTED, again, back])
    assert len(entries) == 3


MET = _m(6, "Union leaders met the transport minister late Sunday to discuss the strike.", "meeting",
         date="2026-03-08", actors=("Transport Ministry",), parts=("Transport Ministry",), trigger="met")


def test_an_unattributed_statement_carries_on_the_sentence_before():
    brief = _m(7, "A short statement gave no details but said the talks would resume after the weekend.", "statement",
               trigger="statement")
    entries = merge_events([MET, brief])
    assert len(entries) == 1
    moved = next(m for m in entries[0].sources if m.idx == 7)
    assert moved.date_source == "continued"


def test_a_named_or_distant_statement_does_not_carry_on():
    named = _m(7, "A statement by the airline gave no details.", "statement", parts=("Skyline Air",),
               actors=("Skyline Air",), trigger="statement")
    late = _m(8, "A short statement gave no details.", "statement", trigger="statement")
    verb = _m(7, "Officials said little about the details.", "statement", trigger="said")
    for m in (named, late, verb):
        assert len(merge_events([MET, m])) == 2, m.text


def test_the_lead_restating_the_bodys_dated_report_is_one_report():
    told = _m(4, "Speaking on Friday, Okafor told reporters she had met the governor twice.", "statement",
              date="2026-03-06", actors=("Ada Okafor", "Lena Marsh"), parts=("Ada Okafor",), trigger="told")
    told_met = _m(4, told.text, "meeting", actors=told.actors, parts=("Lena Marsh",), trigger="met", idx=40)
    other = _m(2, "On Thursday, Okafor announced a new budget.", "statement", date="2026-03-05",
               actors=("Ada Okafor",), parts=("Ada Okafor",), trigger="announced")
    lead = _m(0, "Mayor Ada Okafor has acknowledged meeting Lena Marsh in private.", "statement",
              actors=("Ada Okafor", "Lena Marsh"), parts=("Ada Okafor",), trigger="acknowledged",
              modality="claimed")
    lead_met = _m(0, lead.text, "meeting", actors=lead.actors, parts=("Lena Marsh",), trigger="meeting",
                  idx=10, modality="claimed", source="")
    entries = merge_events([told, told_met, other, lead, lead_met])
    assert _entry_of(entries, 0) is _entry_of(entries, 4)
    assert _entry_of(entries, 0).date.value == "2026-03-06"
    assert _entry_of(entries, 2) is not _entry_of(entries, 4)


def test_a_lead_telling_another_happening_stays_apart():
    told = _m(4, "Speaking on Friday, Okafor told reporters she had met the governor twice.", "statement",
              date="2026-03-06", actors=("Ada Okafor", "Lena Marsh"), parts=("Ada Okafor",), trigger="told")
    told_met = _m(4, told.text, "meeting", actors=told.actors, parts=("Lena Marsh",), trigger="met", idx=40)
    lead = _m(0, "Mayor Ada Okafor has acknowledged calling Lena Marsh.", "statement",
              actors=("Ada Okafor", "Lena Marsh"), parts=("Ada Okafor",), trigger="acknowledged",
              modality="claimed")
    lead_call = _m(0, lead.text, "call", actors=lead.actors, parts=("Lena Marsh",), trigger="calling",
                   idx=10, modality="claimed", source="")
    entries = merge_events([told, told_met, lead, lead_call])
    assert _entry_of(entries, 0) is not _entry_of(entries, 4)


def test_a_statement_that_names_its_source_or_follows_a_preposition_does_not_carry_on():
    sourced = _m(7, "A long statement that Reyes gave to investigators describes the night.", "statement",
                 trigger="statement")
    fronted = _m(7, "In a statement, officials described the night.", "statement", trigger="statement")
    for m in (sourced, fronted):
        assert len(merge_events([MET, m])) == 2, m.text


def test_a_pronoun_that_points_forward_does_not_refer_back():
    forward = _m(9, "In her latest post, Okafor thanked the firefighters.", "statement",
                 actors=("Ada Okafor",), parts=("Ada Okafor",), trigger="post", source="background")
    entries = merge_events([POSTED, forward])
    assert len(entries) == 2
