"""The store's connection: SQLite (WAL mode, one writer) or PostgreSQL, versioned migrations,
batch transactions.

``connect`` is the one place that picks the backend, from the ``--db`` value: a path is SQLite,
``postgresql://`` is PostgreSQL (store/postgres.py, an adapter with sqlite3's API). Schema changes
are numbered SQL files in ``migrations/`` (SQLite) and ``migrations/postgresql/`` (the same numbers,
translated); ``PRAGMA user_version`` (on PostgreSQL the table ``chronicle_schema``) records the
last one applied, and each is applied in its own transaction, so a store written by an older
Chronicle is brought up to date when opened.
"""
from __future__ import annotations

import contextlib
import sqlite3
from importlib import resources
from pathlib import Path

from chronicle.errors import StoreError

SQLITE_MAX_VARS = 999  # the conservative compile-time default; batches are sized from it


def migrations(dialect: str = "sqlite") -> list[tuple[int, str, str]]:
    """(number, name, sql) for every migration shipped for ``dialect`` (sqlite, postgresql), in order."""
    found = []
    folder = resources.files("chronicle.store").joinpath("migrations")
    if dialect == "postgresql":
        folder = folder.joinpath("postgresql")
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


PG_SCHEMES = ("postgres://", "postgresql://")
PG_MIGRATION_LOCK = 0x6368726F6E  # "chron": the advisory lock key that serialises migrations


def is_url(target: str) -> bool:
    """Whether ``--db`` names a server, not a file (``postgresql://``, or another scheme we refuse)."""
    return "://" in target and target.split("://", 1)[0].replace("+", "").isalpha()


def dialect(conn) -> str:
    """``sqlite`` or ``postgresql``: which SQL the connection speaks."""
    return getattr(conn, "dialect", "sqlite")


def require_store(path: str | Path) -> None:
    """Refuse a SQLite store that does not exist yet, so that a mistyped ``--db`` fails loudly.

    Opening a store creates it; only ``chronicle ingest`` (and the Python API) should. Like
    sqlite-utils and Datasette, every reading command checks first.
    """
    target = str(path)
    if target == ":memory:" or is_url(target) or Path(target).expanduser().is_file():
        return
    raise StoreError.of("STO007", target=target, resolved=Path(target).expanduser().resolve())


def connect(path: str | Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open (and create or migrate) the store at ``path``.

    ``read_only`` opens an existing store for reading only, as the web server's reading threads
    do (one connection each): nothing is created or migrated, and a write fails instead of
    taking SQLite's write lock (PostgreSQL: a read-only session).
    """
    target = str(path)
    if target.startswith(PG_SCHEMES):
        from chronicle.store import postgres

        return postgres.connect(target, read_only=read_only)
    if is_url(target):
        raise StoreError.of("STO002", target=target)
    if read_only:
        return _connect_read_only(target)
    if target != ":memory:":
        parent = Path(target).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError.of("STO003", target=target, parent=parent)
    try:
        conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False, timeout=30)
    except sqlite3.Error as exc:
        raise StoreError.of("STO004", target=target, detail=exc) from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError.of("STO005", target=target, detail=exc) from exc
    return conn


def _connect_read_only(target: str) -> sqlite3.Connection:
    require_store(target)
    if target == ":memory:":  # a second connection would see another, empty, database
        raise StoreError.of("STO004", target=target, detail="an in-memory store has no second connection")
    uri = Path(target).expanduser().resolve().as_uri() + "?mode=ro"
    try:
        # check_same_thread off: the web server hands a reading connection to one request at a
        # time, and a streamed response may read its next chunk in another worker thread
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30)
    except sqlite3.Error as exc:
        raise StoreError.of("STO004", target=target, detail=exc) from exc
    conn.row_factory = sqlite3.Row
    try:
        current = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError.of("STO005", target=target, detail=exc) from exc
    newest = migrations()[-1][0]
    if current != newest:  # older: open it once for writing (which migrates it); newer: upgrade Chronicle
        conn.close()
        if current > newest:
            raise StoreError.of("STO006", current=current, newest=newest)
        raise StoreError.of("STO004", target=target, detail=f"read-only, and its schema version {current} is older "
                            f"than {newest}: open it once for writing (any chronicle command), which migrates it")
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    kind = dialect(conn)
    if kind == "postgresql":
        # Two processes opening a new PostgreSQL store at once: one migrates, the other waits
        # (SQLite's BEGIN IMMEDIATE does this for its stores).
        conn.execute("SELECT pg_advisory_lock(?)", (PG_MIGRATION_LOCK,))
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS chronicle_schema ("
                         "version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            return _migrate(conn, kind)
        finally:
            conn.execute("SELECT pg_advisory_unlock(?)", (PG_MIGRATION_LOCK,))
    return _migrate(conn, kind)


def _migrate(conn, kind: str) -> int:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    known = migrations(kind)
    newest = known[-1][0] if known else 0
    if current > newest:
        raise StoreError.of("STO006", current=current, newest=newest)
    for number, name, sql in known:
        if number <= current:
            continue
        with transaction(conn):
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number:d}")
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping CREATE TRIGGER ... END; blocks whole."""
    out, buf = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") and not buf:
            continue
        buf.append(line)
        chunk = "\n".join(buf)
        if sqlite3.complete_statement(chunk):
            if chunk.strip():
                out.append(chunk)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf))
    return out


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection):
    """One atomic batch: BEGIN IMMEDIATE takes the write lock up front, so writers queue, not fail."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def in_chunks(values, size: int = 500):
    """Yield (chunk, "?,?,...") pairs so that an ``IN (...)`` list stays under SQLite's variable limit."""
    values = list(values)
    for i in range(0, len(values), size):
        chunk = values[i : i + size]
        yield chunk, ",".join("?" * len(chunk))


def insert_rows(conn: sqlite3.Connection, table: str, rows: list[dict], *, replace: bool = False) -> None:
    """Bulk insert, batched so that no statement passes SQLite's variable limit."""
    if not rows:
        return
    columns = list(rows[0])
    per_row = len(columns)
    batch = max(1, SQLITE_MAX_VARS // per_row)
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    head = f"{verb} INTO {table} ({', '.join(columns)}) VALUES "
    one = "(" + ", ".join("?" * per_row) + ")"
    for i in range(0, len(rows), batch):
        chunk = rows[i : i + batch]
        params = [row[c] for row in chunk for c in columns]
        conn.execute(head + ", ".join([one] * len(chunk)), params)
