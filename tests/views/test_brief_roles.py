"""The brief's "Who is who" role: the most recent, as a reader reads it (a role a page printed in capitals
is written in title case; one behind a live page's clock stamp yields to another of the person's roles)."""
from __future__ import annotations

import sqlite3

import pytest

from chronicle.views.brief import roles_of


def _store(roles: list[tuple[str, str, str]]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE entities (id INTEGER PRIMARY KEY, name TEXT, type TEXT)")
    conn.execute("CREATE TABLE entity_roles (entity_id INTEGER, role TEXT, article_id TEXT, published TEXT)")
    conn.execute("INSERT INTO entities VALUES (1, 'Hillary Clinton', 'PERSON'), (2, 'Barack Obama', 'PERSON')")
    conn.executemany("INSERT INTO entity_roles VALUES (?, ?, ?, ?)",
                     [(1 if who == "Hillary Clinton" else 2, role, f"a{i}", day) for i, (who, role, day) in enumerate(roles)])
    return conn


@pytest.mark.parametrize("roles, expected", [
    ([("Hillary Clinton", "U.S. SECRETARY OF STATE", "2011-02-02")], "U.S. Secretary of State"),
    ([("Hillary Clinton", "FORMER US SENATOR", "2011-02-02")], "Former US Senator"),
    ([("Barack Obama", "1611 US President", "2010-01-14"), ("Barack Obama", "US President", "2010-01-13")], "US President"),
    ([("Barack Obama", "1611 US President", "2010-01-14")], "1611 US President"),  # nothing better to give
    ([("Barack Obama", "President", "2010-01-14"), ("Barack Obama", "US President", "2010-01-13")], "US President"),
    # a role two articles give over one a single article gives, however recent
    ([("Barack Obama", "actual President", "2011-02-13")] + [("Barack Obama", "U.S. President", f"2011-02-{d:02d}")
                                                          for d in (10, 11, 12)], "U.S. President"),
    # a bare title that several give yields to a fuller one that contains it, given once
    ([("Hillary Clinton", "Secretary", "2011-01-31"), ("Hillary Clinton", "Secretary", "2011-01-30"),
      ("Hillary Clinton", "U.S. SECRETARY OF STATE", "2011-01-29")], "U.S. Secretary of State"),
])
def test_the_role_a_reader_reads(roles, expected):
    name = roles[0][0]
    assert roles_of(_store(roles), [name])[name]["role"] == expected
