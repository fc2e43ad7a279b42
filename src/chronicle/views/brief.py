"""The briefing: what happened, the timeline, numbers in dispute, key quotes, who is who; every line footnoted.

Built as blocks first (sections of rows, each row citing its source articles), then rendered
from a Jinja2 template (views/templates) to Markdown or HTML, so both formats say the same
thing. A footnote is a source article, cited by outlet, title, date and URL (views/sources.py).
"What happened" is the story's arc: its top milestones (section ``story``) in date order, each
headline first, then the sentence quoted from a source. Undated reports are never put on a
day: they are listed, when asked for, as reported by their articles. Article text is untrusted:
HTML-escaped in HTML (Jinja2 autoescape), neutralised for Markdown by views/markdown.py.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

from chronicle.dates import DateValue
from chronicle.store.db import in_chunks
from chronicle.views.exports import display_date, headline_of, is_dated, quoted, section_of, story_title
from chronicle.views.sources import cite

MILESTONES = 10  # "What happened": the story's most important entries
PART_LINES = 40  # each timeline part's most important entries (in date order); the rest are counted
CHANGED_LINES = 8  # "What changed since …" (brief --since): the digest's first lines
WHO_IS_WHO = 8  # people in "Who is who"
_PARTS = (("story", "Timeline"), ("upcoming", "Coming up"), ("background", "Background"),
          ("undated", "Undated reports"))
TEMPLATES = Path(__file__).parent / "templates"


class _Notes:
    """Footnotes: one per source article, numbered in order of first use."""

    def __init__(self, articles: dict[str, dict] | None) -> None:
        self.items: list[dict] = []
        self._index: dict[str, int] = {}
        self._articles = articles or {}

    def cite(self, sources) -> list[int]:
        out = []
        for s in sources:
            if s["article"] not in self._index:
                self.items.append(cite(s, self._articles))
                self._index[s["article"]] = len(self.items)
            out.append(self._index[s["article"]])
        return sorted(set(out))


def _row(text: str, notes: list[int], *, when: str | None = None, head: str | None = None) -> dict:
    """One line of the brief: an optional date ("Week of 8 September 2025") and lead (shown bold),
    the text, its footnotes."""
    return {"when": when[:1].upper() + when[1:] if when else None, "head": head, "text": text, "notes": notes}


def _rank(e: dict):
    """Most important first (then most independent sources, then the earliest date, undated last)."""
    return (-e.get("importance", 0), -e["independent_sources"], e.get("date") or "~", e.get("id") or "")


def _start(e: dict):
    return (DateValue.parse(e["date"]).start, e["date"], e.get("id") or "")


def build_brief(timeline: list[dict], quotes: list[dict], actors: list[dict], *, top: int = MILESTONES,
                title: str | None = None, articles: dict[str, dict] | None = None,
                disputed: list[dict] | None = None, extra_sections: list[tuple[str, list]] | None = None,
                milestones: list[str] | None = None, part_lines: int = PART_LINES) -> dict:
    """Blocks of the brief: ``{"title", "sections": [(heading, [row])], "notes": [citation]}``, a row
    ``{"when", "head", "text", "notes": [note numbers]}``.

    ``timeline`` holds the entries to brief on (of the sections chosen); "What happened" takes
    the ``top`` most important dated ``story`` entries among them, in date order, and "Also on
    the timeline" the rest of the story (each entry once), then come the other sections. ``quotes``
    are the key quotes (:func:`key_quotes`), ``actors`` who is who (:func:`actors_of`),
    ``disputed`` the disputed claim groups (views.claims.claim_groups), ``articles`` the
    citation fields of the sources (views.sources.article_index). ``extra_sections`` are
    ``(heading, lines)`` added after "What happened", a line being a string or ``(text, sources)``
    where each source is a dict with an ``article`` id (a timeline source, a quote, a claim):
    the hook for "What changed since …". ``milestones``: the ids of "What happened", as
    ``timeline --top`` ranks them (one or two a day: views.timeline.top_ids), else the ``top`` most
    important. Each timeline part lists its ``part_lines`` most important entries in date order
    and counts the rest, so a 250-article pile still gives a brief a desk reads through.
    """
    notes = _Notes(articles)
    story = [e for e in timeline if is_dated(e) and section_of(e) == "story"]
    if milestones is not None:
        chosen = set(milestones)
        ranked = [e for e in story if e.get("id") in chosen][:top]
    else:
        ranked = sorted(story, key=_rank)[:top]
    ranked.sort(key=_start)
    happened = [_row(quoted(e["summary"]), notes.cite(e["sources"]), when=display_date(e["date"]),
                     head=_sentence(headline_of(e))) for e in ranked]
    sections = [("What happened", happened)]
    for heading, lines in extra_sections or ():
        sections.append((heading, [_row(line, []) if isinstance(line, str) else _row(line[0], notes.cite(line[1]))
                                   for line in lines]))
    told = {id(e) for e in ranked}
    for name, heading in _PARTS:
        # a one-page brief says each thing once: the story's other entries, after its milestones
        part = [e for e in timeline if section_of(e) == name and id(e) not in told]
        if name == "story" and ranked:
            heading = "Also on the timeline"
        kept = sorted(part, key=_rank)[:part_lines] if len(part) > part_lines else part
        rows = [_row(_sentence(headline_of(e)), notes.cite(e["sources"]), when=display_date(e["date"]))
                for e in sorted((e for e in kept if is_dated(e)), key=_start)]
        rows += [_row(_sentence(headline_of(e)), notes.cite(e["sources"]), when=f"Undated, reported {_reported(e)}")
                 for e in kept if not is_dated(e)]
        if len(part) > len(kept):
            rows.append(_row(f"{len(part) - len(kept):,} more, less cited: the whole list is given by "
                             f"chronicle timeline --section {name}", []))
        sections.append((heading, rows))
    sections.append(("Numbers in dispute", [_dispute(g, notes) for g in disputed or ()]))
    sections.append(("Key quotes", [_row(quoted(_quote_text(q["text"])), notes.cite([q]), head=q["speaker"])
                                    for q in quotes]))
    sections.append(("Who is who", [_row(a.get("role") or _involvement(a), notes.cite(a["sources"][:1]),
                                         head=a["name"]) for a in actors]))
    return {"title": title or story_title(timeline), "sections": [(t, rows) for t, rows in sections if rows],
            "notes": notes.items}


def _sentence(text: str) -> str:
    """A headline as a sentence: "Trump and Putin speak by phone." (no doubled stop)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _quote_text(text: str) -> str:
    """A quotation as it stands alone: the comma that led back into the sentence becomes a stop."""
    text = text.strip()
    return text[:-1] + "." if text.endswith(",") else text


