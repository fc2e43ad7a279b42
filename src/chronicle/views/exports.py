"""Timeline exports: TimelineJS3 JSON, CSV, and the Markdown/HTML brief.

Article text is untrusted: it is escaped for HTML in TimelineJS slides and the HTML brief,
and for Markdown in the Markdown brief.
"""
from __future__ import annotations

import csv
import html
import io
import re

from chronicle.dates import DateValue, Granularity

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


def _headline(entry: dict) -> str:
    actors = ", ".join(entry["actors"][:3])
    kind = entry["type"].replace("_", " ")
    return f"{kind.capitalize()}: {actors}" if actors else kind.capitalize()


def timelinejs(entries: list[dict], title: str = "Chronicle timeline") -> dict:
    """Knight Lab TimelineJS3 JSON. Month-level entries have no day; each slide lists its sources."""
    events = []
    for e in entries:
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
            "text": {"headline": html.escape(_headline(e)), "text": text},
            "group": e["type"].replace("_", " "),
            "display_date": display_date(e["date"]),
            "unique_id": e.get("id") or f"entry-{len(events)}",
        })
    return {"title": {"text": {"headline": html.escape(title), "text": ""}}, "events": events}


CSV_COLUMNS = ("date", "granularity", "type", "modality", "summary", "actors", "source_count",
               "independent_sources", "date_conflict", "date_explain", "sources")


def timeline_csv(entries: list[dict]) -> str:
    """One row per entry; ``sources`` lists "article@start-end (outlet, published)" separated by "; "."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        sources = "; ".join(f"{s['article']}@{s['start']}-{s['end']} ({s.get('outlet') or '-'}, {s.get('published') or '-'})"
                            for s in e["sources"])
        writer.writerow([e["date"], e["granularity"], e["type"], e["modality"], e["summary"], "; ".join(e["actors"]),
                         e["source_count"], e["independent_sources"], int(bool(e.get("date_conflict"))),
                         e.get("date_explain") or "", sources])
    return buf.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md_escape(text: str) -> str:
    """Escape Markdown (and inline HTML) in untrusted text."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))
