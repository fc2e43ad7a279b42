"""The machine interface of CONTRACT.md: JSON shapes, exit statuses, help with examples."""
from __future__ import annotations

import importlib
import json

import click
import pytest

from chronicle.cli import main
from chronicle.cli.main import COMMAND_MODULES, cli


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def all_commands():
    for name in COMMAND_MODULES:
        importlib.import_module(name)

    def walk(group, prefix):
        for name, cmd in sorted(group.commands.items()):
            yield prefix + [name], cmd
            if isinstance(cmd, click.Group):
                yield from walk(cmd, prefix + [name])

    return list(walk(cli, []))


@pytest.mark.parametrize("path,cmd", all_commands(), ids=lambda x: " ".join(x) if isinstance(x, list) else "")
def test_every_command_has_help_with_an_example(capsys, path, cmd):
    code, out, _ = run(capsys, *path, "--help")
    assert code == 0
    assert "Example" in out, f"`chronicle {' '.join(path)} --help` shows no example"
    assert (cmd.help or "").strip(), f"`chronicle {' '.join(path)}` has no description"


def test_ingest_and_articles_json(capsys, tmp_path, ukraine):
    db = str(tmp_path / "c.db")
    code, out, err = run(capsys, "--db", db, "ingest", str(ukraine), "--manifest", str(ukraine / "manifest.csv"), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert {k: report[k] for k in ("added", "unchanged", "duplicates", "failed")} == {
        "added": 5, "unchanged": 0, "duplicates": 0, "failed": []}
    code, out, _ = run(capsys, "--db", db, "articles", "--json")
    rows = json.loads(out)
    assert len(rows) == 5
    for row in rows:
        assert {"id", "title", "published", "published_source", "outlet", "url", "words", "duplicate_of"} <= set(row)
        assert row["published_source"] == "manifest" and row["words"] > 200


def test_db_from_environment(capsys, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Env\n\nSome text about a meeting on Monday.")
    monkeypatch.setenv("CHRONICLE_DB", str(tmp_path / "env.db"))
    code, _, err = run(capsys, "ingest", str(tmp_path / "a.txt"), "--json")
    assert code == 0, err
    assert (tmp_path / "env.db").exists()


def test_usage_errors_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "--db", str(tmp_path / "u.db"), "ingest", str(tmp_path), "--published", "someday")
    assert code == 2 and "--published" in err and "YYYY-MM-DD" in err
    code, _, err = run(capsys, "--db", str(tmp_path / "u.db"), "no-such-command")
    assert code == 2
    code, _, err = run(capsys, "--db", str(tmp_path / "nodir" / "x.db"), "articles")
    assert code == 2 and "does not exist" in err


def test_analyze_json_offsets_index_the_text(capsys, ukraine):
    path = ukraine / "003_8f91968fe002fd29.txt"
    code, out, err = run(capsys, "analyze", str(path), "--published", "2025-03-19", "--json")
    assert code == 0, err
    doc = json.loads(out)
    text = doc["article"]["text"]
    assert doc["article"]["published"] == "2025-03-19"
    assert len(doc["sentences"]) > 10
    for key in ("timexes", "mentions", "quotes", "events"):
        for item in doc[key]:
            assert text[item["start"]:item["end"]] == item["text"]
    # Sentences never cross a line break and never start or end with space.
    for s in doc["sentences"]:
        chunk = text[s["start"]:s["end"]]
        assert "\n" not in chunk and chunk == chunk.strip()


def test_analyze_several_files_prints_json_lines_in_order(capsys, ukraine):
    files = [ukraine / "001_297b9b91cface46f.txt", ukraine / "000_e6c8131fea50d697.txt"]
    code, out, _ = run(capsys, "analyze", *map(str, files), "--manifest", str(ukraine / "manifest.csv"), "--json")
    assert code == 0
    lines = out.strip().splitlines()
    assert [json.loads(line)["article"]["published"] for line in lines] == ["2025-03-19", "2025-03-17"]


def test_search_command(capsys, tmp_path, ukraine):
    db = str(tmp_path / "s.db")
    run(capsys, "--db", db, "ingest", str(ukraine), "--json")
    code, out, _ = run(capsys, "--db", db, "search", "Helsinki press conference", "--json")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 1 and "[Helsinki]" in hits[0]["snippet"]
