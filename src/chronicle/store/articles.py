"""Article rows: bulk add, the rows duplicate marking reads and writes, and pending analyses."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from chronicle.dates import DateValue
from chronicle.errors import NotFound
from chronicle.records import ArticleText
from chronicle.store.db import in_chunks, insert_rows
from chronicle.text.fingerprint import Fingerprint


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article ready to be stored, with its provenance and fingerprint."""

    id: str
    text: str
    title: str | None
    published: DateValue | None
    published_source: str
    outlet: str | None
    url: str | None
    author: str | None
    raw_sha256: str | None
    source_path: str | None
    source_index: int | None
    external_id: str | None
    words: int
    fingerprint: Fingerprint
    stripped: tuple = ()  # boilerplate cut from ``text`` (text.boilerplate.Stripped)
    fetched_at: dt.datetime | None = None  # when the page was received over HTTP (timezone-aware)


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def has_articles(conn: sqlite3.Connection, ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk, marks in in_chunks(ids):
        found.update(r[0] for r in conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
    return found


def add_articles(conn: sqlite3.Connection, articles: list[NewArticle]) -> None:
    """Insert new articles and their LSH bands (call inside a transaction).

    Which of them copy another is decided by chronicle.link.duplicates, which the write path
    calls after each article (it reads the bands written here).
    """
    seq = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
    for art in articles:
        seq += 1
        insert_rows(conn, "articles", [_row(art, seq)])
        insert_rows(conn, "article_bands", [{"band": b, "hash": h, "article_id": art.id} for b, h in art.fingerprint.bands])
        insert_rows(conn, "stripped", stripped_rows(art.id, art.stripped))


def stripped_rows(article_id: str, stripped) -> list[dict]:
    """Rows of the ``stripped`` table for one article's cuts (in order of position)."""
    rows, removed = [], 0
    for idx, cut in enumerate(sorted(stripped, key=lambda c: c.start_char)):
        rows.append({"article_id": article_id, "idx": idx, "position": cut.start_char,
                     "at_char": cut.start_char - removed, "text": cut.text, "reason": cut.reason})
        removed += len(cut.text)
    return rows


def _row(art: NewArticle, seq: int) -> dict:
    p = art.published
    return {
        "id": art.id, "title": art.title, "text": art.text,
        "published": p.value if p else None,
        "published_start": p.start.isoformat() if p else None,
        "published_end": p.end.isoformat() if p else None,
        "published_source": art.published_source if p else "unknown",
        "outlet": art.outlet, "url": art.url, "author": art.author, "words": art.words,
        "raw_sha256": art.raw_sha256, "source_path": art.source_path, "source_index": art.source_index,
        "external_id": art.external_id, "wire": art.fingerprint.wire, "seq": seq, "ingested_at": now(),
        "fetched_at": instant(art.fetched_at),
    }


def instant(at: dt.datetime | None) -> str | None:
    """A timezone-aware instant as stored: UTC, ISO 8601, to the second (a naive one is taken as UTC).

    >>> instant(dt.datetime(2025, 3, 18, 9, 30, 5, 123, tzinfo=dt.timezone(dt.timedelta(hours=2))))
    '2025-03-18T07:30:05+00:00'
    """
    if at is None:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.timezone.utc)
    return at.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def stored_sources(conn: sqlite3.Connection, paths: Iterable[str]) -> set[str]:
    """Those of ``paths`` (files or URLs, as given) that some stored article was read from."""
    found: set[str] = set()
    for chunk, marks in in_chunks(paths):
        found.update(r[0] for r in conn.execute(f"SELECT DISTINCT source_path FROM articles WHERE source_path IN ({marks})",
                                                chunk))
    return found


def copy_candidates(conn: sqlite3.Connection, article_id: str, bands) -> list[sqlite3.Row]:
    """Articles sharing an LSH band with ``article_id``: ``(id, text, root)`` rows, ``root`` being the
    original of the group each belongs to (its ``duplicate_of``, else itself)."""
    if not bands:
        return []
    clauses = " OR ".join("(band = ? AND hash = ?)" for _ in bands)
    params = [v for pair in bands for v in pair]
    candidates = [r[0] for r in conn.execute(
        f"SELECT DISTINCT article_id FROM article_bands WHERE ({clauses}) AND article_id != ?", [*params, article_id]
    )]
    if not candidates:
        return []
    return conn.execute(
        f"SELECT id, text, COALESCE(duplicate_of, id) AS root FROM articles WHERE id IN ({','.join('?' * len(candidates))})",
        candidates,
    ).fetchall()


def publication_order(conn: sqlite3.Connection, ids: list[str]) -> list[str]:
    """``ids`` earliest published first (undated last), then in ingest order."""
    return [r[0] for r in conn.execute(
        f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(ids))}) "
        "ORDER BY published_start IS NULL, published_start, seq",
        ids,
    )]