def _involvement(a: dict) -> str:
    n = a.get("entries") or len(a["sources"])
    return f"named in {n} timeline entr{'ies' if n != 1 else 'y'}."


def _dispute(group: dict, notes: _Notes) -> dict:
    """A disputed figure: each value with who gives it ("150, per Lusara Broadcasting Corporation")."""
    seen, parts = set(), []
    for c in group["claims"]:
        who = c.get("claimant_text") or c.get("claimant") or c.get("outlet") or "an unnamed source"
        key = (c["text"], who)
        if key not in seen:
            seen.add(key)
            parts.append(f"{c['text']} according to {who}")
    when = display_date(group["claims"][0]["date"]) if group["claims"][0].get("date") else None
    counts = (group.get("counts") or "figure").strip()
    return _row(f"{counts[0].upper()}{counts[1:]}: {'; '.join(parts)}.", notes.cite(group["claims"]), when=when)


def _reported(e: dict) -> str:
    """When an undated report was published: "by 19 March 2025" (on or before its articles)."""
    days = sorted(s["published"] for s in e.get("sources") or () if s.get("published"))
    day = e.get("on_or_before") or (days[0] if days else None)
    return f"by {display_date(day)}" if day else "with no date"


def key_quotes(quotes: list[dict], n: int = 8, *, people: set[str] | None = None,
               marked: set[tuple[str, int]] | None = None, per_speaker: int = 2) -> list[dict]:
    """The quotes worth a brief: a named speaker's own words in quote marks (``direct``), 6-45
    words, not the tail of a quote broken by "he said" (it starts in lower case), most reprinted
    first, one per quotation and at most ``per_speaker`` per speaker (a brief hears several
    voices); returned in date order.

    ``people`` (when given) keeps speakers who are people, not a place or "ministry" the
    attribution was resolved to; ``marked`` (when given) the (article, start) of quotes that
    stand between quote marks in their article (:func:`quotes_in_marks`)."""
    seen, chosen = set(), []
    ranked = sorted(
        (q for q in quotes if q.get("speaker") and q.get("kind") == "direct"
         and (people is None or q["speaker"] in people)
         and (marked is None or (q["article"], q["start"]) in marked)
         and 6 <= len(q["text"].split()) <= 45 and not q["text"].lstrip()[:1].islower()),
        key=lambda q: (-len(q.get("carried_by") or [q["article"]]), q.get("published") or "", q["article"], q["start"]))
    voices: Counter = Counter()
    for q in ranked:
        key = q.get("quotation") or (q["article"], q["start"])
        if key not in seen and voices[q["speaker"]] < per_speaker:
            seen.add(key)
            voices[q["speaker"]] += 1
            chosen.append(q)
        if len(chosen) == n:
            break
    return sorted(chosen, key=lambda q: (q.get("published") or "", q["article"], q["start"]))


