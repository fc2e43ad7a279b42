"""The entity stage on sentences written for these tests, and its span invariants (Hypothesis)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.extract.entities import EntityStage, extract_mentions, resolve_speaker
from chronicle.extract.entities.canonical import canonical_persons
from chronicle.extract.entities.gazetteer import load_gazetteer

TEXT = (
    "Talks resume in Geneva\n"
    "Kremlin spokesman Dmitry Peskov said on Monday that the talks would go on. "
    "Peskov added that Moscow wanted guarantees.\n"
    "Finnish President Alexander Stubb met the Kremlin spokesman briefly. "
    "Stubb later flew back to Helsinki.\n"
)


@pytest.fixture(scope="module")
def mentions():
    return list(extract_mentions(TEXT))


def test_stage_contract():
    assert EntityStage.id == "chronicle.entities.v6"
    assert EntityStage.requires == ("article", "doc", "sentences", "paragraphs")
    assert EntityStage.assigns == ("mentions",)


def test_surname_takes_the_full_name(mentions):
    assert {m.entity for m in mentions if m.text in ("Peskov", "Dmitry Peskov")} == {"Dmitry Peskov"}
    assert {m.entity for m in mentions if m.text == "Stubb"} == {"Alexander Stubb"}


def test_premodifier_roles(mentions):
    roles = {m.entity: m.role for m in mentions if m.role and m.kind == "name"}
    assert roles["Dmitry Peskov"] == "Kremlin spokesman"
    assert roles["Alexander Stubb"] == "Finnish President"


@pytest.mark.parametrize("text, name, role", [
    # a dateline's bracket and dash end the role (Timeline17's tokenised Reuters lines)
    ("TRIPOLI -LRB- Reuters -RRB- - Former Libyan leader Muammar Gaddafi was killed on Thursday .",
     "Muammar Gaddafi", "Former Libyan leader"),
    ("CAIRO (Reuters) - Egyptian President Hosni Mubarak spoke on Tuesday.", "Hosni Mubarak", "Egyptian President"),
])
def test_a_dateline_is_no_part_of_a_role(text, name, role):
    roles = {m.entity: m.role for m in extract_mentions(text) if m.kind == "name"}
    assert roles.get(name) == role, roles


def test_role_mention_resolves(mentions):
    role = [m for m in mentions if m.kind == "role"]
    assert [(m.text, m.entity, m.type) for m in role] == [("the Kremlin spokesman", "Dmitry Peskov", "PERSON")]


@pytest.mark.parametrize("speaker, expected", [
    ("Peskov", "Dmitry Peskov"),
    ("Dmitry Peskov's", "Dmitry Peskov"),
    ("the Kremlin spokesperson", "Dmitry Peskov"),  # a synonym of the role seen in the text
    ("the Finnish leader", "Alexander Stubb"),
    ("the Russian leader", None),  # nobody in the text holds that office
    ("he", None),
    ("Smith", None),
])
def test_resolve_speaker(mentions, speaker, expected):
    assert resolve_speaker(speaker, mentions) == expected


def test_resolve_speaker_by_span(mentions):
    m = next(m for m in mentions if m.text == "Stubb")
    assert resolve_speaker("whatever", mentions, start=m.start_char, end=m.end_char) == "Alexander Stubb"


def test_same_surname_takes_the_nearest_full_name():
    gaz = load_gazetteer()
    names = [(0, "Joe Biden"), (10, "Biden"), (20, "Hunter Biden"), (30, "Biden"), (40, "Ashley")]
    assert canonical_persons(names, gaz) == ["Joe Biden", "Joe Biden", "Hunter Biden", "Hunter Biden", "Ashley"]


WORDS = st.sampled_from(["Putin", "Trump", "Kyiv", "said", "the", "Kremlin", "leader", "met", "in", "Washington",
                         "President", "Donald", "spokesman", "Ukraine", "talks", ",", ".", "\n", "Discuss",
                         "Zelenskyy", "'s", "NATO", "of", "Joe", "Biden", "Hunter"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, min_size=1, max_size=40))
def test_spans_index_the_text_and_do_not_overlap(words):
    text = " ".join(words)
    ms = list(extract_mentions(text))
    last_end = -1
    for m in ms:
        assert text[m.start_char:m.end_char] == m.text
        assert m.text and m.text == m.text.strip()
        assert m.entity
        if m.kind == "name":
            assert m.start_char >= last_end
            last_end = m.end_char


@pytest.mark.parametrize("names, expected", [
    (["Zorvex Aviation Authority", "ZAA", "Geneva"], ["Zorvex Aviation Authority", "Zorvex Aviation Authority",
                                                      "Geneva"]),
    (["Lumo Nano", "Nano", "Lumo"], ["Lumo Nano", "Lumo Nano", "Lumo"]),
    (["North Bank", "South Bank", "Bank"], ["North Bank", "South Bank", "Bank"]),  # two owners: left alone
])
def test_canonical_things(names, expected):
    from chronicle.extract.entities.canonical import canonical_things

    assert canonical_things(names) == expected


def test_a_lone_place_word_is_not_the_prefixed_place():
    from chronicle.extract.entities.canonical import canonical_things
    from chronicle.extract.entities.gazetteer import load_gazetteer

    prefixes = load_gazetteer().place_prefixes
    names = ["New York", "York", "North Korea", "Korea", "New South Wales", "Wales", "New York Times", "Times"]
    assert canonical_things(names, prefixes=prefixes) == [
        "New York", "York", "North Korea", "Korea", "New South Wales", "Wales", "New York Times", "New York Times"]
