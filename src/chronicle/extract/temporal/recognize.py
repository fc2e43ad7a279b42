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
# A bare year followed by a plural count noun is a quantity ("2000 troops"), not a year.
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_OLD_AFTER = re.compile(r"\s+old\b")
_TWO_WORDS = re.compile(r"\s+([\w-]+)(?:\s+([\w-]+))?")
_BEFORE_AFTER = re.compile(r"\s+(?:after|before|prior to)\b", re.IGNORECASE)
_COUNT_AFTER = re.compile(r"\s+(?:[a-z]+s|people|men|women|children|more|of)\b")


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
    match = grammar.pattern.match
    triggers, weak, strong, window = grammar.triggers, grammar.weak, grammar.strong, grammar.weak_window
    words = [(w.start(), w.group().lower()) for w in _WORD.finditer(text)]
    resume = 0
    for i, (start, word) in enumerate(words):
        if start < resume:
            continue
        if not (word[0].isdigit() or word[0] in "'’" or word in triggers):
            continue
        if word in weak and not any(w[0].isdigit() or w in strong for _, w in words[i + 1:i + 1 + window]):
            continue
        m = match(text, start)
        if m is None or m.end() <= start:
            continue
        rule, groups = grammar.match_groups(m)
        if _rejected(text, m, rule, groups, grammar):
            continue
        resume = m.end()
        yield Found(start, m.end(), rule, groups, m)


def _rejected(text: str, m: re.Match, rule: Rule, groups: dict[str, str], grammar: Grammar) -> bool:
    if rule.name == "year" and _COUNT_AFTER.match(text, m.end()):
        return True
    if groups.get("old"):
        return _is_person_age(text, m.end(), grammar)
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
    first, second = (w.lower() if w else "" for w in nxt.groups())
    # The second word counts only after a hyphenated modifier ("a 44-year-old anti-war protester").
    for word in (first, second) if "-" in first else (first,):
        if word in age["person_nouns"] or (len(word) > 4 and word.endswith(tuple(age["person_suffixes"]))):
            return True
    return False


def _follows_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start].lower().split()
    return bool(before) and before[-1] in ("for", "about", "in", "within", "over", "nearly", "almost", "than")
