"""The digest's candidate lines: one per new entry, gained source, moved date, new or revised stance,
new figure, notable quote and new actor, each weighed (chronicle.views.digest ranks them).

Every candidate is a :class:`Candidate`. Its strength is measured in units of a typical story
entry of the store (importance / the median importance of the story entries), so one set of
weights (data/digest/digest.toml) holds on five articles and on five thousand. A figure, a stance
or a quote rides on the timeline entry whose source sentence holds it, and takes its strength:
what a figure or a stance is news about is that entry.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from chronicle.dates import DateValue
from chronicle.timeline.importance import tokenize

STORY, BACKGROUND = "story", "background"
_BACKGROUND_SECTIONS = frozenset({"background", "undated"})


@dataclass
class Candidate:
    """One digest line before ranking. ``hosts`` are the timeline entries it is about (those citing its
    sentence; the sentence ``article@offset`` when none does), ``own`` whether it is an entry's own line
    (event, sources, date_change) rather than a detail riding on it; ``sentence`` keeps one line per
    source sentence."""

    kind: str
    headline: str
    date: str | None
    refs: list[str]
    weight: float
    tier: str = STORY
    hosts: tuple[str, ...] = ()
    sentence: str | None = None
    own: bool = False  # the entry's own line (event, sources, date_change), not a line riding on it
    news: bool = False  # says what its entry's headline cannot: a disputed figure, a stance that moved
    echo: tuple | None = None  # (article, offset, sentence) of a detail, to weigh its heading echo
    retells: bool = False  # a detail taken from the sentence that sums up an entry it rides on

    def key(self) -> tuple:
        """A total order for equal weights: the same store always gives the same digest."""
        return (self.kind, self.date or "", self.headline, tuple(self.refs))


class Weigher:
    """Weighs index rows (views/digest_index.py) for one date: the lead factor (the entry is reported
    in the lead of an article published after it), ``old`` (a line dated before it) and the tier."""

    def __init__(self, conn: sqlite3.Connection, since: DateValue, settings: dict, fresh: int):
        self.conn, self.since, self.settings = conn, since, settings
        self.cutoff = since.end.isoformat()
        self.fresh = range(fresh)  # only its size is read (actor_candidates)
        self._leads: dict[str, bool] = {}

    def strength(self, strength: float, entry: str) -> float:
        """An entry's strength (importance in units of a typical story entry); an entry that a new
        article's lead reports is that article's news (the inverted pyramid) and weighs ``lead`` times more."""
        return strength * (self.settings["strength"]["lead"] if self._leads.get(entry) else 1.0)

    def is_old(self, date: str | None) -> bool:
        value = DateValue.try_parse(date)
        return value is not None and value.end < self.since.start

    def is_history(self, date: str | None) -> bool:
        """Dated before the year the digest starts in: background when no story entry carries it."""
        value = DateValue.try_parse(date)
        return value is not None and value.end.year < self.since.start.year

    def entries(self, rows: list[dict]) -> list[Candidate]:
        """The own lines of index entry rows with a source published after the date: ``event`` for an
        entry citing only such articles, ``sources`` and ``date_change`` for one citing older ones too."""
        from chronicle.views.changes import entry_rows

        for r in rows:
            self._leads[r["id"]] = r["lead_until"] is not None and r["lead_until"] > self.cutoff
        new = [{"id": r["id"], "section": r["section"], "importance": r["strength"], "headline": r["headline"],
                "date": r["date"]} for r in rows if r["first_pub"] > self.cutoff]
        strength = {r["id"]: r["strength"] for r in rows}
        updated = entry_rows(self.conn, sorted(r["id"] for r in rows if r["first_pub"] <= self.cutoff), self.cutoff,
                             updated=True)
        return entry_candidates(self, new, [{**u, "importance": strength[u["id"]]} for u in updated])

    def actors(self) -> list[Candidate]:
        """The new-actor lines that can reach the digest: the first ``per_kind.actor`` in the
        ranking's own order (every actor line is of one kind, tier and date, and unworded alike)."""
        cfg = self.settings["actors"]
        keep = self.settings["limits"]["per_kind"].get("actor", 10**9)
        sql = (f"SELECT name, type, articles FROM entities WHERE type IN ({','.join('?' * len(cfg['types']))}) "
               "AND articles >= ? AND first_published IS NOT NULL AND first_published > ? ORDER BY articles DESC")
        params = [*cfg["types"], cfg["min_articles"], self.cutoff]
        # Most articles first: a line weighs its share of the new articles, capped at 1, so the first
        # rows are the heaviest unless the cap ties more of them than were read.
        rows = [{"name": r[0], "type": r[1], "articles": r[2]} for r in self.conn.execute(sql + " LIMIT ?",
                                                                                        [*params, 4 * keep + 8])]
        if len(rows) == 4 * keep + 8 and min(rows[-1]["articles"], len(self.fresh)) >= min(
                rows[min(keep, len(rows)) - 1]["articles"], len(self.fresh)):
            rows = [{"name": r[0], "type": r[1], "articles": r[2]} for r in self.conn.execute(sql, params)]
        lines = sorted(actor_candidates(self, rows), key=lambda c: (-round(c.weight, 9), c.key()))
        return lines[:keep]

    def detail(self, row: dict) -> Candidate:
        """A stance, figure or quote of a new article: strength and tier from the most important entry
        citing its sentence (what it is news about)."""
        lead = self.settings["strength"]["lead"]
        hosts = sorted((start, -s0 * (lead if lead_until is not None and lead_until > self.cutoff else 1.0), entry,
                        section, date) for start, entry, s0, section, date, lead_until in json.loads(row["hosts"]))
        date, top = row["date"], hosts[0] if hosts else None
        if top is not None:
            base, tier, date = -top[1], BACKGROUND if top[3] in _BACKGROUND_SECTIONS else STORY, date or top[4]
            ids = tuple(h[2] for h in hosts)
        else:
            base, ids = self.settings["strength"]["unhosted"], (row["sentence"],)
            tier = BACKGROUND if self.is_history(date) or date is None else STORY
        if self.is_history(date) and (top is None or top[3] != "story"):
            tier = BACKGROUND
        old = self.settings["strength"]["old"] if self.is_old(date) else 1.0
        return Candidate(row["kind"], row["headline"], date, json.loads(row["refs"]), row["factor"] * base * old, tier,
                         hosts=ids, sentence=row["sentence"], news=bool(row["news"]), retells=bool(row["retells"]))


