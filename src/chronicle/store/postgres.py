"""The PostgreSQL connection: the part of ``sqlite3.Connection`` Chronicle uses, over pg8000.

Chronicle's SQL is written for SQLite. Rather than a second copy of every query, this adapter
reads each statement once (cached) and rewrites the few SQLite idioms the code uses into
PostgreSQL, so that both backends answer with the same rows in the same order:

- ``?`` placeholders become pg8000's ``:pN`` (``:name`` placeholders pass through);
- ``INSERT OR IGNORE``/``OR REPLACE`` become ``ON CONFLICT`` clauses (the key read from the catalog);
- ``x IN (SELECT value FROM json_each(?))`` becomes ``x = ANY(?)`` with the JSON list as an array,
  and any other ``json_each(?)`` of a list of strings ``json_array_elements_text``;
- ``json_extract(x, '$.key')`` becomes ``x::json ->> 'key'``; ``instr`` is ``strpos``; scalar
  ``max(a, b)``/``min(a, b)`` are ``GREATEST``/``LEAST``; ``GLOB`` is a regular expression;
  ``COLLATE NOCASE`` compares ``lower()``; ``INDEXED BY`` hints are dropped; ``LIMIT -1`` is no limit;
  ``IS``/``IS NOT`` between values are ``IS [NOT] DISTINCT FROM``;
- every ``ORDER BY`` term gets SQLite's NULL placement (first when ascending, last when
  descending), which PostgreSQL reverses by default;
- the quote search ``quotes_fts MATCH ?`` is a tsquery over the GIN-indexed tsvector (migration 0006);
- ``PRAGMA user_version`` reads ``chronicle_schema``; ``data_version`` is the write-ahead log position;
  ``table_info`` reads the catalog; the integrity PRAGMAs answer as on a sound store (PostgreSQL
  enforces foreign keys on every write); the others (journal_mode and the like) answer nothing.

Rows come back as :class:`Row` (by index and by name, as ``sqlite3.Row``); PostgreSQL's
``numeric`` (``SUM`` of integers, ``1.0 * x``) comes back as ``int`` or ``float`` and booleans as
0/1, as SQLite returns them. Text columns are ``COLLATE "C"`` (the migrations in
``migrations/postgresql``), so text sorts by code point as SQLite's BINARY collation does.
Driver errors are raised as the ``sqlite3`` exception classes (``IntegrityError`` for SQLSTATE
class 23, ``OperationalError`` otherwise), so the code's existing handlers apply unchanged.
"""
from __future__ import annotations

import json
import re
import sqlite3
import threading
from decimal import Decimal
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from chronicle.errors import StoreError

INSTALL = "pip install 'chronicle-news[postgres]'"


class Row(tuple):
    """A result row: ``row[0]``, ``row["name"]``, ``row.keys()`` and ``dict(row)``, as ``sqlite3.Row``."""

    __slots__ = ()
    _names: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)
    return type("Row", (Row,), {"__slots__": (), "_names": names, "_index": index})


def _value(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, Decimal):  # SUM of integers is numeric: an int; 1.0 * x keeps its decimals: a float
        return int(v) if v == v.to_integral_value() and v.as_tuple().exponent >= 0 else float(v)
    return v


class Cursor:
    """The result of one statement: ``fetchone``, ``fetchall``, iteration, ``description``, ``rowcount``."""

    def __init__(self, conn: "Connection"):
        self.connection = conn
        self._rows: list = []
        self._pos = 0
        self.description = None
        self.rowcount = -1
        self.lastrowid = None

    def execute(self, sql: str, params=()) -> "Cursor":
        rows, columns, count = self.connection._run(sql, params)
        if columns:
            names = tuple(c["name"] for c in columns)
            cls = _row_class(names)
            self._rows = [cls(_value(v) for v in r) for r in rows or ()]
            self.description = tuple((n, None, None, None, None, None, None) for n in names)
        else:
            self._rows, self.description = [], None
        self._pos = 0
        self.rowcount = count
        return self

    def executemany(self, sql: str, seq) -> "Cursor":
        seq = list(seq)
        if len(seq) > 1 and self.connection._run_many(sql, seq):
            self._rows, self.description, self._pos, self.rowcount = [], None, 0, -1
            return self
        total = 0
        for params in seq:
            self.execute(sql, params)
            total += max(self.rowcount, 0)
        self.rowcount = total
        return self

    def fetchone(self):
        if self._pos >= len(self._rows):
            return None
        self._pos += 1
        return self._rows[self._pos - 1]

    def fetchmany(self, size: int = 1) -> list:
        out = self._rows[self._pos:self._pos + size]
        self._pos += len(out)
        return out

    def fetchall(self) -> list:
        out = self._rows[self._pos:]
        self._pos = len(self._rows)
        return out

    def __iter__(self):
        while (row := self.fetchone()) is not None:
            yield row

    def close(self) -> None:
        self._rows = []


