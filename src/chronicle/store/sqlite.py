"""The Store object: the one place that holds the SQLite connection and writes to it."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from chronicle.store import annotations, articles
from chronicle.store.db import connect, transaction

DEFAULT_DB = "chronicle.db"


def resolve_db(db: str | os.PathLike | None) -> str:
    if db is None or str(db) == "":
        db = os.environ.get("CHRONICLE_DB") or DEFAULT_DB
    return str(db)


class Store:
    """A Chronicle store. All writes go through this object's single connection."""

    def __init__(self, db: str | os.PathLike | None = None, *, read_only: bool = False):
        self.path = resolve_db(db)
        self.conn: sqlite3.Connection = connect(self.path, read_only=read_only)

    def close(self) -> None:
        self.conn.close()

    def transaction(self):
        return transaction(self.conn)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # articles
    def has_articles(self, ids):
        return articles.has_articles(self.conn, ids)

    def add_raw_input(self, sha256: str, path: str, fmt: str, encoding: str | None, data: bytes) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO raw_inputs (sha256, path, format, encoding, size, content, first_seen_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sha256, path, fmt, encoding, len(data), data, articles.now()),
        )

    def stored_sources(self, paths) -> set[str]:
        return articles.stored_sources(self.conn, paths)

    def add_articles(self, new) -> None:
        articles.add_articles(self.conn, new)

    def iter_pending(self, version: str):
        return articles.iter_pending(self.conn, version)

    def count_pending(self, version: str) -> int:
        return articles.count_pending(self.conn, version)

    def add_analyses(self, analyses, version: str) -> None:
        annotations.add_analyses(self.conn, analyses, version)

    def add_diagnostics(self, rows: list[dict]) -> None:
        from chronicle.store.db import insert_rows

        insert_rows(self.conn, "diagnostics", rows)

    def get_article_row(self, article_id: str):
        return articles.get_article_row(self.conn, article_id)

    def search(self, query: str, limit: int = 20):
        return articles.search(self.conn, query, limit)

    def query(self, sql: str, params=()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def __repr__(self) -> str:
        if self.path.startswith(("postgres://", "postgresql://")):
            from chronicle.store.postgres import redact

            return f"Store({redact(self.path)})"
        return f"Store({Path(self.path)!s})"
