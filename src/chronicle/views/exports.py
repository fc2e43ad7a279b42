"""Timeline exports: TimelineJS3 JSON and its spreadsheet template, CSV, and what the brief shares.

Every export cites each source article by outlet, title, date and URL (views/sources.py).
Article text is untrusted: it is escaped for HTML in TimelineJS slides and the HTML brief,
and for Markdown in the Markdown brief (views/markdown.py). Entries carry their storyline ``section`` and
``headline`` (read with defaults, so a timeline built before them still exports); an
undated report is never placed on a day.
"""
from __future__ import annotations

import csv
import html
import io
import json
import sqlite3

from chronicle.dates import DateValue, Granularity
from chronicle.timeline.headlines import write_headline
from chronicle.views.sources import cited_sources

SECTIONS = ("story", "background", "upcoming", "undated")
DATED_SECTIONS = ("story", "background", "upcoming")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def display_date(value: str) -> str:
    """A date written with exactly its precision: "18 March 2025", "March 2025", "week of 17 March 2025"."""
    d = DateValue.parse(value)
    if "/" in value:  # an interval of days: a holiday kept over several (Ramadan, Hanukkah)
        first = f"{d.start.day} {_MONTHS[d.start.month - 1]}" + (f" {d.start.year}" if d.start.year != d.end.year else "")
        return f"{first} – {d.end.day} {_MONTHS[d.end.month - 1]} {d.end.year}"
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


EXPORT_TOP = 40  # TimelineJS: the story's most important entries unless --top or --all says otherwise
SECTION_GROUPS = {"story": "The story", "background": "Background", "upcoming": "Coming up"}

_OPEN_DOUBLE, _CLOSE_DOUBLE = "“„«", "”»"


def quoted(text: str) -> str:
    """``text`` in curly double quotes, its own double quotes turned to single ones, so a quote
    inside the quoted sentence never comes out doubled (issue 17: ``“"We did…``).

    >>> quoted('"We did not agree on much," Brandvold said.')
    '“‘We did not agree on much,’ Brandvold said.”'
    >>> quoted('He called it “a dead end”.')
    '“He called it ‘a dead end’.”'
    """
    text = text.strip()
    out, opened = [], False
    for i, ch in enumerate(text):
        if ch == '"':
            before = text[i - 1] if i else " "
            opening = not opened and (before.isspace() or before in "([{—–-/")
            out.append("‘" if opening else "’")
            opened = opening
        elif ch in _OPEN_DOUBLE:
            out.append("‘")
            opened = True
        elif ch in _CLOSE_DOUBLE:
            out.append("’")
            opened = False
        else:
            out.append(ch)
    return f"“{''.join(out)}”"


def date_span(entries: list[dict]) -> str:
    """The months the dated entries cover: "September 2025", "February–May 2025", "2024–2025"."""
    days = [DateValue.parse(e["date"]) for e in entries if is_dated(e)]
    if not days:
        return ""
    lo, hi = min(d.start for d in days), max(d.end for d in days)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{_MONTHS[lo.month - 1]} {lo.year}"
    if lo.year == hi.year:
        return f"{_MONTHS[lo.month - 1]}–{_MONTHS[hi.month - 1]} {lo.year}"
    if hi.year - lo.year > 2:
        return f"{lo.year}–{hi.year}"
    return f"{_MONTHS[lo.month - 1]} {lo.year} – {_MONTHS[hi.month - 1]} {hi.year}"


LEAD_SHARE = 3  # entries a non-person must be on, as a multiple of the first person's, to lead the title


def story_title(entries: list[dict], *, people=None, actors: int = 3) -> str:
    """A title for the story the entries tell: its most involved actors (on most story entries,
    then in most articles when ``people`` maps names to article counts, then most independent
    sources; only people when ``people`` names any) and its months.

    >>> story_title([{"date": "2025-09-01", "section": "story", "actors": ["Valdoria", "Ilse Brandvold"],
    ...               "independent_sources": 2},
    ...              {"date": "2025-09-24", "section": "story", "actors": ["Valdoria"], "independent_sources": 3}])
    'Valdoria and Ilse Brandvold, September 2025'
    >>> story_title([{"date": "2025-03-18", "actors": ["Russia", "Vladimir Putin"], "independent_sources": 1}],
    ...             people={"Vladimir Putin"})
    'Vladimir Putin, March 2025'
    >>> story_title([{"date": f"2010-01-{d:02d}", "actors": ["Haiti"] + (["Rene Preval"] if d == 13 else []),
    ...               "independent_sources": 1} for d in range(12, 20)], people={"Rene Preval"})
    'Haiti and Rene Preval, January 2010'
    """
    story = [e for e in entries if section_of(e) == "story" and is_dated(e)] or [e for e in entries if is_dated(e)]
    weight: dict[str, tuple[int, int]] = {}
    for e in story:
        for a in dict.fromkeys(e.get("actors") or ()):
            n, w = weight.get(a, (0, 0))
            weight[a] = (n + 1, w + max(1, e.get("independent_sources") or 1))
    reach = people if isinstance(people, dict) else {}
    ranked = [a for a, _ in sorted(weight.items(), key=lambda kv: (-kv[1][0], -reach.get(kv[0], 0), -kv[1][1], kv[0]))]
    lead: list[str] = []
    if people and any(a in people for a in ranked):
        named = [a for a in ranked if a in people]
        # a place or a body the story is about leads where no person comes near it ("Haiti, Wyclef Jean and
        # Bill Clinton": the quake's story names Haiti on 6 times more entries than any one person)
        if ranked[0] not in people and weight[ranked[0]][0] >= LEAD_SHARE * weight[named[0]][0]:
            lead = ranked[:1]
        ranked = named
    names = lead + ranked[:actors - len(lead)]
    who = (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]) if names else "The story"
    span = date_span(story)
    return f"{who}, {span}" if span else who


