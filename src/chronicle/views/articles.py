"""The ``chronicle articles --json`` shape (CONTRACT), shared by the CLI and ``GET /api/articles``."""
from __future__ import annotations

ARTICLE_FIELDS = ("id", "title", "published", "published_source", "outlet", "url", "words", "duplicate_of", "wire")


def articles_json(rows: list[dict]) -> list[dict]:
    """CONTRACT's fields, plus ``wire`` (the wire credit seen), of ``Chronicle.articles()`` rows."""
    return [{k: r.get(k) for k in ARTICLE_FIELDS} for r in rows]
