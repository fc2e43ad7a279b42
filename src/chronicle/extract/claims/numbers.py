"""Figures in a parsed sentence: the number tokens, their value, bounds ("over", "up to"), ranges and tallies.

For example (with ``doc`` a spaCy parse of an article)::

    [(f.value, f.value_high, f.bound) for f in find_figures(nlp("over 68,000 troops, 230-197"))]
    [(68000.0, None, 'more_than'), (230.0, 197.0, 'tally')]

A figure is a token span; what it counts, who claims it and when are worked out in
:mod:`.phrases`. Dates, times, ordinals, years and numbers inside names are left out here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from chronicle.extract.claims.lexicon import ClaimLexicon

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(bn|m|mn|k|%)$", re.I)
_PAIR = re.compile(r"^(\d[\d,]*)[-–](\d[\d,]*)$")
_PHONE = re.compile(r"\d{3}[-. ]\d{3}[-. ]?\d{2,4}")
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.I)
_DASHES = ("-", "–", "—")


@dataclass(frozen=True, slots=True)
class Figure:
    start: int  # token index of the first word (bound words included)
    end: int  # token index after the last number word
    num_start: int  # first token of the number itself
    value: float
    value_high: float | None
    bound: str
    unit: str | None


def number_value(tok, lex: ClaimLexicon, *, weak: bool = False) -> float | None:
    """The value of one token ("68,000", "four", "1.5", "12bn"), or None when it is no number."""
    low = tok.lower_
    if _DIGITS.match(tok.text):
        return float(tok.text.replace(",", ""))
    m = _SUFFIXED.match(tok.text)
    if m:
        return float(m.group(1)) * lex.scales.get(m.group(2).lower(), 1.0)
    if low in lex.words:
        return lex.words[low]
    if weak and low in lex.weak:
        return lex.weak[low]
    return None


def find_figures(span, lex: ClaimLexicon, skip: set[int] = frozenset()) -> list[Figure]:
    """Every figure in ``span`` (a sentence), in text order. Tokens in ``skip`` are never numbers."""
    doc = span.doc
    out: list[Figure] = []
    i, end = span.start, span.end
    while i < end:
        tok = doc[i]
        if i in skip or _ORDINAL.match(tok.text):
            i += 1
            continue
        pair = _PAIR.match(tok.text)
        if pair:  # "230-197" kept as one token
            a, b = float(pair.group(1).replace(",", "")), float(pair.group(2).replace(",", ""))
            out.append(_with_bound(span, i, i + 1, a, b, _pair_kind(span, a, b, lex), lex))
            i += 1
            continue
        value = number_value(tok, lex)
        scaled_weak = value is None and tok.lower_ in lex.weak and i + 1 < end and doc[i + 1].lower_ in lex.scales \
            and doc[i + 1].lower_ not in ("m", "k", "mn", "bn")
        if value is None and not scaled_weak and not _listed_one(tok, lex):
            i += 1
            continue
        if value is None:
            value = lex.weak.get(tok.lower_, 1.0)
        j = i + 1
        while j < end and doc[j].lower_ in lex.scales and j not in skip and _scale_word(doc, j):
            value *= lex.scales[doc[j].lower_]
            j += 1
        high, kind = None, "exact"
        # a range or tally: "10 to 20", "between 10 and 20", "230-197", "230 - 197"
        if j + 1 < end and (doc[j].text in _DASHES or doc[j].lower_ in ("to", "and")) and j + 1 not in skip:
            second = number_value(doc[j + 1], lex)
            between = doc[j].lower_ == "and" and i > span.start and doc[i - 1].lower_ == "between"
            if second is not None and (doc[j].lower_ != "and" or between):
                k = j + 2
                while k < end and doc[k].lower_ in lex.scales and _scale_word(doc, k):
                    second *= lex.scales[doc[k].lower_]
                    k += 1
                if doc[j].text in _DASHES:
                    kind = _pair_kind(span, value, second, lex)
                elif second > value:
                    kind = "range"
                if kind in ("range", "tally"):
                    high, j = second, k
        out.append(_with_bound(span, i, j, value, high, kind, lex))
        i = j
    return out


def _listed_one(tok, lex: ClaimLexicon) -> bool:
    """'one' counts in a list of counts ("twelve vehicles, one truck and five tanks"), not elsewhere."""
    if tok.lower_ != "one" or tok.dep_ != "nummod" or tok.head.pos_ != "NOUN":
        return False
    noun = tok.head
    kin = [c for c in noun.children if c.dep_ == "conj"] + ([noun.head] if noun.dep_ == "conj" else [])
    kin += [c for k in list(kin) for c in k.children if c.dep_ == "conj"]
    return any(c.dep_ == "nummod" and (c.like_num or c.lower_ == "one") and c is not tok
               for k in kin for c in k.children)


def _scale_word(doc, j: int) -> bool:
    """'million' is a scale; so is 'm' or 'bn' only right after a digit with no space ("$5bn")."""
    if doc[j].lower_ in ("m", "k", "mn", "bn"):
        return not doc[j - 1].whitespace_ and doc[j - 1].text[-1:].isdigit()
    return True


def _pair_kind(span, a: float, b: float, lex: ClaimLexicon) -> str:
    words = {t.lower_ for t in span} | {t.lemma_.lower() for t in span}
    if words & lex.vote_context or b < a:
        return "tally"
    return "range"


def _with_bound(span, i: int, j: int, value: float, high: float | None, kind: str, lex: ClaimLexicon) -> Figure:
    doc = span.doc
    start, unit = i, None
    if i > span.start and doc[i - 1].text in lex.currency_symbols:
        unit, start = lex.currency_symbols[doc[i - 1].text], i - 1
    if kind == "range" and start > span.start and doc[start - 1].lower_ in ("between", "from"):
        start -= 1
    elif kind == "exact":
        for n in range(min(lex.longest_bound, start - span.start), 0, -1):
            words = tuple(t.lower_ for t in doc[start - n:start])
            if words in lex.bounds:
                kind, start = lex.bounds[words], start - n
                break
    return Figure(start=start, end=j, num_start=i, value=value, value_high=high, bound=kind, unit=unit)


def looks_like_phone(text: str) -> bool:
    return bool(_PHONE.search(text))
