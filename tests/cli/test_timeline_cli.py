"""``chronicle timeline``, ``changes``, ``export`` and ``brief`` on the reference corpus."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

import chronicle
from chronicle.cli import main
from chronicle.views.exports import display_date, headline_of, is_dated, section_of


@pytest.fixture(scope="module")
def db(ukraine, tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "uk.db"
    with chronicle.open(path) as api:
        api.ingest([ukraine], manifest=ukraine / "manifest.csv")
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_timeline_json_is_the_api_answer(capsys, db):
    code, out, _ = run(capsys, "--db", db, "timeline", "--actor", "Putin", "--top", "5", "--json")
    assert code == 0
    entries = json.loads(out)
    with chronicle.open(db) as api:
        assert entries == api.timeline(actor="Putin", top=5)
    assert len(entries) == 5
    keys = {"date", "granularity", "type", "summary", "actors", "modality", "sources", "source_count",
            "independent_sources", "date_explain", "date_conflict", "dates"}
    assert all(keys <= set(e) for e in entries)
    assert all(e["granularity"] in ("day", "week", "month", "year") for e in entries)


def test_bad_dates_are_usage_errors(capsys, db):
    code, _, err = run(capsys, "--db", db, "timeline", "--since", "March", "--json")
    assert code == 2 and "--since" in err


def test_changes_json(capsys, db):
    code, out, _ = run(capsys, "--db", db, "changes", "--since", "2025-03-18", "--json")
    assert code == 0
    report = json.loads(out)
    assert set(report) >= {"new_events", "updated_events", "new_quotes", "new_actors", "articles"}
    assert len(report["articles"]) == 3


def test_changes_lists_each_section_most_cited_first_and_counts_the_rest(capsys, db, monkeypatch):
    from chronicle.cli import timeline as cli_timeline

    monkeypatch.setattr(cli_timeline, "CHANGED_LINES", 3, raising=False)
    code, out, _ = run(capsys, "--db", db, "changes", "--since", "2025-02-10")
    assert code == 0
    with chronicle.open(db) as api:
        new = api.changes("2025-02-10")["new_events"]
    block = out.split("New events (")[1].split("\nEvents with new sources")[0]
    story = sorted((e for e in new if e["section"] == "story"), key=lambda e: -e["importance"])
    assert len(story) > 3  # the reference corpus has more new story events than the lines shown
    assert f"== The story: {len(story)}" in block
    shown = block.split("== The story")[1].split("==")[0]
    lines = [line for line in shown.splitlines()[1:] if line.strip() and "more (" not in line]
    assert len(lines) == 3 and f"and {len(story) - 3:,} more" in shown
    by_head = {e.get("headline") or e["summary"]: e for e in story}
    told = [by_head[line.split(None, 2)[2]] for line in lines]
    least = min(e["importance"] for e in told)
    assert all(e["importance"] <= least for e in story if e not in told)  # the most cited are shown
    assert [e["importance"] for e in told] == sorted((e["importance"] for e in told), reverse=True)


def test_export_csv_has_one_row_per_entry(capsys, db, tmp_path):
    target = tmp_path / "t.csv"
    code, out, _ = run(capsys, "--db", db, "export", "--format", "csv", "-o", str(target))
    assert code == 0 and out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    with chronicle.open(db) as api:
        # undated reports have no place on a dated export unless asked for
        dated = [e for e in api.timeline() if is_dated(e)]
        assert len(rows) == len(dated) < len(api.timeline())
    assert all(r["sources"] and r["headline"] and r["date"] for r in rows)


def test_brief_html_is_a_page_with_notes(capsys, db):
    code, out, _ = run(capsys, "--db", db, "brief", "--format", "html", "--title", "<Ukraine & calls>")
    assert code == 0
    assert out.startswith("<!doctype html>")
    assert "&lt;Ukraine &amp; calls&gt;" in out and "<Ukraine" not in out
    assert 'id="note-1"' in out


def test_sections_select_entries_in_cli_api_and_web(capsys, db):
    from starlette.testclient import TestClient

    from chronicle.web.app import create_app

    with chronicle.open(db) as api:
        everything = api.timeline()
        assert {e["section"] for e in everything} >= {"story", "background", "undated"}
        code, out, _ = run(capsys, "--db", db, "timeline", "--section", "story", "--section", "undated", "--json")
        chosen = json.loads(out)
        assert code == 0 and chosen == api.timeline(section=["story", "undated"])
        assert chosen == [e for e in everything if e["section"] in ("story", "undated")]
        code, out, _ = run(capsys, "--db", db, "timeline", "--section", "all", "--json")
        assert json.loads(out) == everything
        web = TestClient(create_app(api)).get("/api/timeline?section=story&section=undated")
        assert web.status_code == 200 and web.json() == chosen
        # --top ranks the story only, unless sections are named
        assert {e["section"] for e in api.timeline(top=50)} == {"story"}
        assert {e["section"] for e in api.timeline(top=50, section="background")} == {"background"}
    code, _, err = run(capsys, "--db", db, "timeline", "--section", "later", "--json")
    assert code == 2 and "--section" in err


def test_undated_entries_never_show_a_day(capsys, db):
    from chronicle.timeline.events import _undated_sources as undated_sources

    with chronicle.open(db) as api:
        undated = api.timeline(section="undated")
        no_date = [e for e in api.timeline() if e["date"] is None]  # undated reports, and history recalled undated
    assert undated and all(e["date"] is None and e["granularity"] is None and e["on_or_before"] for e in undated)
    assert all(s["date_source"] in undated_sources() for e in undated for s in e["sources"])
    code, out, _ = run(capsys, "--db", db, "timeline")
    lines = [line for line in out.splitlines() if line.startswith("undated (by ")]
    assert code == 0 and len(lines) == len(no_date) >= len(undated)


def test_an_older_store_gets_sections_on_first_reading(db, tmp_path):
    import shutil
    import sqlite3

    copy = tmp_path / "old.db"
    shutil.copy(db, copy)
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE timeline_entries SET section = NULL")  # as migration 0010 leaves an older store
    conn.commit()
    conn.close()
    with chronicle.open(copy) as api:
        assert all(e["section"] in ("story", "background", "upcoming", "undated") for e in api.timeline())
        assert api.store.query("SELECT COUNT(*) FROM timeline_entries WHERE section IS NULL")[0][0] == 0


def test_export_takes_the_storyline_filters(capsys, db):
    code, out, _ = run(capsys, "--db", db, "export", "--format", "timelinejs", "--top", "8", "--since", "2025-02",
                       "--until", "2025-05-31")
    slides = json.loads(out)["events"]
    with chronicle.open(db) as api:
        expected = [e for e in api.timeline(top=8, since="2025-02", until="2025-05-31")
                    if section_of(e) == "story" and is_dated(e)]
    assert code == 0 and 0 < len(slides) == len(expected) <= 8
    assert [s["text"]["headline"] for s in slides] == [headline_of(e) for e in expected]
    assert all(s["start_date"]["year"] == 2025 for s in slides)
    code, out, _ = run(capsys, "--db", db, "export", "--format", "csv", "--section", "undated")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and all(r["section"] == "undated" and r["date"] == "" for r in rows)
    code, _, err = run(capsys, "--db", db, "export", "--format", "csv", "--section", "later")
    assert code == 2 and "--section" in err


def test_brief_takes_the_storyline_filters(capsys, db):
    code, out, _ = run(capsys, "--db", db, "brief", "--top", "4", "--since", "2025-03")
    assert code == 0
    happened = out.split("## What happened")[1].split("## ")[0]
    lines = [line for line in happened.splitlines() if line.startswith("- ")]
    assert len(lines) == 4 and all(re.search(r" \[\d+(, \d+)*\]$", line) for line in lines)
    assert "## Undated reports" not in out and "Undated, reported" not in out
    code, out, _ = run(capsys, "--db", db, "brief", "--section", "undated")
    assert code == 0 and "## Undated reports" in out and "- **Undated, reported by" in out
