"""Recognition: find the spans of time expressions in a text with one pass of the combined pattern.

A cheap word scan finds the words where some rule may start (the grammar's triggers);
the combined pattern is tried only there, anchored, so most of the text is never touched
by the regex engine. Matches never overlap: the scan resumes after each match.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from chronicle.extract.temporal.grammar import Grammar, Rule

_WORD = re.compile(r"[^\W_]+|['’](?=\d0s)")
_YEARISH = re.compile(r"(?:1[6-9]|20)\d\d(?:s)?$|\d{1,2}[ap]m$")  # a year, or a clock time written "2pm"
_CLOCK_AFTER = re.compile(r"[.:]\d\d\s?[ap]\.?m\b", re.IGNORECASE)  # "10.30am", "9:15 p.m."
_NUMBER_JOINERS = (":", "/", "-", "–")  # "10:30", "3/22/2013", "19-Nov-12", "30-day" (not decimals)
_OF_AFTER = re.compile(r"\s+of\b")
_VERB_LAST = re.compile(r"\b(?:will|would|could|can|may|might|must|should|to|not|n['’]t|['’]ll)\s+$", re.IGNORECASE)
_ORDINAL_SECOND = re.compile(r" (?!(?:or|and|later|earlier|ago|before|after|longer)\b)[a-z]", re.IGNORECASE)
_OLD_AFTER = re.compile(r"\s+old\b")
_TWO_WORDS = re.compile(r"\s+([\w-]+)(?:\s+([\w-]+))?")
_BEFORE_AFTER = re.compile(r"\s+(?:after|before|prior to)\b", re.IGNORECASE)
# A bare year followed by a plural count noun is a quantity ("2000 troops"), not a year.
_COUNT_AFTER = re.compile(r"\s+(?!(?:was|is|has|as|its|his|this|thus|plus|versus|whereas)\b)"
                          r"(?:[a-z]+s|people|men|women|children|more|of)\b")  # "2010 was": a year before a verb
# A number naming a document, a route or a place is no year ("Resolution 1973", "Flight 1549", "Room 2010").
_LABEL_BEFORE = re.compile(r"\b(?:resolutions?|flights?|route|highway|interstate|articles?|section|room|no\.|number|"
                           r"chapter|pages?|model|gate|exit|suite|box|form|bus|platform)\s+(?:(?:1[6-9]|20)\d\d"
                           r",?\s+(?:and|or|to)\s+)?$", re.IGNORECASE)
# ... unless a preposition of time puts it as a year ("in 2010 prices fell", "between 2008 and 2010 sales"),
# or a determiner or possessive does ("the 2010 floods", "its 2009 results": a count is written "2,000").
_YEAR_BEFORE = re.compile(r"(?:\b(?:in|since|by|until|till|between|from|during|before|after|through"
                          r"|the|its|their|his|her|our)|['’]s"
                          r"|\b(?:1[6-9]|20)\d\d,?\s+(?:and|to|or|through))\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    rule: Rule
    groups: dict[str, str]
    match: re.Match

    def span_of(self, local: str) -> tuple[int, int]:
        """The span of one of the rule's named groups."""
        return self.match.span(dict(self.rule.local)[local])


def scan(text: str, grammar: Grammar) -> Iterator[Found]:
    """Yield the non-overlapping time-expression matches of ``text``, left to right."""
    pattern_for = grammar.pattern_for
    words = [(w.start(), w.group().lower()) for w in _WORD.finditer(text)]
    resume = 0
    for i, (start, word) in enumerate(words):
        if start < resume or not _worth_trying(text, words, i, grammar):
            continue
        m = pattern_for(word[0]).match(text, start)
        if m is None or m.end() <= start:
            continue
        rule, groups = grammar.match_groups(m)
        if _rejected(text, m, rule, groups, grammar):
            continue
        resume = m.end()
        yield Found(start, m.end(), rule, groups, m)


def _worth_trying(text: str, words: list[tuple[int, str]], i: int, grammar: Grammar) -> bool:
    """Whether some rule may start at word ``i``: the cheap filter in front of the combined pattern."""
    start, word = words[i]
    following = words[i + 1:i + 1 + grammar.weak_window]
    if word[0].isdigit():
        # A number starts a rule only as a year ("2013", "1990s"), inside a date or clock form
        # ("10:30", "3/22", "19-Nov"), or with a time word close after it ("30 days", "10 p.m."):
        # most numbers in news are amounts and are never tried.
        end = start + len(word)
        return bool(_YEARISH.match(word) or (text[end:end + 1] in _NUMBER_JOINERS and text[end + 1:end + 2].isalnum())
                    or _CLOCK_AFTER.match(text, end)
                    or any(w in grammar.strong for _, w in following))
    if word[0] in "'’":
        return True  # '90s
    if word not in grammar.triggers:
        return False
    return word not in grammar.weak or any(w[0].isdigit() or w in grammar.after_weak for _, w in following)


