"""JSON Lines: one article per line with ``text`` and optional ``title``, ``published``,
``outlet``, ``url`` and ``id``. A bad line is reported and the rest go on.

Each line is checked at the edge: a number of more than :data:`MAX_NUMBER_DIGITS` digits or
nesting deeper than :data:`MAX_DEPTH` is refused (ING034: Python's int-string limit and its
recursion limit turned both into tracebacks that ended the batch), and every field must have
its type (ING035). Lone surrogates left by ``\\udXXX`` escapes are replaced with U+FFFD
(chronicle.text.formats) so the text can be written as UTF-8.
"""
from __future__ import annotations

import json

from chronicle.dates import parse_user_date
from chronicle.errors import InputError
from chronicle.text.document import Document, normalize_text, normalize_title

MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 100
# Field -> the JSON types it may hold (None: null). ``id`` may be a number; the others are text.
FIELD_TYPES = {"title": (str,), "published": (str,), "outlet": (str,), "url": (str,), "id": (str, int)}


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
        if not isinstance(record, dict):
            out.append(InputError("ING031", f"line {line_no}: not a JSON object", path))
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            out.append(InputError("ING032", f"line {line_no}: no 'text' key with article text", path))
            continue
        wrong = _wrong_type(record)
        if wrong:
            out.append(InputError("ING035", f"line {line_no}: {wrong}", path))
            continue
        published = None
        if record.get("published"):
            try:
                published = parse_user_date(record["published"])
            except ValueError as exc:
                out.append(InputError("ING033", f"line {line_no}: {exc}", path))
                continue
        text_clean = normalize_text(body)
        if not text_clean:
            out.append(InputError("ING032", f"line {line_no}: no 'text' key with article text", path))
            continue
        out.append(
            Document(
                text=text_clean,
                title=normalize_title(record.get("title")),
                published=published,
                outlet=normalize_title(record.get("outlet")),
                url=_str(record.get("url")),
                index=line_no - 1,
                external_id=_str(record.get("id")),
            )
        )
    if not out:
        out.append(InputError("ING003", "file has no JSON lines", path))
    return out


def _wrong_type(record: dict) -> str | None:
    for key, kinds in FIELD_TYPES.items():
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, kinds):
            names = " or ".join("a string" if k is str else "an integer" for k in kinds)
            return f"'{key}' must be {names} or null, not {type(value).__name__}"
    return None


def _str(value) -> str | None:
    if value is None:
        return None
    return str(value) or None
