"""`brief --since DAY` leads, after its milestones, with what changed since that day (the digest),
each line footnoted to the articles of the entries it tells."""
from __future__ import annotations

import re

import pytest

import chronicle


@pytest.fixture(scope="module")
def reference(ukraine, tmp_path_factory):
    with chronicle.open(tmp_path_factory.mktemp("brief-since") / "ref.db") as api:
        api.ingest([ukraine], manifest=ukraine / "manifest.csv")
        yield api


def _section(markdown: str, heading: str) -> str:
    part = markdown.split(heading, 1)[1]
    return part.split("\n## ", 1)[0]


def test_a_brief_since_a_day_says_what_changed_since_it(reference):
    md = reference.brief("md", since="2025-03-18")
    assert "What changed since 18 March 2025" in md
    changed = _section(md, "What changed since 18 March 2025")
    digest = reference.digest("2025-03-18", limit=8)
    lines = [ln for ln in changed.splitlines() if ln.strip().startswith(("-", "*", "1"))]
    assert len(lines) == len(digest)
    # The 19 May call is there, on its day, and footnoted.
    events = {d["headline"] for d in digest if d["kind"] in ("event", "sources", "date_change")}
    told = [ln for ln in lines if any(h in ln for h in events)]
    assert told and all(re.search(r"\[\d+(, \d+)*\]$", ln.strip()) for ln in told)  # footnoted
    assert any("19 May 2025" in ln for ln in told)
    assert not re.search(r"\b20(1\d|2[0-2])\b", changed)  # no 2022-or-earlier background


def test_a_brief_without_since_has_no_changes_section(reference):
    assert "What changed since" not in reference.brief("md")