class IndexReader:
    """The index rows of the articles published after a time: stored (migration 0018) when the store's
    index describes its timeline and was built with these weights, else built for those articles."""

    def __init__(self, conn: sqlite3.Connection, cutoff: str, memory: tuple[list[dict], list[dict]] | None):
        self.conn, self.cutoff = conn, cutoff
        self.memory = None
        if memory is not None:
            entries, details = memory
            self.memory = ({r["id"]: r for r in entries}, {r["id"]: r for r in details})

    @classmethod
    def open(cls, conn: sqlite3.Connection, settings: dict, cutoff: str, *, stored: bool) -> "IndexReader":
        from chronicle.store.digest import index_describes_timeline, index_state
        from chronicle.views.digest_index import index_rows, index_version

        if stored and index_describes_timeline(conn) and index_state(conn).get("version") == index_version():
            return cls(conn, cutoff, None)
        return cls(conn, cutoff, index_rows(conn, settings, after=cutoff))

    def entry_stream(self) -> Iterator[tuple[float, str]]:
        """(bound, id) of the entries citing a new article, heaviest bound first (read as they are asked for)."""
        if self.memory is not None:
            return iter(sorted(((r["bound"], r["id"]) for r in self.memory[0].values() if r["last_pub"] > self.cutoff),
                               key=lambda r: (-r[0], r[1])))
        return self._stream("digest_entries", "last_pub")

    def detail_stream(self) -> Iterator[tuple[float, int]]:
        """(bound, row id) of the new articles' stances, figures and quotes, heaviest bound first."""
        if self.memory is not None:
            return iter(sorted(((r["bound"], r["id"]) for r in self.memory[1].values() if r["published"] > self.cutoff),
                               key=lambda r: (-r[0], r[1])))
        return self._stream("digest_details", "published")

    def _stream(self, table: str, published: str) -> Iterator[tuple]:
        """``(bound, id)`` of the rows of ``table`` whose ``published`` column is after the cutoff, in
        order of bound. When many rows are new (an early date), the bound index is walked and the
        few rows read are the heaviest (no sort of every new row); else the new rows are sorted."""
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples
        new, total = cursor.execute(f"SELECT COUNT(*) FILTER (WHERE {published} > ?), COUNT(*) FROM {table}",
                                    (self.cutoff,)).fetchone()
        column, order = published, "bound"
        if isinstance(self.conn, sqlite3.Connection):
            # SQLite: "+x" keeps the planner off x's index: off the publication index to walk the
            # bound index, or off the bound index to read the few new rows by publication.
            column, order = (f"+{published}", "bound") if new * 4 > total else (published, "+bound")
        cursor.execute(f"SELECT bound, id FROM {table} WHERE {column} > ? ORDER BY {order} DESC, id", (self.cutoff,))
        while rows := cursor.fetchmany(256):
            yield from ((r[0], r[1]) for r in rows)

    def entries(self, ids: list[str]) -> list[dict]:
        if self.memory is not None:
            return [self.memory[0][i] for i in ids if i in self.memory[0]]
        return self._rows("SELECT * FROM digest_entries WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id", ids)

    def details(self, ids: list[int]) -> list[dict]:
        """The rows, in the order asked for."""
        if self.memory is not None:
            return [self.memory[1][i] for i in ids]
        rows = {r["id"]: r for r in self._rows(
            "SELECT * FROM digest_details WHERE id IN (SELECT value FROM json_each(?))", ids)}
        return [rows[i] for i in ids]

    def first_of_figure(self, key: str) -> dict:
        """The first row (in the claims' order) of a new article's claim of the figure ``key`` (a dispute
        group's key gathers several figures: only those no older article gave)."""
        if self.memory is not None:
            return min((r for r in self.memory[1].values() if r["figure"] == key and r["published"] > self.cutoff
                        and r["figure_first"] > self.cutoff), key=lambda r: r["id"])
        return self._rows("SELECT * FROM digest_details WHERE figure = (SELECT value FROM json_each(?)) "
                          "AND published > ? AND figure_first > ? ORDER BY id LIMIT 1", [key], self.cutoff, self.cutoff)[0]

    def figure_refs(self, keys: list[str]) -> dict[str, list[str]]:
        """Each figure key -> the ids of every new article's claim of it that no older article gave
        (in the claims' order)."""
        out: dict[str, list[str]] = {}
        if self.memory is not None:
            rows = [r for r in self.memory[1].values() if r["figure"] in keys and r["published"] > self.cutoff
                    and r["figure_first"] > self.cutoff]
        else:
            rows = self._rows("SELECT id, figure, refs FROM digest_details WHERE figure IN "
                              "(SELECT value FROM json_each(?)) AND published > ? AND figure_first > ?",
                              keys, self.cutoff, self.cutoff)
        for r in sorted(rows, key=lambda r: r["id"]):
            out.setdefault(r["figure"], []).extend(json.loads(r["refs"]))
        return out

    def _rows(self, sql: str, ids: list, *extra) -> list[dict]:
        cursor = self.conn.execute(sql, (json.dumps(ids), *extra))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]


