"""What changed since a day, as ``chronicle changes --json`` prints it (and ``GET /api/changes``
streams it).

The report reads the stored timeline (rebuilt after every ingest) through the same reading as
the changes page (views/changes.py), so the two always agree: an entry citing only articles
published after the day is a new event; one citing newer and older articles is an updated
event, with the independent sources it gained and the date its older sources gave.

``digest`` ranks all of it (views/digest.py, read as :func:`digest_since` reads it: the same lines
as from the full rows, tests/views/test_digest.py); ``new_claims`` are the figures of the new
articles and ``changed_positions`` their stances, each with ``change`` (``new``, or ``revised``
with the earlier stance it revises as ``previous``). Only the new articles' rows are read (and
the few earlier stances they revise), never the whole store's.

The document is built section by section (:func:`changes_sections`), each list a chunk of rows at
a time, so the web can send it as it is read (:func:`iter_changes_json`).

A row of ``new_quotes``, ``new_claims`` or ``changed_positions`` does not depend on the day asked
about, and a section since a day is the whole store's section (:func:`whole_section`) less the rows
of articles published on or before it, in the same order; so is ``new_events``, every entry as a
new event less those first published on or before the day. A server answering the changes since
many days reads each whole section once per change of the store and filters it (issue 18).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from chronicle.dates import DateValue
from chronicle.views.changes import Raw
from chronicle.views.shapes import ChangeReport

CHUNK = 500  # rows read (and, on the web, sent) per turn


def changes_since(conn: sqlite3.Connection, since: DateValue, *, limit: int | None = None,
                  digest: list[dict] | None = None) -> ChangeReport:
    """CONTRACT's ``changes --json`` document; ``limit`` caps the digest (default: digest.toml).
    ``digest``: the digest already read for the same day and limit (the web's cached reading), so
    it is not ranked again."""
    return {key: [row for chunk in value for row in chunk] if isinstance(value, Iterator) else value
            for key, value in changes_sections(conn, since, limit=limit, digest=digest)}


def iter_changes_json(conn: sqlite3.Connection, since: DateValue, *, limit: int | None = None,
                      extra: dict | None = None, digest=None, wholes: dict | None = None) -> Iterator[str]:
    """:func:`changes_since`'s document as JSON text, a piece at a time: joined, the pieces are
    byte for byte ``json.dumps(document, ensure_ascii=False, separators=(",", ":"))``. The first
    piece (``since``) comes before anything is weighed; ``extra`` keys go last. ``wholes``: for a
    section of :data:`WHOLE_SECTIONS`, a function giving what :func:`whole_section` gives (kept
    by the caller), so the section is filtered from it instead of read."""
    sep = "{"
    for key, value in changes_sections(conn, since, limit=limit, digest=digest, text=True, wholes=wholes):
        if not isinstance(value, Iterator):
            yield f"{sep}{_dumps(key)}:{_dumps(value)}"
        else:
            yield f"{sep}{_dumps(key)}:["
            glue = ""
            for chunk in value:
                if chunk:
                    # a chunk at once (one encoder call, not one per row); rows already written as text as they are
                    yield glue + (",".join(chunk) if isinstance(chunk[0], Raw) else _dumps(chunk)[1:-1])
                    glue = ","
            yield "]"
        sep = ","
    yield "".join(f",{_dumps(k)}:{_dumps(v)}" for k, v in (extra or {}).items()) + "}"


def changes_sections(conn: sqlite3.Connection, since: DateValue, *, limit: int | None = None,
                     digest=None, text: bool = False, wholes: dict | None = None) -> Iterator[tuple[str, object]]:
    """``(key, value)`` in the document's order; the lists of rows come as iterators of chunks (lists
    of rows), read when they are reached. ``digest``, when given, is the digest's lines read elsewhere
    for the same day and limit, or a function giving them (called when the section is reached).
    ``wholes`` (with ``text``): see :func:`iter_changes_json`."""
    from chronicle.views.changes import new_actors, split_entries
    from chronicle.views.digest import digest_since

    cutoff = since.end.isoformat()
    yield "since", since.value
    articles = sorted(r[0] for r in conn.execute("SELECT id FROM articles WHERE published_start > ?", (cutoff,)))
    yield "articles", articles
    lines = digest() if callable(digest) else digest  # read when its section is reached (a stream's first bytes go first)
    yield "digest", digest_since(conn, since, limit=limit) if lines is None else lines
    new_ids, updated_ids = split_entries(conn, set(articles), cutoff)
    wholes = wholes if text else None
    yield "new_events", _since(wholes, "new_events", cutoff) or _entry_chunks(conn, new_ids, cutoff, updated=False,
                                                                                text=text)
    yield "updated_events", _entry_chunks(conn, updated_ids, cutoff, updated=True)
    yield "new_quotes", _since(wholes, "new_quotes", cutoff) or _new_quotes(conn, cutoff)
    yield "new_actors", iter([new_actors(conn, cutoff, None)["rows"]])
    yield "new_claims", _since(wholes, "new_claims", cutoff) or _new_claims(conn, cutoff)
    yield "changed_positions", _since(wholes, "changed_positions", cutoff) or _changed_positions(conn, cutoff)


WHOLE_SECTIONS = ("new_events", "new_quotes", "new_claims", "changed_positions")
_SECTIONS = {"new_quotes": lambda conn, cutoff: _new_quotes(conn, cutoff),
             "new_claims": lambda conn, cutoff: _new_claims(conn, cutoff),
             "changed_positions": lambda conn, cutoff: _changed_positions(conn, cutoff)}


def whole_section(conn: sqlite3.Connection, key: str) -> list[tuple[str, Raw]] | None:
    """Section ``key`` of :data:`WHOLE_SECTIONS` for the whole store: ``[(the row's article's
    published_start, the row as compact JSON text)]`` in the section's order (a section since a day
    keeps the rows whose article was published after it, in this order). For ``new_events``, the
    time is the entry's first publication (an entry is new since a day when all its sources were
    published after it); None when the digest's index does not describe the timeline."""
    if key == "new_events":
        return _whole_new_events(conn)
    published = dict(conn.execute("SELECT id, published_start FROM articles WHERE published_start IS NOT NULL"))
    return [(published[row["article"]], Raw(_dumps(row))) for chunk in _SECTIONS[key](conn, "") for row in chunk
            if row["article"] in published]  # an undated article's rows are new since no day


