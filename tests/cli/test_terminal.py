"""Terminal habits: NO_COLOR is honoured, colour only on a terminal, shell completion works and is documented."""
from __future__ import annotations

import re

import click._compat
import pytest

from chronicle.cli import main

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text("Talks resume in Geneva\n\nDiplomats from both sides met on Monday, the ministry said.\n",
                    encoding="utf-8")
    return str(path)


def analyze_output(capsys, article) -> str:
    assert main(["analyze", article, "--published", "2025-03-18"]) == 0
    return capsys.readouterr().out


def test_a_terminal_gets_colour_unless_no_color_is_set(capsys, monkeypatch, article):
    monkeypatch.setattr(click._compat, "isatty", lambda stream: True)  # stdout seen as a terminal
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert ANSI.search(analyze_output(capsys, article)), "styled output expected on a terminal"
    monkeypatch.setenv("NO_COLOR", "1")
    out = analyze_output(capsys, article)
    assert not ANSI.search(out) and "Talks resume in Geneva" in out


def test_an_empty_no_color_means_colour(capsys, monkeypatch, article):
    """no-color.org: only a NO_COLOR that is present and not empty turns colour off."""
    monkeypatch.setattr(click._compat, "isatty", lambda stream: True)
    monkeypatch.setenv("NO_COLOR", "")
    assert ANSI.search(analyze_output(capsys, article))


def test_no_colour_when_not_a_terminal(capsys, monkeypatch, article):
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = analyze_output(capsys, article)
    assert not ANSI.search(out) and "Talks resume in Geneva" in out


def test_shell_completion_answers_through_the_entry_point(capsys, monkeypatch):
    monkeypatch.setenv("_CHRONICLE_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "chronicle time")
    monkeypatch.setenv("COMP_CWORD", "1")
    assert main([]) == 0
    assert capsys.readouterr().out.split() == ["plain,timeline"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_scripts(capsys, monkeypatch, shell):
    monkeypatch.setenv("_CHRONICLE_COMPLETE", f"{shell}_source")
    assert main([]) == 0
    assert f"_CHRONICLE_COMPLETE={shell}_complete" in capsys.readouterr().out


def test_completion_is_documented_in_help_and_readme(capsys):
    from pathlib import Path

    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for shell in ("bash", "zsh", "fish"):
        assert f"_CHRONICLE_COMPLETE={shell}_source chronicle" in out
        assert f"_CHRONICLE_COMPLETE={shell}_source chronicle" in readme
    assert "## Shell completion" in readme and "NO_COLOR" in out