def entry_candidates(ctx: Weigher, new_events: list[dict], updated_events: list[dict]) -> list[Candidate]:
    """New entries (kind ``event``), entries that gained independent sources (``sources``) and entries
    whose date moved (``date_change``)."""
    kinds, strength = ctx.settings["kinds"], ctx.settings["strength"]
    out = []

    def line(kind, e, headline, factor=1.0):
        tier = BACKGROUND if e.get("section") in _BACKGROUND_SECTIONS else STORY
        old = strength["old"] if ctx.is_old(e.get("date")) else 1.0
        weight = kinds[kind] * ctx.strength(e.get("importance") or 0.0, e["id"]) * factor * old
        return Candidate(kind, headline, e.get("date"), [e["id"]], weight, tier, hosts=(e["id"],), own=True)

    for e in new_events:
        out.append(line("event", e, _headline(e)))
    power = ctx.settings["sources"]["gain_power"]
    for e in updated_events:
        gained, total = e.get("gained_sources") or 0, max(1, e.get("independent_sources") or 1)
        if gained > 0:
            text = f"{_headline(e)}: {gained} more independent source{'s' if gained > 1 else ''}, {total} in all"
            out.append(line("sources", e, text, (gained / total) ** power))
        if e.get("date_changed"):
            was = ", ".join(e.get("previous_dates") or [])
            out.append(line("date_change", e, f"{_headline(e)}: now dated {e.get('date') or 'undated'} (was {was})"))
    return out


