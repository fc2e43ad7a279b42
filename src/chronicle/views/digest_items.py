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
import statistics
from dataclasses import dataclass

from chronicle.dates import DateValue
from chronicle.timeline.importance import tokenize
from chronicle.views.quotes import speaker_map

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


@dataclass(frozen=True)
class Host:
    entry: str
    section: str
    strength: float
    date: str | None
    summary: tuple[str, int, int] | None = None  # the sentence that sums it up: article, start, end


class Context:
    """What every kind of candidate needs: the cut-off, the new articles, the entries' strengths and
    which entry cites which sentence of a new article."""

    def __init__(self, conn: sqlite3.Connection, since: DateValue, settings: dict):
        self.conn, self.since, self.settings = conn, since, settings
        self.cutoff = since.end.isoformat()
        self.fresh = {r[0] for r in conn.execute("SELECT id FROM articles WHERE published_start > ?", (self.cutoff,))}
        # Figures, stances and quotes of an article off the story's topic (link/topic.py) stay out, as
        # its events stay out of the storyline.
        self.on_topic = self.fresh - {r[0] for r in conn.execute(
            "SELECT id FROM articles WHERE published_start > ? AND off_topic = 1", (self.cutoff,))}
        story = [r[0] for r in conn.execute("SELECT importance FROM timeline_entries WHERE section = 'story'")]
        self.scale = statistics.median(story) if story and statistics.median(story) > 0 else 1.0
        self._spans: dict[str, list[tuple[int, int, Host]]] = {}
        rows = conn.execute(
            # A story or upcoming entry is always dated (its date column is its date), an undated one never
            # (timeline/sections.py); only a background entry needs its view read to tell whether it is
            # undated (its column then holds a bound). The rest is read from timeline_entries_weight.
            "SELECT s.article_id, s.start_char, s.end_char, e.id, COALESCE(e.section, 'story'), e.importance, "
            "CASE WHEN e.section IN ('story', 'upcoming') THEN e.date WHEN e.section = 'undated' THEN NULL "
            "ELSE json_extract(e.view, '$.date') END, e.summary_article, e.summary_start, e.summary_end "
            "FROM timeline_sources s JOIN timeline_entries e ON e.id = s.entry_id "
            "WHERE s.article_id IN (SELECT id FROM articles WHERE published_start > ?) "
            "ORDER BY s.article_id, s.start_char, e.importance DESC, e.id", (self.cutoff,))
        rows = rows.fetchall()
        self.leads = self._leads(rows, int(settings["strength"]["lead_sentences"]))
        for article, start, end, entry, section, importance, date, *summary in rows:
            self._spans.setdefault(article, []).append(
                (start, end, Host(entry, section, self.strength(round(importance, 4), entry), date,
                                  tuple(summary) if summary[0] is not None else None)))
        for spans in self._spans.values():  # the strongest entry first among those citing one sentence
            spans.sort(key=lambda s: (s[0], -s[2].strength, s[2].entry))

    def strength(self, importance: float, entry: str) -> float:
        """An entry's importance in units of a typical story entry; an entry that a new article's
        lead reports is that article's news (the inverted pyramid) and weighs ``lead`` times more."""
        return importance / self.scale * (self.settings["strength"]["lead"] if entry in self.leads else 1.0)

    def _leads(self, sources: list[tuple], n: int) -> set[str]:
        """Entries cited by one of the first ``n`` body sentences (headings skipped) of a new article."""
        # Each new article's first sentences by the sentences' primary key (a join on the articles'
        # rows, whose dates are stored after their text, read every text).
        firsts = {article: [r[0] for r in self.conn.execute(
            "SELECT start_char FROM sentences WHERE article_id = ? AND is_heading = 0 ORDER BY idx LIMIT ?",
            (article, n))] for article in sorted(self.fresh)}
        leads = set()
        for article, start, end, entry, *_ in sources:
            for at in firsts.get(article, ()):
                if start <= at < end:
                    leads.add(entry)
        return leads

    def hosts_of(self, article: str, offset: int) -> list[Host]:
        """The entries citing the sentence of ``article`` that holds ``offset``, most important first."""
        return [host for start, end, host in self._spans.get(article, ()) if start <= offset < end]

    def echoes(self, article: str, offset: int, sentence: str) -> bool:
        """Whether the sentence repeats the words of the heading it stands under (or of the title when
        it stands under none): a section's heading names its key fact."""
        heading = None
        for start, words in self._headings().get(article, ()):
            if start <= offset:
                heading = words
        if heading is None:
            heading = self._titles().get(article, set())
        shared = heading & stems(sentence, common=True)
        return len(shared) >= int(self.settings["strength"]["echo_words"])

    def _headings(self) -> dict[str, list[tuple[int, set[str]]]]:
        if not hasattr(self, "_heading_words"):
            self._heading_words: dict[str, list[tuple[int, set[str]]]] = {}
            for article, start, text in self.conn.execute(
                    "SELECT s.article_id, s.start_char, substr(a.text, s.start_char + 1, s.end_char - s.start_char) "
                    # the new articles first (by index), then their sentences: not every sentence's article row
                    "FROM sentences s JOIN articles a ON a.id = s.article_id WHERE s.article_id IN "
                    "(SELECT id FROM articles WHERE published_start > ?) AND s.is_heading = 1 "
                    "ORDER BY s.article_id, s.start_char",
                    (self.cutoff,)):
                self._heading_words.setdefault(article, []).append((start, stems(text)))
        return self._heading_words

    def _titles(self) -> dict[str, set[str]]:
        if not hasattr(self, "_title_words"):
            self._title_words = {a: stems(t or "") for a, t in self.conn.execute(
                "SELECT id, title FROM articles WHERE published_start > ?", (self.cutoff,))}
        return self._title_words

    def is_old(self, date: str | None) -> bool:
        value = DateValue.try_parse(date)
        return value is not None and value.end < self.since.start

    def is_history(self, date: str | None) -> bool:
        """Dated before the year the digest starts in: background when no story entry carries it."""
        value = DateValue.try_parse(date)
        return value is not None and value.end.year < self.since.start.year


