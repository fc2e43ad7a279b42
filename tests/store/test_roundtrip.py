"""The store gives back exactly what it was given, for any Unicode text; migrations are versioned."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.dates import DateValue
from chronicle.text.fingerprint import fingerprint
from chronicle.store import Store
from chronicle.store.articles import NewArticle
from chronicle.store.db import migrations
from chronicle.text.document import article_id, normalize_text

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400)


def new_article(title, text, published=None):
    return NewArticle(
        id=article_id(title, text), text=text, title=title, published=published,
        published_source="option" if published else "unknown", outlet="Ünïcode Times", url=None, author=None,
        raw_sha256=None, source_path="mem", source_index=None, external_id=None, words=len(text.split()),
        fingerprint=fingerprint(text),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.one_of(st.none(), texts), text=texts, day=st.dates())
def test_article_round_trip_any_unicode(tmp_path, title, text, day):
    store = Store(tmp_path / "rt.db")
    try:
        art = new_article(title, text, DateValue.of_day(day))
        with store.transaction():
            store.add_articles([art])
        row = store.get_article_row(art.id)
        assert (row["title"], row["text"], row["published"]) == (title, text, day.isoformat())
        assert row["outlet"] == "Ünïcode Times"
        # Full-text index holds the same text.
        fts = store.query("SELECT text FROM articles_fts WHERE rowid = (SELECT rowid FROM articles WHERE id = ?)", (art.id,))
        assert fts[0]["text"] == text
    finally:
        store.close()
        for p in tmp_path.glob("rt.db*"):
            p.unlink()


@given(text=texts)
def test_normalize_text_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_schema_version_and_reopen(tmp_path):
    path = tmp_path / "v.db"
    s = Store(path)
    newest = migrations()[-1][0]
    assert s.schema_version == newest
    assert s.query("PRAGMA journal_mode")[0][0] == "wal"
    s.close()
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "raw_inputs", "sentences", "timexes", "mentions", "quotes", "events"} <= tables
    conn.close()
    Store(path).close()  # reopening applies nothing and fails on nothing


def test_newer_store_is_refused(tmp_path):
    import pytest

    from chronicle.errors import StoreError

    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_not_a_store(tmp_path):
    import pytest

    from chronicle.errors import StoreError

    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a Chronicle store"):
        Store(path)


def test_search_escapes_fts_syntax(any_store, tmp_path):
    store = any_store
    (tmp_path / "a.txt").write_text("Kessel talks\n\nEnvoys met in Kessel on Monday to discuss the crossing.")
    store.ingest([tmp_path], analyze=False)
    assert [h["title"] for h in store.search("kessel crossing")] == ["Kessel talks"]
    assert store.search('"unbalanced AND (') == []  # user input is never FTS syntax


def test_migrations_are_numbered_without_gaps():
    # A store records only the last number applied: a gap filled later would never be applied.
    numbers = [n for n, _, _ in migrations()]
    assert numbers == list(range(1, len(numbers) + 1))
    # PostgreSQL's translations carry the same numbers and names, so both count the same versions.
    assert [name for _, name, _ in migrations("postgresql")] == [name for _, name, _ in migrations()]


@pytest.fixture(scope="module")
def pg_store(pg_server):
    store = Store(pg_server.create_db("roundtrip"))
    yield store
    store.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.one_of(st.none(), texts), text=texts, day=st.dates())
def test_article_round_trip_any_unicode_on_postgresql(pg_store, title, text, day):
    # Ingest normalises text first (no NUL, which PostgreSQL's text cannot hold); the rest of Unicode
    # must come back as it went in, astral planes and combining marks included.
    title, text = (normalize_text(title) or None) if title else title, normalize_text(text) or "x"
    art = new_article(title, text, DateValue.of_day(day))
    with pg_store.transaction():
        pg_store.add_articles([art])
    try:
        row = pg_store.get_article_row(art.id)
        assert (row["title"], row["text"], row["published"]) == (title, text, day.isoformat())
        assert row["outlet"] == "Ünïcode Times"
        assert pg_store.query("SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                              (f'["{art.id}"]',))[0]["id"] == art.id
    finally:
        pg_store.query("DELETE FROM articles WHERE id = ?", (art.id,))
