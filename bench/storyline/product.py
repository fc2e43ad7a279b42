"""What the product prints: ``chronicle timeline --json`` run in this process, and stores to run it on.

The benches score this output and nothing else (issue 13): the CLI's own entry point is
called with the same arguments a user would type, its stdout is read back as JSON.
"""
from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path


class ProductError(RuntimeError):
    pass


def cli_json(db: Path, *args: str) -> object:
    """Run ``chronicle --db DB ARGS... --json`` in-process and return its parsed stdout."""
    from chronicle.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db), *args, "--json"])
    if code != 0:
        raise ProductError(f"chronicle {' '.join(args)} --json: exit {code}: {err.getvalue().strip()[-300:]}")
    text = out.getvalue()
    return json.loads(text) if text.strip() else []


def timeline(db: Path, *, top: int | None = None, since: str | None = None, until: str | None = None) -> list[dict]:
    """``chronicle --db DB timeline [--top N] [--since D] [--until D] --json``."""
    args = ["timeline"]
    if top is not None:
        args += ["--top", str(top)]
    if since:
        args += ["--since", since]
    if until:
        args += ["--until", until]
    return cli_json(db, *args)


def article_files(db: Path) -> dict[str, str]:
    """Article id -> the file name it was read from (``000_e6c8....txt``)."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {aid: Path(path or "").name for aid, path in conn.execute("SELECT id, source_path FROM articles")}


def ingest(db: Path, paths: list[Path], *, manifest: Path | None = None, jobs: int | None = None) -> float:
    """Build a fresh store at ``db`` with the product's ingest (what ``chronicle ingest`` does); seconds."""
    import chronicle

    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with chronicle.open(db) as api:
        report = api.ingest([str(p) for p in paths], manifest=str(manifest) if manifest else None, jobs=jobs)
    if report.failed and not report.added:
        raise ProductError(f"ingest of {paths} failed: {report.failed[:3]}")
    return time.perf_counter() - t0


def derive_store(full: Path, dest: Path, keep_articles: Iterable[str]) -> float:
    """A store holding only ``keep_articles`` of ``full``, with its cross-document steps redone.

    Per-article analysis is a pure function of the article, so copying the analysed rows and
    rerunning the product's store-wide steps gives the store an ingest of those articles alone
    would give, without analysing them again. Returns the seconds the rebuild took.
    """
    import chronicle

    keep = set(keep_articles)
    for p in (dest, Path(f"{dest}-wal"), Path(f"{dest}-shm")):
        p.unlink(missing_ok=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(full)) as src, contextlib.closing(sqlite3.connect(dest)) as out:
        src.backup(out)
    with contextlib.closing(sqlite3.connect(dest)) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("CREATE TEMP TABLE keep(id TEXT PRIMARY KEY)")
        conn.executemany("INSERT INTO keep VALUES (?)", [(a,) for a in keep])
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        # Full-text indexes are kept by triggers row by row; on a 4,600-article store rebuilding
        # them for the kept rows is much faster than deleting every other row from them.
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger' "
                                "AND sql LIKE '%AFTER DELETE%'").fetchall()
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        for table in tables:
            cols = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            if table != "articles" and "article_id" in cols:
                conn.execute(f"DELETE FROM {table} WHERE article_id NOT IN (SELECT id FROM keep)")
        conn.execute("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of NOT IN (SELECT id FROM keep)")
        conn.execute("DELETE FROM articles WHERE id NOT IN (SELECT id FROM keep)")
        for table in ("timeline_actors", "timeline_sources", "timeline_entries"):
            if table in tables:
                conn.execute(f"DELETE FROM {table}")
        for _, sql in triggers:
            conn.execute(sql)
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE '%USING fts5%' "
                                    "AND sql LIKE '%content=%'").fetchall():
            conn.execute(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
        conn.commit()
    t0 = time.perf_counter()
    with chronicle.open(dest) as api:
        api.ingest([])  # nothing new: the store-wide steps run, and the emptied timeline is rebuilt
        has_events = api.store.query("SELECT EXISTS(SELECT 1 FROM events)")[0][0]
        has_entries = api.store.query("SELECT EXISTS(SELECT 1 FROM timeline_entries)")[0][0]
        if has_events and not has_entries:  # a product whose ingest([]) skips the rebuild
            api.link_entities()
            api.rebuild_timeline()
    return time.perf_counter() - t0

