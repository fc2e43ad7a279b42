"""One ingest at a time per store: an advisory lock on ``.STORE.ingest-lock`` beside the store.

SQLite already makes each batch atomic, but two ingests into one store would interleave their
batches (issue 18). The second one waits its turn, saying so once; the lock is the kernel's
(``flock``), so a killed ingest never leaves it held. Where ``fcntl`` is missing (Windows) or
the store is in memory, there is no lock. A PostgreSQL store's lock is a session-level advisory
lock on the server (``pg_advisory_lock``), held by a connection of its own: ingests on several
machines queue the same way, and the server drops it when the holder dies.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import contextmanager

PG_INGEST_LOCK = 0x6368726F6E + 1  # beside store.db.PG_MIGRATION_LOCK


@contextmanager
def ingest_lock(store_path: str, on_wait: Callable[[str], None] | None = None):
    """Hold the store's ingest lock for the ``with`` block; call ``on_wait(message)`` before waiting."""
    if store_path.startswith(("postgres://", "postgresql://")):
        with _pg_lock(store_path, on_wait):
            yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        fcntl = None
    if fcntl is None or store_path in ("", ":memory:"):
        yield
        return
    folder, name = os.path.split(store_path)
    path = os.path.join(folder, f".{name}.ingest-lock")  # a dot file: a folder ingest skips it
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            if on_wait:
                on_wait(f"another ingest (process {holder}) is writing to {store_path}; waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def ingest_running(store_path: str) -> bool:
    """Whether an ingest holds the store's lock now (a reader then leaves the timeline to it)."""
    if (store_path or "").startswith(("postgres://", "postgresql://")):
        from chronicle.store.postgres import session

        conn = session(store_path)
        try:
            if conn.run("SELECT pg_try_advisory_lock(:k)", k=PG_INGEST_LOCK)[0][0]:
                conn.run("SELECT pg_advisory_unlock(:k)", k=PG_INGEST_LOCK)
                return False
            return True
        finally:
            conn.close()
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return False
    folder, name = os.path.split(store_path or "")
    path = os.path.join(folder, f".{name}.ingest-lock")
    if store_path in ("", ":memory:") or not os.path.exists(path):
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


@contextmanager
def _pg_lock(url: str, on_wait: Callable[[str], None] | None):
    from chronicle.store.postgres import session

    conn = session(url)
    try:
        if not conn.run("SELECT pg_try_advisory_lock(:k)", k=PG_INGEST_LOCK)[0][0]:
            if on_wait:
                on_wait(f"another ingest is writing to {url}; waiting for it to finish")
            conn.run("SELECT pg_advisory_lock(:k)", k=PG_INGEST_LOCK)
        yield
    finally:
        conn.close()  # closing the session releases the lock
