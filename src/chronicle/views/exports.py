"""Timeline exports: TimelineJS3 JSON, CSV, and the Markdown/HTML brief.

Article text is untrusted: it is escaped for HTML in TimelineJS slides and the HTML brief,
and for Markdown in the Markdown brief. Entries carry their storyline ``section`` and
``headline`` (read with defaults, so a timeline built before them still exports); an
undated report is never placed on a day.
"""
from __future__ import annotations

import csv
import html
import io
import re

from chronicle.dates import DateValue, Granularity
from chronicle.timeline.headlines import write_headline

SECTIONS = ("story", "background", "upcoming", "undated")
DATED_SECTIONS = ("story", "background", "upcoming")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def display_date(value: str) -> str:
    """A date written with exactly its precision: "18 March 2025", "March 2025", "week of 17 March 2025"."""
    d = DateValue.parse(value)
    if d.granularity in (Granularity.DAY, Granularity.TIME):
        return f"{d.start.day} {_MONTHS[d.start.month - 1]} {d.start.year}"
    if d.granularity == Granularity.WEEK:
        what = "weekend" if value.endswith("-WE") else "week"
        return f"{what} of {d.start.day} {_MONTHS[d.start.month - 1]} {d.start.year}"
    if d.granularity == Granularity.MONTH:
        return f"{_MONTHS[d.start.month - 1]} {d.start.year}"
    if d.start.year == d.end.year:
        return str(d.start.year)
    return f"{d.start.year}–{d.end.year}"


def _start_date(value: str, granularity: str) -> dict:
    d = DateValue.parse(value)
    out = {"year": d.start.year}
    if granularity in ("day", "week", "month"):
        out["month"] = d.start.month
    if granularity in ("day", "week"):
        out["day"] = d.start.day
    return out


def headline_of(entry: dict) -> str:
    """The entry's headline; an entry built before headlines gets its summary cut to one."""
    return entry.get("headline") or write_headline((), entry.get("summary") or entry.get("type", ""))


def section_of(entry: dict) -> str:
    """The entry's section; for an entry built before sections, ``undated`` when no source dates
    it beyond its article's publication day (or it has no date), else ``story``."""
    if entry.get("section"):
        return entry["section"]
    sources = entry.get("sources") or []
    if entry.get("date") is None or (sources and all(s.get("date_source") == "published" for s in sources)):
        return "undated"
    return "story"


def is_dated(entry: dict) -> bool:
    """Whether the entry may be placed on a date: never an undated report (issue 13)."""
    return entry.get("date") is not None and section_of(entry) != "undated"


def select_sections(entries: list[dict], section=None, *, top: int | None = None,
                    default: tuple[str, ...] = SECTIONS) -> list[dict]:
    """The entries of the sections named: ``section`` is a name, ``all``, a comma-separated list or
    a list of those. Unnamed: ``story`` with ``top`` (it ranks the story), else ``default``.

    >>> [e["id"] for e in select_sections([{"id": 1, "date": "2025-03", "section": "story"},
    ...                                    {"id": 2, "date": "2014", "section": "background"}], "background")]
    [2]
    """
    names = [section] if isinstance(section, str) else list(section or ())
    chosen: set[str] = set()
    for name in names:
        for part in str(name).split(","):
            part = part.strip().lower()
            if part == "all":
                chosen.update(SECTIONS)
            elif part in SECTIONS:
                chosen.add(part)
            elif part:
                raise ValueError(f"unknown section {part!r}; use {', '.join(SECTIONS)} or all")
    if not chosen:
        chosen = {"story"} if top is not None else set(default)
    # History recalled without a date (a background entry with no date) is not placed on a date
    # either: it is shown only where undated reports are asked for.
    return [e for e in entries if section_of(e) in chosen and (is_dated(e) or "undated" in chosen)]


def timelinejs(entries: list[dict], title: str = "Chronicle timeline") -> dict:
    """Knight Lab TimelineJS3 JSON. Month-level entries have no day; each slide lists its sources.

    The slide headline is the entry's headline; its text the quoted summary. Undated reports
    have no place on a timeline and are left out."""
    events = []
    for e in entries:
        if not is_dated(e):
            continue
        sources = "".join(
            f"<li>{html.escape(s.get('outlet') or s['article'])}"
            f"{' (' + html.escape(s['published']) + ')' if s.get('published') else ''}: "
            f"&ldquo;{html.escape(s['sentence'])}&rdquo;</li>"
            for s in e["sources"]
        )
        text = (f"<p>{html.escape(e['summary'])}</p>"
                f"<p><small>{e['independent_sources']} independent source(s); date: "
                f"{html.escape(e.get('date_explain') or e['date'])}</small></p><ol>{sources}</ol>")
        events.append({
            "start_date": _start_date(e["date"], e["granularity"]),
            "text": {"headline": html.escape(headline_of(e)), "text": text},
            "group": e["type"].replace("_", " "),
            "display_date": display_date(e["date"]),
            "unique_id": e.get("id") or f"entry-{len(events)}",
        })
    return {"title": {"text": {"headline": html.escape(title), "text": ""}}, "events": events}


CSV_COLUMNS = ("date", "granularity", "type", "modality", "summary", "actors", "source_count",
               "independent_sources", "date_conflict", "date_explain", "sources", "headline", "section")


def timeline_csv(entries: list[dict]) -> str:
    """One row per entry; ``sources`` lists "article@start-end (outlet, published)" separated by "; ".

    An undated report's ``date`` and ``granularity`` are empty: it is never put on its article's day."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        sources = "; ".join(f"{s['article']}@{s['start']}-{s['end']} ({s.get('outlet') or '-'}, {s.get('published') or '-'})"
                            for s in e["sources"])
        dated = is_dated(e)
        writer.writerow([e["date"] if dated else "", e.get("granularity") if dated else "", e["type"], e["modality"],
                         e["summary"], "; ".join(e["actors"]), e["source_count"], e["independent_sources"],
                         int(bool(e.get("date_conflict"))), (e.get("date_explain") or "") if dated else "", sources,
                         headline_of(e), section_of(e)])
    return buf.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md_escape(text: str) -> str:
    """Escape Markdown (and inline HTML) in untrusted text."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))
