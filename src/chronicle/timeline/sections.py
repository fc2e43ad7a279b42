"""Sections of the storyline: which entries are the story, its background, what is upcoming,
and which reports are undated.

Rules (CONTRACT, "Added in wave 2"; settings in ``data/timeline/storyline.toml`` [sections]):

- ``undated``: every source dates the event only as "on or before" its article (a soft
  ``date_source``, see [dating]); such an entry is never placed on a publication day.
  When the event stage marks all of them as history (``background_sources``), ``background``.
- ``upcoming``: dated after the newest article of the pile (plans and schedules).
- ``background``: dated before the story's window (a week or month: mostly before it).
- ``story``: everything else.

The window is derived from the pile, never fixed: it opens at the first publication days
(a low quantile, so one stray old article does not drag it back), less a margin for the news
those first articles report, and reaches further back to the earliest event that many
independent sources retell (the July call of an impeachment story published from September),
at day, week or month precision and within ``max_lookback_days``. A year-level mention of the
2016 election or 1859 never extends it.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chronicle.dates import Granularity
from chronicle.timeline.events import TimelineEntry
from chronicle.timeline.settings import storyline_settings

SECTIONS = ("story", "background", "upcoming", "undated")
_RETELLABLE = (Granularity.DAY, Granularity.TIME, Granularity.WEEK, Granularity.MONTH)


@dataclass(frozen=True, slots=True)
class StoryWindow:
    """The days the story covers: ``start`` (after any extension back) to ``newest`` publication."""

    start: dt.date
    newest: dt.date
    first_published: dt.date


def story_window(entries: Sequence[TimelineEntry], published: Iterable[dt.date], *, sources: int,
                 options: dict | None = None) -> StoryWindow | None:
    """The story's window from the pile's publication days and its entries; None without dates.

    ``sources`` is the pile's number of independent sources (articles, syndicated copies collapsed).
    """
    opt = {**storyline_settings().get("sections", {}), **(options or {})}
    days = sorted(published)
    if not days:
        return None
    q = min(max(float(opt.get("published_quantile", 0.0)), 0.0), 1.0)
    first = days[min(int(math.floor(q * (len(days) - 1))), len(days) - 1)]
    start = first - dt.timedelta(days=int(opt.get("margin_days", 0)))
    need = max(int(opt.get("min_retold", 2)), math.ceil(float(opt.get("retold_share", 0.0)) * sources))
    limit = first - dt.timedelta(days=int(opt.get("max_lookback_days", 0)))
    for e in entries:
        if (not e.undated and e.date.granularity in _RETELLABLE and limit <= e.date.start < start
                and e.independent_sources >= need):
            start = e.date.start
    return StoryWindow(start, days[-1], first)


def section_of(entry: TimelineEntry, window: StoryWindow | None) -> str:
    """The entry's section under ``window`` (see the module docstring)."""
    if entry.undated:
        history = set(storyline_settings().get("dating", {}).get("background_sources", ()))
        return "background" if all(m.date_source in history for m in entry.sources) else "undated"
    if window is None:
        return "story"
    if entry.date.start > window.newest:
        return "upcoming"
    start, end = entry.date.start, entry.date.end
    if end < window.start or start + (end - start) / 2 < window.start:
        return "background"  # a month mostly before the window ("in January", of a story from February)
    return "story"


def assign_sections(entries: Sequence[TimelineEntry], published: Iterable[dt.date], *, sources: int,
                    options: dict | None = None) -> StoryWindow | None:
    """Set ``entry.section`` on every entry; returns the window used."""
    window = story_window(entries, published, sources=sources, options=options)
    for e in entries:
        e.section = section_of(e, window)
    return window
