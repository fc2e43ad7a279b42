"""The store's consistency check (``chronicle check``): SQLite's own integrity, and Chronicle's
invariants across tables, which a kill at any moment of an ingest must leave true (issue 18).

Each check is a name, a question in words and one SQL query that lists the offending rows;
a consistent store answers every query with no row. A last row, ``pending``, is never a problem:
it names the work a killed ingest left (articles to analyse, the timeline to rebuild), which the
same command run again does.
"""
from __future__ import annotations

import sqlite3

# (name, what a row of the query means, query). ``LIMIT`` keeps a report of a badly damaged
# store short; the count below is exact.
CHECKS: tuple[tuple[str, str, str], ...] = (
    ("half-analysed", "an article with annotations but no finished analysis (a half-written batch)",
     "SELECT id FROM articles a WHERE analysis_version IS NULL AND ("
     " EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
     " OR EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id))"),
    ("orphan-diagnostics", "a diagnostic naming an article that is not stored",
     "SELECT id FROM diagnostics d WHERE article_id IS NOT NULL"
     " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id)"),
    ("timeline-source-without-event", "a timeline source that is no stored event",
     "SELECT entry_id || ' ' || article_id || '#' || event_idx FROM timeline_sources ts WHERE NOT EXISTS"
     " (SELECT 1 FROM events e WHERE e.article_id = ts.article_id AND e.idx = ts.event_idx)"),
    ("timeline-sentence-mismatch", "a timeline source whose sentence is not the article's text at its offsets",
     "SELECT entry_id || ' ' || ts.article_id FROM timeline_sources ts JOIN articles a ON a.id = ts.article_id"
     " WHERE substr(a.text, ts.start_char + 1, ts.end_char - ts.start_char) != ts.sentence"),
    ("timeline-entry-without-source", "a timeline entry with no source",
     "SELECT id FROM timeline_entries t WHERE NOT EXISTS (SELECT 1 FROM timeline_sources s WHERE s.entry_id = t.id)"),
    # An interrupted ingest records the rebuild it owes (chronicle.store.pending): that is pending
    # work, shown by the ``pending`` row below; events with no timeline and no debt are damage.
    ("timeline-missing", "analysed events but no timeline, and no interrupted ingest owing the rebuild",
     "SELECT 'events: ' || COUNT(*) FROM events HAVING COUNT(*) > 0"
     " AND NOT EXISTS (SELECT 1 FROM timeline_entries) AND NOT EXISTS (SELECT 1 FROM pending_steps)"),
)


def check_store(conn: sqlite3.Connection, *, examples: int = 5) -> list[dict]:
    """``[{"check", "meaning", "problems", "examples"}]``, one per check; all problems 0 when consistent."""
    out = []
    if getattr(conn, "dialect", "sqlite") == "postgresql":
        # PostgreSQL checks its pages and foreign keys itself, on every write; Chronicle's own
        # invariants below are the same queries on both backends.
        out.append({"check": "integrity", "meaning": "PostgreSQL keeps its own integrity (no PRAGMA to ask)",
                    "problems": 0, "examples": []})
        out.append({"check": "foreign-keys", "meaning": "enforced by PostgreSQL on every write", "problems": 0,
                    "examples": []})
        for name, meaning, sql in CHECKS:
            found = [r[0] for r in conn.execute(sql).fetchall()]
            out.append({"check": name, "meaning": meaning, "problems": len(found), "examples": found[:examples]})
        return out
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    bad = [] if rows == ["ok"] else rows
    out.append({"check": "integrity", "meaning": "SQLite's PRAGMA integrity_check", "problems": len(bad),
                "examples": bad[:examples]})
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    out.append({"check": "foreign-keys", "meaning": "a row whose referenced row is missing", "problems": len(fk),
                "examples": [f"{r[0]} row {r[1]} -> {r[2]}" for r in fk[:examples]]})
    for name, meaning, sql in CHECKS:
        found = [r[0] for r in conn.execute(sql).fetchall()]
        out.append({"check": name, "meaning": meaning, "problems": len(found), "examples": found[:examples]})
    out.append(pending_work(conn))
    return out


def pending_work(conn: sqlite3.Connection) -> dict:
    """Not a problem: what an interrupted ingest left to do, which its rerun does (``problems`` is 0)."""
    from chronicle.store.pending import owed

    notes = [f"{step} owed since {since}: rerun the ingest" for step, since in owed(conn).items()]
    waiting = conn.execute("SELECT COUNT(*) FROM articles WHERE analysis_version IS NULL").fetchone()[0]
    if waiting:
        notes.append(f"{waiting} article(s) not analysed yet")
    return {"check": "pending", "meaning": "work an interrupted ingest left, done by its rerun (not damage)",
            "problems": 0, "examples": notes}
