"""The Numbers view's reading: one page of claim groups, counted and paged in SQL, with only
that page's claims read (each claim's sentence is cut from its article, the costly part).

Groups come disputed first (``order="disputed"``) or largest first (``"size"``); a claim not
grouped yet is a group of its own. ``about`` (words in what is counted, the unit, the claimant
or the sentence) needs every claim's sentence, so it reads through :func:`claims_view`.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from chronicle.views.claims import _ORDER, _SQL, _row, about_filter, claims_view
from chronicle.views.quotes import speaker_map
from chronicle.views.shapes import Claim, Position

_GROUP = "COALESCE(c.group_key, c.article_id || '-c' || c.idx)"
_ORDERS = {"disputed": "MAX(c.disputed) DESC, COUNT(*) DESC, g", "size": "COUNT(*) DESC, MAX(c.disputed) DESC, g"}


def claim_group_page(conn: sqlite3.Connection, about: str | None = None, *, disputed: bool = False,
                     order: str = "disputed", limit: int | None = None, offset: int = 0) -> dict:
    """``{"groups": [{"group", "disputed", "counts", "unit", "claims"}], "total_groups",
    "disputed_groups", "total_claims"}`` for groups ``offset`` to ``offset + limit``."""
    if order not in _ORDERS:
        raise ValueError(f"order must be one of {', '.join(_ORDERS)}")
    if about:
        return _page(_grouped(claims_view(conn, about, disputed=disputed), order), limit, offset)
    where = " WHERE c.disputed = 1" if disputed else ""
    try:
        counts = conn.execute(f"SELECT {_GROUP} AS g, COUNT(*), MAX(c.disputed) FROM claims c{where} GROUP BY g "
                              f"ORDER BY {_ORDERS[order]}").fetchall()
    except sqlite3.OperationalError:  # a store from before migration 12
        return {"groups": [], "total_groups": 0, "disputed_groups": 0, "total_claims": 0}
    shown = [r[0] for r in counts[offset:None if limit is None else offset + limit]]
    rows = [dict(r) for r in conn.execute(
        _SQL + f"WHERE {_GROUP} IN (SELECT value FROM json_each(?))" + _ORDER, (json.dumps(shown),))]
    names = speaker_map(conn, {r["claimant"] for r in rows if r["claimant"]})
    by_group = {g: [] for g in shown}
    for r in rows:
        row = _row(r, names)
        by_group[row["group"]].append(row)
    return {"groups": [_group(g, cs) for g, cs in by_group.items() if cs], "total_groups": len(counts),
            "disputed_groups": sum(bool(r[2]) for r in counts), "total_claims": sum(r[1] for r in counts)}


def _group(g: str, claims: list[dict]) -> dict:
    first = claims[0]
    return {"group": g, "disputed": any(c["disputed"] for c in claims), "counts": first["counts"],
            "unit": first["unit"], "claims": claims}


def _grouped(rows: list[dict], order: str) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
    out = [_group(g, cs) for g, cs in groups.items()]
    if order == "size":
        return sorted(out, key=lambda g: (-len(g["claims"]), not g["disputed"], g["group"]))
    return sorted(out, key=lambda g: (not g["disputed"], -len(g["claims"]), g["group"]))


def _page(groups: list[dict], limit: int | None, offset: int) -> dict:
    return {"groups": groups[offset:None if limit is None else offset + limit], "total_groups": len(groups),
            "disputed_groups": sum(g["disputed"] for g in groups),
            "total_claims": sum(len(g["claims"]) for g in groups)}


def iter_claims(conn: sqlite3.Connection, about: str | None = None, *, disputed: bool = False,
                chunk: int = 500) -> Iterator[Claim]:
    """:func:`claims_view`'s rows, in its order, read ``chunk`` at a time (for streaming): the order
    first, from the claims and a covering index of the articles (no article text read), then each
    chunk's rows with their sentences when it is reached."""
    from chronicle.views import claims

    where = "WHERE c.disputed = 1 " if disputed else ""
    yield from _chunked(conn, "claims c", where, claims._ORDER, claims._SQL_LATE, claims._row,
                        lambda r: r["claimant"], about and about_filter(about), chunk, fill=claims.with_sentences)


def iter_positions(conn: sqlite3.Connection, actor: str | None = None, *, chunk: int = 500) -> Iterator[Position]:
    """:func:`chronicle.views.positions.positions_view`'s rows, read ``chunk`` at a time (as :func:`iter_claims`)."""
    from chronicle.views import positions

    if actor:  # the actor filter matches names and aliases in Python, on every row: read it whole
        yield from positions.positions_view(conn, actor)
        return
    sql, order = positions._SQL, positions._ORDER.replace(" ORDER BY", "", 1)
    yield from _chunked(conn, "positions p", "", " ORDER BY" + order, sql, positions._row, lambda r: r["actor"], None,
                        chunk)


def top_actor_positions(conn: sqlite3.Connection, actors: int = 30) -> list[Position]:
    """The positions of the ``actors`` actors with most positions (store-wide names), in date order:
    counted in SQL first, so only those actors' rows are read. Their ``sentence`` is null: the
    Positions view shows the stance, and cutting each sentence out of its article read every
    article's text (0.15 s of the page's 0.5 s on Timeline17)."""
    from chronicle.views import positions

    try:
        counts = conn.execute("SELECT actor, COUNT(*) FROM positions GROUP BY actor").fetchall()
    except sqlite3.OperationalError:  # a store from before migration 12
        return []
    to_entity = speaker_map(conn, {r[0] for r in counts})
    total: dict[str, int] = {}
    for raw, n in counts:
        total[to_entity.get(raw, raw)] = total.get(to_entity.get(raw, raw), 0) + n
    top = set(sorted(total, key=lambda a: (-total[a], a))[:actors])
    raw = sorted(r for r, _ in counts if to_entity.get(r, r) in top)
    sql, order = positions._SQL.replace(positions.SENTENCE, "NULL"), positions._ORDER.replace(" ORDER BY", "", 1)
    return list(_chunked(conn, "positions p", "WHERE p.actor IN (SELECT value FROM json_each(?)) ", " ORDER BY" + order,
                         sql, positions._row, lambda r: r["actor"], None, 500, (json.dumps(raw),)))


def _chunked(conn, table: str, where: str, order: str, select: str, to_row, name_of, keep, chunk: int,
             params: tuple = (), fill=None):
    alias = table.split()[1]
    try:
        rowids = [r[0] for r in conn.execute(
            f"SELECT {alias}.rowid FROM {table} JOIN articles a INDEXED BY articles_order ON a.id = {alias}.article_id "
            + where + order, params)]
    except sqlite3.OperationalError:  # a store from before migration 12
        return
    for i in range(0, len(rowids), chunk):
        part = rowids[i:i + chunk]
        glue = "AND" if "WHERE" in select else "WHERE"
        rows = {r["rid"]: dict(r) for r in conn.execute(
            select.replace("SELECT ", f"SELECT {alias}.rowid AS rid, ", 1)
            + f" {glue} {alias}.rowid IN (SELECT value FROM json_each(?))", (json.dumps(part),))}
        if fill is not None:  # what ``select`` leaves out, for the chunk at once (claims.with_sentences)
            fill(conn, list(rows.values()))
        names = speaker_map(conn, {name_of(r) for r in rows.values() if name_of(r)})
        for rid in part:
            if rid in rows:
                row = to_row(rows[rid], names)
                if keep is None or keep(row):
                    yield row
