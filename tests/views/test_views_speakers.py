"""The quotes readings' speaker filter: the SQL pre-filter must never lose a name Python's lower() matches.

The reference is the filter as it was written before the pre-filter (every name read, compared
in Python); the names mix ASCII, accented letters, a Kelvin sign and speaker texts.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.views.quotes import _PRONOUNS, raw_speakers

NAMES = ["Ana Ruiz", "ana ruiz", "ÉLODIE Marchand", "Élodie Marchand", "\u212aarl Vos", "Karl Vos", "Vos", "Ruiz",
         "Mayor Ruiz", "İpek Demir", "ipek demir", "Ωmega Group", "ωmega group"]
KEYS = ["ana ruiz", "élodie marchand", "karl vos", "vos", "ruiz", "mayor ruiz", "i̇pek demir", "ipek demir",
        "ωmega group", "he", "nobody"]


def reference(conn, speaker: str) -> list[str]:
    """The filter before the SQL pre-filter: every alias and every speaker read and compared in Python."""
    claimed: dict[str, set[str]] = {}
    aliases: dict[str, set[str]] = {}
    for name, alias in conn.execute("SELECT e.name, a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"):
        claimed.setdefault(alias, set()).add(name)
        aliases.setdefault(name, {name.lower()}).add(alias.lower())
    to_entity = {a: next(iter(n)) for a, n in claimed.items() if len(n) == 1}
    known: dict[str, set[str]] = {}
    for raw, text in conn.execute("SELECT DISTINCT speaker, speaker_text FROM quotes WHERE speaker IS NOT NULL"):
        name = to_entity.get(raw, raw)
        names = known.setdefault(name, {name.lower()} | aliases.get(name, set()))
        names.add(raw.lower())
        if text and text.lower() not in _PRONOUNS:
            names.add(text.lower())
    key = speaker.strip().lower()
    wanted = {n for n, names in known.items() if key in names}
    return sorted(r for r, in conn.execute("SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL")
                  if to_entity.get(r, r) in wanted)


def fill(conn, quotes: list[tuple[str, str | None]], entities: list[tuple[str, list[str]]]) -> None:
    conn.execute("INSERT INTO articles (id, text, published_source, words, seq, ingested_at) "
                 "VALUES ('a1', 'text', 'unknown', 1, 1, '2025-01-01')")
    conn.executemany("INSERT INTO quotes (article_id, idx, start_char, end_char, text, kind, speaker, speaker_text, "
                     "stage) VALUES ('a1', ?, 0, 4, 'text', 'direct', ?, ?, 'test')",
                     [(i, s, t) for i, (s, t) in enumerate(quotes)])
    for i, (name, forms) in enumerate(entities, start=1):
        conn.execute("INSERT INTO entities (id, name, type, mentions, articles) VALUES (?, ?, ?, 1, 1)",
                     (i, name, f"PERSON#{i}"))
        conn.executemany("INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)",
                         [(i, f) for f in forms])


@pytest.fixture
def conn(store):
    yield store.store.conn


@settings(max_examples=60, deadline=None)
@given(quotes=st.lists(st.tuples(st.sampled_from(NAMES), st.none() | st.sampled_from(NAMES + ["he", "She"])),
                       min_size=1, max_size=12),
       entities=st.lists(st.tuples(st.sampled_from(NAMES), st.lists(st.sampled_from(NAMES), max_size=3)), max_size=4),
       key=st.sampled_from(KEYS + NAMES))
def test_speaker_filter_matches_the_python_reference(tmp_path_factory, quotes, entities, key):
    import chronicle

    with chronicle.open(tmp_path_factory.mktemp("speakers") / "s.db") as api:
        with api.store.transaction():
            fill(api.store.conn, quotes, entities)
        assert raw_speakers(api.store.conn, key) == reference(api.store.conn, key)


def test_kelvin_sign_and_accents_are_found(conn):
    fill(conn, [("\u212aarl Vos", None), ("ÉLODIE Marchand", "Élodie"), ("Ana Ruiz", "the mayor")],
         [("Ana Ruiz", ["Ruiz", "Mayor Ruiz"])])
    assert raw_speakers(conn, "karl vos") == ["\u212aarl Vos"]
    assert raw_speakers(conn, "élodie marchand") == ["ÉLODIE Marchand"]
    assert raw_speakers(conn, "élodie") == ["ÉLODIE Marchand"]
    assert raw_speakers(conn, "MAYOR ruiz") == ["Ana Ruiz"]
    assert raw_speakers(conn, "the mayor") == ["Ana Ruiz"]
    assert raw_speakers(conn, "nobody") == []


@pytest.mark.parametrize("key", ["ana ruiz", "élodie marchand", "karl vos"])
def test_speaker_filter_reads_by_index_not_by_scanning_every_row(conn, key):
    """Each of raw_speakers' statements finds its quotes, entities and aliases by index (migration
    0019): a scan of every row per speaker asked about was the slowest part of a cold speaker page
    on the full Timeline17 store (issue 18). Only the partial indexes of names outside ASCII
    (a few rows) are walked whole."""
    fill(conn, [("\u212aarl Vos", None), ("ÉLODIE Marchand", "Élodie"), ("Ana Ruiz", "the mayor")],
         [("Ana Ruiz", ["Ruiz", "Mayor Ruiz"])])
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        raw_speakers(conn, key)
    finally:
        conn.set_trace_callback(None)
    scans = []
    for sql in statements:
        # the statements ran with their parameters inlined by the trace; explain them as they ran
        for row in conn.execute("EXPLAIN QUERY PLAN " + sql):
            detail = row[-1]
            if detail.startswith("SCAN ") and "json_each" not in detail and "_wide" not in detail:
                scans.append(detail)
    assert statements and not scans, scans