def _whole_new_events(conn: sqlite3.Connection) -> list[tuple[str, Raw]] | None:
    """Every timeline entry as a new event's row (every source new), in timeline order, with its
    first publication: the new events since a day are those first published after it, as
    :func:`chronicle.views.changes.split_entries` reads them from the digest's index. The changes
    since an early day on the full Timeline17 store hold 30,000 of them (5 s to decode and encode
    them, once per day asked about, issue 18)."""
    from chronicle.store.digest import index_describes_timeline
    from chronicle.views.changes import _compact, entry_rows

    if not index_describes_timeline(conn):
        return None
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute("SELECT id, first_pub, last_pub FROM digest_entries "
                          "ORDER BY range_start, range_end, id").fetchall()
    out = []
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i:i + CHUNK]
        views = entry_rows(conn, [r[0] for r in chunk], "", updated=False, every=True)
        # split_entries keeps an entry with last_pub > cutoff and first_pub > cutoff
        out += [(min(first, last), Raw(_compact(view))) for (_, first, last), view in zip(chunk, views)]
    return out


def _since(wholes: dict | None, key: str, cutoff: str) -> Iterator[list[Raw]] | None:
    section = wholes[key]() if wholes and key in wholes else None
    if section is None:
        return None
    rows = [text for start, text in section if start > cutoff]
    return iter([rows[i:i + CHUNK] for i in range(0, len(rows), CHUNK)])


def _entry_chunks(conn, ids: list[str], cutoff: str, *, updated: bool, text: bool = False) -> Iterator[list]:
    from chronicle.views.changes import entry_rows, new_entry_texts

    for i in range(0, len(ids), CHUNK):
        if text and not updated:
            yield new_entry_texts(conn, ids[i:i + CHUNK])
        else:
            yield entry_rows(conn, ids[i:i + CHUNK], cutoff, updated=updated)


def _new_claims(conn, cutoff: str) -> Iterator[list[dict]]:
    from chronicle.views.claims import claims_view

    yield claims_view(conn, after=cutoff)


def _changed_positions(conn, cutoff: str) -> Iterator[list[dict]]:
    from chronicle.views.positions import positions_view

    positions = positions_view(conn, after=cutoff)
    earlier = _positions_by_id(conn, {p["revises"] for p in positions if p.get("revises")})
    out = []
    for p in positions:
        before = earlier.get(p["revises"]) if p.get("revises") else None
        out.append({**p, "change": "revised" if p.get("revises") else "new",
                    "previous": {k: before[k] for k in ("id", "stance", "text", "date", "article")} if before else None})
    yield out


def _positions_by_id(conn, ids: set[str]) -> dict[str, dict]:
    """The stances with these ids (``<article>-p<idx>``, as views/positions.py names them), the
    few fields a revision shows of them."""
    if not ids:
        return {}
    rows = conn.execute(
        "SELECT article_id || '-p' || idx, stance, text, date, article_id FROM positions "
        "WHERE article_id || '-p' || idx IN (SELECT value FROM json_each(?))", (json.dumps(sorted(ids)),))
    return {r[0]: {"id": r[0], "stance": r[1], "text": r[2], "date": r[3], "article": r[4]} for r in rows}


def _new_quotes(conn, cutoff: str) -> Iterator[list[dict]]:
    cursor = conn.execute(
        "SELECT q.speaker, q.speaker_text, q.text, q.kind, q.cue, q.article_id, a.published, q.start_char, q.end_char, "
        "q.speaker_kind "
        "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.published_start > ? "
        "ORDER BY a.published_start, a.seq, q.idx", (cutoff,))
    while rows := cursor.fetchmany(CHUNK):
        yield [{"speaker": r[0], "speaker_kind": r[9] if r[0] else None, "speaker_text": r[1], "text": r[2],
                "kind": r[3], "cue": r[4], "article": r[5], "published": r[6], "start": r[7], "end": r[8]} for r in rows]


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
