"""Answers kept until the store changes (chronicle.web.cache): a run's many documents of a few
megabytes are all kept, none dropped and built again (issue 18)."""
from __future__ import annotations

import pytest

pytest.importorskip("starlette")

from chronicle.web.answers import Keep  # noqa: E402
from chronicle.web.cache import CachedReadings  # noqa: E402
from chronicle.web.flights import Flights  # noqa: E402
from chronicle.web.spill import Spilled  # noqa: E402


class Store:
    def data_version(self):
        return 1


def test_documents_of_a_few_megabytes_are_all_kept_not_dropped_and_built_again():
    # the changes since a day, every quote, the timeline: 5-16 MB each on a 700-article store; the 64 MB
    # for the answers held in memory kept four or five of them, and the rest were built again
    cache = CachedReadings(Store())
    flights = Flights()
    try:
        bodies = {}
        for i in range(20):
            key = ("/api/changes", f"since=2010-01-{i + 1:02d}")
            keep = Keep(cache, key, flights)
            assert keep.kept() is None
            body = bytes([65 + i]) * (5 << 20)
            for start in range(0, len(body), 1 << 20):  # sent (and noted) a megabyte at a time
                keep.add(body[start:start + (1 << 20)])
            keep.done()
            keep.land()
            bodies[key] = body
        for key, body in bodies.items():
            found = cache.document(key)[1]
            assert found is not None, f"{key} was dropped"
            kept, _ = found
            if isinstance(kept, Spilled):
                with kept.file:
                    kept = kept.file.read()
            assert kept == body
    finally:
        cache.close()