_OPENING, _CLOSING = "\"“‘'«", "\"”’'»"


def quotes_in_marks(conn: sqlite3.Connection, quotes: list[dict]) -> set[tuple[str, int]]:
    """The (article, start) of the quotes whose words stand between quote marks in the article:
    the mark just before the words, and one just after them (past a closing comma or stop)."""
    texts: dict[str, str] = {}
    for chunk, marks in in_chunks({q["article"] for q in quotes}):
        texts.update(conn.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk).fetchall())
    found = set()
    for q in quotes:
        text = texts.get(q["article"])
        if text is None:
            continue
        before, after = text[max(0, q["start"] - 2):q["start"]], text[q["end"]:q["end"] + 2]
        if before.rstrip()[-1:] in _OPENING and (after[:1] in _CLOSING or after[1:2] in _CLOSING):
            found.add((q["article"], q["start"]))
    return found


def actors_of(timeline: list[dict], *, people: set[str] | None = None, roles: dict[str, dict] | None = None,
              n: int = WHO_IS_WHO, also=()) -> list[dict]:
    """Who is who: the timeline's actors (its people, when ``people`` names any), most involved
    first, each with its role (``roles``: name -> {"role", "article"}, cited to the article that
    gives it) or else the source sentences that name it; then the names in ``also`` (the key
    quotes' speakers) that have a role, so a reader knows who is quoted."""
    count: Counter = Counter()
    entries: Counter = Counter()
    sources: dict[str, list[dict]] = {}
    for e in timeline:
        for a in dict.fromkeys(e["actors"]):
            count[a] += e["independent_sources"]
            entries[a] += 1
            sources.setdefault(a, []).extend(e["sources"][:1])
    names = [a for a, _ in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))]
    if people and any(a in people for a in names):
        names = [a for a in names if a in people]
    # a name met once with no role is more likely an NER slip ("Civic Front" as a person) than a protagonist
    names = [a for a in names if a in (roles or {}) or entries[a] > 1] or names
    out = []
    for a in names[:n]:
        role = (roles or {}).get(a)
        cited = [{"article": role["article"]}] if role and role.get("article") else sources[a]
        out.append({"name": a, "role": _sentence(role["role"][0].upper() + role["role"][1:]) if role else None,
                    "entries": entries[a], "sources": cited})
    for a in dict.fromkeys(also):
        role = (roles or {}).get(a)
        if role and a not in names[:n]:
            out.append({"name": a, "role": _sentence(role["role"][0].upper() + role["role"][1:]), "entries": 0,
                        "sources": [{"article": role["article"]}]})
    return out


def roles_of(conn: sqlite3.Connection, names) -> dict[str, dict]:
    """Each named entity's most recent role ("Lusara's foreign minister") and the article giving it;
    a role that is only a bare title ("President") yields to a fuller one, and a role that two articles
    or more give to one that a single article gives ("actual President" from one line of one page, where
    75 give "President" and 23 "U.S. President")."""
    rows = conn.execute(
        "SELECT e.name, r.role, r.article_id FROM entity_roles r JOIN entities e ON e.id = r.entity_id "
        "WHERE e.name IN (SELECT value FROM json_each(?)) ORDER BY e.name, COALESCE(r.published, '') DESC, r.role",
        (json.dumps(sorted(set(names))),))
    given: dict[str, dict[str, list]] = {}  # name -> role as read -> [its most recent article, the articles giving it]
    for name, role, article in rows:
        entry = given.setdefault(name, {}).setdefault(_unshouted(role), [article, set()])
        entry[1].add(article)
    out: dict[str, dict] = {}
    for name, roles in given.items():
        shared = [r for r, (_, articles) in roles.items() if len(articles) >= 2]
        for role in shared or list(roles):  # most recent first
            article = roles[role][0]
            if name not in out or (_stamped(out[name]["role"]) and not _stamped(role)) or (
                    len(out[name]["role"].split()) == 1 < len(role.split()) and not _stamped(role)):
                out[name] = {"role": role, "article": article}
        bare = out[name]["role"]
        if len(bare.split()) == 1:  # "Secretary" -> "U.S. Secretary of State", which one article gives
            fuller = next((r for r in roles if len(r.split()) > 1 and not _stamped(r)
                           and bare.lower() in r.lower().split()), None)
            if fuller is not None:
                out[name] = {"role": fuller, "article": roles[fuller][0]}
    return out


