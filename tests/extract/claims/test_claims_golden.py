"""Golden tests on the reference corpus (read from /work/shared): the figures the issue names come
out with what they count and who claims them, and the positions of the right actors."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def claims(ukraine_analyses):
    return [c for a in ukraine_analyses.values() for c in a.claims]


@pytest.fixture(scope="module")
def positions(ukraine_analyses):
    return [p for a in ukraine_analyses.values() for p in a.positions]


def _find(claims, text):
    found = [c for c in claims if c.text == text]
    assert found, f"no claim {text!r} among {[c.text for c in claims]}"
    return found[0]


@pytest.mark.parametrize("text,value,counts,bound", [
    ("273", 273, "drones and decoys", "exact"),
    ("over 68,000", 68000, "troops killed, wounded or captured", "more_than"),
    ("1,000", 1000, "prisoners of war", "exact"),
    ("150", 150, "drones", "exact"),
    ("four", 4, "regions", "exact"),
])
def test_the_issue_figures_count_what_they_count(claims, text, value, counts, bound):
    c = _find(claims, text)
    assert (c.value, c.counts, c.bound) == (value, counts, bound)


def test_a_share_per_side_is_marked(claims):
    assert _find(claims, "1,000").each is True
    assert _find(claims, "273").each is False


def test_ceasefire_durations_are_days_of_ceasefire(claims):
    spans = [c for c in claims if c.text == "30-day"]
    assert len(spans) >= 4
    assert all(c.value == 30 and c.unit == "day" and "ceasefire" in c.counts for c in spans)


def test_a_figure_in_a_quote_is_its_speakers(claims):
    assert _find(claims, "150").claimant == "Volodymyr Zelensky"
    assert _find(claims, "273").claimant is None  # the outlet states it


def test_dates_times_and_years_are_not_claims(claims):
    assert not [c for c in claims if c.value in (2022, 2024, 2025, 1300, 12, 14, 18, 28)]


def test_a_claim_refers_to_its_event_date(claims):
    assert _find(claims, "150").date.value.startswith("2025-03-18")
    assert _find(claims, "four").date.value == "2024-06-14"


def test_spans_index_the_article(ukraine_analyses):
    for a in ukraine_analyses.values():
        for r in (*a.claims, *a.positions):
            assert a.article.text[r.start_char:r.end_char] == r.text


def _has(positions, actor, stances, words):
    return [p for p in positions if p.actor == actor and p.stance in stances and words in p.text]


@pytest.mark.parametrize("actor,stances,words", [
    ("Vladimir Putin", ("demand", "condition"), "NATO aspirations"),
    ("Vladimir Putin", ("demand", "condition"), "four regions"),
    ("Vladimir Putin", ("condition",), "arms supplies"),
    ("Russia", ("condition",), "arms deliveries"),
    ("Russia", ("condition", "demand"), "conscription"),
    ("Vladimir Putin", ("commitment", "reject", "condition", "demand"), "territorial concessions"),
    ("Kyiv", ("demand", "condition"), "complete Russian withdrawal"),
    ("Volodymyr Zelensky", ("support", "accept"), "30-day ceasefire"),
])
def test_conditions_and_demands_belong_to_the_right_actors(positions, actor, stances, words):
    assert _has(positions, actor, stances, words), [(p.actor, p.stance, p.text) for p in positions]


def test_a_position_phrase_is_short_and_has_a_target(positions):
    nato = _has(positions, "Vladimir Putin", ("demand",), "NATO aspirations")[0]
    assert nato.text == "Ukraine abandon its NATO aspirations"
    assert nato.target == "NATO aspirations"
    assert all(len(p.text.split()) <= 18 for p in positions)