def entry_candidates(ctx: Context, new_events: list[dict], updated_events: list[dict]) -> list[Candidate]:
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


def ride(ctx: Context, kind: str, article: str, offset: int, date: str | None, factor: float,
         headline: str, refs: list[str], sentence: str, text: str) -> Candidate:
    """A line about a sentence of a new article: strength and tier from the most important entry that
    cites it (what it is news about); a sentence that echoes its heading weighs ``echo`` times more."""
    found = ctx.hosts_of(article, offset)
    strength = ctx.settings["strength"]
    if found:
        host = found[0]
        base, tier, date = host.strength, BACKGROUND if host.section in _BACKGROUND_SECTIONS else STORY, date or host.date
        hosts = tuple(h.entry for h in found)
    else:
        host, base, hosts = None, strength["unhosted"], (sentence,)
        tier = BACKGROUND if ctx.is_history(date) or date is None else STORY
    if ctx.is_history(date) and (host is None or host.section != "story"):
        tier = BACKGROUND
    old = strength["old"] if ctx.is_old(date) else 1.0
    weight = ctx.settings["kinds"][kind] * base * factor * old
    # A stance or a figure read from the very sentence that sums up an entry it rides on is that entry's
    # news told again (rank_candidates weighs it as a repeat of the entry's line).
    retells = any(h.summary and h.summary[0] == article and h.summary[1] <= offset < h.summary[2] for h in found)
    return Candidate(kind, headline, date, refs, weight, tier, hosts=hosts, sentence=sentence,
                     echo=(article, offset, text), retells=retells)


def shortlist(ctx: Context, candidates: list[Candidate], keep: int) -> list[Candidate]:
    """The ``keep`` heaviest details of each kind, with the heading echo applied (reading headings is
    the costly part on a large pile, and a detail far down its kind never reaches the digest); entry
    lines are all kept. Ties are broken by :meth:`Candidate.key`, so the cut is deterministic."""
    echo = ctx.settings["strength"]["echo"]
    by_kind: dict[str, list[Candidate]] = {}
    out = []
    for c in candidates:
        (out.append(c) if c.echo is None else by_kind.setdefault(c.kind, []).append(c))
    for group in by_kind.values():
        group.sort(key=lambda c: (-c.weight, c.key()))
        for c in group[:keep]:
            if ctx.echoes(*c.echo):
                c.weight *= echo
            out.append(c)
    return out


