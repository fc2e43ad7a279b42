"""Reading commands refuse a store that does not exist (exit 2) instead of creating an empty one."""
from __future__ import annotations

import importlib
import importlib.util
import json

import click
import pytest

from chronicle.cli import main
from chronicle.cli.main import COMMAND_MODULES, cli

# Each command that opens the store, with the least arguments it needs. `ingest` creates the store;
# `analyze` never opens one.
READERS = {
    "articles": [],
    "search": ["truce"],
    "timeline": ["--json"],
    "changes": ["--since", "2025-01-01"],
    "export": ["--format", "csv"],
    "brief": [],
    "quotes": [],
    "entities": ["--json"],
    "entities merge": ["A", "B"],
    "entities split": ["A", "B"],
    "entities relink": [],
    "entity": ["Zhelezov"],
    "serve": ["--port", "0"],
    "claims": ["--json"],
    "positions": ["--json"],
    "stories": ["--json"],
    "check": [],
}
NO_STORE = {"ingest", "analyze"}


def _commands():
    for name in COMMAND_MODULES:
        importlib.import_module(name)

    def walk(group, prefix):
        for name, cmd in group.commands.items():
            yield " ".join(prefix + [name])
            if isinstance(cmd, click.Group):
                yield from walk(cmd, prefix + [name])

    return set(walk(cli, []))


def test_every_command_is_listed_here():
    assert _commands() - NO_STORE == set(READERS), "add the new command to READERS (or NO_STORE)"


@pytest.mark.parametrize("command", sorted(READERS))
def test_reading_a_missing_store_exits_2_and_creates_nothing(tmp_path, monkeypatch, capsys, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHRONICLE_DB", raising=False)
    if command == "serve" and importlib.util.find_spec("uvicorn"):
        monkeypatch.setattr("uvicorn.run", lambda *a, **k: None)  # never block on a server
    code = main(["--db", "missing.db", *command.split(), *READERS[command]])
    _, err = capsys.readouterr()
    assert code == 2, err
    assert "missing.db" in err and str(tmp_path / "missing.db") in err
    assert "chronicle --db missing.db ingest" in err
    assert list(tmp_path.iterdir()) == []


def test_the_default_store_is_refused_too(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CHRONICLE_DB", str(tmp_path / "typo.db"))
    assert main(["timeline"]) == 2
    assert "typo.db" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_ingest_creates_the_store_and_reads_then_work(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("KYIV, March 3 (Reuters) - Talks resumed on Monday.\n", encoding="utf-8")
    assert main(["--db", "story.db", "ingest", "a.txt", "--published", "2025-03-03", "--jobs", "1"]) == 0
    capsys.readouterr()
    assert main(["--db", "story.db", "articles", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
