"""Off-topic articles: marked in a mixed pile, never in a small coherent one, kept in the store."""
from __future__ import annotations

import json
import random
import sqlite3
import tarfile
from collections import defaultdict

import pytest

from chronicle.link.topic import TopicSettings, find_off_topic
from chronicle.store.articles import off_topic_articles
from chronicle.text.formats import documents_from_input


@pytest.fixture(scope="module")
def t17(shared) -> dict[str, list[str]]:
    """Timeline17 article texts (boilerplate stripped) of three topics, read from the tarball."""
    wanted = {"haiti", "MJ", "bpoil"}
    out: dict[str, list[str]] = defaultdict(list)
    with tarfile.open(shared / "bench" / "timeline17" / "t17-inputdocs.tar.gz") as tar:
        for member in tar:
            topic = member.name.split("/")[0].rsplit("_", 1)[0]
            if not member.isfile() or topic not in wanted or (topic == "bpoil" and len(out[topic]) >= 200):
                continue
            data = tar.extractfile(member).read()
            if not data.strip():
                continue
            _, _, docs = documents_from_input(member.name, data)
            out[topic].extend(f"{d.title or ''}\n{d.text}" for d in docs if not isinstance(d, Exception))
    return out


def _texts(paths) -> list[str]:
    out = []
    for p in paths:
        _, _, docs = documents_from_input(str(p), p.read_bytes())
        out.extend(f"{d.title or ''}\n{d.text}" for d in docs)
    return out


def test_small_coherent_piles_are_never_marked(ukraine, demo_dir):
    reference = _texts(sorted(ukraine.glob("*.txt")))
    demo = _texts(sorted(p for p in demo_dir.iterdir() if p.suffix in (".txt", ".html", ".xml")))
    assert (len(reference), len(demo)) == (5, 10)
    for pile in (reference, demo):
        assert not any(find_off_topic(pile)[0])
        # Not only because they are small: judged as if they were big enough, they still hold together.
        assert not any(find_off_topic(pile, TopicSettings(min_pile=3))[0])


def test_a_mixed_pile_keeps_other_stories_out(t17):
    rng = random.Random(13)
    on = t17["haiti"]
    off = rng.sample(t17["MJ"], 5) + rng.sample(t17["bpoil"], 5)
    marked, z = find_off_topic(on + off)
    kept_out = sum(marked[len(on):])
    wrongly_out = sum(marked[: len(on)])
    assert kept_out >= 7, f"only {kept_out} of 10 off-topic articles kept out"
    assert wrongly_out <= 0.02 * len(on), f"{wrongly_out} of {len(on)} on-topic articles kept out"
    assert len(z) == len(on) + len(off)


def test_two_stories_in_one_pile_are_both_kept(t17):
    """A store holding two stories (a newsroom feed) has no single topic: neither is off it."""
    pile = t17["haiti"][:120] + t17["MJ"][:100]
    marked, _ = find_off_topic(pile)
    assert sum(marked) <= 0.05 * len(pile)
    assert sum(marked[120:]) <= 0.1 * 100


def test_marks_are_stored_and_copies_share_them(t17, store, tmp_path):
    rng = random.Random(7)
    on = t17["haiti"][:60]
    off = rng.sample(t17["MJ"], 3)
    copy = off[0].split("\n", 1)[1] + "\nThis story first appeared elsewhere."
    lines = [{"title": f"article {i}", "text": t.split("\n", 1)[1], "published": "2010-01-20"}
             for i, t in enumerate(on + off)]
    lines.append({"title": "reprint", "text": copy, "published": "2010-01-21"})
    pile = tmp_path / "pile.jsonl"
    pile.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    store.ingest([pile], analyze=False)
    rows = {r["title"]: r for r in store.articles()}
    assert rows["reprint"]["duplicate_of"] == rows["article 60"]["id"]
    marked = off_topic_articles(store.store.conn)
    assert {r["id"] for r in rows.values() if r["off_topic"]} == marked
    assert rows["article 60"]["id"] in marked and rows["reprint"]["id"] in marked
    assert len({rows[f"article {i}"]["id"] for i in range(60)} & marked) <= 1
    scores = store.store.query("SELECT COUNT(*) FROM articles WHERE topic_score IS NULL")[0][0]
    assert scores == 0


def test_an_older_store_gains_the_columns(tmp_path):
    from chronicle.store.db import _statements, connect, migrations

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for number, _, sql in migrations():
        if number <= 6:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    conn.commit()
    conn.close()
    conn = connect(path)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
    assert {"off_topic", "topic_score"} <= columns
    assert {r[1] for r in conn.execute("PRAGMA table_info(stripped)")} >= {"article_id", "position", "text", "reason"}
    assert off_topic_articles(conn) == set()
