"""The cross-document work an interrupted ingest still owes (migration 0015, issue 18).

A batch that changes what the timeline is built from records ``after-ingest`` in its own
transaction; the ingest settles it once linking and the timeline rebuild have run. So a kill
at any moment leaves either no debt or a recorded one, and the rerun pays it even when it finds
nothing new to read or analyse (a reader may have rebuilt the timeline in between, from entities
not yet linked).
"""
from __future__ import annotations

import sqlite3

AFTER_INGEST = "after-ingest"


def owe(conn: sqlite3.Connection, step: str = AFTER_INGEST) -> None:
    """Record that ``step`` must run (call inside the batch's transaction)."""
    from chronicle.store.articles import now

    conn.execute("INSERT OR IGNORE INTO pending_steps (step, since) VALUES (?, ?)", (step, now()))


def owed(conn: sqlite3.Connection) -> dict[str, str]:
    """{step: since} for every step owed; empty when no ingest was interrupted."""
    return {r[0]: r[1] for r in conn.execute("SELECT step, since FROM pending_steps")}


def settle(conn: sqlite3.Connection, step: str = AFTER_INGEST) -> None:
    conn.execute("DELETE FROM pending_steps WHERE step = ?", (step,))
