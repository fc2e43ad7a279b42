"""Docs that cannot drift: every command's ``--help`` shows an example, and every example parses.

Each command and subcommand (the group included) must have an "Example" line followed by
``chronicle ...`` invocations of that command; each invocation is parsed by the command
itself (options, arguments, choices), so an example that names a renamed or removed option
fails here rather than in a reader's terminal.
"""
from __future__ import annotations

import importlib
import shlex
import warnings

import click
import pytest

from chronicle.cli import main
from chronicle.cli.main import COMMAND_MODULES, cli


def all_commands():
    for name in COMMAND_MODULES:
        importlib.import_module(name)

    def walk(group, prefix):
        for name, cmd in sorted(group.commands.items()):
            yield prefix + [name], cmd
            if isinstance(cmd, click.Group):
                yield from walk(cmd, prefix + [name])

    return [([], cli), *walk(cli, [])]


def examples(help_text: str) -> list[str]:
    """The ``chronicle ...`` lines of the help's Example section."""
    lines = help_text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip().rstrip(":") in ("Example", "Examples")]
    out = []
    for i in starts:
        for line in lines[i + 1:]:
            if not line.strip().startswith("chronicle"):
                break
            out.append(line.strip())
    return out


def parse(argv: list[str]) -> list[str]:
    """Parse a command line as click would run it, without running it; returns the command path."""
    ctx = cli.make_context("chronicle", list(argv))
    path = []
    while isinstance(ctx.command, click.Group) and (left := _left(ctx)):
        name, cmd, rest = ctx.command.resolve_command(ctx, left)
        path.append(name)
        ctx = cmd.make_context(name, rest, parent=ctx)
    return path


def _left(ctx: click.Context) -> list[str]:
    """What a group left for its subcommand (click keeps the subcommand's name apart)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Context.protected_args, click >= 8.2
        return [*ctx.protected_args, *ctx.args]


def words(line: str) -> list[str]:
    """The arguments of an example line, without the shell's comment or redirection."""
    argv = shlex.split(line, comments=True)[1:]
    for i, word in enumerate(argv):
        if word in (">", "|", ">>") or word.startswith((">", "|")):
            return argv[:i]
    return argv


@pytest.mark.parametrize("path,cmd", all_commands(), ids=lambda x: " ".join(x) or "chronicle" if isinstance(x, list) else "")
def test_help_has_an_example_of_this_command_that_parses(capsys, path, cmd):
    code = main([*path, "--help"])
    out = capsys.readouterr().out
    assert code == 0
    found = examples(out)
    shown = f"`chronicle {' '.join(path)} --help`"
    assert found, f"{shown} has no Example section with a `chronicle ...` line"
    for line in found:
        try:
            assert parse(words(line))[:len(path)] == path, f"{shown}: example {line!r} runs another command"
        except click.ClickException as exc:
            pytest.fail(f"{shown}: example {line!r} does not parse: {exc.format_message()}")


def test_a_wrong_example_is_caught():
    with pytest.raises(click.ClickException):
        parse(words("chronicle timeline --sinse 2025-03"))
    assert parse(words("chronicle --db s.db export --format csv > t.csv  # a comment")) == ["export"]