class Connection:
    """A PostgreSQL connection that Chronicle's code can use where it uses a ``sqlite3.Connection``."""

    dialect = "postgresql"

    def __init__(self, native, url: str):
        self._native = native
        self.url = url
        self.row_factory = None  # rows are always Row; kept so that code setting it still runs
        self._keys: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()  # one statement at a time on the wire (the web app's threads)

    # sqlite3.Connection's surface
    def cursor(self) -> Cursor:
        return Cursor(self)

    def execute(self, sql: str, params=()) -> Cursor:
        return Cursor(self).execute(sql, params)

    def executemany(self, sql: str, seq) -> Cursor:
        return Cursor(self).executemany(sql, seq)

    def commit(self) -> None:  # autocommit, as the SQLite connection (isolation_level=None)
        pass

    def rollback(self) -> None:
        self._native.run("ROLLBACK")

    def close(self) -> None:
        try:
            self._native.close()
        except Exception:  # noqa: BLE001 - a connection the server already dropped is closed
            pass

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # running a statement
    def _run(self, sql: str, params):
        special = _pragma(sql)
        if special is not None:
            sql, params = special, ()
        text, order, arrays = translate(sql)
        with self._lock:
            text = self._conflicts(text)
        if isinstance(params, dict):
            args = dict(params)
        else:
            params = list(params)
            if len(params) != len(order):
                raise sqlite3.ProgrammingError(
                    f"Incorrect number of bindings supplied. The current statement uses {len(order)}, "
                    f"and there are {len(params)} supplied.")
            args = {f"p{i + 1}": p for i, p in enumerate(params)}
        for name in arrays:
            args[name] = _array(args[name])
        types = {name: _oid(value) for name, value in args.items()}
        with self._lock:
            try:
                rows = self._native.run(text, types=types, **args)
            except Exception as exc:  # noqa: BLE001 - every driver error becomes a sqlite3 one (module docstring)
                raise _error(exc, text) from exc
            return rows, self._native.columns, self._native.row_count

    def _run_many(self, sql: str, seq: list) -> bool:
        """Run ``sql`` once per parameter tuple in few round trips: the statements, their values written
        in as literals, go BATCH at a time as one simple query, in order (so each sees the one
        before, as SQLite's executemany). False, having run nothing, where that does not apply."""
        if _pragma(sql) is not None or any(isinstance(p, dict) for p in seq):
            return False
        text, order, arrays = translate(sql)
        if arrays or not order or not all(len(p) == len(order) for p in seq):
            return False
        with self._lock:
            text = self._conflicts(text)
        parts = _LITERAL.split(text)
        quoted = _LITERAL.findall(text)
        statements = []
        for params in seq:
            values = [_literal(v) for v in params]
            out = []
            for i, part in enumerate(parts):
                out.append(_PARAM.sub(lambda m: values[int(m.group(1)) - 1], part))
                if i < len(quoted):
                    out.append(quoted[i])
            statements.append("".join(out))
        with self._lock:
            for i in range(0, len(statements), BATCH):
                batch = ";\n".join(statements[i:i + BATCH])
                try:
                    self._native.run(batch)
                except Exception as exc:  # noqa: BLE001 - as in _run
                    raise _error(exc, statements[i]) from exc
        return True

    def _conflicts(self, text: str) -> str:
        """Fill in the conflict target of a translated ``INSERT OR REPLACE`` (the table's primary key)."""
        m = _REPLACE_MARK.search(text)
        if not m:
            return text
        table, columns = m.group(1), [c.strip() for c in m.group(2).split(",")]
        key = self._primary_key(table)
        update = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in key)
        clause = f" ON CONFLICT ({', '.join(key)}) " + (f"DO UPDATE SET {update}" if update else "DO NOTHING")
        return _REPLACE_MARK.sub(lambda mm: f"INSERT INTO {mm.group(1)} ({mm.group(2)})", text) + clause

    def _primary_key(self, table: str) -> tuple[str, ...]:
        if table not in self._keys:
            rows = self._native.run(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = CAST(:t AS regclass) AND i.indisprimary", t=table)
            self._keys[table] = tuple(r[0] for r in rows)
        return self._keys[table]


def connect(url: str, *, read_only: bool = False) -> Connection:
    """Open a PostgreSQL store (``postgresql://USER[:PASSWORD]@HOST[:PORT]/NAME``); migrate it.

    ``read_only``: a session whose transactions are read-only, not migrated (the web server's
    reading connections, one per request in flight: a pg8000 connection is never shared).
    """
    conn = Connection(session(url), url)
    if read_only:
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        return conn
    from chronicle.store.db import migrate

    migrate(conn)
    return conn


def redact(url: str) -> str:
    """``url`` with its password masked, for messages: ``postgresql://me:***@host/db``."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def session(url: str):
    """A bare pg8000 connection to the server of ``url`` (no migration): for locks and the like."""
    try:
        import pg8000.native
    except ImportError as exc:
        raise StoreError.of("STO008", target=redact(url), install=INSTALL) from exc
    parts = urlsplit(url)
    kwargs = {"user": unquote(parts.username or "postgres"), "host": parts.hostname or "localhost",
              "port": parts.port or 5432, "database": unquote(parts.path.lstrip("/")) or None}
    if parts.password:
        kwargs["password"] = unquote(parts.password)
    try:
        native = pg8000.native.Connection(**kwargs)
    except Exception as exc:  # noqa: BLE001 - refused, unknown host, bad password: one coded error
        raise StoreError.of("STO004", target=redact(url), detail=exc) from exc
    native.run("SET standard_conforming_strings = on")  # executemany's literals: a backslash is a backslash
    return native


BATCH = 500  # statements per round trip in executemany
_PARAM = re.compile(r":p(\d+)\b")


def _literal(value) -> str:
    """A parameter written into SQL text (executemany's batches); strings as standard literals."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # repr is the shortest text that reads back as the same double
        return f"CAST('{value!r}' AS double precision)"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"'\\x{bytes(value).hex()}'::bytea"
    text = str(value)
    if "\x00" in text:
        raise sqlite3.ProgrammingError("a string holds a NUL character, which PostgreSQL text cannot store")
    return "'" + text.replace("'", "''") + "'"


def _oid(value) -> int:
    """The type a parameter is sent as: pg8000 sends values untyped, and PostgreSQL would then read
    ``CASE WHEN ... THEN ? ...`` as text where SQLite keeps the number bound. Strings stay untyped,
    so that the server reads them as the column they meet."""
    if isinstance(value, bool):
        return 20
    if isinstance(value, int):
        return 20  # bigint
    if isinstance(value, float):
        return 701  # double precision
    if isinstance(value, (bytes, bytearray, memoryview)):
        return 17  # bytea
    return 705  # unknown: the server infers it (a list's array type from the column it meets)


def _array(value):
    """The list behind a ``json_each(?)`` parameter, as the array ``= ANY(...)`` compares with."""
    items = json.loads(value) if isinstance(value, (str, bytes)) else list(value)
    return items if items else [None]  # ANY(ARRAY[NULL]) matches nothing, as an empty IN list


def _error(exc: Exception, sql: str) -> sqlite3.Error:
    info = exc.args[0] if exc.args and isinstance(exc.args[0], dict) else {}
    code, message = info.get("C", ""), info.get("M", str(exc))
    cls = sqlite3.IntegrityError if code.startswith("23") else sqlite3.OperationalError
    err = cls(f"{message} [PostgreSQL {code or 'error'}] in: {sql[:300]}")
    err.sqlstate = code
    return err


# ---- PRAGMAs -------------------------------------------------------------------------------------

_PRAGMAS = {
    "user_version": "SELECT COALESCE(MAX(version), 0) AS user_version FROM chronicle_schema",
    "integrity_check": "SELECT 'ok' AS integrity_check",
    "foreign_key_check": "SELECT NULL AS \"table\" WHERE FALSE",
    # What SQLite's data_version is for (the web cache: has anyone written since?): the server's
    # write-ahead log position moves with every commit. It also moves with other databases'
    # writes, which only costs the cache a reload.
    "data_version": "SELECT pg_current_wal_lsn() - CAST('0/0' AS pg_lsn) AS data_version",
}


def _pragma(sql: str) -> str | None:
    m = re.match(r"\s*PRAGMA\s+(\w+)\s*(?:=\s*(\d+))?\s*;?\s*$", sql, re.I)
    info = re.match(r"\s*PRAGMA\s+table_info\((\w+)\)\s*;?\s*$", sql, re.I)
    if info:  # (cid, name, type, notnull, dflt_value, pk), as SQLite lists a table's columns
        return ("SELECT ordinal_position - 1 AS cid, column_name AS name, data_type AS type, "
                "CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END AS notnull, column_default AS dflt_value, 0 AS pk "
                f"FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{info.group(1)}' "
                "ORDER BY ordinal_position")
    if not m:
        return None
    name, value = m.group(1).lower(), m.group(2)
    if name == "user_version" and value is not None:
        return f"INSERT INTO chronicle_schema (version) VALUES ({int(value)})"
    if name == "user_version":
        return ("SELECT CASE WHEN to_regclass('chronicle_schema') IS NULL THEN 0 ELSE "
                "(SELECT COALESCE(MAX(version), 0) FROM chronicle_schema) END AS user_version")
    return _PRAGMAS.get(name, "SELECT NULL WHERE FALSE")  # journal_mode, synchronous, foreign_keys: SQLite's own


# ---- translation ---------------------------------------------------------------------------------

_REPLACE_MARK = re.compile(r"\x01REPLACE (\w+) \(([^)]*)\)")
_LITERAL = re.compile(r"'(?:[^']|'')*'")


@lru_cache(maxsize=2048)
def translate(sql: str) -> tuple[str, tuple[int, ...], tuple[str, ...]]:
    """``(postgresql_sql, positional placeholders, names of array parameters)`` for a SQLite statement."""
    s = _strip_comments(sql)
    # The two rules that read a string literal come first; every other rule rewrites code only.
    s = re.sub(r"json_extract\(\s*([\w.]+)\s*,\s*'\$\.(\w+)'\s*\)", r"(\1::json ->> '\2')", s, flags=re.I)
    s = re.sub(r"([\w.]+)\s+GLOB\s+'((?:[^']|'')*)'", lambda m: f"{m.group(1)} ~ '{_glob_regex(m.group(2))}'", s)
    s = _in_code(s, _code_rules)
    s = _scalar_minmax(s)
    ignore = re.search(r"\bINSERT\s+OR\s+IGNORE\s+INTO\b", s, flags=re.I)
    s = re.sub(r"\bINSERT\s+OR\s+IGNORE\s+INTO\b", "INSERT INTO", s, flags=re.I)
    s = re.sub(r"\bINSERT\s+OR\s+REPLACE\s+INTO\s+(\w+)\s*\(([^)]*)\)", "\x01REPLACE \\1 (\\2)", s, flags=re.I)
    s = _null_order(s)
    if ignore:
        s = s.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    return _placeholders(s)


_CODE_RULES = (
    (r"\bBEGIN\s+IMMEDIATE\b", "BEGIN"),
    (r"\s+INDEXED\s+BY\s+\w+", ""),
    (r"\s+NOT\s+INDEXED\b", ""),
    (r"\bIN\s*\(\s*SELECT\s+value\s+FROM\s+json_each\(\s*\?\s*\)\s*\)", "= ANY(\x02?)"),
    (r"\bjson_each\(\s*\?\s*\)(?=\s*(?:\)|$|WHERE\b|UNION\b|ORDER\b|GROUP\b|LIMIT\b))",
     "json_array_elements_text(CAST(? AS json)) AS json_each(value)"),
    (r"\binstr\(", "strpos("),
    (r"\bIFNULL\(", "COALESCE("),
    (r"([\w.]+)\s*=\s*\?\s+COLLATE\s+NOCASE", r"lower(\1) = lower(?)"),
    (r"\bIS\s+NOT\s+(?!NULL\b|DISTINCT\b|TRUE\b|FALSE\b)", "IS DISTINCT FROM "),
    (r"\bIS\s+(?!NULL\b|NOT\b|DISTINCT\b|TRUE\b|FALSE\b)", "IS NOT DISTINCT FROM "),
    (r"\bAS\s+REAL\b", "AS DOUBLE PRECISION"),
    (r"\bLIMIT\s+\?", "LIMIT NULLIF(?, -1)"),  # SQLite's LIMIT -1 is no limit
    (r"\bLIMIT\s+-1\b", "LIMIT ALL"),
    (r"\browid\s+FROM\s+quotes_fts\s+WHERE\s+quotes_fts\s+MATCH\s+\?",
     "rowid FROM quotes WHERE to_tsvector('simple', text) @@ chronicle_phrase(?)"),
)
_CODE_RULES_RE = tuple((re.compile(p, re.I), r) for p, r in _CODE_RULES)


def _code_rules(code: str) -> str:
    for pattern, repl in _CODE_RULES_RE:
        code = pattern.sub(repl, code)
    return code


def _in_code(s: str, fn) -> str:
    """``fn`` applied to the parts of ``s`` outside string literals."""
    out, pos = [], 0
    for m in _LITERAL.finditer(s):
        out.append(fn(s[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fn(s[pos:]))
    return "".join(out)


def _strip_comments(s: str) -> str:
    out, i = [], 0
    while i < len(s):
        if s[i] == "'":
            m = _LITERAL.match(s, i)
            j = m.end() if m else len(s)
            out.append(s[i:j])
            i = j
        elif s.startswith("--", i):
            j = s.find("\n", i)
            i = len(s) if j < 0 else j
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def _glob_regex(pattern: str) -> str:
    """A GLOB pattern as a POSIX regular expression (anchored as GLOB is; a bracket set kept as is)."""
    out, in_set = [], False
    for ch in pattern:
        if in_set:
            out.append(ch)
            in_set = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_set = True
        else:
            out.append({"*": ".*", "?": "."}.get(ch) or re.escape(ch))
    body = "".join(out)
    body = body[2:] if body.startswith(".*") else "^" + body
    return body[:-2] if body.endswith(".*") else body + "$"


def _placeholders(s: str) -> tuple[str, tuple[int, ...], tuple[str, ...]]:
    out, order, arrays, n, i = [], [], [], 0, 0
    while i < len(s):
        ch = s[i]
        if ch == "'":
            m = _LITERAL.match(s, i)
            j = m.end() if m else len(s)
            out.append(s[i:j])
            i = j
            continue
        if ch == "\x02":
            i += 1
            n += 1
            out.append(f":p{n}")
            order.append(n)
            arrays.append(f"p{n}")
            i += 1  # the '?' after the marker
            continue
        if ch == "?":
            n += 1
            out.append(f":p{n}")
            order.append(n)
        else:
            out.append(ch)
        i += 1
    return "".join(out), tuple(order), tuple(arrays)


def _matching(s: str, open_at: int) -> int:
    """Index of the parenthesis closing the one at ``open_at`` (string literals skipped)."""
    depth, i = 0, open_at
    while i < len(s):
        ch = s[i]
        if ch == "'":
            m = _LITERAL.match(s, i)
            i = m.end() if m else len(s)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(s)


def _top_level_split(s: str) -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(s):
        ch = s[i]
        if ch == "'":
            m = _LITERAL.match(s, i)
            i = m.end() if m else len(s)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(s[start:i])
            start = i + 1
        i += 1
    parts.append(s[start:])
    return parts


def _scalar_minmax(s: str) -> str:
    """SQLite's two-argument ``max``/``min`` are scalar: PostgreSQL's ``GREATEST``/``LEAST``."""
    for name, pg in (("max", "GREATEST"), ("min", "LEAST")):
        pos = 0
        pattern = re.compile(rf"\b{name}\s*\(", re.I)
        while m := pattern.search(s, pos):
            open_at = m.end() - 1
            close = _matching(s, open_at)
            if len(_top_level_split(s[open_at + 1:close])) > 1:
                s = s[:m.start()] + pg + s[open_at:]
            pos = m.start() + 1
    return s


_ORDER_END = re.compile(r"\b(LIMIT|OFFSET|UNION|EXCEPT|INTERSECT|ROWS|RANGE|GROUPS|FOR|RETURNING|ON\s+CONFLICT)\b", re.I)


def _null_order(s: str) -> str:
    """Give every ``ORDER BY`` term SQLite's NULL placement: first ascending, last descending."""
    out, pos = [], 0
    for m in re.finditer(r"\bORDER\s+BY\b", s, re.I):
        if m.start() < pos:
            continue
        start = m.end()
        depth, i, end = 0, start, len(s)
        while i < len(s):
            ch = s[i]
            if ch == "'":
                lm = _LITERAL.match(s, i)
                i = lm.end() if lm else len(s)
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    end = i
                    break
                depth -= 1
            elif depth == 0 and ch == ";":
                end = i
                break
            elif depth == 0 and (km := _ORDER_END.match(s, i)) and (i == 0 or not (s[i - 1].isalnum() or s[i - 1] == "_")):
                end = i
                break
            i += 1
        terms = []
        for term in _top_level_split(s[start:end]):
            t = term.strip()
            if not t or re.search(r"\bNULLS\s+(FIRST|LAST)$", t, re.I):
                terms.append(t)
            elif re.search(r"\bDESC$", t, re.I):
                terms.append(t + " NULLS LAST")
            else:
                terms.append(t + " NULLS FIRST")
        out.append(s[pos:start] + " " + ", ".join(terms) + " ")
        pos = end
    out.append(s[pos:])
    return "".join(out)
