"""The ``chronicle articles --json`` shape (CONTRACT), shared by the CLI and ``GET /api/articles``."""
from __future__ import annotations

ARTICLE_FIELDS = ("id", "title", "published", "published_source", "outlet", "url", "words", "duplicate_of", "wire",
                  "off_topic", "stripped")


def articles_json(rows: list[dict]) -> list[dict]:
    """CONTRACT's fields, plus ``wire`` (the wire credit seen), ``off_topic`` (kept out of the
    storyline, link/topic.py) and ``stripped`` (boilerplate lines cut), of ``Chronicle.articles()`` rows."""
    return [{k: r.get(k) for k in ARTICLE_FIELDS} for r in rows]
