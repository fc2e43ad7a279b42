r"""Chronicle: turn a pile of news articles into a sourced, dated account of the story.

    >>> import chronicle, pathlib, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> _ = pathlib.Path(folder.name, "talks.txt").write_text(
    ...     "Talks resume in Geneva\n\nDiplomats from both sides met on Monday.\n", encoding="utf-8")
    >>> store = chronicle.open(":memory:")  # or a file: chronicle.open("story.db")
    >>> report = store.ingest([folder.name], published="2025-03-18", analyze=False)  # store only, no spaCy
    >>> [(a["title"], a["published"]) for a in store.articles()]
    [('Talks resume in Geneva', '2025-03-18')]
    >>> store.close(); folder.cleanup()

Importing this package is cheap: spaCy, torch, trafilatura and the web stack load
only when a step needs them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.errors import ChronicleError, InputError, NotFound, StoreError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from chronicle.api import Chronicle

__version__ = "0.1.0"
__all__ = [
    "ChronicleError",
    "InputError",
    "NotFound",
    "StoreError",
    "UsageError",
    "__version__",
    "open",
]


def open(db: str | None = None, *, aliases: str | None = None) -> "Chronicle":  # noqa: A001 - mirrors sqlite3.connect
    """Open (creating if needed) the store at ``db`` and return its API object.

    ``db`` is a path (SQLite) or a ``postgresql://`` URL; ``None`` means
    ``$CHRONICLE_DB`` or ``chronicle.db`` in the current directory. ``aliases`` is the user's
    entity alias file (default: ``chronicle-aliases.toml`` beside the store).
    """
    from chronicle.api import Chronicle

    return Chronicle(db, aliases=aliases)
