"""JSON Lines: one article per line with ``text`` and optional ``title``, ``published``,
``outlet``, ``url`` and ``id``. A bad line is reported and the rest go on."""
from __future__ import annotations

import json

from chronicle.dates import parse_user_date
from chronicle.errors import InputError
from chronicle.text.document import Document, normalize_text, normalize_title


def parse_jsonl(text: str, path: str | None = None) -> list[Document | InputError]:
    out: list[Document | InputError] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(InputError("ING030", f"line {line_no}: not valid JSON ({exc.msg})", path))
            continue
        if not isinstance(record, dict):
            out.append(InputError("ING031", f"line {line_no}: not a JSON object", path))
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            out.append(InputError("ING032", f"line {line_no}: no 'text' key with article text", path))
            continue
        published = None
        if record.get("published"):
            try:
                published = parse_user_date(str(record["published"]))
            except ValueError as exc:
                out.append(InputError("ING033", f"line {line_no}: {exc}", path))
                continue
        out.append(
            Document(
                text=normalize_text(body),
                title=normalize_title(_str(record.get("title"))),
                published=published,
                outlet=normalize_title(_str(record.get("outlet"))),
                url=_str(record.get("url")),
                index=line_no - 1,
                external_id=_str(record.get("id")),
            )
        )
    if not out:
        out.append(InputError("ING003", "file has no JSON lines", path))
    return out


def _str(value) -> str | None:
    if value is None:
        return None
    return str(value) or None
