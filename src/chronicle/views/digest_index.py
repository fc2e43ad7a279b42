"""The digest's index: what each candidate line of "what changed since DATE" weighs whatever DATE is.

A digest line's weight (chronicle.views.digest_items) is a product: its kind's weight, its host
entry's strength, its own factors (a stance's kind, a disputed figure, a heading echo), and three
factors that depend on the date asked about: the lead factor (the host is reported in the lead
of an article published after the date), ``old`` (the line's date ends before the date) and the
caps and decays of the ranking. All but those three are fixed once the timeline is built, so
they are computed here, once per timeline (stored by chronicle.store.digest in the same
transaction as the timeline), with an upper *bound* of the weight: the weight with the lead
factor assumed and the other factors at 1. chronicle.views.digest then reads the rows of the
new articles in order of their bound and stops when the next bound is below the last line it
keeps (the threshold algorithm), so a digest weighs a few hundred lines, not every line of the
new articles (27,600 of them half way through Timeline17).

Rows (dicts, the stored columns):
- entries: ``id, strength`` (importance / the median story importance), ``section, date,
  headline, first_pub, last_pub`` (first and last publication among its sources; '' for an
  undated article, which counts as older than any date), ``lead_until`` (the last publication of
  an article whose lead cites it), ``range_start, range_end`` (the timeline's order), ``bound``;
- details: ``kind, article, published, headline, date, refs`` (JSON), ``sentence`` (one line per
  source sentence), ``hosts`` (JSON ``[start, entry, strength, section, date, lead_until]`` of
  every entry citing the sentence), ``factor`` (every since-free factor, kind included),
  ``news, retells``, and for a figure ``figure`` (the key one line stands for: its dispute group,
  or what it counts and its value) and ``figure_first`` (the first publication giving it).
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import statistics
from collections import defaultdict
from importlib import resources

from chronicle.views import digest_items as items
from chronicle.views.claims import claims_view
from chronicle.views.positions import positions_view
from chronicle.views.quotes import speaker_map

INDEX_CODE = "1"  # bump when what the rows hold, or how they are weighed, changes (a line's wording alone is
# refreshed at the next ingest: a bump sends every older store to the slow path until then)


def quote_headline(name: str, text: str, kind: str | None) -> str:
    """A quote's digest line. Only a direct quote is all the speaker's own words, so only it goes in
    quote marks; a mixed or indirect one is the reporter's words with the speaker's quoted inside
    (which keep their own marks), less the "that" the reporting verb left:

    >>> quote_headline("Ana Ruiz", "We will not sign it.", "direct")
    'Ana Ruiz: “We will not sign it”'
    >>> quote_headline("Ana Ruiz", 'that the port stayed "open for business"', "mixed")
    'Ana Ruiz: the port stayed "open for business"'
    """
    if kind == "direct":
        return f"{name}: “{items._clip(text.strip(items._QUOTE_EDGES), 14)}”"
    body = _REPORTED_OPENER.sub("", text.strip(" ,.;:"), count=1)
    clipped = items._clip(body, 14)
    if any(clipped.count(a) % 2 for a in ('"', "``")) or clipped.count("“") > clipped.count("”"):
        clipped = items._clip(body, len(body.split()))  # not cut inside the speaker's own words
    return f"{name}: {clipped}"


_REPORTED_OPENER = re.compile(r"^(?:that|whether|if)\s+", re.I)


def index_version() -> str:
    """The index code and the shipped weights it was built with: a store built with other weights
    (or older code) is weighed from its rows instead."""
    text = resources.files("chronicle.data").joinpath("digest/digest.toml").read_bytes()
    return f"{INDEX_CODE}:{hashlib.sha256(text).hexdigest()[:16]}"


def index_rows(conn: sqlite3.Connection, settings: dict, *, after: str | None = None) -> tuple[list[dict], list[dict]]:
    """``(entries, details)`` for the whole store, or (``after``, an ISO time) for the articles
    published after it: the entries citing one of them, and their details."""
    strength_cfg = settings["strength"]
    lead = strength_cfg["lead"]
    story = [r[0] for r in conn.execute("SELECT importance FROM timeline_entries WHERE section = 'story'")]
    scale = statistics.median(story) if story and statistics.median(story) > 0 else 1.0
    published = {a: p or "" for a, p in conn.execute("SELECT id, published_start FROM articles")}
    scope = {a for a, p in published.items() if after is None or p > after}

    # Every source sentence of every entry: the entries' span of publications, and who cites what.
    spans: dict[str, list[tuple]] = defaultdict(list)
    pubs: dict[str, list[str]] = defaultdict(list)
    info: dict[str, tuple] = {}
    for article, start, end, entry, section, importance, date, headline, summary, etype, s_art, s_start, s_end, \
            range_start, range_end in conn.execute(
                "SELECT s.article_id, s.start_char, s.end_char, e.id, COALESCE(e.section, 'story'), e.importance, "
                "CASE WHEN e.section IN ('story', 'upcoming') THEN e.date WHEN e.section = 'undated' THEN NULL "
                "ELSE json_extract(e.view, '$.date') END, e.headline, e.summary, e.type, "
                "e.summary_article, e.summary_start, e.summary_end, e.range_start, e.range_end "
                "FROM timeline_sources s JOIN timeline_entries e ON e.id = s.entry_id"):
        pubs[entry].append(published.get(article, ""))
        info[entry] = (section, round(importance, 4) / scale, date,
                       items._headline({"headline": headline, "summary": summary, "type": etype}),
                       (s_art, s_start, s_end) if s_art is not None else None, range_start, range_end)
        if article in scope:
            spans[article].append((start, end, entry))
    leads = _lead_until(conn, spans, scope, published, int(strength_cfg["lead_sentences"]))

    entries = []
    for entry, (section, strength, date, headline, _summary, range_start, range_end) in info.items():
        first, last = min(pubs[entry]), max(pubs[entry])
        if after is not None and last <= after:
            continue
        best = max(settings["kinds"][k] for k in ("event", "sources", "date_change"))
        entries.append({"id": entry, "strength": strength, "section": section, "date": date, "headline": headline,
                        "first_pub": first, "last_pub": last, "lead_until": leads.get(entry),
                        "range_start": range_start, "range_end": range_end,
                        "bound": best * strength * (lead if entry in leads else 1.0)})

    host_rows = {e: (info[e], leads.get(e)) for e in info}
    writer = _Details(conn, settings, scope, published, spans, host_rows)
    writer.positions(positions_view(conn, after=after))
    writer.claims(claims_view(conn, after=after))
    writer.quotes(after)
    return entries, writer.rows


def sums_up(summary: tuple[str, int, int] | None, article: str, offset: int) -> bool:
    """Whether ``offset`` of ``article`` falls in an entry's summary sentence ``(article, start, end)``:
    a stance or a figure read there is the entry's news told again (ranked as a repeat)."""
    return bool(summary and summary[0] == article and summary[1] <= offset < summary[2])