def position_candidates(ctx: Context, positions: list[dict]) -> list[Candidate]:
    """New stances (of the new articles); one that revises an earlier stance of its actor weighs more."""
    cfg = ctx.settings["positions"]
    verbs = ctx.settings["wording"]["stances"]
    out = []
    for p in positions:
        if p["article"] not in ctx.on_topic:
            continue
        factor = cfg["stances"].get(p["stance"], 1.0) * (cfg["revises"] if p.get("revises") else 1.0)
        verb = verbs.get(p["stance"], p["stance"])
        headline = f"{p['actor']} {'now ' if p.get('revises') else ''}{verb}: {_clip(p['text'])}"
        refs = [p["id"]] + ([p["revises"]] if p.get("revises") else [])
        line = ride(ctx, "position", p["article"], p["start"], p.get("date"), factor, headline, refs,
                    f"{p['article']}@{p['sentence_start']}", p.get("sentence") or "")
        line.news = bool(p.get("revises"))
        out.append(line)
    return out


def claim_candidates(ctx: Context, claims: list[dict]) -> list[Candidate]:
    """New figures: those of the new articles whose value for the thing counted no older article gave,
    with what they count; the same figure in several new articles is one line, and so is a dispute."""
    cfg = ctx.settings["claims"]
    claims = [c for c in claims if c["article"] in ctx.fresh]
    # What the older articles gave, and every value of the disputed groups, read as a few columns.
    seen_before = {_figure(dict(zip(("counts", "value", "value_high", "unit"), r))) for r in ctx.conn.execute(
        "SELECT c.counts, c.value, c.value_high, c.unit FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE a.published_start <= ? OR a.published_start IS NULL", (ctx.cutoff,))}
    values: dict[str, set[str]] = {}
    disputed = sorted({c["group"] for c in claims if c["disputed"]})
    for group, text in ctx.conn.execute("SELECT group_key, text FROM claims WHERE group_key IN "
                                        "(SELECT value FROM json_each(?))", (json.dumps(disputed),)):
        values.setdefault(group, set()).add(text)
    lines: dict[tuple, Candidate] = {}
    for c in claims:
        # A figure without what it counts ("49") tells a reader nothing.
        if c["article"] not in ctx.on_topic or _figure(c) in seen_before or not (c.get("counts") or "").strip():
            continue
        # One line per figure, and one per dispute (its group), however many articles give them.
        key = ("group", c["group"]) if c["disputed"] else _figure(c)
        if (line := lines.get(key)) is not None:
            line.refs.append(c["id"])
            continue
        factor = cfg["modality"].get(c.get("modality") or "happened", 1.0) * (cfg["disputed"] if c["disputed"] else 1.0)
        headline = claim_headline(c)
        if c["disputed"]:
            given = sorted(values.get(c["group"], {c["text"]}), key=_numeric)
            headline += f" (disputed: sources give {', '.join(given[:4])}{', …' if len(given) > 4 else ''})"
        line = ride(ctx, "claim", c["article"], c["start"], c.get("date"), factor, headline, [c["id"]],
                    f"{c['article']}@{c['sentence_start']}", c.get("sentence") or "")
        line.news = bool(c["disputed"])
        lines[key] = line
    return list(lines.values())


def quote_candidates(ctx: Context) -> list[Candidate]:
    """Notable new quotes: a resolved speaker (a person or an organisation) named across the store,
    enough words to say something."""
    cfg = ctx.settings["quotes"]
    rows = ctx.conn.execute(
        "SELECT q.article_id, q.idx, q.speaker, q.text, q.kind, q.start_char FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE a.published_start > ? AND a.off_topic = 0 "
        "AND q.speaker IS NOT NULL "
        "ORDER BY a.published_start, a.seq, q.idx", (ctx.cutoff,)).fetchall()
    names = speaker_map(ctx.conn, {r[2] for r in rows})
    types = cfg["speaker_types"]
    reach = dict(ctx.conn.execute(
        f"SELECT name, MAX(articles) FROM entities WHERE type IN ({','.join('?' * len(types))}) GROUP BY name",
        types).fetchall())
    out = []
    for article, idx, speaker, text, kind, start in rows:
        name = names.get(speaker, speaker)
        if reach.get(name, 0) < cfg["min_speaker_articles"] or len(text.split()) < cfg["min_words"]:
            continue
        headline = f"{name}: “{_clip(text.strip(_QUOTE_EDGES), 14)}”"
        out.append(ride(ctx, "quote", article, start, None, cfg["kinds"].get(kind, 0.5), headline,
                        [f"{article}-q{idx}"], f"{article}@q{start}", text))
    return out


def actor_candidates(ctx: Context, new_actors: list[dict]) -> list[Candidate]:
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