def set_copy_group(conn: sqlite3.Connection, article_id: str, original: str, roots, score: float) -> None:
    """Point a group of copies at its ``original``: the groups of ``roots`` (re-pointed when an
    earlier copy arrived late) and ``article_id``, each copy keeping the best ``score`` seen."""
    for root in roots:
        if root != original:
            conn.execute("UPDATE articles SET duplicate_of = ? WHERE duplicate_of = ? OR id = ?", (original, root, root))
    if original != article_id:
        conn.execute("UPDATE articles SET duplicate_of = ?, duplicate_score = ? WHERE id = ?", (original, score, article_id))
    else:
        conn.execute("UPDATE articles SET duplicate_of = NULL WHERE id = ?", (article_id,))
    conn.execute("UPDATE articles SET duplicate_score = COALESCE(duplicate_score, ?) WHERE duplicate_of = ?", (score, original))


def article_text(row: sqlite3.Row) -> ArticleText:
    published = DateValue.try_parse(row["published"])
    return ArticleText(
        id=row["id"], text=row["text"], title=row["title"], published=published,
        published_source=row["published_source"], outlet=row["outlet"], url=row["url"],
    )


def iter_pending(conn: sqlite3.Connection, version: str) -> Iterator[ArticleText]:
    """Articles never analysed, or analysed by other stage versions (a crash, an upgrade)."""
    rows = conn.execute(
        "SELECT * FROM articles WHERE analysis_version IS NULL OR analysis_version != ? ORDER BY seq", (version,)
    ).fetchall()
    for row in rows:
        yield article_text(row)


def count_pending(conn: sqlite3.Connection, version: str) -> int:
    return conn.execute(
        "SELECT COUNT(*) FROM articles WHERE analysis_version IS NULL OR analysis_version != ?", (version,)
    ).fetchone()[0]


def off_topic_articles(conn: sqlite3.Connection) -> set[str]:
    """Ids of the articles marked off the pile's topic (link/topic.py): the storyline leaves their
    events out. Empty on a store no topic step has scored."""
    return {r[0] for r in conn.execute("SELECT id FROM articles WHERE off_topic = 1")}


def get_article_row(conn: sqlite3.Connection, article_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id!r}")
    return row


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[sqlite3.Row]:
    """Full-text search over titles and text (FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL);
    the query is taken as words, not search syntax, every word required. ``rank`` is lower for a
    better match on both backends (bm25; minus ts_rank), though the two rank differently."""
    terms = [t for t in query.replace('"', " ").split() if t]
    if not terms:
        return []
    if getattr(conn, "dialect", "sqlite") == "postgresql":  # migration postgresql/0001's index expression
        document = "to_tsvector('english', COALESCE(a.title, '') || ' ' || a.text)"
        return conn.execute(
            "WITH q AS (SELECT plainto_tsquery('english', ?) AS q) "
            "SELECT a.id, a.title, a.published, a.outlet, a.duplicate_of, "
            "ts_headline('english', a.text, q.q, 'StartSel=[, StopSel=], MaxWords=12, MinWords=4, "
            "MaxFragments=1, FragmentDelimiter=\" … \"') AS snippet, "
            f"-ts_rank({document}, q.q) AS rank FROM articles a, q WHERE {document} @@ q.q "
            "ORDER BY rank, a.seq LIMIT ?",
            (" ".join(terms), limit),
        ).fetchall()
    match = " ".join(f'"{t}"' for t in terms)
    # The best ``limit`` first, then the snippets of those only: with the snippet in the ranked
    # query, SQLite cut one for every matching article before sorting (a common word on the full
    # Timeline17 store: thousands of snippets for 20 rows, 0.1-0.7 s a search; issue 18). Same rows,
    # same order: ties keep the scan's order either way (the ORDER BY's B-tree numbers its rows).
    top = conn.execute(
        "SELECT a.rowid, a.id, bm25(articles_fts) AS rank FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit)).fetchall()
    if not top:
        return []
    rows = {r[0]: r for r in conn.execute(
        "SELECT a.id, a.title, a.published, a.outlet, a.duplicate_of, "
        "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(articles_fts) AS rank "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH ? AND articles_fts.rowid IN (SELECT value FROM json_each(?))",
        (match, json.dumps([r[0] for r in top])))}
    return [rows[r[1]] for r in top]
