"""The one error shape: ``{"error": {"code", "message"}}``, for every error the server returns.

Chronicle's own exceptions keep their codes (``STO404``, ``USE001``); HTTP-level failures get
``WEB`` codes. A browser asking for a page gets the same code and message as an HTML page;
every other client, and every ``/api/`` path, gets the JSON. A crash never shows a traceback.
"""
from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from chronicle.errors import ChronicleError, NotFound, StoreError, UsageError

log = logging.getLogger("chronicle.web")

HTTP_CODES = {400: "WEB400", 401: "WEB401", 403: "WEB403", 404: "WEB404", 405: "WEB405", 413: "WEB413",
              415: "WEB415", 421: "WEB421", 422: "WEB422", 500: "WEB500"}


class WebError(Exception):
    """An HTTP failure with a code and a message meant for the client."""

    def __init__(self, status: int, message: str, code: str | None = None):
        super().__init__(message)
        self.status, self.message = status, message
        self.code = code or HTTP_CODES.get(status, f"WEB{status}")


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    path = request.url.path
    wants_html = (not path.startswith("/api/") and not path.endswith(".json")
                  and "text/html" in request.headers.get("accept", ""))
    templates = getattr(request.app.state, "templates", None)
    if wants_html and templates is not None:
        html = templates.get_template("error.html").render(status=status, code=code, message=message)
        return HTMLResponse(html, status_code=status)
    return JSONResponse(error_body(code, message), status_code=status)


async def on_web_error(request: Request, exc: WebError) -> Response:
    return error_response(request, exc.status, exc.code, exc.message)


async def on_http_error(request: Request, exc: HTTPException) -> Response:
    message = {404: f"nothing at {request.url.path}", 405: f"{request.method} is not allowed on {request.url.path}"}
    text = message.get(exc.status_code) or str(exc.detail)
    return error_response(request, exc.status_code, HTTP_CODES.get(exc.status_code, f"WEB{exc.status_code}"), text)


# The one conversion of Chronicle's exceptions to HTTP statuses; the code and message go in the body.
HTTP_STATUS: tuple[tuple[type[ChronicleError], int], ...] = (
    (NotFound, 404),
    (UsageError, 400),
    (StoreError, 503),
    (ChronicleError, 500),
)


async def on_chronicle_error(request: Request, exc: ChronicleError) -> Response:
    status = next(status for kind, status in HTTP_STATUS if isinstance(exc, kind))
    return error_response(request, status, exc.code, exc.message)


async def on_crash(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s", request.url.path)
    return error_response(request, 500, "WEB500", "internal error; the server log has the details")


HANDLERS = {
    WebError: on_web_error,
    HTTPException: on_http_error,
    ChronicleError: on_chronicle_error,
    Exception: on_crash,
}
