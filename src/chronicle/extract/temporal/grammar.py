"""The temporal grammar: lexicons and rules loaded from data, compiled into one regular expression.

Every rule of ``data/temporal/rules.toml`` becomes one named alternative of a single
compiled pattern, so a text is scanned once whatever the number of rules (the speed
target of issue 3). A rule's own named groups are renamed ``r<i>_<name>`` to stay unique,
and :meth:`Grammar.match_groups` gives them back under their local names.
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

_PLACEHOLDER = re.compile(r"\{([A-Z_]+)\}")
_NOT_WORD_TABLES = ("capitalised_only", "age", "generic")  # lexicon tables of settings, not of time words
_GROUP = re.compile(r"\(\?P<([a-z][a-z0-9_]*)>")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str
    type: str
    group: str  # name of the outer group in the combined pattern
    local: tuple[tuple[str, str], ...]  # (local group name, combined group name)


@dataclass(frozen=True)
class Grammar:
    """The lexicons and the combined pattern. Build with :func:`load_grammar` (cached)."""

    lex: dict[str, Any]
    rules: dict[str, Rule]  # by outer group name
    pattern: re.Pattern
    triggers: frozenset[str]  # lower-case words where a rule may start
    weak: frozenset[str] = frozenset()  # triggers tried only when a strong word follows closely
    strong: frozenset[str] = frozenset()
    weak_window: int = 3
    after_weak: frozenset[str] = frozenset()  # strong words and number words: what makes a weak trigger worth trying

    def match_groups(self, m: re.Match) -> tuple[Rule, dict[str, str]]:
        rule = self.rules[m.lastgroup]
        groups = {}
        for local, combined in rule.local:
            v = m.group(combined)
            if v is not None:
                groups[local] = v
        return rule, groups

    # Lexicon look-ups (lower-cased keys; abbreviations may carry a final period).
    def month(self, word: str) -> int:
        return self.lex["month"][word.lower().rstrip(".")]

    def weekday(self, word: str) -> int:
        return self.lex["weekday"][word.lower().rstrip(".")]

    def unit(self, word: str) -> str:
        w = word.lower()
        return self.lex["unit_plural"].get(w, w)

    def number(self, word: str) -> float | str:
        """'three' -> 3, '30' -> 30, 'twenty-five' -> 25, 'several' -> 'X'."""
        w = " ".join(word.lower().replace("-", " ").split())
        if w.endswith(" 1/2") and w[:-4].isdigit():  # "2 1/2 years"
            return int(w[:-4]) + 0.5
        if w in self.lex["vague_number"]:
            return "X"
        if w in self.lex["number"]:
            return self.lex["number"][w]
        try:
            return float(w.replace(",", ""))
        except ValueError:
            pass
        total = 0.0
        for part in w.split():
            if part not in self.lex["number"]:
                raise ValueError(f"not a number word: {word!r}")
            total += self.lex["number"][part]
        return total


def _words(words, cap_only: set[str], abbrevs: set[str]) -> str:
    """An alternation of lexicon words, longest first, with the capitalisation rules applied."""
    alts = []
    for w in sorted(words, key=len, reverse=True):
        body = re.escape(w).replace(r"\ ", r"\s+")
        if w in cap_only:
            body = f"(?-i:{re.escape(w.title())}|{re.escape(w.upper())})"
        if w in abbrevs:
            body += r"(?:\.|(?=[\s-]*\d))"  # "Nov." or "Nov 12", never the bare word
        alts.append(body)
    return "(?:" + "|".join(alts) + ")"


def _placeholders(lex: dict[str, Any]) -> dict[str, str]:
    cap = set(lex["capitalised_only"]["words"])
    abbr = set(lex["capitalised_only"]["abbreviations"])
    months = lex["month"]
    weekdays = [w for w in lex["weekday"] if w not in abbr]
    units = list(lex["unit"]) + list(lex["unit_plural"])
    num_words = [w for w in lex["number"] if w not in ("a", "an")]
    digits = r"\d{1,3}(?:,\d{3})*(?:\.\d+)?"
    ones = "(?:one|two|three|four|five|six|seven|eight|nine)"
    return {
        "MONTH": _words(months, cap, abbr),
        "MONTH_FULL": _words([m for m in months if m not in abbr], cap, abbr),
        "WEEKDAY": _words(weekdays, cap, abbr),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "YEAR": r"(?:1[6-9]|20)\d\d(?![\d%])",
        "NUM": f"(?:\\d+ 1/2|{digits}|{_words(num_words, set(), set())}(?:[ -]{ones})?|an?)",
        "VNUM": _words(lex["vague_number"], set(), set()),
        "UNIT": _words(lex["unit"], set(), set()),
        "UNITS": _words(units, set(), set()),
        "SEASON": _words(lex["season"], set(), set()),
        "POD": _words(lex["part_of_day"], set(), set()),
        "DAY_WORD": _words(lex["day_word"], set(), set()),
        "VAGUE": _words(lex["vague"], set(), set()),
        "SET_WORD": _words(lex["set_word"], set(), set()),
        "MOD": _words(lex["modifier"], set(), set()),
        "APPROX": _words(lex["approx"], set(), set()),
        "HOLIDAY": _words(lex["holiday"], set(), set()).replace("'", "['’]?"),
        "ZONE": "(?-i:" + "|".join(sorted((z.upper() for z in lex["zone"]), key=len, reverse=True)) + r")(?!\w)",
    }


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("chronicle.data").joinpath("temporal").joinpath(name).read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    """Load lexicon.toml and rules.toml and compile the combined pattern (once per process)."""
    lex = _read("lexicon.toml")
    table = _read("rules.toml")
    holes = _placeholders(lex)
    parts, rules = [], {}
    triggers = set(table["triggers"])
    for name, entries in lex.items():
        if isinstance(entries, dict) and name not in _NOT_WORD_TABLES:
            triggers.update(re.findall(r"[^\W_]+", k.lower())[0] for k in entries)
    for i, spec in enumerate(table["rule"]):
        body = _PLACEHOLDER.sub(lambda m: holes[m.group(1)], spec["pattern"])
        local = tuple((g, f"r{i}_{g}") for g in dict.fromkeys(_GROUP.findall(body)))
        body = _GROUP.sub(lambda m: f"(?P<r{i}_{m.group(1)}>", body)
        outer = f"R{i}"
        rules[outer] = Rule(spec["name"], spec["kind"], spec["type"], outer, local)
        parts.append(f"(?P<{outer}>{body})")
    # A rule starts at a word start (or an apostrophe for '90s) and ends at a word end.
    combined = r"(?<![\w'])(?:" + "|".join(parts) + r")(?<![\s,])"
    weak = frozenset(table.get("weak_triggers", ()))
    strong = set(triggers)
    for name, entries in lex.items():
        if isinstance(entries, dict) and name not in _NOT_WORD_TABLES:
            strong.update(w for k in entries for w in re.findall(r"[^\W_]+", k.lower()))
    numbers = {w for t in ("number", "vague_number") for k in lex[t] for w in k.split()} - {"a", "an", "of"}
    strong = (strong - weak - set(table.get("not_strong", ()))) | set(table.get("strong_extra", ()))
    after_weak = frozenset(strong | numbers)
    return Grammar(lex, rules, re.compile(combined, re.IGNORECASE), frozenset(triggers), weak,
                   frozenset(strong), table.get("weak_window", 3), after_weak)
