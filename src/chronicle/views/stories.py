"""The story readings: the ``stories --json`` rows, and a story id resolved to its articles.

``stories --json`` prints ``[{"id", "label", "articles", "first_published", "last_published",
"outlets", "actors"}]``, the largest stories first: ``label`` is a few salient names and words of
the story (chronicle.link.stories), ``articles`` counts its articles with syndicated copies,
``outlets`` lists its outlets (most articles first) and ``actors`` its most named people,
organisations and places (empty before analysis). ``--story ID`` takes an id or a prefix of
one that names a single story (STY400 when several, STY404 when none).
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict

from chronicle.errors import NotFound, UsageError

STORY_FIELDS = ("id", "label", "articles", "first_published", "last_published", "outlets", "actors")
ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")
MIN_PREFIX = 4


def stories_view(conn: sqlite3.Connection, *, actors: int = 5) -> list[dict]:
    """Every story, the largest first (then the most recent, then by id)."""
    try:
        rows = conn.execute(
            "SELECT s.id, s.label, COUNT(a.id) AS articles, MIN(a.published_start) AS first_published, "
            "MAX(a.published_end) AS last_published FROM stories s JOIN articles a ON a.story_id = s.id "
            "GROUP BY s.id ORDER BY articles DESC, last_published DESC, s.id").fetchall()
    except sqlite3.OperationalError:  # a store from before migration 14
        return []
    outlets: dict[str, list[str]] = defaultdict(list)
    for sid, outlet in conn.execute(
            "SELECT story_id, outlet FROM articles WHERE story_id IS NOT NULL AND outlet IS NOT NULL "
            "GROUP BY story_id, outlet ORDER BY story_id, COUNT(*) DESC, outlet"):
        outlets[sid].append(outlet)
    names = _top_actors(conn, actors) if actors else {}
    return [{"id": r["id"], "label": r["label"], "articles": r["articles"], "first_published": r["first_published"],
             "last_published": r["last_published"], "outlets": outlets.get(r["id"], []),
             "actors": names.get(r["id"], [])} for r in rows]


def _top_actors(conn: sqlite3.Connection, n: int) -> dict[str, list[str]]:
    """story id -> its ``n`` actors named in most of its articles (linked entities)."""
    marks = ",".join("?" * len(ACTOR_TYPES))
    out: dict[str, list[str]] = defaultdict(list)
    for sid, name in conn.execute(
            "SELECT a.story_id, e.name FROM mentions m JOIN articles a ON a.id = m.article_id "
            f"JOIN entities e ON e.id = m.entity_id WHERE a.story_id IS NOT NULL AND m.type IN ({marks}) "
            "GROUP BY a.story_id, e.id ORDER BY a.story_id, COUNT(DISTINCT a.id) DESC, COUNT(*) DESC, e.name, e.id",
            ACTOR_TYPES):
        if len(out[sid]) < n:
            out[sid].append(name)
    return out


def never_clustered(conn: sqlite3.Connection) -> bool:
    """True for a store with articles but no stories yet (written before migration 0014)."""
    return bool(conn.execute(
        "SELECT EXISTS(SELECT 1 FROM articles WHERE story_id IS NULL AND duplicate_of IS NULL) "
        "AND NOT EXISTS(SELECT 1 FROM stories)").fetchone()[0])


def resolve_story(conn: sqlite3.Connection, story: str) -> str:
    """The full id of the story ``story`` names (its id, or a prefix of at least 4 characters that
    starts one story's id). Raises NotFound (STY404) or UsageError (STY400)."""
    key = (story or "").strip().lower()
    try:
        if row := conn.execute("SELECT COALESCE(merged_into, id) FROM stories WHERE id = ?", (key,)).fetchone():
            return row[0]
        found = sorted({r[0] for r in conn.execute(
            "SELECT COALESCE(merged_into, id) FROM stories WHERE substr(id, 1, ?) = ? LIMIT 6", (len(key), key))})
    except sqlite3.OperationalError:  # a store from before migration 14
        found = []
    if len(key) < MIN_PREFIX or not found:
        raise NotFound.of("STY404", story=story)
    if len(found) > 1:
        raise UsageError.of("STY400", story=story, count="several" if len(found) > 5 else len(found),
                            examples=", ".join(found[:3]))
    return found[0]


def story_articles(conn: sqlite3.Connection, story_id: str) -> list[str]:
    """The ids of a story's articles (syndicated copies included), in ingest order."""
    return [r[0] for r in conn.execute("SELECT id FROM articles WHERE story_id = ? ORDER BY seq", (story_id,))]


def story_entity_counts(conn: sqlite3.Connection, story_id: str) -> dict[str, tuple[int, int]]:
    """Entity name -> (mentions, articles) within one story's articles."""
    return {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT e.name, COUNT(*), COUNT(DISTINCT m.article_id) FROM mentions m JOIN articles a ON a.id = m.article_id "
        "JOIN entities e ON e.id = m.entity_id WHERE a.story_id = ? GROUP BY e.id", (story_id,))}
