"""``chronicle ingest`` and ``chronicle analyze``."""
from __future__ import annotations

import json

import click

from chronicle.cli.main import JOBS, NAME, Megabytes, cli, emit_json, report_failures, set_exit_code


class Seconds(click.ParamType):
    """A finite number of seconds from ``low`` to ``high`` (click.FloatRange lets nan through)."""

    name = "SECONDS"

    def __init__(self, low: float, high: float):
        self.low, self.high = low, high

    def convert(self, value, param, ctx):
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not (self.low <= seconds <= self.high):  # also refuses nan and inf
            self.fail(f"{value!r} is not a number of seconds from {self.low:g} to {self.high:g}", param, ctx)
        return seconds


@cli.command()
@click.argument("paths", nargs=-1, metavar="PATH_OR_URL...")
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="A feed (RSS/Atom) whose entries' links are fetched as articles; repeatable.")
@click.option("--manifest", type=click.Path(dir_okay=False),
              help="CSV with path,published,outlet,url,title (default: the manifest.csv of a folder given).")
@click.option("--published", metavar="DATE", type=NAME, help="Publication date for inputs that carry none (YYYY-MM-DD).")
@click.option("--outlet", metavar="NAME", type=NAME, help="Outlet name for these inputs.")
@click.option("--jobs", "-j", type=JOBS, default=None, help="Worker processes for analysis, 1-256 (default: all cores).")
@click.option("--executor", default="local", show_default=True, metavar="local|ray|ray://HOST:PORT",
              help="Where the analysis runs: a local process pool, a Ray cluster ($RAY_ADDRESS or a local "
                   "one), or an existing cluster. Same stored result.")
@click.option("--max-mb", type=Megabytes(), default=20.0, show_default=True, help="Refuse inputs larger than this.")
@click.option("--timeout", type=Seconds(0.01, 600), default=10.0, show_default=True,
              help="Seconds to wait for a server to connect or to send more of a page.")
@click.option("--delay", type=Seconds(0, 3600), default=1.0, show_default=True,
              help="Seconds between two requests to the same host (robots.txt Crawl-delay can ask for more).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON on stdout.")
@click.pass_obj
def ingest(obj, paths, feeds, manifest, published, outlet, jobs, executor, max_mb, timeout, delay, as_json):
    """Add articles to the store and analyse them.

    A PATH is a file or a folder (read recursively): plain text, HTML, RSS/Atom, JSON
    Lines, or JSON records as news-please and trafilatura write them. A URL (http or
    https) is fetched and read the same way: a page is one article, a feed its entries.
    --feed URL instead fetches each entry's link, the full article. Fetching is polite:
    a "Chronicle/VERSION" User-Agent, robots.txt obeyed, one request per host every
    --delay seconds. Re-ingesting the same content adds nothing. Bad inputs and failed
    fetches are reported one line each on stderr and the rest go on (exit status 1).

    On a terminal, stderr shows each phase (reading, analysing, linking, timeline) with
    a running clock and articles/s; with --json, or off a terminal, only the error lines.

    \b
    Example:
      chronicle ingest articles/ --manifest articles/manifest.csv
      chronicle ingest feed.xml story.jsonl --outlet "Daily Planet" --json
      chronicle ingest articles/ --executor ray://head-node:10001
      chronicle ingest https://example.org/news/talks-resume.html
      chronicle ingest --feed https://example.org/world/rss.xml --delay 2
    """
    from chronicle.ingest.fetch import FetchSettings

    if not paths and not feeds:
        raise click.UsageError("give a PATH or URL to ingest, or --feed URL")
    api = obj.api(create=True)
    report = api.ingest(list(paths), manifest=manifest, published=published, outlet=outlet, jobs=jobs,
                        executor=executor, progress=not as_json, max_bytes=int(max_mb * 1024 * 1024), feeds=list(feeds),
                        fetch=FetchSettings(timeout=timeout, delay=delay))
    report_failures(report.failed)
    if as_json:
        emit_json(report.to_json())
    else:
        click.echo(f"added {report.added} articles ({report.duplicates} marked as copies), "
                   f"{report.unchanged} unchanged, {len(report.failed)} failed; analysed {report.analyzed}"
                   + (f" on {report.ran_on}" if report.ran_on else ""))
    if report.failed:
        set_exit_code(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(), metavar="FILE_OR_URL...")
@click.option("--published", metavar="DATE", type=NAME, help="Publication date to anchor relative dates (YYYY-MM-DD).")
@click.option("--manifest", type=click.Path(dir_okay=False), help="CSV with path,published,outlet,url,title.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object, or JSON Lines for several).")
@click.pass_obj
def analyze(obj, files, published, manifest, as_json):
    """Analyse articles without storing them.

    Prints sentences, time expressions, entity mentions, quotes and events with
    character offsets into the article text. A URL is fetched as `ingest` fetches it.

    \b
    Example:
      chronicle analyze article.txt --published 2025-03-19 --json
      chronicle analyze https://example.org/news/talks-resume.html --json
    """
    from chronicle.api import analyze_files
    from chronicle.views.analysis import analysis_json

    if published and manifest:
        raise click.UsageError("give --published or --manifest, not both")
    analyses, failed = analyze_files(list(files), published=published, manifest=manifest)
    report_failures(failed)
    docs = [analysis_json(a) for a in analyses]
    if as_json:
        if len(docs) == 1 and len(files) == 1:
            emit_json(docs[0])
        else:
            for d in docs:
                click.echo(json.dumps(d, ensure_ascii=False))
    else:
        for d in docs:
            _print_analysis(d)
    if failed:
        set_exit_code(1)


def _print_analysis(d: dict) -> None:
    art = d["article"]
    click.secho(art["title"] or art["text"][:80], bold=True)
    click.echo(f"published: {art['published'] or 'unknown'} ({art['published_source']})")
    click.echo(f"{len(d['sentences'])} sentences")
    for key in ("timexes", "mentions", "quotes", "events"):
        items = d[key]
        if not items:
            continue
        click.secho(f"\n{key} ({len(items)})", bold=True)
        for it in items[:50]:
            extra = it.get("value") or it.get("entity") or it.get("speaker") or it.get("type")
            click.echo(f"  {it['text'][:90]!r} -> {extra}")
    click.echo()
