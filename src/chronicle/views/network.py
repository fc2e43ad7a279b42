"""The actor network's readings, counted in SQL: who appears with whom (actors named on the same
timeline entry) and who quotes whom (an entity mentioned inside a speaker's quote).

Both read indexes only (``timeline_actors``, ``quotes_speaker``, ``mentions_place``: migration
0015), so the network page costs the same on a Timeline17 store as on the demo.
"""
from __future__ import annotations

import json
import sqlite3

from chronicle.views.quotes import speaker_map

CANDIDATES = 300  # the actors most often on an entry that may be drawn


def actor_pairs(conn: sqlite3.Connection, *, actor: str | None = None, min_entries: int = 2,
                candidates: int = CANDIDATES) -> list[tuple[str, str, int]]:
    """``(a, b, entries)`` for two actors named on at least ``min_entries`` timeline entries together,
    ``a < b``, most shared first; among the ``candidates`` actors most often on an entry, or, with
    ``actor``, that actor's pairs."""
    top = ("SELECT actor FROM timeline_actors GROUP BY actor ORDER BY COUNT(*) DESC, actor LIMIT :n")
    if actor is not None:
        # that actor's entries first (by the actor index), then only their actors paired
        where = ("a.entry_id IN (SELECT entry_id FROM timeline_actors WHERE actor = :actor) "
                 "AND (a.actor = :actor OR b.actor = :actor)")
    else:
        where = f"a.actor IN ({top}) AND b.actor IN ({top})"
    rows = conn.execute(
        "SELECT a.actor, b.actor, COUNT(*) AS n FROM timeline_actors a "
        "JOIN timeline_actors b ON b.entry_id = a.entry_id AND a.actor < b.actor "
        f"WHERE {where} GROUP BY a.actor, b.actor HAVING COUNT(*) >= :min ORDER BY n DESC, a.actor, b.actor",
        {"n": candidates, "actor": actor, "min": min_entries})
    return [(r[0], r[1], r[2]) for r in rows]


def quote_mentions(conn: sqlite3.Connection, speakers: list[str]) -> list[tuple[str, str, int]]:
    """``(speaker, named, quotes)``: how many quotes of each of ``speakers`` (store-wide names) mention
    another entity inside the quote's own span, most first."""
    if not speakers:
        return []
    raw = [r[0] for r in conn.execute(
        "SELECT a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
        "WHERE e.name IN (SELECT value FROM json_each(?)) UNION SELECT value FROM json_each(?)",
        (json.dumps(speakers), json.dumps(speakers)))]
    rows = conn.execute(
        "SELECT q.speaker, e.name, COUNT(DISTINCT q.rowid) FROM quotes q "
        # A mention inside the quote starts inside it too: the bound on start_char makes the
        # index read a range of the quote's own mentions, not every later one of its article.
        "JOIN mentions m ON m.article_id = q.article_id AND m.start_char >= q.start_char "
        "AND m.start_char <= q.end_char AND m.end_char <= q.end_char "
        "JOIN entities e ON e.id = m.entity_id "
        "WHERE q.speaker IN (SELECT value FROM json_each(?)) GROUP BY q.speaker, e.name", (json.dumps(raw),)).fetchall()
    to_entity = speaker_map(conn, {r[0] for r in rows})
    wanted = set(speakers)
    out: dict[tuple[str, str], int] = {}
    for speaker, named, n in rows:
        who = to_entity.get(speaker, speaker)
        if who in wanted and named != who:
            out[(who, named)] = out.get((who, named), 0) + n
    return sorted(((a, b, n) for (a, b), n in out.items()), key=lambda t: (-t[2], t[0], t[1]))
