"""Story rows: the clustering state link/stories.py reads back, and what it writes after placing articles.

The state is kept whole (each story's centroid terms and name forms, the pile's document
frequencies), so that an incremental ingest reads the stories and writes only what changed.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from chronicle.store.db import in_chunks, insert_rows


def unplaced_articles(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """The originals not yet in a story (syndicated copies follow their original)."""
    return conn.execute(
        "SELECT id, title, text, published_start FROM articles WHERE story_id IS NULL AND duplicate_of IS NULL "
        "ORDER BY seq").fetchall()


def placed_count(conn: sqlite3.Connection) -> int:
    """How many originals are in a story: the pile size the document frequencies count over."""
    return conn.execute(
        "SELECT COUNT(*) FROM articles WHERE story_id IS NOT NULL AND duplicate_of IS NULL").fetchone()[0]


def read_df(conn: sqlite3.Connection) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT term, df FROM story_df")}


def read_stories(conn: sqlite3.Connection) -> list[dict]:
    """Every story with its terms and name forms: ``{"id", "size", "first_day", "last_day", "terms", "names"}``."""
    stories = {r["id"]: {**dict(r), "terms": {}, "names": {}} for r in conn.execute(
        "SELECT id, size, first_day, last_day FROM stories WHERE merged_into IS NULL ORDER BY id")}
    for sid, term, weight in conn.execute("SELECT story_id, term, weight FROM story_terms"):
        if sid in stories:
            stories[sid]["terms"][term] = weight
    for sid, surface, count in conn.execute("SELECT story_id, surface, count FROM story_names"):
        if sid in stories:
            stories[sid]["names"][surface] = count
    return list(stories.values())


def add_df(conn: sqlite3.Connection, added: dict[str, int]) -> None:
    """Add newly placed articles' document frequencies (call inside a transaction)."""
    conn.executemany("INSERT INTO story_df (term, df) VALUES (?, ?) "
                     "ON CONFLICT(term) DO UPDATE SET df = story_df.df + excluded.df", sorted(added.items()))


def replace_stories(conn: sqlite3.Connection, stories: Iterable[dict], stage: str) -> None:
    """Write (insert or replace) the stories given, each ``{"id", "label", "size", "first_day", "last_day",
    "terms", "names"}``, with their terms and name forms (call inside a transaction)."""
    stories = list(stories)
    ids = [s["id"] for s in stories]
    for chunk, marks in in_chunks(ids):
        conn.execute(f"DELETE FROM story_terms WHERE story_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM story_names WHERE story_id IN ({marks})", chunk)
    conn.executemany(
        "INSERT INTO stories (id, label, size, first_day, last_day, stage) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET label = excluded.label, size = excluded.size, "
        "first_day = excluded.first_day, last_day = excluded.last_day, stage = excluded.stage",
        [(s["id"], s["label"], s["size"], s["first_day"], s["last_day"], stage) for s in stories])
    insert_rows(conn, "story_terms", [{"story_id": s["id"], "term": t, "weight": w}
                                      for s in stories for t, w in s["terms"].items()])
    insert_rows(conn, "story_names", [{"story_id": s["id"], "surface": n, "count": c}
                                      for s in stories for n, c in s["names"].items()])


def merge_stories(conn: sqlite3.Connection, merged: dict[str, str]) -> None:
    """Move merged stories' articles to the story each was merged into; the merged id stays, pointing
    at it (``merged_into``), so that it still names the story (call inside a transaction)."""
    for old, into in sorted(merged.items()):
        conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (into, old))
        conn.execute("UPDATE stories SET merged_into = ? WHERE id = ? OR merged_into = ?", (into, old, old))
        conn.execute("DELETE FROM story_terms WHERE story_id = ?", (old,))
        conn.execute("DELETE FROM story_names WHERE story_id = ?", (old,))


def set_article_stories(conn: sqlite3.Connection, placed: dict[str, str]) -> None:
    """article id -> story id for the articles placed; copies then take their original's story."""
    conn.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(s, a) for a, s in placed.items()])
    conn.execute(
        "UPDATE articles SET story_id = (SELECT o.story_id FROM articles o WHERE o.id = articles.duplicate_of) "
        "WHERE duplicate_of IS NOT NULL AND story_id IS NOT "
        "(SELECT o.story_id FROM articles o WHERE o.id = articles.duplicate_of)")
