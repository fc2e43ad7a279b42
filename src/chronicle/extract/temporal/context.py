"""The shared parts of normalisation: the context a normaliser reads and the result it returns."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from chronicle.dates import DateValue
from chronicle.extract.temporal.grammar import Grammar


DAY_GRAINS = ("day", "time")


@dataclass(slots=True)
class Context:
    text: str
    grammar: Grammar
    anchor: DateValue | None  # the publication date (given or inferred)
    anchor_source: str  # manifest, metadata, option, inferred, given
    tense: Callable[[int, int], tuple[str, str]]
    ref: DateValue | None = None  # the date mentioned last (narrative anchoring)
    ref_text: str = ""
    day_ref: DateValue | None = None  # the day (or time) mentioned last: what "the day before" counts from

    @property
    def anchor_day(self) -> dt.date | None:
        a = self.anchor
        return a.start if a is not None and a.granularity.value in DAY_GRAINS else None


@dataclass(slots=True)
class Resolved:
    value: str
    desc: str  # the rule in words: "weekday", "month and day without a year"
    type: str | None = None  # overrides the rule's type
    mod: str | None = None
    anchor: str | None = None  # "publication" or "previous"
    tense: tuple[str, str] | None = None
    note: str = ""
    sets_ref: bool = True  # False: a comparison date ("a year ago" after a quarter) that later ones do not chain on
    ref_value: str | None = None  # the date later expressions chain on, when the value itself is not one


class NeedsAnchor(Exception):
    """The expression is relative and no anchor of the needed precision is known."""


def need_day(ctx: Context) -> dt.date:
    if ctx.anchor_day is None:
        raise NeedsAnchor
    return ctx.anchor_day


def need_any(ctx: Context) -> dt.date:
    if ctx.anchor is None:
        raise NeedsAnchor
    return ctx.anchor.start


def need_point(ctx: Context) -> dt.date:
    """The anchor as one day: the day itself, or the middle of a coarser anchor ("2024" from inference).

    The first day of a year anchor would put most undated days of that year in the year before.
    """
    if ctx.anchor is None:
        raise NeedsAnchor
    a = ctx.anchor
    return a.start + (a.end - a.start) // 2


def inside_anchor(ctx: Context, cands: list[dt.date]) -> dt.date | None:
    """The one candidate inside a coarser-than-a-day anchor's interval, if there is exactly one."""
    a = ctx.anchor
    if a is None or ctx.anchor_day is not None:
        return None
    hits = [c for c in cands if a.start <= c <= a.end]
    return hits[0] if len(hits) == 1 else None


def mod_of(g: dict, ctx: Context) -> str | None:
    word = g.get("mod")
    if not word:
        return None
    return ctx.grammar.lex["modifier"].get(" ".join(word.lower().split()))


def approx_of(g: dict, ctx: Context) -> str | None:
    word = g.get("approx")
    return ctx.grammar.lex["approx"].get(" ".join(word.lower().split())) if word else None