def _lead_until(conn, spans: dict, scope: set[str], published: dict, n: int) -> dict[str, str]:
    """Entry -> the last publication of an article (in scope) one of whose first ``n`` body
    sentences (headings skipped) the entry cites."""
    out: dict[str, str] = {}
    for article in sorted(spans):
        firsts = [r[0] for r in conn.execute(
            "SELECT start_char FROM sentences WHERE article_id = ? AND is_heading = 0 ORDER BY idx LIMIT ?",
            (article, n))]
        when = published.get(article, "")
        for start, end, entry in spans[article]:
            if any(start <= at < end for at in firsts):
                out[entry] = max(out.get(entry, when), when)
    return out


class _Details:
    """Builds the detail rows, reading each article's headings and title once."""

    def __init__(self, conn, settings, scope, published, spans, host_rows):
        self.conn, self.settings, self.scope, self.published = conn, settings, scope, published
        self.spans, self.host_rows = spans, host_rows
        self.on_topic = scope - {r[0] for r in conn.execute("SELECT id FROM articles WHERE off_topic = 1")}
        self.rows: list[dict] = []
        self._headings: dict[str, list[tuple[int, set[str]]]] | None = None
        self._titles: dict[str, set[str]] | None = None
        self._stems: dict[str, set[str]] = {}

    def add(self, kind: str, article: str, offset: int, date: str | None, factor: float, headline: str,
            refs: list[str], sentence: str, text: str, *, news: bool = False, figure: str | None = None,
            figure_first: str | None = None) -> None:
        strength = self.settings["strength"]
        hosts, retells, best = [], False, 0.0
        for start, end, entry in self.spans.get(article, ()):
            if not start <= offset < end:
                continue
            (section, s0, hdate, _headline, summary, *_order), lead_until = self.host_rows[entry]
            hosts.append([start, entry, s0, section, hdate, lead_until])
            retells = retells or sums_up(summary, article, offset)
            best = max(best, s0 * (strength["lead"] if lead_until is not None else 1.0))
        if self._echoes(article, offset, text):
            factor *= strength["echo"]
        factor *= self.settings["kinds"][kind]
        self.rows.append({
            "id": len(self.rows) + 1, "kind": kind, "article": article, "published": self.published.get(article, ""),
            "headline": headline, "date": date, "refs": json.dumps(refs, ensure_ascii=False), "sentence": sentence,
            "hosts": json.dumps(hosts, ensure_ascii=False), "factor": factor, "news": int(news),
            "retells": int(retells), "figure": figure, "figure_first": figure_first,
            "bound": factor * (best if hosts else strength["unhosted"])})

    def positions(self, positions: list[dict]) -> None:
        cfg, verbs = self.settings["positions"], self.settings["wording"]["stances"]
        for p in positions:
            if p["article"] not in self.on_topic:
                continue
            factor = cfg["stances"].get(p["stance"], 1.0) * (cfg["revises"] if p.get("revises") else 1.0)
            verb = verbs.get(p["stance"], p["stance"])
            headline = f"{p['actor']} {'now ' if p.get('revises') else ''}{verb}: {items._clip(p['text'])}"
            refs = [p["id"]] + ([p["revises"]] if p.get("revises") else [])
            self.add("position", p["article"], p["start"], p.get("date"), factor, headline, refs,
                     f"{p['article']}@{p['sentence_start']}", p.get("sentence") or "", news=bool(p.get("revises")))

    def claims(self, claims: list[dict]) -> None:
        cfg = self.settings["claims"]
        first: dict[tuple, str] = {}
        for counts, value, high, unit, when in self.conn.execute(
                "SELECT c.counts, c.value, c.value_high, c.unit, COALESCE(a.published_start, '') "
                "FROM claims c JOIN articles a ON a.id = c.article_id"):
            key = items._figure({"counts": counts, "value": value, "value_high": high, "unit": unit})
            first[key] = min(first.get(key, when), when)
        values: dict[str, set[str]] = {}
        disputed = sorted({c["group"] for c in claims if c["disputed"]})
        for group, text in self.conn.execute("SELECT group_key, text FROM claims WHERE group_key IN "
                                             "(SELECT value FROM json_each(?))", (json.dumps(disputed),)):
            values.setdefault(group, set()).add(text)
        suffix: dict[str, str] = {}
        for c in claims:
            if c["article"] not in self.on_topic or not (c.get("counts") or "").strip():
                continue
            factor = cfg["modality"].get(c.get("modality") or "happened", 1.0) * (cfg["disputed"] if c["disputed"] else 1.0)
            headline = items.claim_headline(c)
            if c["disputed"]:
                if c["group"] not in suffix:
                    given = sorted(values.get(c["group"], {c["text"]}), key=items._numeric)
                    suffix[c["group"]] = f" (disputed: sources give {', '.join(given[:4])}{', …' if len(given) > 4 else ''})"
                headline += suffix[c["group"]]
            figure = items._figure(c)
            key = "group:" + c["group"] if c["disputed"] else "figure:" + json.dumps(figure, ensure_ascii=False)
            self.add("claim", c["article"], c["start"], c.get("date"), factor, headline, [c["id"]],
                     f"{c['article']}@{c['sentence_start']}", c.get("sentence") or "", news=bool(c["disputed"]),
                     figure=key, figure_first=first.get(figure, ""))

    def quotes(self, after: str | None) -> None:
        cfg = self.settings["quotes"]
        rows = self.conn.execute(
            "SELECT q.article_id, q.idx, q.speaker, q.text, q.kind, q.start_char FROM quotes q "
            "JOIN articles a ON a.id = q.article_id WHERE a.off_topic = 0 AND q.speaker IS NOT NULL "
            "AND (q.speaker_kind IS NULL OR q.speaker_kind <> 'described')"
            + (" AND a.published_start > ?" if after is not None else "")
            + " ORDER BY a.published_start, a.seq, q.idx", (after,) if after is not None else ()).fetchall()
        names = speaker_map(self.conn, {r[2] for r in rows})
        types = cfg["speaker_types"]
        reach = dict(self.conn.execute(
            f"SELECT name, MAX(articles) FROM entities WHERE type IN ({','.join('?' * len(types))}) GROUP BY name",
            types).fetchall())
        for article, idx, speaker, text, kind, start in rows:
            name = names.get(speaker, speaker)
            if reach.get(name, 0) < cfg["min_speaker_articles"] or len(text.split()) < cfg["min_words"]:
                continue
            headline = quote_headline(name, text, kind)
            self.add("quote", article, start, None, cfg["kinds"].get(kind, 0.5), headline, [f"{article}-q{idx}"],
                     f"{article}@q{start}", text)

    def _echoes(self, article: str, offset: int, sentence: str) -> bool:
        """Whether the sentence repeats the words of the heading it stands under (or of the title when
        it stands under none): a section's heading names its key fact."""
        heading = None
        for start, words in self._heading_words().get(article, ()):
            if start <= offset:
                heading = words
        if heading is None:
            heading = self._title_words().get(article, set())
        words = self._stems.get(sentence)
        if words is None:  # a sentence holding several figures or stances is read once
            words = self._stems[sentence] = items.stems(sentence, common=True)
        shared = heading & words
        return len(shared) >= int(self.settings["strength"]["echo_words"])

    def _heading_words(self) -> dict[str, list[tuple[int, set[str]]]]:
        if self._headings is None:
            self._headings = {}
            for article, start, text in self.conn.execute(
                    "SELECT s.article_id, s.start_char, substr(a.text, s.start_char + 1, s.end_char - s.start_char) "
                    "FROM sentences s JOIN articles a ON a.id = s.article_id WHERE s.is_heading = 1 "
                    "ORDER BY s.article_id, s.start_char"):
                if article in self.scope:
                    self._headings.setdefault(article, []).append((start, items.stems(text)))
        return self._headings

    def _title_words(self) -> dict[str, set[str]]:
        if self._titles is None:
            self._titles = {a: items.stems(t or "") for a, t in self.conn.execute("SELECT id, title FROM articles")
                            if a in self.scope}
        return self._titles
