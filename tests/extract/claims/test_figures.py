"""Invariants of figure reading: any number written with a bound word and a counted noun comes back whole."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.extract.claims import ClaimStage
from chronicle.extract.nlp import load_nlp
from chronicle.records import ArticleText, Sentence

BOUNDS = {"over": "more_than", "at least": "at_least", "up to": "at_most", "about": "about", "": "exact"}


def _claims(text: str):
    doc = load_nlp()(text)
    sents = [Sentence(s.start_char, s.end_char, s.text, 0) for s in doc.sents]
    return ClaimStage()({"article": ArticleText(id="x", text=text), "doc": doc, "sentences": sents})["claims"]


def test_a_bare_number_the_model_tags_as_a_name_is_still_a_figure():
    # The small English model tags "288" here as a facility (FAC); a name has a word in it.
    (claim,) = _claims("The ministry said 288 troops were moved to the border.")
    assert claim.value == 288


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 9_999_999), st.sampled_from(sorted(BOUNDS)), st.sampled_from(["troops", "drones", "prisoners"]))
def test_a_bounded_count_reads_back(n, bound, noun):
    text = f"The ministry said {bound + ' ' if bound else ''}{n:,} {noun} were moved to the border."
    found = _claims(text)
    assert len(found) == 1
    c = found[0]
    assert (c.value, c.bound, c.counts) == (n, BOUNDS[bound], noun)
    assert text[c.start_char:c.end_char] == c.text
    assert c.claimant == "ministry"


@settings(max_examples=15, deadline=None)
@given(st.integers(1990, 2030))
def test_years_and_ages_are_not_claims(year):
    assert _claims(f"In {year}, the 45-year-old minister met officials on page 12.") == []


def test_a_live_pages_clock_stamps_are_not_claims():
    # claims v3: the stamps opening a live page's lines ("0000 The BBC is discontinuing ...") are times of day
    text = ("2130 Aid agencies say 300 tonnes of food have arrived .\n2105 The US military says it will send 2,000 "
            "marines .\n0000 The BBC is discontinuing this live update page for the night .\n1950 Doctors say 40 "
            "people were treated .\n")
    assert [c.text for c in _claims(text)] == ["300", "2,000", "40"]
