"""Golden checks of the entity stage on the five reference articles (read at test time)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def mentions(ukraine_analyses):
    return {name: an.mentions for name, an in ukraine_analyses.items()}


def test_spans_index_the_text(ukraine_analyses):
    for an in ukraine_analyses.values():
        for m in an.mentions:
            assert an.article.text[m.start_char:m.end_char] == m.text
            assert m.text == m.text.strip()


def test_bare_trump_is_a_person_named_donald_trump(mentions):
    trumps = [m for ms in mentions.values() for m in ms if m.text == "Trump"]
    assert len(trumps) >= 20  # vanilla sm typed about 30 of these ORG
    assert {m.type for m in trumps} == {"PERSON"}
    assert {m.entity for m in trumps} == {"Donald Trump"}


@pytest.mark.parametrize("name", ["Kiev", "Kyiv", "Kursk", "Truth Social", "Air Force One", "Oval Office"])
def test_non_persons_are_not_persons(mentions, name):
    found = [m for ms in mentions.values() for m in ms if m.text == name]
    assert found, f"{name} not found at all"
    assert all(m.type != "PERSON" for m in found)


def test_headline_fragments_are_not_persons(mentions):
    persons = {m.text for ms in mentions.values() for m in ms if m.type == "PERSON"}
    assert not any(w in p for p in persons for w in ("Discuss", "Engage", "Planned", "Challenges", "Phone"))


def test_surnames_resolve_to_full_names(mentions):
    by_text = {}
    for ms in mentions.values():
        for m in ms:
            if m.type == "PERSON" and m.kind == "name":
                by_text.setdefault(m.text, set()).add(m.entity)
    assert by_text["Peskov"] == {"Dmitry Peskov"}
    assert by_text["Putin"] == {"Vladimir Putin"}
    assert by_text["Zelenskyy"] == {"Volodymyr Zelensky"}  # shipped alias table
    assert by_text["Bessent"] == {"Scott Bessent"}


def test_roles_from_premodifiers_and_relative_clauses(mentions):
    roles = {}
    for ms in mentions.values():
        for m in ms:
            if m.role and m.kind == "name":
                roles.setdefault(m.entity, set()).add(m.role)
    assert "Treasury Secretary" in roles["Scott Bessent"]
    assert "Kremlin spokesperson" in roles["Dmitry Peskov"]
    assert any("ambassador to Ukraine" in r for r in roles["Bridget Brink"])
    assert "Russian President" in roles["Vladimir Putin"]


def test_role_phrase_resolves_to_the_named_leader(mentions):
    role_mentions = {m.text.lower(): m.entity for ms in mentions.values() for m in ms if m.kind == "role"}
    assert role_mentions.get("the russian leader") == "Vladimir Putin"
    assert all(m.type == "PERSON" for ms in mentions.values() for m in ms if m.kind == "role")
