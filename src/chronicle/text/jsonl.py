"""JSON Lines: one article per line with ``text`` and optional ``title``, ``published``,
``outlet``, ``url`` and ``id``. A bad line is reported and the rest go on.

The records the usual fetchers write are read with their metadata (issue 17): news-please's
(``maintext``, ``date_publish``, ``source_domain``, ``authors``, ``date_download``) and
trafilatura's JSON output (``text``, ``date``, ``source``, ``source-hostname``), one per line
or as a ``.json`` file holding one object or a list of them; data/text/record_keys.toml says
which key gives which field.

Each line is checked at the edge: a number of more than :data:`MAX_NUMBER_DIGITS` digits or
nesting deeper than :data:`MAX_DEPTH` is refused (ING034: Python's int-string limit and its
recursion limit turned both into tracebacks that ended the batch), and every field must have
its type (ING035). Lone surrogates left by ``\\udXXX`` escapes are replaced with U+FFFD
(chronicle.text.formats) so the text can be written as UTF-8.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import tomllib
from importlib import resources

from chronicle.dates import parse_user_date
from chronicle.errors import InputError
from chronicle.text.document import Document, normalize_text, normalize_title

MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 100
# Field -> the JSON types it may hold (None: null). ``id`` may be a number; the others are text.
FIELD_TYPES = {"title": (str,), "published": (str,), "outlet": (str,), "url": (str,), "id": (str, int),
               "author": (str,), "fetched_at": (str,)}


class _Limit(ValueError):
    """A line over one of the limits: the reason, without the line number."""


def _number(kind):
    def parse(token: str):
        if len(token) > MAX_NUMBER_DIGITS:
            raise _Limit(f"a number of {len(token):,} characters (at most {MAX_NUMBER_DIGITS} are read)")
        return kind(token)
    return parse


_DECODER = json.JSONDecoder(parse_int=_number(int), parse_float=_number(float))


def load_line(line: str):
    """Decode one JSON line within the limits. Raises _Limit or json.JSONDecodeError."""
    try:
        value = _DECODER.decode(line)
    except RecursionError:
        raise _Limit(f"nested more than {MAX_DEPTH} levels deep") from None
    if _depth(value) > MAX_DEPTH:
        raise _Limit(f"nested more than {MAX_DEPTH} levels deep")
    return value


def _depth(value, limit: int = MAX_DEPTH + 1) -> int:
    """Nesting depth of a decoded value, walked without recursion and cut at ``limit``."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level >= limit:
                return deepest
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse_jsonl(text: str, path: str | None = None) -> list[Document | InputError]:
    """One document (or error) per record: per line of JSON Lines, or per object of a JSON file
    that holds one object (news-please writes one per article) or a list of them."""
    try:
        whole = _one_document(text)
    except _Limit as exc:
        return [InputError("ING034", str(exc), path)]
    if whole is not None:
        return _parse_records(whole, path)
    out: list[Document | InputError] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = load_line(line)
        except json.JSONDecodeError as exc:
            out.append(InputError("ING030", f"line {line_no}: not valid JSON ({exc.msg})", path))
            continue
        except _Limit as exc:
            out.append(InputError("ING034", f"line {line_no}: {exc}", path))
            continue
        out.append(record_document(record, f"line {line_no}", line_no - 1, path))
    if not out:
        out.append(InputError("ING003", "file has no JSON lines", path))
    return out


