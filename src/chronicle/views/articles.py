"""The ``chronicle articles --json`` shape (CONTRACT), shared by the CLI and ``GET /api/articles``."""
from __future__ import annotations

ARTICLE_FIELDS = ("id", "title", "published", "published_source", "outlet", "url", "words", "duplicate_of")


def articles_json(rows: list[dict]) -> list[dict]:
    """Keep exactly CONTRACT's fields of :meth:`chronicle.api.Chronicle.articles` rows, in order."""
    return [{k: r.get(k) for k in ARTICLE_FIELDS} for r in rows]
