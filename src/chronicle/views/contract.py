"""The CONTRACT field lists, in one place: which fields each ``--json`` shape prints (CONTRACT.md).

The readings in this package build the rows; the CLI, the web API and the exports cut them to
these fields. A field added to a shape is added here (and noted in CHANGELOG.md).
"""
from __future__ import annotations

# ``chronicle articles --json``, plus ``wire`` (the wire credit seen) ... and ``fetched_at`` (issue 17)
ARTICLE_FIELDS = ("id", "title", "published", "published_source", "outlet", "url", "words", "duplicate_of", "wire",
                  "off_topic", "stripped", "fetched_at")

# ``chronicle quotes --json``: CONTRACT's fields, then the ones added (CHANGELOG)
QUOTE_FIELDS = ("speaker", "speaker_text", "text", "kind", "cue", "article", "published", "start", "end")
QUOTE_EXTRA_FIELDS = ("speaker_kind", "outlet", "quotation", "carried_by", "first_seen")

# ``chronicle entities --json``
ENTITY_FIELDS = ("name", "type", "aliases", "mentions", "articles", "roles")

# ``chronicle timeline --json``: the entry and each of its sources (the stored view holds more)
TIMELINE_FIELDS = ("date", "granularity", "type", "summary", "actors", "modality", "sources", "source_count",
                   "independent_sources")
TIMELINE_SOURCE_FIELDS = ("article", "outlet", "published", "start", "end", "sentence")


def cut(row: dict, fields: tuple[str, ...]) -> dict:
    """``row`` with only ``fields`` (those it has), in their order."""
    return {k: row[k] for k in fields if k in row}
