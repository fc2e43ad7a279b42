"""The temporal grammar: lexicons and rules loaded from data, compiled into one regular expression.

Every rule of ``data/temporal/rules.toml`` becomes one named alternative of a single
compiled pattern, so a text is scanned once whatever the number of rules (the speed
target of issue 3). A rule's own named groups are renamed ``r<i>_<name>`` to stay unique,
and :meth:`Grammar.match_groups` gives them back under their local names.
"""
from __future__ import annotations

import functools
import re
import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

_PLACEHOLDER = re.compile(r"\{([A-Z_]+)\}")
_NOT_WORD_TABLES = ("capitalised_only", "age", "generic", "zone_rules", "zone_iana", "national_day")  # lexicon tables of settings, not of time words
_GROUP = re.compile(r"\(\?P<([a-z][a-z0-9_]*)>")
# An offset from GMT/UTC as news writes it ("GMT+8", "UTC -05:00"): sign, hours, minutes.
UTC_OFFSET = r"(?:GMT|UTC) ?([+−-]) ?(1[0-4]|0?\d)(?::?([0-5]\d))?(?![\d:])"


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
    # The combined pattern cut down to the rules that can start with a given character (a digit, an
    # ASCII letter, anything else): "Tuesday" is never tried against the rules of numbers or of
    # "every", "last" ... (the scan picks one by the first character; same matches, fewer alternatives).
    by_start: dict[str, re.Pattern] | None = None

    def pattern_for(self, first_char: str) -> re.Pattern:
        if self.by_start is None:
            return self.pattern
        return self.by_start[start_key(first_char)]

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
        # Zone abbreviations in capitals, or an offset from GMT/UTC ("GMT+8", "UTC -05:00").
        "ZONE": "(?-i:" + UTC_OFFSET + "|"
                + "|".join(sorted((z.upper() for z in lex["zone"]), key=len, reverse=True)) + r")(?!\w)",
    }


_ALL = frozenset("0'" + string.ascii_lowercase)


def start_key(ch: str) -> str:
    """The class of a first character: '0' for a digit, the letter itself for an ASCII letter, else "'"."""
    if ch.isdigit():
        return "0"
    low = ch.lower()
    return low if len(low) == 1 and low in string.ascii_lowercase else "'"


def _char_class(code: int) -> frozenset[str]:
    ch = chr(code)
    return frozenset({start_key(ch), start_key(ch.upper())})  # case-insensitive patterns


def _first_classes(items) -> tuple[frozenset[str], bool]:
    """The classes of character a parsed regex sequence can start with, and whether it can match empty.

    Conservative: anything not understood counts as able to start with every class.
    """
    firsts: set[str] = set()
    for op, av in items:
        name = str(op)
        nullable = False
        if name == "LITERAL":
            first = _char_class(av)
        elif name == "IN":
            first = set()
            for iop, iav in av:
                iname = str(iop)
                if iname == "LITERAL":
                    first |= _char_class(iav)
                elif iname == "RANGE":
                    first |= set().union(*(_char_class(c) for c in range(iav[0], iav[1] + 1)))
                elif iname == "CATEGORY" and str(iav) == "CATEGORY_DIGIT":
                    first.add(start_key("0"))
                else:
                    first = set(_ALL)
                    break
        elif name == "SUBPATTERN":
            first, nullable = _first_classes(av[3])
        elif name == "BRANCH":
            parts = [_first_classes(alt) for alt in av[1]]
            first = set().union(*(f for f, _ in parts))
            nullable = any(n for _, n in parts)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            first, nullable = _first_classes(av[2])
            nullable = nullable or av[0] == 0
        elif name in ("ASSERT", "ASSERT_NOT", "AT"):
            first, nullable = set(), True  # zero-width: look-behinds and look-aheads only narrow the match
        else:
            return _ALL, True
        firsts |= first
        if not nullable:
            return frozenset(firsts), False
    return frozenset(firsts), True


def _by_start(parts: list[str]) -> dict[str, re.Pattern]:
    from re import _parser  # the standard library's own regex parser, for the first-character classes

    groups: dict[str, list[str]] = {c: [] for c in _ALL}
    for part in parts:
        first, nullable = _first_classes(_parser.parse(part, re.IGNORECASE).data)
        for c in _ALL if nullable else first:
            groups[c].append(part)
    return {c: re.compile(_combine(ps), re.IGNORECASE) for c, ps in groups.items()}


def _combine(parts: list[str]) -> str:
    # A rule starts at a word start (or an apostrophe for '90s) and ends at a word end.
    return r"(?<![\w'])(?:" + "|".join(parts) + r")(?<![\s,])"


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
    combined = _combine(parts)
    weak = frozenset(table.get("weak_triggers", ()))
    strong = set(triggers)
    for name, entries in lex.items():
        if isinstance(entries, dict) and name not in _NOT_WORD_TABLES:
            strong.update(w for k in entries for w in re.findall(r"[^\W_]+", k.lower()))
    numbers = {w for t in ("number", "vague_number") for k in lex[t] for w in k.split()} - {"a", "an", "of"}
    strong = (strong - weak - set(table.get("not_strong", ()))) | set(table.get("strong_extra", ()))
    after_weak = frozenset(strong | numbers)
    return Grammar(lex, rules, re.compile(combined, re.IGNORECASE), frozenset(triggers), weak,
                   frozenset(strong), table.get("weak_window", 3), after_weak, _by_start(parts))
