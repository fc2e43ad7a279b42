"""The boilerplate rules' cheaper path (a line must hold the word a ".{0,N}\\bword" pattern opens with)
decides exactly as the rules' own regular expressions (text.boilerplate._Rule.fullmatch)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chronicle.text.boilerplate import _gate, _rules, line_key

LINES = [
    "Get the Monitor Stories you care about delivered to your inbox.",
    "Sign up for our free daily newsletter",
    "Click here to read more",
    "Tap here for the full story",
    "© 2011 Reuters. All rights reserved.",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "Please obey the house rules when you comment",
    "January 31, 2011 at 2:03 pm |",
    "Posted by Jane | Jan. 31, 2011 at 2:03 pm",
    "The House voted on Wednesday to impeach the president.",
    "Send us your pictures and videos",
    "DELIVERED TO YOUR INBOX EVERY MORNING",
    "Ça va? Délivré to your inbox",
    "",
]


def test_gates_read_from_the_patterns():
    assert _gate(r".{0,160}\bdelivered (straight |right |directly )?to your (inbox|email)\b.*") == ("delivered ",)
    assert _gate(r".{0,100}\b(tap|click) here\.?") == ("tap", "click")
    assert _gate(r".{0,200}\b(jan(uary)?|feb(ruary)?|sep(t(ember)?)?|june?)\b") == ("jan", "feb", "sep", "jun")
    assert _gate(r".{0,100}\bthis materials? may") == ("this material",)
    # no gate: a top-level alternative, an optional group, an opening that is no word, a short word
    assert _gate(r".{0,100}\bclick here|subscribe now") is None
    assert _gate(r".{0,100}\b(tap )?click here") is None
    assert _gate(r"(the )?views expressed\b.*") is None
    assert _gate(r".{0,100}\b(a|an) offer") is None


def _same(line: str) -> None:
    key = line_key(line)
    for rule in _rules().rules:
        assert rule.fullmatch(key) == (rule.pattern.fullmatch(key) is not None), (rule.reason, key)


def test_same_decisions_on_boilerplate_and_story_lines():
    for line in LINES:
        _same(line)
    hits = {rule.reason for rule in _rules().rules for line in LINES if rule.fullmatch(line_key(line))}
    assert {"newsletter", "click_here", "copyright", "comments"} <= hits


@given(st.lists(st.sampled_from(["delivered", "to your inbox", "click", "here", "all rights reserved", "jan", "31",
                                 "2011", "at", "2:03", "pm", "|", "obey", "the", "house rules", "Ünïcode", "send us",
                                 "your", "story", ".", "x"]), max_size=12))
def test_same_decisions_on_word_salads(words):
    _same(" ".join(words))
