"""Finding input files and reading their bytes safely.

Every failure becomes an :class:`InputError` with a code and a plain reason:

    ING001 no such file or folder        ING004 file too large
    ING002 cannot read (permissions...)  ING005 binary file
    ING003 empty file

Folders are walked without following links to folders (a link loop cannot trap the walk);
such a link, a FIFO, a socket or a device is skipped with its reason (ING002), and a FIFO is
never opened (opening one blocks until a writer comes).
"""
from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from chronicle.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
SKIP_NAMES = {"manifest.csv", ".DS_Store", "Thumbs.db"}
SKIP_SUFFIXES = {".csv", ".md", ".py", ".pyc", ".gz", ".zip"}


@dataclass(frozen=True, slots=True)
class RawInput:
    path: str
    data: bytes
    sha256: str


def expand_paths(paths: list[str | Path]) -> Iterator[str | InputError]:
    """Yield each file under ``paths`` (folders read recursively, in sorted order), or an error."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            errors: list[OSError] = []
            for root, dirs, files in os.walk(p, onerror=errors.append):
                while errors:  # a folder that cannot be listed
                    exc = errors.pop()
                    yield InputError("ING002", f"cannot read folder: {exc.strerror or exc}", exc.filename or root)
                linked = sorted(d for d in dirs if not d.startswith(".") and os.path.islink(os.path.join(root, d)))
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
                for name in linked:
                    yield InputError("ING002", "a link to a folder: not followed (give the folder itself)",
                                     str(Path(root) / name))
                for name in sorted(files):
                    if name.startswith(".") or name in SKIP_NAMES or Path(name).suffix.lower() in SKIP_SUFFIXES:
                        continue
                    yield str(Path(root) / name)
            while errors:
                exc = errors.pop()
                yield InputError("ING002", f"cannot read folder: {exc.strerror or exc}", exc.filename or str(p))
        elif p.exists() or p.is_symlink():
            yield str(p)
        else:
            yield InputError("ING001", "no such file or folder", str(given))


def read_input(path: str, *, max_bytes: int = MAX_BYTES) -> RawInput:
    """Read one file's bytes, refusing what cannot be an article. Raises InputError."""
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise InputError("ING001", "no such file or folder", path) from None
    except OSError as exc:
        raise InputError("ING002", f"cannot read: {exc.strerror or exc}", path) from None
    if not os.path.isfile(path):
        raise InputError("ING002", f"not a regular file: {_kind(path)}", path)
    if size > max_bytes:
        raise InputError(
            "ING004",
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one input (pass --max-mb to raise it)",
            path,
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError("ING002", f"cannot read: {exc.strerror or exc}", path) from None
    if not data.strip():
        raise InputError("ING003", "file is empty", path)
    if looks_binary(data):
        raise InputError("ING005", "binary file: not text, HTML, a feed or JSON Lines", path)
    return RawInput(path=path, data=data, sha256=hashlib.sha256(data).hexdigest())


def _kind(path: str) -> str:
    """What a path that is not a regular file is, in words."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return exc.strerror or str(exc)
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "a special file"


_TEXT_CONTROL = {9, 10, 12, 13, 27}


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16 text) or many control characters mean a binary file."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a BOM: decoded later
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROL)
    return control > max(8, len(head) // 100)