def _end_date(value: str, granularity: str) -> dict | None:
    """The last day of a week, month or year entry (TimelineJS draws it as a span); None for a day."""
    if granularity not in ("week", "month", "year"):
        return None
    d = DateValue.parse(value)
    if granularity == "year":
        return {"year": d.end.year} if d.end.year != d.start.year else None
    return {"year": d.end.year, "month": d.end.month, "day": d.end.day}


def _esc(text: str) -> str:
    """Untrusted text for an HTML text node (quotes need no escaping there: "Putin's", not "Putin&#x27;s")."""
    return html.escape(text, quote=False)


def _slide_text(e: dict, cited: list[dict]) -> str:
    """The slide's HTML: each source article linked by outlet, with its title and date. No engine
    vocabulary (rule names, date explanations): a reader sees sources, not the machinery."""
    esc = _esc
    items = []
    for c in cited:
        label = esc(c.get("outlet") or "unnamed source")
        title = f", {esc(quoted(c['title']))}" if c.get("title") else ""
        day = f", {esc(display_date(c['published']))}" if c.get("published") else ""
        link = f'<a href="{html.escape(c["url"])}">{label}</a>' if c.get("url") else label
        items.append(f"<li>{link}{title}{day}</li>")
    n = e.get("independent_sources") or len(cited)
    return f"<p>Reported by {n} independent source{'s' if n != 1 else ''}:</p><ul>{''.join(items)}</ul>"


def _media(e: dict, cited: list[dict]) -> dict:
    """The slide's media: the sentence the entry quotes, as a quotation credited to its outlet and
    linked to its article, captioned with the article's title.

    TimelineJS3 reads a media ``url`` it does not recognise (an article page) as an image and shows
    it broken; a ``<blockquote>`` it renders as a quotation (checked with TimelineJS 3.9.11 in
    Chromium), so the article URL goes in the credit's link."""
    wanted = (e.get("summary_source") or {}).get("article")
    source = next((c for c in cited if c["article"] == wanted), cited[0] if cited else {})
    outlet = _esc(source.get("outlet") or "unnamed source")
    credit = f'<a href="{html.escape(source["url"])}">{outlet}</a>' if source.get("url") else outlet
    return {"url": f"<blockquote>{_esc(quoted(e['summary']))}</blockquote>", "credit": credit,
            "caption": _esc(source.get("title") or "")}


def timelinejs(entries: list[dict], title: str | None = None, *, articles: dict[str, dict] | None = None,
               people: set[str] | None = None) -> dict:
    """Knight Lab TimelineJS3 JSON of the storyline: one slide per dated entry, headlined, its
    sentence quoted (as its media) and its sources cited by outlet, title, date and URL; sections
    as groups.

    ``title`` defaults to :func:`story_title`; ``articles`` (views.sources.article_index) gives
    the sources' titles and URLs. Week, month and year entries span to their last day. Undated
    reports have no place on a timeline and are left out."""
    events = []
    dated = [e for e in entries if is_dated(e)]
    for e in dated:
        cited = cited_sources(e, articles)
        slide = {
            "start_date": _start_date(e["date"], e["granularity"]),
            "text": {"headline": _esc(headline_of(e)), "text": _slide_text(e, cited)},
            "group": SECTION_GROUPS.get(section_of(e), "The story"),
            "display_date": display_date(e["date"]),
            "unique_id": e.get("id") or f"entry-{len(events)}",
        }
        end = _end_date(e["date"], e["granularity"])
        if end:
            slide["end_date"] = end
        slide["media"] = _media(e, cited)
        events.append(slide)
    title = title or story_title(entries, people=people)
    outlets = {c.get("outlet") or c["article"] for e in dated for c in cited_sources(e, articles)}
    intro = (f"<p>{len(events)} event{'s' if len(events) != 1 else ''}"
             f"{', ' + date_span(dated) if dated else ''}, from {len(outlets)} "
             f"source{'s' if len(outlets) != 1 else ''}.</p>") if events else ""
    return {"title": {"text": {"headline": _esc(title), "text": intro}}, "events": events}


