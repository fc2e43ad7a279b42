"""The ``chronicle`` command group, its global options, and the one place errors become exit codes.

Exit status (CONTRACT): 0 success; 1 some inputs failed (the rest were processed);
2 usage error. A traceback is never the only thing a user sees.
"""
from __future__ import annotations

import importlib
import json
import os
import sys

import click

from chronicle.errors import ChronicleError, NotFound, StoreError, UsageError

# Command modules, each defining commands registered on the group below.
COMMAND_MODULES = (
    "chronicle.cli.ingest",
    "chronicle.cli.read",
    "chronicle.cli.entities",
    "chronicle.cli.quotes",
    "chronicle.cli.timeline",
    "chronicle.cli.serve",
    "chronicle.cli.claims",
    "chronicle.cli.stories",
)


# The one conversion of Chronicle's exceptions to exit statuses (CONTRACT: 2 usage, 1 failure).
EXIT_STATUS: tuple[tuple[type[ChronicleError], int], ...] = (
    (UsageError, 2),  # includes PipelineError
    (StoreError, 2),
    (NotFound, 1),
    (ChronicleError, 1),
)


def exit_status(exc: ChronicleError) -> int:
    return next(status for kind, status in EXIT_STATUS if isinstance(exc, kind))


class Context:
    """What one invocation shares between the group and its command: the store, and the exit status."""

    def __init__(self, db: str | None = None):
        self.db = db
        self.exit_code = 0
        self.aliases = None  # an --aliases file given to a command group
        self._api = None

    def api(self, *, create: bool = False):
        """The store's API. Only ``ingest`` passes ``create``: reading a missing store is an error (exit 2)."""
        if self._api is None:
            import chronicle
            from chronicle.store.db import require_store
            from chronicle.store.sqlite import resolve_db

            if not create:
                require_store(resolve_db(self.db))
            self._api = chronicle.open(self.db)
        return self._api


EPILOG = """\b
Shell completion (bash, zsh, fish), once in your shell's start-up file:
  eval "$(_CHRONICLE_COMPLETE=bash_source chronicle)"    # ~/.bashrc
  eval "$(_CHRONICLE_COMPLETE=zsh_source chronicle)"     # ~/.zshrc
  _CHRONICLE_COMPLETE=fish_source chronicle > ~/.config/fish/completions/chronicle.fish

Colour is used only on a terminal, and never when NO_COLOR is set.
"""


def no_color() -> bool:
    """NO_COLOR (https://no-color.org): present and not empty means no ANSI colour, even on a terminal."""
    return bool(os.environ.get("NO_COLOR"))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}, epilog=EPILOG)
@click.option("--db", envvar="CHRONICLE_DB", metavar="PATH_OR_URL",
              help="The store: a SQLite file (default ./chronicle.db, or $CHRONICLE_DB), or "
                   "postgresql://USER@HOST:PORT/NAME.")
@click.version_option(package_name="chronicle-news", prog_name="chronicle")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Chronicle: follow a news story from a pile of articles.

    \b
    Example:
      chronicle --db story.db ingest articles/ --manifest articles/manifest.csv
      chronicle --db story.db timeline
    """
    if no_color():
        ctx.color = False  # every command's context inherits it; click.echo then strips ANSI styles
    ctx.ensure_object(Context).db = db


MAX_NAME_CHARS = 500


class BoundedText(click.ParamType):
    """A name or query of at most ``limit`` characters, without NUL: a 100,000-character actor
    name made SQLite's LIKE give up ("pattern too complex") instead of a usage error."""

    name = "text"

    def __init__(self, limit: int = MAX_NAME_CHARS):
        self.limit = limit

    def convert(self, value, param, ctx):
        text = str(value)
        if len(text) > self.limit:
            self.fail(f"is {len(text):,} characters long; at most {self.limit:,} are allowed", param, ctx)
        if "\x00" in text:
            self.fail("contains a NUL character", param, ctx)
        return text


class Megabytes(click.ParamType):
    """A finite, positive size in megabytes, at most ``limit`` (``1e300`` overflowed to a crash)."""

    name = "MB"

    def __init__(self, limit: float = 1_000_000.0):
        self.limit = limit

    def convert(self, value, param, ctx):
        try:
            mb = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of megabytes", param, ctx)
        if not (0 < mb <= self.limit):  # also refuses nan and inf
            self.fail(f"{value!r} is not a size between 0 and {self.limit:,.0f} MB", param, ctx)
        return mb


NAME = BoundedText()
JOBS = click.IntRange(1, 256)


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def report_failures(failed: list[dict]) -> None:
    for f in failed:
        click.echo(f"error: {f['path']}: {f['reason']}", err=True)


def main(argv: list[str] | None = None) -> int:
    state = Context()  # one per call: main() may run many times in a process (tests, embedding)
    for name in COMMAND_MODULES:
        importlib.import_module(name)
    try:
        cli.main(args=argv, prog_name="chronicle", standalone_mode=False, obj=state)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return 2 if isinstance(exc, click.UsageError) else exc.exit_code
    except ChronicleError as exc:
        click.echo(f"error: {exc}", err=True)  # "error: [CODE] message"
        return exit_status(exc)
    except KeyboardInterrupt:
        click.echo("interrupted; rerun the same command to finish the job", err=True)
        return 130
    except SystemExit as exc:  # click's ctx.exit(n)
        return exc.code if isinstance(exc.code, int) else 0
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    return state.exit_code


def set_exit_code(code: int) -> None:
    """Set the exit status of the running command (1: some inputs failed)."""
    click.get_current_context().ensure_object(Context).exit_code = code
