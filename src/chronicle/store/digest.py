"""The digest's index (migration 0018): written with each timeline, read by chronicle.views.digest.

The rows come from chronicle.views.digest_index (what each candidate line weighs whatever the
date); this module only stores them and says which timeline they were built from."""
from __future__ import annotations

import hashlib
import secrets
import sqlite3

from chronicle.store.db import insert_rows


def has_index(conn: sqlite3.Connection) -> bool:
    """Whether the store has the index's tables (a store from before migration 18 has not)."""
    return conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'digest_meta'").fetchone()[0] > 0 \
        if isinstance(conn, sqlite3.Connection) else True


def new_timeline(conn: sqlite3.Connection, token: str | None = None) -> str:
    """Record that the timeline was just replaced (inside its transaction) by one whose content hashes
    to ``token``: the index built before it no longer describes it (its token differs, or it is
    absent). Returns the token."""
    token = token or secrets.token_hex(8)
    if has_index(conn):
        conn.execute("DELETE FROM digest_meta WHERE key = 'index'")
        _put(conn, "timeline", token)
    return token


def content_token(views: list[str]) -> str:
    """A timeline's token: the hash of its entries' stored views, in the order of their ids."""
    return hashlib.sha256("\n".join(views).encode()).hexdigest()[:16]


def replace_index(conn: sqlite3.Connection, entries: list[dict], details: list[dict], version: str) -> None:
    """Swap the stored index for ``entries`` and ``details`` (rows of digest_entries and
    digest_details), built from the timeline as it stands, with the index code and weights
    ``version`` (call inside a transaction)."""
    if not has_index(conn):
        return
    conn.execute("DELETE FROM digest_entries")
    conn.execute("DELETE FROM digest_details")
    insert_rows(conn, "digest_entries", entries)
    insert_rows(conn, "digest_details", details)
    row = conn.execute("SELECT value FROM digest_meta WHERE key = 'timeline'").fetchone()
    token = row[0] if row else new_timeline(conn, content_token([v for _, v in conn.execute(
        "SELECT id, view FROM timeline_entries ORDER BY id")]))  # a timeline stored before migration 18
    _put(conn, "index", token)
    _put(conn, "version", version)


def index_state(conn: sqlite3.Connection) -> dict[str, str]:
    """``{"timeline", "index", "version"}`` as far as they are recorded (empty before migration 18)."""
    if not has_index(conn):
        return {}
    return {k: v for k, v in conn.execute("SELECT key, value FROM digest_meta")}


def index_describes_timeline(conn: sqlite3.Connection) -> bool:
    """Whether the stored index was built from the stored timeline (whatever its weights)."""
    state = index_state(conn)
    return bool(state.get("index")) and state.get("index") == state.get("timeline")


def _put(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("DELETE FROM digest_meta WHERE key = ?", (key,))
    conn.execute("INSERT INTO digest_meta (key, value) VALUES (?, ?)", (key, value))
