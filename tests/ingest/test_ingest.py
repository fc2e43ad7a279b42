"""Ingest on the reference corpus, manifest precedence, and idempotent re-ingest."""
from __future__ import annotations

import csv

import pytest


def manifest_dates(ukraine):
    with open(ukraine / "manifest.csv", encoding="utf-8") as fh:
        return {row["path"]: row["published"] for row in csv.DictReader(fh)}


def test_reference_corpus_with_manifest_and_rerun_adds_nothing(store, ukraine):
    report = store.ingest([ukraine], manifest=ukraine / "manifest.csv")
    assert (report.added, report.unchanged, report.failed) == (5, 0, [])
    rows = store.articles()
    expected = manifest_dates(ukraine)
    by_path = {r["source_path"].rsplit("/", 1)[-1]: r for r in (store.article(a["id"]) for a in rows)}
    assert {p: r["published"] for p, r in by_path.items()} == expected
    assert {r["published_source"] for r in rows} == {"manifest"}
    assert by_path["000_e6c8131fea50d697.txt"]["outlet"] == "TROIB News"
    # Every article was analysed, with sentences stored.
    counts = store.store.query("SELECT article_id, COUNT(*) AS n FROM sentences GROUP BY article_id")
    assert len(counts) == 5 and all(r["n"] > 5 for r in counts)

    again = store.ingest([ukraine], manifest=ukraine / "manifest.csv")
    assert (again.added, again.unchanged, again.analyzed) == (0, 5, 0)
    assert store.store.query("SELECT COUNT(*) AS n FROM articles")[0]["n"] == 5


def test_a_folder_manifest_is_read_without_the_option(store, tmp_path):
    batch = tmp_path / "pile"
    batch.mkdir()
    (batch / "a.txt").write_text("Alpha\n\nThe first story body is here.", encoding="utf-8")
    (batch / "b.txt").write_text("Beta\n\nThe second story body is here.", encoding="utf-8")
    (batch / "manifest.csv").write_text("path,published,outlet\na.txt,2024-05-06,Desk Daily\n", encoding="utf-8")
    report = store.ingest([batch], analyze=False)
    assert (report.added, report.failed) == (2, [])
    rows = {store.article(a["id"])["source_path"].rsplit("/", 1)[-1]: a for a in store.articles()}
    assert (rows["a.txt"]["published"], rows["a.txt"]["outlet"], rows["a.txt"]["published_source"]) == (
        "2024-05-06", "Desk Daily", "manifest")
    assert rows["b.txt"]["published_source"] != "manifest"


def test_precedence_manifest_then_option_then_metadata(store, tmp_path):
    (tmp_path / "a.txt").write_text("Alpha\n\nThe first story body is here.")
    (tmp_path / "b.txt").write_text("Beta\n\nThe second story body is here.")
    (tmp_path / "c.jsonl").write_text('{"text": "Gamma body text here.", "title": "Gamma", "published": "2024-12-01"}\n')
    (tmp_path / "m.csv").write_text("path,published,outlet,url,title\na.txt,2025-01-02,Manifest Times,,\n")
    store.ingest([tmp_path], manifest=tmp_path / "m.csv", published="2025-02-03", outlet="Option Post")
    got = {a["title"]: (a["published"], a["published_source"], a["outlet"]) for a in store.articles()}
    assert got == {
        "Alpha": ("2025-01-02", "manifest", "Manifest Times"),
        "Beta": ("2025-02-03", "option", "Option Post"),
        "Gamma": ("2025-02-03", "option", "Option Post"),
    }


def test_no_date_is_unknown_never_today(store, tmp_path):
    (tmp_path / "a.txt").write_text("Undated\n\nA story with no date at all in it.")
    store.ingest([tmp_path])
    (row,) = store.articles()
    assert row["published"] is None and row["published_source"] in ("unknown",)


def test_bad_manifest_is_a_usage_error(store, tmp_path):
    from chronicle.errors import UsageError

    (tmp_path / "m.csv").write_text("file,date\nx.txt,2025-01-01\n")
    with pytest.raises(UsageError, match="'path' column"):
        store.ingest([tmp_path], manifest=tmp_path / "m.csv")
    (tmp_path / "m.csv").write_text("path,published\nx.txt,next tuesday\n")
    with pytest.raises(UsageError, match="line 2"):
        store.ingest([tmp_path], manifest=tmp_path / "m.csv")


def test_raw_input_is_kept_verbatim(store, tmp_path):
    data = "Raw\n\nKeep   these\r\nbytes exactly.".encode()
    (tmp_path / "r.txt").write_bytes(data)
    store.ingest([tmp_path])
    (row,) = store.store.query("SELECT content FROM raw_inputs")
    assert row["content"] == data
    (art,) = store.articles()
    assert store.article(art["id"])["text"] == "Keep these\nbytes exactly."