_POSSESSIVE_NEXT = re.compile(r"['’]s\s+([\w-]+)")
_OF_NOUN_BEFORE = re.compile(r"\b([\w-]+)\s+of\s+$", re.IGNORECASE)


def _generic_day(text: str, m: re.Match, grammar: Grammar) -> bool:
    """'today's world', 'the leaders of tomorrow': the present or future in general, not a day."""
    generic = grammar.lex["generic"]
    nxt = _POSSESSIVE_NEXT.match(text, m.end())
    if nxt is not None and nxt.group(1).lower() in generic["possessed"]:
        return True
    before = _OF_NOUN_BEFORE.search(text, max(0, m.start() - 30), m.start())
    return before is not None and before.group(1).lower() in generic["of_nouns"] and not text[m.end():m.end() + 2].startswith(("'", "’"))


_FRACTION_QUARTERS = frozenset(("one", "two", "three", "1", "2", "3", ""))


def _rejected(text: str, m: re.Match, rule: Rule, groups: dict[str, str], grammar: Grammar) -> bool:
    if rule.kind == "day_word" and not groups.get("pod") and groups.get("dw", "").lower() in ("today", "tomorrow"):
        if _generic_day(text, m, grammar):
            return True
    if rule.name == "past_n_units" and groups.get("rel", "").lower() == "last" and _VERB_LAST.search(
            text, max(0, m.start() - 12), m.start()):
        return True  # "will last 48 hours": the verb; the scan goes on and finds "48 hours"
    if rule.name == "year" and _LABEL_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        return True
    if rule.name == "year" and _COUNT_AFTER.match(text, m.end()):
        return not _YEAR_BEFORE.search(text, max(0, m.start() - 20), m.start())
    if groups.get("old"):
        return _is_person_age(text, m.end(), grammar)
    if rule.kind == "duration" and groups.get("unit", "").lower() == "quarters" and _OF_AFTER.match(text, m.end()):
        # "three-quarters of its food": a fraction; "several quarters of losses", "five quarters of
        # growth" are periods (a fraction has at most three quarters)
        return groups.get("n", "").lower() in _FRACTION_QUARTERS
    if rule.kind == "duration" and _OLD_AFTER.match(text, m.end()):
        return True  # "Mr. Reupke, 52 years old": a person's age, which TimeML leaves out
    if rule.kind == "duration" and groups.get("n", "").lower() in ("a", "an") and not groups.get("approx"):
        # "a day" alone is too often not temporal ("twice a day", "a day of talks"): keep only
        # adjectival or quantified forms, and those the chain rules already took.
        nxt = text[m.end():m.end() + 1]
        if groups.get("unit", "").lower() in grammar.lex["unit_plural"]:
            return True  # "a decades-long feud": the article belongs to the noun
        if _BEFORE_AFTER.match(text, m.end()):
            return False  # "a month after the vote": TimeML tags the duration
        if groups.get("unit", "").lower() == "second" and _ORDINAL_SECOND.match(text, m.end()):
            return True  # "for a second straight quarter", "a second term": the ordinal, not a unit
        if groups.get("unit", "").lower() not in grammar.lex["age"]["ambiguous_a_units"]:
            return False  # "a decade since the war", "a week of talks" (TBAQ: mostly annotated)
        return nxt not in ("-",) and not _follows_preposition(text, m.start())
    return False


def _is_person_age(text: str, end: int, grammar: Grammar) -> bool:
    """Whether the noun after '3-year-old' is a person (an age TimeML leaves out) rather than a thing."""
    nxt = _TWO_WORDS.match(text, end)
    if nxt is None:
        return True
    age = grammar.lex["age"]
    if nxt.group(1)[0].isupper():
        return True  # a name or a nationality: "the 44-year-old Kovacs", "a 6-year-old Cuban"
    first, second = (w.lower() if w else "" for w in nxt.groups())
    if first in age["person_followers"] or first in age["person_nouns"] or second in age["person_nouns"]:
        return True  # "a 6-year-old shipwreck survivor"
    # Person-like endings count on the first word, or on the second after a hyphenated
    # modifier ("a 44-year-old anti-war protester"), not on any noun ("a 3-year-old truce offer").
    for word in (first, second) if "-" in first else (first,):
        if len(word) > 4 and word.endswith(tuple(age["person_suffixes"])):
            return True
    return False


def _follows_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start].lower().split()
    return bool(before) and before[-1] in ("for", "about", "in", "within", "over", "nearly", "almost", "than")