def _stamped(role: str) -> bool:
    """A role behind a live page's clock stamp ("1611 US President"): another of the person's roles is
    taken instead where there is one."""
    return role[:1].isdigit()


_SMALL = frozenset({"of", "the", "and", "for", "to", "in", "on", "at", "a", "an"})


def _unshouted(role: str) -> str:
    """A role a page printed in capitals, as a reader reads it: "U.S. SECRETARY OF STATE" -> "U.S. Secretary of State"."""
    letters = [c for c in role if c.isalpha()]
    if len(letters) <= 3 or not all(c.isupper() for c in letters):
        return role
    def word(i: int, w: str) -> str:
        if w.lower() in _SMALL:
            return w.lower() if i else w.capitalize()
        return w if "." in w or len(w) <= 3 else w.capitalize()  # "U.S.", "UN", "CEO" stay
    return " ".join(word(i, w) for i, w in enumerate(role.split()))


def brief_blocks(conn: sqlite3.Connection, entries: list[dict], quotes: list[dict], *, top: int = MILESTONES,
                 title: str | None = None, extra_sections: list | None = None,
                 milestones: list[str] | None = None) -> dict:
    """:func:`build_brief` of a store's entries and quotes, with what it reads from the store: the
    source articles' citations, the people among the actors and their roles, the disputed numbers."""
    from chronicle.views.claims import claim_groups
    from chronicle.views.exports import people_among
    from chronicle.views.sources import article_index

    names = {a for e in entries for a in e["actors"]} | {q["speaker"] for q in quotes if q.get("speaker")}
    people = people_among(conn, names)
    direct = [q for q in quotes if q.get("kind") == "direct"]
    chosen = key_quotes(direct, people=people, marked=quotes_in_marks(conn, direct))
    actors = actors_of(entries, people=people, roles=roles_of(conn, people), also=[q["speaker"] for q in chosen])
    disputed = [g for g in claim_groups(conn, disputed=True)]
    cited = entries + chosen + [{"article": s["article"]} for a in actors for s in a["sources"]] + \
        [c for g in disputed for c in g["claims"]] + \
        [{"sources": line[1]} for _, lines in extra_sections or () for line in lines if not isinstance(line, str)]
    return build_brief(entries, chosen, actors, top=top, title=title, articles=article_index(conn, cited),
                       disputed=disputed, extra_sections=extra_sections, milestones=milestones)


def _environment(fmt: str):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from chronicle.views.markdown import md_inline

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=fmt == "html", undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md_inline
    env.filters["day"] = lambda v: display_date(v) if v else ""
    return env


_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")


def _notes(brief: dict) -> list[dict]:
    """The footnotes as the templates show them: numbered, an unnamed outlet said so, and only an
    http(s) URL a link (a ``javascript:`` one, or one that would break out of ``<…>``, is dropped)."""
    return [{"n": i, "article": c["article"], "outlet": c.get("outlet") or "Unnamed outlet", "title": c.get("title"),
             "published": c.get("published"),
             "url": c["url"] if c.get("url") and _SAFE_URL.match(c["url"]) else None}
            for i, c in enumerate(brief["notes"], 1)]


def render_markdown(brief: dict, title: str | None = None) -> str:
    """The brief as CommonMark that reads well raw: footnotes are "[1, 2]", pointing at the
    numbered source list at the end."""
    return _environment("md").get_template("brief.md.j2").render(
        brief=brief, notes=_notes(brief), title=title or brief["title"])


def render_html(brief: dict, title: str | None = None) -> str:
    """The brief as one standalone, phone-readable HTML page, styled like the web page."""
    return _environment("html").get_template("brief.html.j2").render(
        brief=brief, notes=_notes(brief), title=title or brief["title"])
