"""The ``chronicle articles --json`` reading (CONTRACT), shared by the CLI and ``GET /api/articles``."""
from __future__ import annotations

import json
import sqlite3

from chronicle.views.contract import ARTICLE_FIELDS
from chronicle.views.shapes import Article

_COMPUTED = ("stripped",)  # counted from the stripped table


def article_rows(conn: sqlite3.Connection, ids: list[str] | None = None) -> list[Article]:
    """Every article (or those of ``ids``), in ingest order, with :data:`ARTICLE_FIELDS`."""
    among = " WHERE id IN (SELECT value FROM json_each(?))" if ids is not None else ""
    columns = ", ".join(f for f in ARTICLE_FIELDS if f not in _COMPUTED)
    rows = conn.execute(
        f"SELECT {columns}, (SELECT COUNT(*) FROM stripped s WHERE s.article_id = articles.id) AS stripped "
        f"FROM articles{among} ORDER BY seq", (json.dumps(list(ids)),) if ids is not None else ()).fetchall()
    return [{k: (bool(r[k]) if k == "off_topic" else r[k]) for k in ARTICLE_FIELDS} for r in rows]


def publication_counts(conn: sqlite3.Connection) -> list[dict]:
    """Articles per publication day and outlet, counted in SQL: ``[{"published", "outlet", "n"}]``
    (the story page's articles-per-day chart needs no article row)."""
    return [{"published": r[0], "outlet": r[1], "n": r[2]} for r in conn.execute(
        "SELECT substr(published, 1, 10), outlet, COUNT(*) FROM articles "
        "GROUP BY substr(published, 1, 10), outlet ORDER BY 1, 2")]


def articles_json(rows: list[dict]) -> list[dict]:
    """CONTRACT's fields, plus ``wire`` (the wire credit seen), ``off_topic`` (kept out of the
    storyline, link/topic.py), ``stripped`` (boilerplate lines cut) and ``fetched_at`` (when the page was
    fetched over HTTP, UTC; null for files), of ``Chronicle.articles()`` rows."""
    return [{k: r.get(k) for k in ARTICLE_FIELDS} for r in rows]
