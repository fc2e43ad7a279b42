"""``chronicle timeline``, ``changes``, ``export`` and ``brief``: the merged, sourced timeline and its forms."""
from __future__ import annotations

from pathlib import Path

import click

from chronicle.cli.main import NAME, cli, emit_json


@cli.command()
@click.option("--since", metavar="DATE", type=NAME, help="Keep entries on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", metavar="DATE", type=NAME, help="Keep entries on or before DATE.")
@click.option("--actor", metavar="NAME", type=NAME, help="Keep entries naming this actor (part of a name matches: 'Putin').")
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Keep the N most important entries.")
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON on stdout.")
@click.pass_obj
def timeline(obj, since, until, actor, top, as_json):
    """One line per real-world event, merged across articles, with its sources.

    \b
    Example:
      chronicle timeline --since 2025-03 --actor Putin --top 10
      chronicle timeline --json
    """
    entries = obj.api().timeline(since=since, until=until, actor=actor, top=top)
    if as_json:
        emit_json(entries)
        return
    if not entries:
        click.echo("no timeline entries: ingest articles first (`chronicle ingest PATH`)", err=True)
        return
    for e in entries:
        flag = "  [dates differ]" if e["date_conflict"] else ""
        click.echo(f"{e['date']:<12} {e['type']:<17} {e['independent_sources']:>2} src  {e['summary']}{flag}")


@cli.command()
@click.option("--since", metavar="DATE", type=NAME, required=True, help="Report what articles published after DATE added.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON on stdout.")
@click.pass_obj
def changes(obj, since, as_json):
    """What is new since a date: events, quotes, actors, and events that gained sources or moved.

    \b
    Example:
      chronicle changes --since 2025-03-18 --json
    """
    report = obj.api().changes(since)
    if as_json:
        emit_json(report)
        return
    click.echo(f"{len(report['articles'])} article(s) published after {report['since']}")
    click.echo(f"\nNew events ({len(report['new_events'])}):")
    for e in report["new_events"]:
        click.echo(f"  {e['date']:<12} {e['type']:<17} {e['summary']}")
    click.echo(f"\nEvents with new sources or a new date ({len(report['updated_events'])}):")
    for e in report["updated_events"]:
        moved = f"  (was {', '.join(e['previous_dates'])})" if e["date_changed"] else ""
        click.echo(f"  {e['date']:<12} +{len(e['new_sources'])} source(s)  {e['summary']}{moved}")
    click.echo(f"\nNew quotes ({len(report['new_quotes'])}); new actors: "
               f"{', '.join(a['name'] for a in report['new_actors'][:15]) or 'none'}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["timelinejs", "csv"]), required=True,
              help="timelinejs: Knight Lab TimelineJS3 JSON; csv: one row per entry with its sources.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to FILE, not stdout.")
@click.pass_obj
def export(obj, fmt, output):
    """Export the timeline for other tools.

    \b
    Example:
      chronicle export --format timelinejs -o timeline.json
      chronicle export --format csv -o timeline.csv
    """
    text = obj.api().export(fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="Markdown or a standalone HTML page.")
@click.option("--title", type=NAME, default="Briefing", show_default=True, help="The brief's title.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to FILE, not stdout.")
@click.pass_obj
def brief(obj, fmt, title, output):
    """A briefing: what happened, the timeline, key quotes, who is involved; every line footnoted.

    \b
    Example:
      chronicle brief --format html -o brief.html
    """
    text = obj.api().brief(fmt, title=title)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
