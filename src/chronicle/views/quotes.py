"""The ``quotes --json`` shape: one row per quote per article, with its quotation across outlets.

CONTRACT fields: speaker, speaker_text, text, kind, cue, article, published, start, end.
``speaker`` is the store-wide entity name when the entities step merged the in-article
name into one (so "Zelenskyy" and "Zelensky" quotes group together).
Added: outlet, sentence (the sentence(s) holding the quote, with sentence_start, its
offset in the article), quotation (id of the merged quotation), carried_by (every
article carrying it) and first_seen ({article, published}).
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator

from chronicle.store.db import in_chunks
from chronicle.views.shapes import Quote

_PRONOUNS = {"he", "she", "they", "it", "i", "we", "him", "her", "them", "you"}


def speaker_map(conn: sqlite3.Connection, names: Iterable[str] | None = None) -> dict[str, str]:
    """In-article speaker name -> store-wide entity name, for ``names`` (default: every quote's speaker).

    A quote's speaker is the canonical name within its article; the entities tables say which
    store-wide entity that name was merged into ("Zelenskyy" and "Zelensky" are one). An alias
    that two entities share ("Clinton") maps nowhere. Only the names asked about are read.
    """
    if names is None:
        among, params = "SELECT speaker FROM quotes WHERE speaker IS NOT NULL", ()
    else:
        among, params = "SELECT value FROM json_each(?)", (json.dumps(sorted(set(names))),)
    return {r[0]: r[1] for r in conn.execute(
        "SELECT a.alias, MIN(e.name) FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
        f"WHERE a.alias IN ({among}) GROUP BY a.alias HAVING COUNT(DISTINCT e.name) = 1", params)}


def raw_speakers(conn: sqlite3.Connection, speaker: str) -> list[str]:
    """The in-article speaker names whose quotes ``speaker`` asks for (a name or alias, any case).

    A speaker, as shown (its store-wide name), goes by that name, its in-article names, the
    words that named it in the articles (pronouns aside) and its entity's aliases. Only rows
    that can match are read: SQLite's lower() folds ASCII only, so rows with other characters
    are fetched too and compared here, with Python's lower(), as before.
    """
    key = speaker.strip().lower()
    # Which stored names can lower() to the key: with an ASCII key, ASCII names (SQLite's lower)
    # and names holding the Kelvin sign (the one other character Python lowers to ASCII, 'k');
    # with any other key, only names holding a character outside ASCII. Each kind is read from an
    # index of its own (migration 0019: lower(name), and the names outside ASCII), not by a scan
    # of every quote, entity and alias per speaker asked about (issue 18).
    params = {"key": key, "other": "\u212a" if key.isascii() else None}

    def could_be(column: str) -> list[str]:
        """WHERE clauses, one per index, whose rows together are those whose ``column`` can match."""
        wide = f"{column} GLOB '*[^ -~]*'"
        if key.isascii():
            return [f"lower({column}) = :key", f"{wide} AND instr({column}, :other) > 0"]
        return [wide]

    said = set()
    for raw, text in conn.execute(" UNION ".join(
        f"SELECT speaker, speaker_text FROM quotes WHERE speaker IS NOT NULL AND {where}"
        for where in could_be("speaker") + could_be("speaker_text")), params
    ):
        if raw.lower() == key or (text and text.lower() == key and key not in _PRONOUNS):
            said.add(raw)
    to_entity = speaker_map(conn, said)
    wanted = {to_entity.get(raw, raw) for raw in said}
    # entities named so, or with an alias so (every migrated store has the entities tables)
    wanted.update(name for name, alias in conn.execute(" UNION ALL ".join(
        [f"SELECT name, name FROM entities WHERE {where}" for where in could_be("name")]
        + ["SELECT e.name, a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
           f"WHERE {where}" for where in could_be("a.alias")]), params) if alias.lower() == key)
    names = wanted | {r[0] for r in conn.execute(
        "SELECT a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
        "WHERE e.name IN (SELECT value FROM json_each(?))", (json.dumps(sorted(wanted)),))}
    present = {r[0] for r in conn.execute(
        "SELECT DISTINCT speaker FROM quotes WHERE speaker IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(names)),))}
    to_entity = speaker_map(conn, present)
    return sorted(raw for raw in present if to_entity.get(raw, raw) in wanted)


_SELECT = (
    "SELECT q.rowid AS rid, q.article_id, q.idx, q.start_char, q.end_char, q.text, q.kind, q.speaker, q.speaker_text, "
    "q.speaker_kind, q.cue, a.published, a.outlet, qs.quotation_id, "
    # The sentence holding the quote's start, and the one holding its end (index seeks).
    "(SELECT s.start_char FROM sentences s WHERE s.article_id = q.article_id AND s.start_char <= q.start_char "
    " ORDER BY s.start_char DESC LIMIT 1) AS s0, "
    "(SELECT s.end_char FROM sentences s WHERE s.article_id = q.article_id AND s.start_char < q.end_char "
    " ORDER BY s.start_char DESC LIMIT 1) AS s1 "
    "FROM quotes q JOIN articles a ON a.id = q.article_id "
    "LEFT JOIN quotation_spans qs ON qs.article_id = q.article_id AND qs.idx = q.idx "
)
_ORDER = "ORDER BY a.published_start IS NULL, a.published_start, a.seq, q.start_char"


def quotes_view(conn: sqlite3.Connection, speaker: str | None = None, *, articles: Iterable[str] | None = None,
                words: str | None = None, limit: int | None = None, offset: int = 0) -> list[Quote]:
    """Quotes ordered by publication date, optionally for one speaker (name or alias, any case),
    from some articles only, or holding ``words`` (FTS5, as :func:`fts_phrase`); ``limit``/``offset``
    give one page of them."""
    return list(iter_quotes(conn, speaker, articles=articles, words=words, limit=limit, offset=offset))


def iter_quotes(conn: sqlite3.Connection, speaker: str | None = None, *, articles: Iterable[str] | None = None,
                words: str | None = None, limit: int | None = None, offset: int = 0,
                chunk: int = 500) -> Iterator[Quote]:
    """:func:`quotes_view`'s rows, read ``chunk`` at a time (for streaming).

    Each chunk reads its articles' texts once (not once per quote: on Timeline17 that was
    80,000 reads of whole articles) and cuts the sentence around each quote from them; the
    speaker filter is applied in SQL on the raw speaker names.
    """
    where, params = [], []
    if speaker is not None:
        raw = raw_speakers(conn, speaker)
        if not raw:
            return
        where.append("q.speaker IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(raw))
    if articles is not None:
        where.append("q.article_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(set(articles))))
    if words is not None:
        match = fts_phrase(words)
        if match is None:
            return
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(match)
    # The order first, from the narrow columns it needs; each chunk's rows (sentences cut from
    # their articles) only when it is reached, so a streamed response starts at once.
    if where:
        sql = "SELECT q.rowid FROM quotes q JOIN articles a ON a.id = q.article_id WHERE " + " AND ".join(where) + " "
        order = [r[0] for r in conn.execute(sql + _ORDER, params)]
    else:
        order = _every_quote(conn)
    order = order[offset:None if limit is None else offset + limit]
    for i in range(0, len(order), chunk):
        yield from quotes_by_rowid(conn, order[i:i + chunk])


def quotes_about(conn: sqlite3.Connection, spans: Iterable[tuple[str, int, int]], *, within: int,
                 speakers: Iterable[str] = ()) -> list[Quote]:
    """The quotes of the spans' articles that come within ``within`` characters of one of their
    article's ``(article, start, end)`` spans, or whose speaker (store-wide name, any case) is one of
    ``speakers``: :func:`quotes_view`'s rows, in its order. Which ones is decided on the narrow
    columns; only those quotes are read whole (an event's many sources hold thousands of quotes)."""
    near: dict[str, list[tuple[int, int]]] = {}
    for article, start, end in spans:
        near.setdefault(article, []).append((start, end))
    if not near:
        return []
    wanted = {name.casefold() for name in speakers}
    found = conn.execute(
        "SELECT q.rowid, q.article_id, q.start_char, q.end_char, q.speaker FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE q.article_id IN (SELECT value FROM json_each(?)) " + _ORDER,
        (json.dumps(sorted(near)),)).fetchall()
    to_entity = speaker_map(conn, {r[4] for r in found if r[4]})
    keep = [rid for rid, article, start, end, speaker in found
            if any(start < e + within and s - within < end for s, e in near[article])
            or (to_entity.get(speaker, speaker) if speaker else "").casefold() in wanted]
    return [row for i in range(0, len(keep), 500) for row in quotes_by_rowid(conn, keep[i:i + 500])]


def _every_quote(conn: sqlite3.Connection) -> list[int]:
    """Every quote's rowid in :data:`_ORDER`, read from two indexes (migration 0006) in that order.

    Joining the articles' rows instead would read each article's text to reach its dates
    (they come after it in the row), and sorting all the quotes would hold the first row back.
    """
    join = ("SELECT q.rowid FROM articles a INDEXED BY articles_order "
            "JOIN quotes q INDEXED BY quotes_place ON q.article_id = a.id ")
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: 80,000 Row objects cost more than the query
    # Every store is migrated when opened (chronicle.store.db.connect), so the indexes exist.
    dated = cursor.execute(join + "WHERE a.published_start IS NOT NULL ORDER BY a.published_start, a.seq, "
                                  "q.start_char").fetchall()
    undated = cursor.execute(join + "WHERE a.published_start IS NULL ORDER BY a.seq, q.start_char")
    return [r[0] for r in dated] + [r[0] for r in undated]


def quotes_by_rowid(conn: sqlite3.Connection, rowids: list[int]) -> list[dict]:
    """:func:`quotes_view`'s rows for these quotes (``quotes.rowid``), in the order given."""
    rows = conn.execute(_SELECT + "WHERE q.rowid IN (SELECT value FROM json_each(?))", (json.dumps(rowids),)).fetchall()
    where = {r["rid"]: i for i, r in enumerate(rows)}
    return quote_rows(conn, [rows[where[rid]] for rid in rowids if rid in where])


_CLOSING = frozenset("\"'”’»")


def quote_rows(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict]:
    """Rows of ``_SELECT`` as the ``quotes --json`` shape."""
    to_entity = speaker_map(conn, {r["speaker"] for r in rows if r["speaker"]})
    carriers = _carriers(conn, {r["quotation_id"] for r in rows if r["quotation_id"] is not None})
    texts = _texts(conn, {r["article_id"] for r in rows})
    out = []
    for r in rows:
        q = carriers.get(r["quotation_id"])
        s0 = min(r["s0"], r["start_char"]) if r["s0"] is not None else r["start_char"]
        s1 = max(r["s1"], r["end_char"]) if r["s1"] is not None else r["end_char"]
        text = texts[r["article_id"]]
        while s1 < len(text) and text[s1] in _CLOSING:  # the closing mark the segmenter left outside
            s1 += 1
        out.append({
            "speaker": (r["speaker"] if r["speaker_kind"] == "described" else to_entity.get(r["speaker"], r["speaker"]))
            if r["speaker"] else None,
            "speaker_kind": r["speaker_kind"] if r["speaker"] else None,
            "speaker_text": r["speaker_text"], "text": r["text"], "kind": r["kind"],
            "cue": r["cue"], "article": r["article_id"], "published": r["published"],
            "start": r["start_char"], "end": r["end_char"], "outlet": r["outlet"],
            "sentence": text[s0:s1], "sentence_start": s0,
            "quotation": r["quotation_id"],
            "carried_by": q["articles"] if q else [r["article_id"]],
            "first_seen": q["first_seen"] if q else {"article": r["article_id"], "published": r["published"]},
        })
    return out


_FIRST = "ORDER BY a.published_start IS NULL, a.published_start, a.seq, q.idx"  # a quotation's first-seen copy
_UNLINKED = 1 << 40  # quotes not merged into a quotation yet come after every quotation, in ingest order


def quotation_page(conn: sqlite3.Connection, speaker: str | None = None, words: str | None = None, *,
                   limit: int = 50, offset: int = 0) -> dict:
    """One row per quotation (a quote however many outlets carried it), in the order first seen:
    ``{"total": quotations, "quotes": [quotes_view rows]}``, each row the quotation's first-seen
    copy among those matching ``speaker`` (name or alias) and ``words`` (FTS5 over quote text:
    every word, the last one as a prefix).
    """
    where, params = [], []
    if speaker is not None:
        raw = raw_speakers(conn, speaker)
        if not raw:
            return {"total": 0, "quotes": []}
        where.append("q.speaker IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(raw))
    if words is not None:
        match = fts_phrase(words)
        if match is None:
            return {"total": 0, "quotes": []}
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(match)
    if not where:
        return _every_quotation(conn, limit, offset)
    hits = (f"SELECT q.rowid AS rid, COALESCE(qs.quotation_id, {_UNLINKED} + q.rowid) AS g, "
            f"ROW_NUMBER() OVER (PARTITION BY COALESCE(qs.quotation_id, -q.rowid) {_FIRST}) AS n "
            "FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN quotation_spans qs ON qs.article_id = q.article_id AND qs.idx = q.idx "
            "WHERE " + " AND ".join(where))
    rows = conn.execute(f"SELECT rid, COUNT(*) OVER () FROM ({hits}) AS hits WHERE n = 1 ORDER BY g LIMIT ? OFFSET ?",
                        [*params, limit, offset]).fetchall()
    if rows:
        total = rows[0][1]
    else:
        total = conn.execute(f"SELECT COUNT(*) FROM ({hits}) AS hits WHERE n = 1", params).fetchone()[0]
    return {"total": total, "quotes": quotes_by_rowid(conn, [r[0] for r in rows])}


def _every_quotation(conn: sqlite3.Connection, limit: int, offset: int) -> dict:
    """The unfiltered page, read from the quotations table in id order (ids are given in first-seen order)."""
    linked = conn.execute("SELECT COUNT(*) FROM quotations").fetchone()[0]
    unlinked = ("FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM quotation_spans qs "
                "WHERE qs.article_id = q.article_id AND qs.idx = q.idx)")
    rids = [r[0] for r in conn.execute(
        "SELECT (SELECT q.rowid FROM quotation_spans qs JOIN quotes q ON q.article_id = qs.article_id AND q.idx = qs.idx "
        f"JOIN articles a ON a.id = q.article_id WHERE qs.quotation_id = z.id {_FIRST} LIMIT 1) "
        "FROM quotations z ORDER BY z.id LIMIT ? OFFSET ?", (limit, offset))]
    if len(rids) < limit:
        rids += [r[0] for r in conn.execute(f"SELECT q.rowid {unlinked} ORDER BY q.rowid LIMIT ? OFFSET ?",
                                            (limit - len(rids), max(0, offset - linked)))]
    total = linked + conn.execute(f"SELECT COUNT(*) {unlinked}").fetchone()[0]
    return {"total": total, "quotes": quotes_by_rowid(conn, [r for r in rids if r is not None])}


def fts_phrase(words: str) -> str | None:
    """An FTS5 query for ``words`` as a phrase, its last word a prefix ("oil spi" finds "oil spill")."""
    tokens = re.findall(r"\w+", words)
    return '"' + " ".join(tokens) + '"*' if tokens else None


def _carriers(conn: sqlite3.Connection, ids: set[int]) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for chunk, marks in in_chunks(ids):
        for r in conn.execute(f"SELECT id, first_article, first_published FROM quotations WHERE id IN ({marks})", chunk):
            out[r["id"]] = {"articles": [], "first_seen": {"article": r["first_article"], "published": r["first_published"]}}
        for r in conn.execute(
            f"SELECT qs.quotation_id, qs.article_id FROM quotation_spans qs JOIN articles a ON a.id = qs.article_id "
            f"WHERE qs.quotation_id IN ({marks}) ORDER BY a.published_start IS NULL, a.published_start, a.seq", chunk
        ):
            if r["article_id"] not in out[r["quotation_id"]]["articles"]:
                out[r["quotation_id"]]["articles"].append(r["article_id"])
    return out


def _texts(conn: sqlite3.Connection, article_ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk, marks in in_chunks(article_ids):
        out.update(conn.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk))
    return out
