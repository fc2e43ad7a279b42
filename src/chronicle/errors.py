"""Chronicle's one exception tree and its diagnostic codes.

    ChronicleError
    ├── UsageError        bad option or argument (CLI exit 2)
    ├── InputError        one input cannot be read or understood (recorded, batch goes on)
    ├── NotFound          an id or name that is not in the store
    └── StoreError        the store cannot be opened or migrated

Batch work never raises InputError to its caller: it turns each one into a
:class:`Diagnostic` and goes on. The CLI converts the rest once, at its edge.
Diagnostic codes are documented in docs/diagnostics.md.
"""
from __future__ import annotations

from dataclasses import dataclass


class ChronicleError(Exception):
    """Base of every error Chronicle raises on purpose."""

    code = "CHR000"


class UsageError(ChronicleError):
    code = "USE001"


class InputError(ChronicleError):
    """An input that cannot be ingested. ``code`` says why, ``path`` says which."""

    def __init__(self, code: str, reason: str, path: str | None = None):
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class NotFound(ChronicleError):
    code = "STO404"


class StoreError(ChronicleError):
    code = "STO001"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A coded note about one input or article: what went wrong, where, and which stage saw it."""

    code: str
    message: str
    path: str | None = None
    article_id: str | None = None
    stage: str | None = None
    start_char: int | None = None
    end_char: int | None = None

    @classmethod
    def from_error(cls, err: InputError) -> "Diagnostic":
        return cls(code=err.code, message=err.reason, path=err.path)