def _one_document(text: str):
    """The decoded value when ``text`` is one JSON document (an object over several lines, or a
    list on one line), else None: JSON Lines, whose first line decodes on its own, are read line
    by line. Raises _Limit for one document over the reading limits."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    try:
        first = load_line(lines[0])
    except _Limit:
        return None  # a line over the limits: reported with its line number
    except json.JSONDecodeError:
        pass
    else:
        return first if len(lines) == 1 and isinstance(first, list) else None
    try:
        value = load_line(text)
    except json.JSONDecodeError:
        return None  # not one document either: each line is reported
    return value if isinstance(value, (dict, list)) else None


def _parse_records(value, path: str | None) -> list[Document | InputError]:
    records = value if isinstance(value, list) else [value]
    if not records:
        return [InputError("ING003", "JSON file holds an empty list", path)]
    return [record_document(r, f"record {i + 1}", i, path) for i, r in enumerate(records)]


def record_document(record, where: str, index: int, path: str | None) -> Document | InputError:
    """One record's document: Chronicle's keys, news-please's or trafilatura's (data/text/record_keys.toml)."""
    if not isinstance(record, dict):
        return InputError("ING031", f"{where}: not a JSON object", path)
    keys = record_keys()
    found = {name: _first(record, name, keys) for name in keys["fields"]}
    body = found["text"][1]
    if not isinstance(body, str) or not body.strip():
        return InputError("ING032", f"{where}: no 'text' key with article text", path)
    wrong = _wrong_type(found, keys)
    if wrong:
        return InputError("ING035", f"{where}: {wrong}", path)
    published = fetched_at = None
    key, value = found["published"]
    if value:
        try:
            published = parse_user_date(value)
        except ValueError as exc:
            label = "" if key == "published" else f"'{key}': "
            return InputError("ING033", f"{where}: {label}{exc}", path)
    key, value = found["fetched_at"]
    if value:
        try:
            fetched_at = parse_instant(value)
        except ValueError as exc:
            return InputError("ING033", f"{where}: '{key}': {exc}", path)
    text_clean = normalize_text(body)
    title = normalize_title(found["title"][1])
    first, sep, rest = text_clean.partition("\n")
    if title and sep and first.strip() == title and keys["title_in_text"] & record.keys():
        text_clean = rest.strip()  # trafilatura's text opens with the page's <h1>, as html.py sees it
    if not text_clean:
        return InputError("ING032", f"{where}: no 'text' key with article text", path)
    author = found["author"][1]
    return Document(
        text=text_clean,
        title=title,
        published=published,
        outlet=normalize_title(found["outlet"][1]),
        url=_str(found["url"][1]),
        author=normalize_title(", ".join(author) if isinstance(author, list) else author),
        index=index,
        external_id=_str(found["id"][1]),
        fetched_at=fetched_at,
    )


@functools.cache
def record_keys() -> dict:
    """data/text/record_keys.toml: each field's keys in order, and the keys with a condition."""
    raw = resources.files("chronicle.data").joinpath("text").joinpath("record_keys.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    return {"fields": data["fields"], "url_only": set(data["url_only"]["keys"]), "lists": set(data["lists"]["keys"]),
            "title_in_text": set(data["title_in_text"]["keys"])}


def _first(record: dict, name: str, keys: dict) -> tuple[str, object]:
    """(key, value) of the first of ``name``'s keys holding a value, or (its first key, None)."""
    for key in keys["fields"][name]:
        value = record.get(key)
        if value is None or value == "" or value == []:
            continue
        if key in keys["url_only"] and not (isinstance(value, str) and value.startswith(("http://", "https://"))):
            continue
        return key, value
    return keys["fields"][name][0], None


def parse_instant(value: str) -> dt.datetime:
    """An ISO 8601 timestamp (news-please's ``2025-03-18 09:30:00``); one without a zone is taken as UTC.

    >>> parse_instant("2025-03-18 09:30:00").isoformat()
    '2025-03-18T09:30:00+00:00'
    """
    try:
        stamp = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        shown = repr(value) if len(value) <= 60 else repr(value[:60]) + "..."
        raise ValueError(f"cannot read timestamp {shown}: use ISO 8601 (YYYY-MM-DD HH:MM:SS)") from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)


def _wrong_type(found: dict, keys: dict) -> str | None:
    for name, (key, value) in found.items():
        if value is None or name == "text":
            continue
        kinds = FIELD_TYPES.get(name, (str,))
        if key in keys["lists"] and isinstance(value, list) and all(isinstance(v, str) for v in value):
            continue
        if isinstance(value, bool) or not isinstance(value, kinds):
            names = " or ".join("a string" if k is str else "an integer" for k in kinds)
            return f"'{key}' must be {names} or null, not {type(value).__name__}"
    return None


def _str(value) -> str | None:
    if value is None:
        return None
    return str(value) or None
