"""The store: SQLite by default (one file, WAL mode, FTS5), written by one writer in batches."""
from chronicle.store.sqlite import Store

__all__ = ["Store"]
