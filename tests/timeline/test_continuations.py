"""An undated report that carries on the sentence before it joins that sentence's entry, and a
meeting dated only to its month joins the one meeting of that month it can be (chronicle.timeline.events)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.timeline.events import EventMention, merge_events

PUB = "2025-02-20"


def _m(sent, text, etype, *, date=None, actors=(), parts=(), trigger=None, article="a", pub=PUB):
    return EventMention(article_id=article, idx=sent, start_char=sent * 100, end_char=sent * 100 + len(text),
                        text=text, type=etype, date=date, date_source="attached" if date else "undated",
                        date_explain=None, actors=tuple(actors), participants=tuple(parts), modality="happened",
                        published=pub, sentence_no=sent, trigger=trigger)


MEETING = _m(9, "On February 18, senior diplomats from Russia and the US convened in Saudi Arabia.", "meeting",
             date="2025-02-18", actors=("Russia", "United States"), trigger="convened")


def _entry_of(entries, sent):
    return next(e for e in entries if any(m.idx == sent for m in e.sources))


def test_a_pronoun_carries_the_sentence_on_and_takes_its_date():
    agreed = _m(10, "They reached an agreement to normalize the missions, which had been hampered by restrictions.",
                "agreement", trigger="reached")
    entries = merge_events([MEETING, agreed])
    assert len(entries) == 1
    (entry,) = entries
    assert entry.date.value == "2025-02-18" and not entry.undated
    moved = next(m for m in entry.sources if m.idx == 10)
    assert moved.date_source == "continued" and "carries on" in moved.date_explain
    assert entry.summary.idx == 9  # the sentence that tells it, not the one that carries it on


def test_a_report_not_next_to_it_or_without_an_anaphor_stays_apart():
    later = _m(12, "They reached an agreement to normalize the missions.", "agreement", trigger="reached")
    named = _m(10, "Ukraine reached an agreement with Poland on grain.", "agreement", actors=("Ukraine", "Poland"),
               trigger="reached")
    for other in (later, named):
        entries = merge_events([MEETING, other])
        assert len(entries) == 2 and _entry_of(entries, other.idx).undated


def test_what_had_happened_before_does_not_carry_on():
    before = _m(10, "They had earlier agreed to restore flights.", "agreement", trigger="agreed")
    after = _m(10, "They agreed a day after the talks to restore flights.", "agreement", trigger="agreed")
    for other in (before, after):
        entries = merge_events([MEETING, other])
        assert len(entries) == 2, other.text


def test_a_report_of_the_same_kind_carries_on_unless_it_names_someone_new():
    first = _m(3, "With the liberation of Sudzha, Kyiv said its objectives were met.", "military_movement",
               actors=("Kyiv",), trigger="liberation")
    same = _m(4, "The military claims its forces withdrew methodically from the area.", "military_movement",
              trigger="withdrew")
    new = _m(4, "Zelensky, however, withdrew troops from Pokrovsk.", "military_movement",
             actors=("Volodymyr Zelensky",), trigger="withdrew")
    assert len(merge_events([first, same])) == 1
    assert len(merge_events([first, new])) == 2


def test_a_chain_of_pronouns_is_one_report():
    posted = _m(31, "Zelenskyy shared on social media that the talks included the negotiations in Turkey.", "talks",
                actors=("Volodymyr Zelensky",), parts=("United States",), trigger="talks")
    emphasized = _m(32, "He emphasized Ukraine's commitment to real diplomacy.", "agreement", actors=("Ukraine",),
                    trigger="commitment")
    discussed = _m(33, "'We also discussed the need for sanctions against Russia.'", "sanction",
                   actors=("Volodymyr Zelensky",), trigger="sanctions")
    entries = merge_events([discussed, posted, emphasized])
    assert len(entries) == 1 and entries[0].undated


def test_a_month_meeting_joins_the_one_meeting_of_that_month_it_can_be():
    month = _m(15, "Brink cited a February Oval Office meeting where Trump criticized Zelenskyy.", "meeting",
               date="2025-02", actors=("Bridget Brink", "Donald Trump"), article="b", trigger="meeting")
    day = _m(16, "At a tense meeting at the White House on February 28, he opposed Trump's strategy.", "meeting",
             date="2025-02-28", actors=("White House", "Donald Trump"), article="c", trigger="meeting")
    other = _m(3, "Trump met King Abdullah at the White House on February 11.", "meeting", date="2025-02-11",
               actors=("Donald Trump", "Abdullah II"), article="d", trigger="met")
    (entry,) = merge_events([month, day])
    assert entry.date.value == "2025-02-28" and len(entry.sources) == 2
    # Two meetings of Trump's that month: nothing tells which one the month's report means.
    assert len(merge_events([month, day, other])) == 3


def test_a_month_meeting_joins_the_meeting_not_the_call_and_the_one_sharing_most_actors():
    month = _m(15, "Brink cited a February Oval Office meeting where Trump criticized Zelensky.", "meeting",
               date="2025-02", actors=("Bridget Brink", "Donald Trump"), article="b", trigger="meeting")
    day = _m(16, "At a tense meeting at the White House on February 28, he opposed Trump's strategy.", "meeting",
             date="2025-02-28", actors=("White House", "Donald Trump"), article="c", trigger="meeting")
    call = _m(4, "Trump and Putin held talks on February 12.", "talks", date="2025-02-12",
              parts=("Donald Trump", "Vladimir Putin"), article="d", trigger="talks")
    entries = merge_events([month, day, call])
    assert len(entries) == 2 and _entry_of(entries, 15) is _entry_of(entries, 16)
    # A meeting that shares two of its actors wins over one that shares one.
    named = _m(15, month.text, "meeting", date="2025-02", actors=("Bridget Brink", "Donald Trump", "Volodymyr Zelensky"),
               article="b", trigger="meeting")
    with_him = _m(16, day.text, "meeting", date="2025-02-28", actors=("Donald Trump", "Volodymyr Zelensky"),
                  article="c", trigger="meeting")
    other = _m(3, "Trump met King Abdullah at the White House on February 11.", "meeting", date="2025-02-11",
               actors=("Donald Trump", "Abdullah II"), article="e", trigger="met")
    entries = merge_events([named, with_him, other])
    assert len(entries) == 2 and _entry_of(entries, 15) is _entry_of(entries, 16)


_SENTENCES = st.lists(
    st.tuples(st.integers(0, 6), st.sampled_from(["meeting", "agreement", "attack"]),
              st.sampled_from(["They reached a deal.", "He had earlier left.", "Rebels hit the port.",
                               "Diplomats met in Riyadh."]),
              st.sampled_from([None, "2025-02-18", "2025-02"]), st.sampled_from(["a", "b"])),
    max_size=12)


@settings(max_examples=60, deadline=None)
@given(_SENTENCES, st.randoms(use_true_random=False))
def test_continuations_ignore_input_order_and_keep_every_mention(rows, rnd):
    ms = [EventMention(article_id=art, idx=i, start_char=i * 100, end_char=i * 100 + len(text), text=text, type=etype,
                       date=date, date_source="attached" if date else "undated", date_explain=None, actors=(),
                       modality="happened", published=PUB, sentence_no=sent)
          for i, (sent, etype, text, date, art) in enumerate(rows)]
    shuffled = list(ms)
    rnd.shuffle(shuffled)

    def shape(entries):
        return sorted((e.date.value, e.undated, tuple(sorted(m.key for m in e.sources))) for e in entries)

    got = merge_events(ms)
    assert shape(got) == shape(merge_events(shuffled))
    assert sorted(m.key for e in got for m in e.sources) == sorted(m.key for m in ms)


def _r(i, article, text, date, parts, *, modality="happened"):
    return EventMention(article_id=article, idx=i, start_char=0, end_char=len(text), text=text, type="resignation",
                        date=date, date_source="attached", date_explain=None, actors=tuple(parts),
                        participants=tuple(parts), modality=modality, published="2011-02-12", root=article)


def test_an_entry_opened_by_a_preview_folds_with_the_days_other_entry():
    # The cluster opens on the eve's preview; the resignation its sources report dates it a day later,
    # where another entry of the resignation stands apart (it names only the one who announced it).
    preview = _r(0, "p", "Mubarak is expected to step down on Thursday.", "2011-02-10", ("Hosni Mubarak",),
                 modality="planned")
    reports = [_r(i, f"r{i}", "Mubarak stepped down on Friday after weeks of protests.", "2011-02-11",
                  ("Hosni Mubarak",)) for i in range(1, 4)]
    told = _r(5, "s", "Mubarak stepped down on Friday after weeks of protests, Suleiman said.", "2011-02-11",
              ("Omar Suleiman",))
    entries = [e for e in merge_events([preview, *reports, told]) if e.date.value == "2011-02-11"]
    assert len(entries) == 1 and len(entries[0].sources) == 5


def test_a_stray_party_does_not_keep_two_entries_of_one_day_apart():
    mubarak = [_r(i, f"a{i}", "Mubarak stepped down on Friday after weeks of protests.", "2011-02-11",
                  ("Hosni Mubarak",)) for i in range(5)]
    stray = _r(5, "a5", "Mubarak stepped down on Friday, Panetta told Congress.", "2011-02-11",
               ("Hosni Mubarak", "Leon Panetta"))
    other = _r(6, "b", "Suleiman announced that Mubarak stepped down on Friday after weeks of protests.", "2011-02-11",
               ("Hosni Mubarak", "Omar Suleiman"))
    assert len(merge_events([*mubarak, stray, other])) == 1
