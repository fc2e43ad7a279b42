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
    triggers = grammar.triggers
    resume = 0
    for w in _WORD.finditer(text):
        start = w.start()
        if start < resume:
            continue
        word = w.group()
        if not (word[0].isdigit() or word[0] in "'’" or word.lower() in triggers):
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
        nxt = _NEXT_WORD.match(text, m.end())
        return nxt is None or nxt.group(1) in grammar.lex["age"]["person_nouns"]
    if rule.kind == "duration" and groups.get("n", "").lower() in ("a", "an") and not groups.get("approx"):
        # "a day" alone is too often not temporal ("twice a day", "a day of talks"): keep only
        # adjectival or quantified forms, and those the chain rules already took.
        nxt = text[m.end():m.end() + 1]
        return nxt not in ("-",) and not _follows_preposition(text, m.start())
    return False


def _follows_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start].lower().split()
    return bool(before) and before[-1] in ("for", "about", "in", "within", "over", "nearly", "almost", "than")
