"""``chronicle serve``: the web page and JSON API over the store (needs the ``web`` extra)."""
from __future__ import annotations

import errno
import importlib.util
import os
import socket

import click

from chronicle.cli.main import cli
from chronicle.errors import UsageError

INSTALL = "pip install 'chronicle-news[web]'"
WEB_MODULES = ("starlette", "uvicorn", "jinja2")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def missing_web_modules() -> list[str]:
    return [m for m in WEB_MODULES if importlib.util.find_spec(m) is None]


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; localhost unless you mean to share.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--allow-ingest", is_flag=True, help="Accept POST /api/articles (needs a token).")
@click.option("--token", envvar="CHRONICLE_INGEST_TOKEN", metavar="TEXT",
              help="Token POST /api/articles must send as 'Authorization: Bearer TEXT' ($CHRONICLE_INGEST_TOKEN).")
@click.option("--max-body", default=1_000_000, show_default=True, type=click.IntRange(1, 100_000_000),
              help="Largest ingest request body, in bytes.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Processes answering requests (default 1). Readings are Python code, so one process uses "
                   "one core: give a many-core server more. Each keeps its own cache; --allow-ingest takes 1.")
@click.pass_obj
def serve(obj, host, port, allow_ingest, token, max_body, workers):
    """Serve the story page and the JSON API.

    Pages: the story timeline (/), events, actors, quotes, articles and changes.
    JSON: /api/articles, /api/timeline, /api/quotes, /api/entities, /api/search,
    /api/changes, described at /api/openapi.json.

    \b
    Example:
      chronicle --db story.db serve --port 8000
      chronicle --db story.db serve --workers 4
      CHRONICLE_INGEST_TOKEN=s3cret chronicle serve --allow-ingest
    """
    missing = missing_web_modules()
    if missing:
        click.echo(f"error: chronicle serve needs the web extra ({', '.join(missing)} missing). Install it with:\n"
                   f"  {INSTALL}", err=True)
        raise SystemExit(1)
    if allow_ingest and not token:
        raise click.UsageError("--allow-ingest needs a token: pass --token or set $CHRONICLE_INGEST_TOKEN")
    if allow_ingest and (workers or 1) > 1:
        raise click.UsageError("--allow-ingest takes one worker process (the store has one writer): "
                               "drop --workers, or ingest with `chronicle ingest` beside a server of several workers")
    workers = workers or 1
    import uvicorn

    from chronicle.web import IngestSettings, create_app
    from chronicle.web.app import warm_before_serving

    local = host in LOCAL_HOSTS
    api = obj.api()
    if workers == 1:
        app = create_app(api, ingest=IngestSettings(token=token if allow_ingest else None, max_body=max_body),
                         allowed_hosts=LOCAL_HOSTS if local else None)
    sock = bind(host, port)  # before announcing: a taken port is a usage error, not "serving on ..." then exit 3
    port = sock.getsockname()[1]
    if not local:
        click.echo(f"warning: serving on {host}: anyone who can reach this address can read the store", err=True)
    several = f", {workers} worker processes" if workers > 1 else ""
    click.echo(f"serving {api.path} on http://{_url_host(host)}:{port}/{several} (Ctrl-C to stop)", err=True)
    log_level = os.environ.get("CHRONICLE_LOG_LEVEL", "warning")
    if workers == 1:
        warm_before_serving(app)  # the first pages and whole-store documents, built once before serving
        config = uvicorn.Config(app, host=host, port=port, log_level=log_level, http=_http_protocol())
        uvicorn.Server(config).run(sockets=[sock])
        return
    serve_workers(api.path, sock, workers, allowed_hosts=sorted(LOCAL_HOSTS) if local else None, log_level=log_level)


def serve_workers(db: str, sock: socket.socket, workers: int, *, allowed_hosts, log_level: str) -> None:
    """``workers`` processes answering on one listening socket (uvicorn's supervisor restarts one
    that dies). Each opens the store read-only for its requests and keeps its own cache; the
    reading threads are shared out so the processes together use the cores once."""
    import json

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from chronicle.web.access import THREADS
    from chronicle.web.app import SERVE_SETTINGS

    threads = max(2, -(-THREADS // workers))
    os.environ[SERVE_SETTINGS] = json.dumps({"db": db, "allowed_hosts": allowed_hosts, "threads": threads})
    config = uvicorn.Config("chronicle.web.app:app_from_environment", factory=True, host=sock.getsockname()[0],
                            port=sock.getsockname()[1], workers=workers, log_level=log_level, http=_http_protocol())
    Multiprocess(config, sockets=[sock]).run()


def _http_protocol():
    """uvicorn's h11 protocol with kept answers sent by sendfile (chronicle.web.sendfile, issue 18)."""
    from chronicle.web.sendfile import H11SendfileProtocol

    return H11SendfileProtocol


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound as uvicorn would bind it; a clear UsageError when it cannot be."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name != "nt":  # as uvicorn does: rebinding right after a restart is allowed, a live listener is not
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} on {host} is taken (another program is listening there): "
                             f"pass --port N to pick another, or --port 0 for any free port") from None
        raise UsageError(f"cannot listen on {host} port {port}: {exc.strerror or exc}; "
                         f"check --host, or pass --port N to pick another port") from None
    sock.set_inheritable(True)
    return sock


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
