"""``POST /api/articles``: ingest over HTTP. Off unless the server was started with a token.

The body is one JSON article or a list of them, with the keys of a JSON Lines input
(``text`` and optional ``title``, ``published``, ``outlet``, ``url``, ``id``). It is read
only after the token checks out, and never past ``max_body`` bytes. The articles go through
the same ingest as the CLI (``Chronicle.ingest`` on a JSON Lines file), and the reply is the
CONTRACT's ``ingest --json`` shape.
"""
from __future__ import annotations

import hmac
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request

from chronicle.web.errors import WebError

DEFAULT_MAX_BODY = 1_000_000  # bytes; a long article is ~60 kB of JSON
TOKEN_ENV = "CHRONICLE_INGEST_TOKEN"


@dataclass(frozen=True)
class IngestSettings:
    """``token`` None means ingest is off."""

    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY

    @property
    def enabled(self) -> bool:
        return bool(self.token)


def check_token(request: Request, settings: IngestSettings) -> None:
    if not settings.enabled:
        raise WebError(403, "ingest over HTTP is off; start the server with "
                            f"`chronicle serve --allow-ingest` and a token in ${TOKEN_ENV}")
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), settings.token.encode()):
        raise WebError(401, "a valid token is needed: send the header 'Authorization: Bearer TOKEN'")


async def read_articles(request: Request, settings: IngestSettings) -> list[dict]:
    """The request's articles, read at most ``max_body`` bytes into the body."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > settings.max_body:
        raise WebError(413, f"the body is {declared} bytes; the limit is {settings.max_body}")
    if "json" not in request.headers.get("content-type", ""):
        raise WebError(415, "send the articles as JSON (Content-Type: application/json)")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > settings.max_body:
            raise WebError(413, f"the body is over the limit of {settings.max_body} bytes")
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WebError(400, f"the body is not valid JSON: {exc}") from None
    items = doc if isinstance(doc, list) else [doc]
    if not items or not all(isinstance(i, dict) for i in items):
        raise WebError(400, "send one article object, or a non-empty list of them")
    return items


def ingest_articles(api, items: list[dict]) -> dict:
    """Ingest ``items`` through the Python API; return CONTRACT's ``ingest --json`` document."""
    with tempfile.TemporaryDirectory(prefix="chronicle-web-") as tmp:
        path = Path(tmp) / "request.jsonl"
        path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
        report = api.ingest([str(path)], jobs=1, progress=False)
    out = report.to_json()
    for failure in out.get("failed", []):
        failure["path"] = "request"  # not the temporary file's name
    return out
