"""``chronicle articles``, ``chronicle search`` and ``chronicle check``."""
from __future__ import annotations

import click

from chronicle.cli.main import NAME, cli, emit_json, set_exit_code


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON on stdout.")
@click.pass_obj
def articles(obj, as_json):
    """List the stored articles, marking syndicated copies.

    \b
    Example:
      chronicle articles --json
    """
    rows = obj.api().articles()
    if as_json:
        from chronicle.views.articles import articles_json

        emit_json(articles_json(rows))
        return
    if not rows:
        click.echo("the store has no articles yet: run `chronicle ingest PATH`")
        return
    for r in rows:
        copy = f"  (copy of {r['duplicate_of']})" if r["duplicate_of"] else ""
        copy += "  (off topic)" if r.get("off_topic") else ""
        date = r["published"] or "????-??-??"
        click.echo(f"{r['id']}  {date:<10}  {(r['outlet'] or '-')[:18]:<18}  {(r['title'] or '(untitled)')[:60]}{copy}")


@cli.command()
@click.argument("query", type=NAME)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100_000), help="Most results to show.")
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON on stdout.")
@click.pass_obj
def search(obj, query, limit, as_json):
    """Full-text search over titles and texts (FTS5 on SQLite, tsvector on PostgreSQL).

    \b
    Example:
      chronicle search "prisoner exchange"
    """
    hits = obj.api().search(query, limit=limit)
    if as_json:
        emit_json(hits)
        return
    for h in hits:
        click.echo(f"{h['id']}  {h['published'] or '':<10}  {(h['title'] or '(untitled)')[:60]}")
        click.echo(f"    {h['snippet']}")
    if not hits:
        click.echo("no matches")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print every check as JSON on stdout.")
@click.pass_obj
def check(obj, as_json):
    """Check the store: SQLite's integrity (PostgreSQL keeps its own), and that every annotation has
    its article, the timeline matches the stored events, and no batch is half-written. Exit status 1
    on any problem.

    \b
    Example:
      chronicle --db story.db check
    """
    results = obj.api().check()
    if as_json:
        emit_json(results)
    else:
        for r in results:
            mark = "ok" if not r["problems"] else f"{r['problems']} problem(s)"
            if r["check"] == "pending":  # an interrupted ingest's work, not damage
                mark = "an interrupted ingest left work (not damage)" if r["examples"] else "none"
            click.echo(f"{r['check']:<32} {mark}")
            for example in r["examples"]:
                click.echo(f"    {example}")
    if any(r["problems"] for r in results):
        set_exit_code(1)
