"""The ``positions --json`` shape: what each actor demands, offers, accepts or refuses, over time.

CONTRACT fields: id, actor, stance, text, target, date, article, outlet, published, start, end,
sentence, revises. Added: cue (the words that state it), actor_text (the words naming the actor)
and sentence_start. ``actor`` is the store-wide entity name when the entities step merged the
in-article name; ``--actor`` matches it, its aliases or the words in the article, any case.
"""
from __future__ import annotations

import json
import sqlite3

from chronicle.views.quotes import speaker_map
from chronicle.views.shapes import Position

POSITION_FIELDS = ("id", "actor", "stance", "text", "target", "date", "article", "outlet", "published", "start",
                   "end", "sentence", "revises")
POSITION_EXTRA_FIELDS = ("cue", "actor_text", "sentence_start")

SENTENCE = "substr(a.text, p.sentence_start + 1, p.sentence_end - p.sentence_start)"
_SQL = f"SELECT p.*, a.outlet, a.published, {SENTENCE} AS sentence FROM positions p JOIN articles a ON a.id = p.article_id "
_ORDER = " ORDER BY COALESCE(p.range_start, a.published_start), a.published_start, a.seq, p.idx"


def positions_view(conn: sqlite3.Connection, actor: str | None = None, *, after: str | None = None) -> list[Position]:
    """Every position, ordered by date; ``actor`` keeps one actor's (name, alias or words, any case);
    ``after`` (an ISO day) those of articles published after it."""
    conds, params = (["a.published_start > ?"], [after]) if after else ([], [])
    if actor:
        # Only the rows that can be that actor's are read whole (each row cuts its sentence from
        # the article text): the names are matched first on the narrow columns.
        conds.append("p.rowid IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(_rowids_for(conn, actor)))
    try:
        rows = [dict(r) for r in conn.execute(_SQL + (" WHERE " + " AND ".join(conds) if conds else "") + _ORDER,
                                              params)]
    except sqlite3.OperationalError:  # a store from before migration 12
        return []
    names = speaker_map(conn, {r["actor"] for r in rows})
    out = [_row(r, names) for r in rows]
    return of_actor(out, actor, actor_names(conn, actor)) if actor else out


def of_actor(rows: list[Position], actor: str, names: set[str]) -> list[Position]:
    """The rows of :func:`positions_view` that are ``actor``'s, in their order: ``names`` is what
    :func:`actor_names` gives for it. A server keeps every position and filters it per actor (issue 18)."""
    key = actor.strip().lower()
    return [r for r in rows if r["actor"].lower() in names or (r["actor_text"] or "").lower() == key]


def positions_by_actor(conn: sqlite3.Connection, actor: str | None = None) -> list[dict]:
    """For a Positions view: ``[{"actor", "positions"}]``, each actor's stances in date order, the
    actors with most positions first. A position with ``revises`` shows a move from that one."""
    groups: dict[str, list[dict]] = {}
    for r in positions_view(conn, actor):
        groups.setdefault(r["actor"], []).append(r)
    return [{"actor": a, "positions": ps} for a, ps in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def _rowids_for(conn: sqlite3.Connection, actor: str) -> list[int]:
    """The rowids of the positions :func:`positions_view` keeps for ``actor``, matched as it matches
    them (store-wide name or alias, or the words in the article) on the actor columns alone."""
    try:
        found = conn.execute("SELECT rowid, actor, actor_text FROM positions").fetchall()
    except sqlite3.OperationalError:  # a store from before migration 12
        return []
    names = speaker_map(conn, {r[1] for r in found})
    wanted, key = actor_names(conn, actor), actor.strip().lower()
    return [r[0] for r in found if names.get(r[1], r[1]).lower() in wanted or (r[2] or "").lower() == key]


def actor_names(conn: sqlite3.Connection, actor: str) -> set[str]:
    """Lower-cased store-wide names that ``actor`` can mean: itself, and entities it is an alias of."""
    key = actor.strip().lower()
    wanted = {key}
    try:
        wanted |= {r[0].lower() for r in conn.execute(
            "SELECT e.name FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE lower(a.alias) = ?", (key,))}
    except sqlite3.OperationalError:
        pass
    return wanted


def _row(r: dict, names: dict[str, str]) -> dict:
    aid = r["article_id"]
    return {
        "id": f"{aid}-p{r['idx']}", "actor": names.get(r["actor"], r["actor"]), "stance": r["stance"],
        "text": r["text"], "target": r["target"], "date": r["date"], "article": aid, "outlet": r["outlet"],
        "published": r["published"], "start": r["start_char"], "end": r["end_char"], "sentence": r["sentence"],
        "revises": r["revises"], "cue": r["cue"], "actor_text": r["actor_text"], "sentence_start": r["sentence_start"],
    }
