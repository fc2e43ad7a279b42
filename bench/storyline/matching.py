"""Matching timeline entries to a hand-written list of real events: cues, date compatibility, assignment.

An event (from a fixture such as ``ukraine_events.toml``) matches an entry when the entry's
summary comes from one of the event's articles, every keyword group of the event has a phrase
in the entry's text, and none of its exclusion phrases is there. Among the events that match,
the entry is assigned to one whose date is compatible with the entry's date, else to the most
specific; see :func:`assign`.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from chronicle.dates import DateValue

UNDATED = "undated"
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


@dataclass(frozen=True)
class Event:
    id: str
    dates: tuple[str, ...]  # TIMEX3 values, or ("undated",)
    articles: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    none: tuple[str, ...] = ()
    milestone: bool = False
    kind: str = "story"  # story | background | planned
    stated: bool = True
    generic: bool = False

    @property
    def undated(self) -> bool:
        return self.dates == (UNDATED,)


@dataclass
class Match:
    """One entry's reading against the fixture."""

    entry: dict
    event: Event | None
    right: bool  # a real event on a right date (or rightly in `undated`/`upcoming`)
    candidates: tuple[str, ...] = field(default=())


def normalize(text: str) -> str:
    """Lower case, straight quotes and dashes, single spaces: the form cues are written in."""
    return " ".join(text.translate(_QUOTES).lower().split())


def load_events(path: Path) -> list[Event]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["event"]
    events = []
    for r in raw:
        dates = r["date"] if isinstance(r["date"], list) else [r["date"]]
        for d in dates:
            if d != UNDATED:
                DateValue.parse(d)  # a typo in the fixture fails here, not as a silent miss
        events.append(Event(
            id=r["id"], dates=tuple(dates), articles=tuple(r["articles"]),
            groups=tuple(tuple(normalize(p) for p in g) for g in r["all"]),
            none=tuple(normalize(p) for p in r.get("none", ())), milestone=r.get("milestone", False),
            kind=r.get("kind", "story"), stated=r.get("stated", True), generic=r.get("generic", False)))
    ids = [e.id for e in events]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: event ids repeat")
    return events


def _has(text: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase), text) is not None


def cues_match(event: Event, text: str, article: str | None) -> bool:
    """Whether ``text`` (already normalized) from ``article`` names ``event``."""
    if article is not None and event.articles and article not in event.articles:
        return False
    if any(_has(text, p) for p in event.none):
        return False
    return all(any(_has(text, p) for p in group) for group in event.groups)


def dates_compatible(entry_value: str | None, event_values: tuple[str, ...], *, planned: bool = False) -> bool:
    """Whether an entry dated ``entry_value`` is on a right date for an event.

    Right when one interval holds the other: a day inside the event's week is right, and so is
    a month that holds the event's day. A coarser entry must stay within a month, unless the
    event itself is a month or coarser ("In 2022, Putin deployed troops" for February 2022).
    A ``planned`` event (prisoner exchanges "as soon as this week") is right only at the plan's
    precision or coarser: dating it to one day of that week claims more than the source says.
    """
    if entry_value is None:
        return False
    entry = DateValue.try_parse(entry_value)
    if entry is None:
        return False
    for value in event_values:
        if value == UNDATED:
            continue
        ev = DateValue.parse(value)
        if ev.contains(entry) and (not planned or entry.contains(ev)):
            return True
        if entry.contains(ev):
            span = (entry.end - entry.start).days + 1
            if span <= 31 or (ev.end - ev.start).days + 1 >= 28:
                return True
    return False


def entry_text(entry: dict) -> str:
    """What the reader sees of an entry: its headline (when the product gives one) and summary."""
    return normalize(" ".join(x for x in (entry.get("headline") or "", entry.get("summary") or "") if x))


def is_right(entry: dict, event: Event) -> bool:
    """An entry is right for its event when dated compatibly, or when it sits in the section
    that says "no date known" (``undated``) for an event the articles do not date, in
    ``upcoming`` for a planned event, or undated in ``background`` for history the articles do
    not date ("Russia seized Crimea")."""
    section = entry.get("section")
    if section == "undated":
        return event.undated or not event.stated
    if section == "upcoming" and event.kind == "planned" and event.undated:
        return True
    if section == "background" and not entry.get("date"):
        return event.kind == "background" and not event.stated  # history the articles give no date for
    return dates_compatible(entry.get("date"), event.dates, planned=event.kind == "planned")


def assign(entry: dict, events: list[Event], article: str | None) -> Match:
    """The event an entry stands for: among the events its text names, a right one first, then
    a specific one (``generic`` events lose ties), then the first in the fixture."""
    text = entry_text(entry)
    cands = [e for e in events if cues_match(e, text, article)]
    if not cands:
        return Match(entry, None, False)
    order = {e.id: i for i, e in enumerate(events)}
    best = min(cands, key=lambda e: (not is_right(entry, e), e.generic, order[e.id]))
    return Match(entry, best, is_right(entry, best), tuple(e.id for e in cands))


def duplicates(matches: list[Match]) -> int:
    """Entries beyond the first for one event (any date): two entries for one event count 1."""
    seen: dict[str, int] = {}
    for m in matches:
        if m.event is not None:
            seen[m.event.id] = seen.get(m.event.id, 0) + 1
    return sum(n - 1 for n in seen.values())


def published_day_reports(entries: list[dict]) -> list[dict]:
    """Entries shown on a publication day although no time expression dates them: a day date
    equal to one of its sources' publication days, and every source dated only by publication."""
    out = []
    for e in entries:
        if e.get("section") == "undated" or e.get("granularity") != "day" or not e.get("sources"):
            continue
        days = {(s.get("published") or "")[:10] for s in e["sources"]}
        if e.get("date") in days and all(s.get("date_source") == "published" for s in e["sources"]):
            out.append(e)
    return out
