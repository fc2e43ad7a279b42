"""Readings kept until the store changes, so a page pays for the whole timeline or every quote
once per change of the store, not once per request.

The store changes under a running server only through another process (``chronicle ingest``
in a terminal), which moves ``Chronicle.data_version()``, or through this server's own
``POST /api/articles``, which calls :meth:`CachedReadings.ingest` and so empties the cache.
An API object without ``data_version`` is not cached at all. Callers get the cached objects
themselves and must not mutate them (the view layer builds new dicts and lists).
"""
from __future__ import annotations

from collections import OrderedDict

CACHED = frozenset({"timeline", "quotes", "entities", "entity", "changes", "articles", "timeline_facets",
                    "timeline_entry", "quotations", "changes_summary", "entity_count", "claims", "positions",
                    "network", "claim_groups", "top_positions", "digest", "quotes_about"})
MAX_READINGS = 32


class CachedReadings:
    """Wraps a :class:`chronicle.api.Chronicle`; its reading methods answer from the cache when fresh."""

    def __init__(self, api, *, size: int = MAX_READINGS):
        self.api, self.size = api, size
        self._cache: OrderedDict[tuple, object] = OrderedDict()
        self._version = None
        self.hits = self.misses = 0

    def __getattr__(self, name):
        target = getattr(self.api, name)  # AttributeError for a reading the build lacks, as before
        if name not in CACHED or not hasattr(self.api, "data_version"):
            return target

        def cached(*args, **kwargs):
            self._check_version()
            key = (name, _frozen(args), _frozen(sorted(kwargs.items())))
            if key in self._cache:
                self.hits += 1
                self._cache.move_to_end(key)
                return self._cache[key]
            self.misses += 1
            value = target(*args, **kwargs)
            self._cache[key] = value
            if len(self._cache) > self.size:
                self._cache.popitem(last=False)
            return value

        return cached

    def clear(self) -> None:
        self._cache.clear()

    def _check_version(self) -> None:
        version = self.api.data_version()
        if version != self._version:
            self._cache.clear()
            self._version = version

    def ingest(self, *args, **kwargs):
        try:
            return self.api.ingest(*args, **kwargs)
        finally:
            self._cache.clear()


def _frozen(value):
    """A cache key for arguments that may hold lists (``quotes(articles=[...])``)."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(value))
    return value
