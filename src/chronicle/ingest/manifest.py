"""The manifest CSV: per-file publication date, outlet, URL and title.

Columns: ``path`` (relative to the manifest) and any of ``published``, ``outlet``,
``url``, ``title``; every column but ``path`` may be empty.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from chronicle.dates import DateValue, parse_user_date
from chronicle.errors import UsageError


@dataclass(frozen=True, slots=True)
class ManifestRow:
    path: str
    published: DateValue | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


def read_manifest(manifest: str | Path) -> dict[str, ManifestRow]:
    """Map each resolved file path to its row. Raises UsageError naming the line that is wrong."""
    mpath = Path(manifest)
    try:
        text = mpath.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read manifest {manifest}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"manifest {manifest} is not UTF-8 text") from None
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "path" not in [f.strip() for f in reader.fieldnames]:
        raise UsageError(f"manifest {manifest} needs a header with a 'path' column (and published, outlet, url, title)")
    rows: dict[str, ManifestRow] = {}
    base = mpath.resolve().parent
    for line_no, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k}
        if not row.get("path"):
            raise UsageError(f"manifest {manifest}, line {line_no}: empty path")
        published = None
        if row.get("published"):
            try:
                published = parse_user_date(row["published"])
            except ValueError as exc:
                raise UsageError(f"manifest {manifest}, line {line_no}: {exc}") from None
        key = resolve_key(base / row["path"])
        rows[key] = ManifestRow(
            path=row["path"],
            published=published,
            outlet=row.get("outlet") or None,
            url=row.get("url") or None,
            title=row.get("title") or None,
        )
    return rows


def resolve_key(path: str | Path) -> str:
    return os.path.normcase(str(Path(path).resolve()))