def actor_candidates(ctx: Weigher, new_actors: list[dict]) -> list[Candidate]:
    """People and organisations first named after the day, in several articles."""
    cfg = ctx.settings["actors"]
    n = max(1, len(ctx.fresh))
    out = []
    for a in new_actors:
        if a["type"] in cfg["types"] and a["articles"] >= cfg["min_articles"]:
            headline = f"New in the story: {a['name']}, named in {a['articles']} articles"
            out.append(Candidate("actor", headline, None, [a["name"]],
                                 ctx.settings["kinds"]["actor"] * min(1.0, a["articles"] / n),
                                 hosts=(f"actor:{a['name']}",)))
    return out


def stems(text: str, *, common: bool = False) -> set[str]:
    """Content words cut to their first six letters ("prisoners" and "prisoner", "exchanges" and
    "exchange" meet); ``common`` leaves out the words written with a capital (names echo cheaply)."""
    if common:
        text = " ".join(w for w in text.split() if not w[:1].isupper())
    return {w[:6] for w in tokenize(text) if len(w) >= 4}


def _numeric(text: str) -> tuple:
    digits = re.sub(r"[^\d.]", "", text)
    try:
        return (0, float(digits), text)
    except ValueError:
        return (1, 0.0, text)


def _figure(c: dict) -> tuple:
    return ((c.get("counts") or "").lower(), c.get("value"), c.get("value_high"), c.get("unit"))


_LEADING = re.compile(r"^(?:(?:and|but|so|yet|or|also|then|where|when|as|after|before|because|since|if)\b[\s,]*)+",
                      re.IGNORECASE)
_QUOTE_EDGES = " ,.“”‘’'\""
_CLAUSE_BREAK = re.compile(r"[,;:()“”\"—–]|\b(?:although|though|while|whereas|but|and said|said)\b")


def claim_headline(c: dict, max_words: int = 16) -> str:
    """The clause of the sentence that holds the figure ("both nations agreed to exchange 1,000
    prisoners of war each"), else the figure and what it counts.

    >>> claim_headline({"sentence": "Talks ended, although both sides agreed to swap 90 prisoners each, officials said.",
    ...                 "sentence_start": 0, "start": 50, "end": 52, "text": "90", "counts": "prisoners"})
    'Both sides agreed to swap 90 prisoners each'
    """
    sentence, at = c.get("sentence") or "", c["start"] - (c.get("sentence_start") or 0)
    fallback = " ".join(x for x in (c.get("text"), c.get("counts")) if x) or "a new figure"
    fallback = fallback[0].upper() + fallback[1:]
    if not 0 <= at < len(sentence):
        return fallback
    # A break that falls inside the figure ("1,000") is not one.
    figure_end = c["end"] - (c.get("sentence_start") or 0)
    lo, hi = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= at:
            lo = m.end()
        elif m.start() >= figure_end:
            hi = m.start()
            break
    clause = _LEADING.sub("", sentence[lo:hi].strip(" .'’‘"))
    # The clause must say what is counted ("rose to five" does not).
    counted = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", c.get("counts") or "")}
    if not 3 <= len(clause.split()) <= max_words or (counted and not counted & set(re.findall(r"[a-z]{3,}", clause.lower()))):
        return fallback
    return clause[0].upper() + clause[1:]


def _headline(e: dict) -> str:
    return e.get("headline") or _clip(e.get("summary") or e.get("type") or "", 15)


def _clip(text: str, words: int = 15) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
