"""The combined pattern split by first character finds exactly what the whole pattern finds."""
from __future__ import annotations

import dataclasses
import re
from re import _parser

from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.extract.temporal.grammar import _first_classes, load_grammar, start_key
from chronicle.extract.temporal.recognize import scan

PIECES = ["2pm", "10.30am", "on", "Friday", "Nov. 13-15", "2008-2013", "the 1988 period", "the week of March 6",
          "the December quarter", "half an hour", "a second", "the previous Friday", "mid-afternoon", "'90s",
          "nineteen ninety-six", "three days later", "Jan. 1 last year", "22/03/2013", "for the week", "every few years",
          "five times a week", "the past decade", "earlier this month", "1300 GMT", "3/22/2013", "19-Nov-12", "today",
          "the first quarter of fiscal 2013", "two more weeks", "at least", "decades-long", "Christmas", "last",
          "the", "of", "in", "recent years", "now", "a week", "the next 12 to 18 months", "Q3 2012", "mid-2013"]


def _firsts(pattern: str) -> set[str]:
    first, nullable = _first_classes(_parser.parse(pattern, re.IGNORECASE).data)
    return {"nullable"} | set(first) if nullable else set(first)


def test_first_classes_of_simple_patterns():
    assert _firsts(r"\d+") == {"0"}
    assert _firsts(r"(?:the )?past") == {"t", "p"}
    assert _firsts(r"(?<=\bfor )the") == {"t"}
    assert _firsts(r"['’]\d0s") == {"'"}
    assert _firsts(r"(?:[Tt]hree|\d)") == {"t", "0"}
    assert start_key("T") == "t" and start_key("7") == "0" and start_key("é") == "'"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10))
def test_split_patterns_match_like_the_whole_pattern(pieces):
    text = " ".join(pieces)
    grammar = load_grammar()
    whole = dataclasses.replace(grammar, by_start=None)
    split = [(f.start, f.end, f.rule.name) for f in scan(text, grammar)]
    assert split == [(f.start, f.end, f.rule.name) for f in scan(text, whole)]
