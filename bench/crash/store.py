"""What a bench reads from a store: SQLite's integrity check, ``chronicle check --json``, and the
JSON exports that a rerun must give exactly as a clean run does.

Normalised before comparing: nothing at present. The four exports carry no clock time (ingest
and analysis times stay in the store's own columns, which no export prints), so a rerun after a
kill must give them byte for byte; a field that legitimately differs would be named in NORMALISED.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

EXPORTS = ("articles", "timeline", "quotes", "entities")
NORMALISED: frozenset[str] = frozenset()  # JSON keys dropped before comparing (see the docstring)
ENV = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}


def chronicle(db: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``chronicle --db DB ARGS`` in a fresh process, as a user would."""
    return subprocess.run([sys.executable, "-m", "chronicle.cli", "--db", str(db), *args],
                          capture_output=True, text=True, env=ENV, timeout=timeout)


def integrity(db: Path) -> str:
    """``ok``, or SQLite's first complaint; ``no store`` when the kill came before it was created."""
    if not db.exists():
        return "no store"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return f"{type(exc).__name__}: {exc}"
    finally:
        conn.close()


def check(db: Path) -> dict[str, int]:
    """``chronicle check --json`` as {check: problems} for the checks that found any;
    {"exit N": 1} when it printed no JSON."""
    if not db.exists():
        return {}
    done = chronicle(db, "check", "--json")
    try:
        return {r["check"]: r["problems"] for r in json.loads(done.stdout) if r["problems"]}
    except (json.JSONDecodeError, TypeError, KeyError):
        return {f"exit {done.returncode}: {done.stderr.strip()[-200:]}": 1}


def pending(db: Path) -> list[str]:
    """The ``pending`` row of ``chronicle check --json``: work an interrupted ingest left."""
    done = chronicle(db, "check", "--json")
    rows = [r for r in json.loads(done.stdout or "[]") if r["check"] == "pending"]
    return rows[0]["examples"] if rows else []


def progress(db: Path) -> str:
    """Where the ingest was when killed, read from what it committed."""
    if not db.exists():
        return "before the store"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "articles" not in tables:
            return "creating the store"
        stored, analysed = conn.execute(
            "SELECT COUNT(*), COUNT(analysis_version) FROM articles").fetchone()
        entries = conn.execute("SELECT COUNT(*) FROM timeline_entries").fetchone()[0]
    finally:
        conn.close()
    if not stored:
        return "reading"
    if analysed < stored:
        return f"analysing ({stored} stored, {analysed} analysed)"
    return "after the timeline" if entries else f"linking ({analysed} analysed, no timeline yet)"


def exports(db: Path) -> dict[str, object]:
    """The four JSON exports, with NORMALISED keys dropped."""
    out = {}
    for name in EXPORTS:
        done = chronicle(db, name, "--json")
        if done.returncode != 0:
            out[name] = f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
            continue
        out[name] = _drop(json.loads(done.stdout))
    return out


def _drop(value):
    if isinstance(value, dict):
        return {k: _drop(v) for k, v in value.items() if k not in NORMALISED}
    if isinstance(value, list):
        return [_drop(v) for v in value]
    return value


def first_difference(a, b, path: str = "") -> str | None:
    """Where two JSON documents first differ (``timeline[3].sources: 2 items vs 3``), or None."""
    if type(a) is not type(b):
        return f"{path or '.'}: {_short(a)} vs {_short(b)}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'the rerun' if key in a else 'the clean run'}"
            if (d := first_difference(a[key], b[key], f"{path}.{key}")) is not None:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            if (d := first_difference(x, y, f"{path}[{i}]")) is not None:
                return d
        return None if len(a) == len(b) else f"{path}: {len(a)} items vs {len(b)}"
    return None if a == b else f"{path or '.'}: {_short(a)} vs {_short(b)}"


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
