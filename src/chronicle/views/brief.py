"""The briefing: what happened, the timeline, key quotes, who is involved; every sentence footnoted.

Built as a list of blocks (heading, paragraph with footnote ids) first, then rendered to
Markdown or HTML, so both formats say the same thing and escape the same untrusted text.
"What happened" is the story's arc: its top milestones (section ``story``) in date order,
each headline first, then the sentence quoted from a source. Undated reports are never
put on a day: they are listed, when asked for, as reported by their articles.
"""
from __future__ import annotations

import re

import html
from collections import Counter

from chronicle.dates import DateValue
from chronicle.views.exports import display_date, headline_of, is_dated, section_of

MILESTONES = 10  # "What happened": the story's most important entries
_PARTS = (("story", "Timeline"), ("upcoming", "Coming up"), ("background", "Background"),
          ("undated", "Undated reports"))


class _Notes:
    """Footnotes: one per distinct source sentence (article, span), numbered in order of use."""

    def __init__(self) -> None:
        self.items: list[dict] = []
        self._index: dict[tuple, int] = {}

    def cite(self, sources: list[dict]) -> list[int]:
        out = []
        for s in sources:
            key = (s["article"], s["start"], s["end"])
            if key not in self._index:
                self.items.append(s)
                self._index[key] = len(self.items)
            out.append(self._index[key])
        return sorted(set(out))


def _start(e: dict):
    return (DateValue.parse(e["date"]).start, e["date"], e.get("id") or "")


def build_brief(timeline: list[dict], quotes: list[dict], actors: list[dict], *, top: int = MILESTONES) -> dict:
    """Blocks of the brief: {"sections": [(title, [(text, [note ids])])], "notes": [source dicts]}.

    ``timeline`` holds the entries to brief on (of the sections chosen); "What happened" takes
    the ``top`` most important dated ``story`` entries among them, in date order."""
    notes = _Notes()
    story = [e for e in timeline if is_dated(e) and section_of(e) == "story"]
    ranked = sorted(story, key=lambda e: (-e.get("importance", 0), -e["independent_sources"], _start(e)))[:top]
    ranked.sort(key=_start)
    happened = [(f"{display_date(e['date'])}: {headline_of(e)}. “{e['summary']}”", notes.cite(e["sources"][:3]))
                for e in ranked]
    parts = []
    for name, heading in _PARTS:
        part = [e for e in timeline if section_of(e) == name]
        dated = sorted((e for e in part if is_dated(e)), key=_start)
        rows = [(f"{display_date(e['date'])} ({_kind(e)}): {headline_of(e)}. “{e['summary']}”", notes.cite(e["sources"]))
                for e in dated]
        rows += [(f"Undated, reported {_reported(e)} ({_kind(e)}): {headline_of(e)}. “{e['summary']}”",
                  notes.cite(e["sources"])) for e in part if not is_dated(e)]
        parts.append((heading, rows))
    quote_lines = [(f"{q.get('speaker') or q.get('speaker_text') or 'Unattributed'}: “{q['text']}”",
                    notes.cite([{"article": q["article"], "start": q["start"], "end": q["end"],
                                 "outlet": q.get("outlet"), "published": q.get("published"),
                                 "sentence": q["text"]}]))
                   for q in quotes]
    who = [(f"{a['name']}: named in {len(a['sources'])} timeline entr{'ies' if len(a['sources']) != 1 else 'y'}",
            notes.cite(a["sources"][:3])) for a in actors[:10]]
    sections = [("What happened", happened), *parts, ("Key quotes", quote_lines), ("Who is involved", who)]
    return {"sections": [(t, rows) for t, rows in sections if rows], "notes": notes.items}


def _kind(e: dict) -> str:
    n = e["independent_sources"]
    return f"{e['type'].replace('_', ' ')}, {n} independent source{'s' if n != 1 else ''}"


def _reported(e: dict) -> str:
    """When an undated report was published: "by 19 March 2025" (on or before its articles)."""
    days = sorted(s["published"] for s in e.get("sources") or () if s.get("published"))
    day = e.get("on_or_before") or (days[0] if days else None)
    return f"by {display_date(day)}" if day else "with no date"


def key_quotes(quotes: list[dict], n: int = 10) -> list[dict]:
    """The quotes worth a brief: direct words of a named speaker, most reprinted first, one per
    quotation, 6-45 words; returned in date order."""
    seen, chosen = set(), []
    ranked = sorted(
        (q for q in quotes if q.get("speaker") and q.get("kind") in ("direct", "mixed")
         and 6 <= len(q["text"].split()) <= 45),
        key=lambda q: (-len(q.get("carried_by") or [q["article"]]), q.get("published") or "", q["article"], q["start"]))
    for q in ranked:
        key = q.get("quotation") or (q["article"], q["start"])
        if key not in seen:
            seen.add(key)
            chosen.append(q)
        if len(chosen) == n:
            break
    return sorted(chosen, key=lambda q: (q.get("published") or "", q["article"], q["start"]))


def actors_of(timeline: list[dict]) -> list[dict]:
    """The actors of a timeline, most involved first, with the source sentences that name them."""
    count: Counter = Counter()
    sources: dict[str, list[dict]] = {}
    for e in timeline:
        for a in e["actors"]:
            count[a] += e["independent_sources"]
            sources.setdefault(a, []).extend(e["sources"][:1])
    return [{"name": a, "sources": sources[a]} for a, _ in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))]


def _note_text(s: dict) -> str:
    where = ", ".join(x for x in (s.get("outlet"), s.get("published")) if x) or "undated"
    return f"article {s['article']} ({where}), characters {s['start']}–{s['end']}: “{s.get('sentence', '')}”"


_INLINE = re.compile(r"([\\`*_\[\]<>~])|&(?=#?\w+;)")


def md_inline(text: str) -> str:
    """Untrusted text for an inline position (after "# ", "- " or "[^1]: "), escaped only where it
    would otherwise be markup there: emphasis, code, links, inline HTML, entities, a heading's
    closing #s. Dots, dashes and brackets stay as written, so the raw Markdown reads well."""
    text = " ".join(text.split())
    out = _INLINE.sub(lambda m: "\\" + (m.group(1) or "&"), text)
    return re.sub(r"(#+)$", lambda m: "\\" + m.group(1), out)  # "Title #": not a closing sequence


def render_markdown(brief: dict, title: str) -> str:
    out = [f"# {md_inline(title)}", ""]
    for heading, rows in brief["sections"]:
        out += [f"## {heading}", ""]
        for text, ids in rows:
            out.append(f"- {md_inline(text)}" + "".join(f"[^{i}]" for i in ids))
        out.append("")
    for i, s in enumerate(brief["notes"], 1):
        out.append(f"[^{i}]: {md_inline(_note_text(s))}")
    return "\n".join(out) + "\n"


def render_html(brief: dict, title: str) -> str:
    e = html.escape
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{e(title)}</title>",
           "</head><body>", f"<h1>{e(title)}</h1>"]
    for heading, rows in brief["sections"]:
        out.append(f"<h2>{e(heading)}</h2><ul>")
        for text, ids in rows:
            refs = "".join(f'<sup><a href="#note-{i}" id="ref-{i}">{i}</a></sup>' for i in ids)
            out.append(f"<li>{e(text)}{refs}</li>")
        out.append("</ul>")
    out.append("<h2>Sources</h2><ol>")
    for i, s in enumerate(brief["notes"], 1):
        out.append(f'<li id="note-{i}">{e(_note_text(s))}</li>')
    out.append("</ol></body></html>")
    return "\n".join(out) + "\n"