TIMELINEJS_CSV_COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
                          "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
                          "Media Thumbnail", "Type", "Group", "Background")


def timelinejs_csv(entries: list[dict], title: str | None = None, *, articles: dict[str, dict] | None = None) -> str:
    """Knight Lab's Google-spreadsheet template as CSV (its columns, a ``title`` row first), so a
    producer can edit the timeline in a spreadsheet before publishing it. Same slides as :func:`timelinejs`."""
    doc = timelinejs(entries, title, articles=articles)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(TIMELINEJS_CSV_COLUMNS)
    head = doc["title"]["text"]
    writer.writerow([""] * 9 + [head["headline"], head["text"], "", "", "", "", "title", "", ""])
    for s in doc["events"]:
        start, end, media = s["start_date"], s.get("end_date") or {}, s.get("media") or {}
        writer.writerow([start["year"], start.get("month", ""), start.get("day", ""), "",
                         end.get("year", ""), end.get("month", ""), end.get("day", ""), "",
                         s["display_date"], s["text"]["headline"], s["text"]["text"], media.get("url", ""),
                         media.get("credit", ""), media.get("caption", ""), "", "", s["group"], ""])
    return buf.getvalue()


CSV_COLUMNS = ("date", "granularity", "type", "modality", "summary", "actors", "source_count",
               "independent_sources", "date_conflict", "date_explain", "sources", "headline", "section",
               "source_outlets", "source_titles", "source_dates", "source_urls")


def timeline_csv(entries: list[dict], *, articles: dict[str, dict] | None = None) -> str:
    """One row per entry; ``sources`` lists "article@start-end (outlet, published)" separated by "; ",
    and ``source_outlets``/``source_titles``/``source_dates``/``source_urls`` cite each source
    article once, in the same order, separated by " | " (an unknown field is "-").

    An undated report's ``date`` and ``granularity`` are empty: it is never put on its article's day."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        sources = "; ".join(f"{s['article']}@{s['start']}-{s['end']} ({s.get('outlet') or '-'}, {s.get('published') or '-'})"
                            for s in e["sources"])
        cited = cited_sources(e, articles)
        dated = is_dated(e)
        writer.writerow([e["date"] if dated else "", e.get("granularity") if dated else "", e["type"], e["modality"],
                         e["summary"], "; ".join(e["actors"]), e["source_count"], e["independent_sources"],
                         int(bool(e.get("date_conflict"))), (e.get("date_explain") or "") if dated else "", sources,
                         headline_of(e), section_of(e),
                         *(" | ".join(" ".join(str(c.get(f) or "-").split()) for c in cited)
                           for f in ("outlet", "title", "published", "url"))])
    return buf.getvalue()


EXPORT_FORMATS = ("timelinejs", "timelinejs-csv", "csv")


def render_export(fmt: str, entries: list[dict], *, title: str | None = None,
                  articles: dict[str, dict] | None = None) -> str:
    """The text of one export format (:data:`EXPORT_FORMATS`) of the entries; ``title`` defaults
    to :func:`story_title` of the entries."""
    if fmt == "timelinejs":
        return json.dumps(timelinejs(entries, title, articles=articles), ensure_ascii=False, indent=2) + "\n"
    if fmt == "timelinejs-csv":
        return timelinejs_csv(entries, title, articles=articles)
    if fmt == "csv":
        return timeline_csv(entries, articles=articles)
    raise ValueError(f"unknown export format {fmt!r}; use {', '.join(EXPORT_FORMATS)}")


def people_among(conn: sqlite3.Connection, names) -> dict[str, int]:
    """Which of the actor names are people, with the number of articles naming each: the most
    mentioned entity of that name is a PERSON (NER can also make a person of a place: "Marenza"
    the city, 10 mentions, and once a PERSON)."""
    out: dict[str, int] = {}
    seen: set[str] = set()
    for name, kind, articles in conn.execute(  # the most mentioned entity of each name first
            "SELECT name, type, articles FROM entities WHERE name IN (SELECT value FROM json_each(?)) "
            "ORDER BY name, mentions DESC, id", (json.dumps(sorted(set(names))),)):
        if name not in seen:
            seen.add(name)
            if kind.split("#")[0] == "PERSON":
                out[name] = articles
    return out
