"""``chronicle timeline``, ``changes``, ``export`` and ``brief``: the merged, sourced timeline and its forms."""
from __future__ import annotations

from pathlib import Path

import click

from chronicle.cli.main import NAME, cli, emit_json
from chronicle.cli.stories import story_option


SECTION_TITLES = {"story": "The story", "background": "Background (history the articles recall)",
                  "upcoming": "Upcoming (planned, after the newest article)",
                  "undated": "Undated reports (no date known beyond their article)"}


def when_label(entry: dict) -> str:
    """The date as a reader sees it: an undated entry never shows a day ("undated (by 2025-03-19)")."""
    if entry.get("date") is None:
        return f"undated (by {entry.get('on_or_before') or '?'})"
    return entry["date"]


@cli.command()
@click.option("--since", metavar="DATE", type=NAME, help="Keep entries on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", metavar="DATE", type=NAME, help="Keep entries on or before DATE.")
@click.option("--actor", metavar="NAME", type=NAME, help="Keep entries naming this actor (part of a name matches: 'Putin').")
@click.option("--top", type=click.IntRange(min=1), metavar="N",
              help="Keep the N most important story entries (or of the --section named), in date order.")
@click.option("--section", "sections", multiple=True, metavar="NAME",
              help="Keep entries of this section: story, background, upcoming, undated, or all (repeatable; "
                   "default: all, or story with --top).")
@story_option
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON on stdout.")
@click.pass_obj
def timeline(obj, since, until, actor, top, sections, story, as_json):
    """One line per real-world event, merged across articles, with its sources, in its section.

    \b
    Sections: story (the events of the story), background (history the articles recall),
    upcoming (planned, after the newest article), undated (reported with no date beyond the
    article's own: shown as "undated (by DAY)", never on that day).

    \b
    Example:
      chronicle timeline --top 15
      chronicle timeline --since 2025-03 --actor Putin --section story --section upcoming
      chronicle timeline --section all --json
    """
    entries = obj.api().timeline(since=since, until=until, actor=actor, top=top, section=list(sections) or None,
                                 story=story)
    if as_json:
        emit_json(entries)
        return
    if not entries:
        click.echo("no timeline entries: ingest articles first (`chronicle ingest PATH`), or widen the filters",
                   err=True)
        return
    grouped = len({e.get("section") for e in entries}) > 1
    for name in SECTION_TITLES:
        part = [e for e in entries if e.get("section", "story") == name]
        if not part:
            continue
        if grouped:
            click.echo(f"== {SECTION_TITLES[name]}: {len(part)}")
        for e in part:
            flag = "  [dates differ]" if e["date_conflict"] else ""
            text = e.get("headline") or e["summary"]
            click.echo(f"{when_label(e):<12} {e['type']:<17} {e['independent_sources']:>2} src  {text}{flag}")
        if grouped:
            click.echo("")


@cli.command()
@click.option("--since", metavar="DATE", type=NAME,
              help="Report what articles published after DATE added (an event id works too, as --since-event).")
@click.option("--since-event", metavar="ID", type=NAME,
              help="Report what changed since this timeline entry (an id from `timeline --json`): its date, "
                   "or its first report when undated.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Keep the N most important digest lines "
              "(default 20).")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON on stdout.")
@click.pass_obj
def changes(obj, since, since_event, limit, as_json):
    """What is different since a date or an event: the ranked digest first, then the lists behind it.

    The digest ranks new story milestones, events that gained independent sources or moved
    date, new or revised stances, new figures, notable quotes and new actors; background and
    undated reports never outrank the story.

    \b
    Example:
      chronicle changes --since 2025-03-18 --limit 10
      chronicle changes --since-event cca09bf1af21eeae --json
    """
    report = obj.api().changes(since, since_event=since_event, limit=limit)
    if as_json:
        emit_json(report)
        return
    click.echo(f"{len(report['articles'])} article(s) published after {report['since']}")
    click.echo(f"\nWhat changed ({len(report['digest'])} line(s), most important first):")
    for d in report["digest"]:
        mark = "  (background)" if d.get("tier") == "background" else ""
        click.echo(f"  {d['rank']:>2}. {(d['date'] or 'undated').split('T')[0]:<12} {d['kind']:<11} {d['headline']}{mark}")
    click.echo(f"\nNew events ({len(report['new_events'])}), by section, most cited first:")
    for e in _by_section(report["new_events"]):
        click.echo(f"  {when_label(e):<12} {e['type']:<17} {e.get('headline') or e['summary']}" if isinstance(e, dict)
                   else e)
    click.echo(f"\nEvents with new sources or a new date ({len(report['updated_events'])}), most cited first:")
    for e in _by_section(report["updated_events"]):
        if not isinstance(e, dict):
            click.echo(e)
            continue
        moved = f"  (was {', '.join(e['previous_dates'])})" if e["date_changed"] else ""
        click.echo(f"  {when_label(e):<12} +{len(e['new_sources'])} source(s)  {e.get('headline') or e['summary']}{moved}")
    click.echo(f"\nNew figures: {len(report['new_claims'])}; new or revised stances: {len(report['changed_positions'])}")
    click.echo(f"New quotes ({len(report['new_quotes'])}); new actors: "
               f"{', '.join(a['name'] for a in report['new_actors'][:15]) or 'none'}")


CHANGED_LINES = 15  # entries shown per section in the human `changes` lists (--json gives them all)


def _by_section(entries: list[dict], lines: int | None = None) -> list:
    """The lists behind the digest as a reader scans them: the story first, then background, upcoming
    and undated, each under its heading, most important first, at most ``lines`` each and a count
    of the rest: a 250-article pile's 794 new events began with 1979 in date order."""
    lines = CHANGED_LINES if lines is None else lines
    out: list = []
    for name, title in SECTION_TITLES.items():
        part = sorted((e for e in entries if e.get("section", "story") == name),
                      key=lambda e: (-(e.get("importance") or 0), e.get("date") or "~", e.get("id") or ""))
        if not part:
            continue
        out.append(f"  == {title}: {len(part)}")
        out.extend(part[:lines])
        if len(part) > lines:
            out.append(f"     ... and {len(part) - lines:,} more (changes --json lists every one)")
    return out


def _storyline_options(top_help: str):
    """--top/--since/--until/--section, shared by export and brief."""
    def wrap(f):
        f = click.option("--section", "sections", multiple=True, metavar="NAME",
                         help="Sections to include: story, background, upcoming, undated, or all (repeatable; "
                              "default: story, background and upcoming; story alone with --top).")(f)
        f = click.option("--until", metavar="DATE", help="Keep entries on or before DATE.")(f)
        f = story_option(f)
        f = click.option("--since", metavar="DATE", help="Keep entries on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")(f)
        return click.option("--top", type=click.IntRange(min=1), metavar="N", help=top_help)(f)
    return wrap


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["timelinejs", "timelinejs-csv", "csv"]), required=True,
              help="timelinejs: Knight Lab TimelineJS3 JSON; timelinejs-csv: Knight Lab's spreadsheet template; "
                   "csv: one row per entry with its sources.")
@_storyline_options("Keep the N most important story entries, in date order (TimelineJS default: 40).")
@click.option("--all", "all_entries", is_flag=True, help="TimelineJS: every entry of the sections, not the top 40.")
@click.option("--title", type=NAME, help="The timeline's title (default: drawn from the story's actors and months).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to FILE, not stdout.")
@click.pass_obj
def export(obj, fmt, top, since, until, story, sections, all_entries, title, output):
    """Export the storyline for other tools; each slide or row is headlined and cites its sources
    by outlet, title, date and URL.

    \b
    TimelineJS gets the story's 40 most important milestones unless --top or --all says
    otherwise, sections as groups. Undated reports have no date: TimelineJS leaves them out,
    CSV writes them (with --section undated) with an empty date.

    \b
    Example:
      chronicle export --format timelinejs --top 20 -o timeline.json
      chronicle export --format timelinejs-csv --title "Sarn Valley talks" -o sheet.csv
      chronicle export --format csv --section all -o timeline.csv
    """
    text = obj.api().export(fmt, top=top, since=since, until=until, section=list(sections) or None, title=title,
                            all_entries=all_entries, **({"story": story} if story else {}))
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="Markdown or a standalone HTML page.")
@click.option("--title", type=NAME, help="The brief's title (default: drawn from the story's people and months).")
@_storyline_options("How many of the story's milestones 'What happened' tells (default 10).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to FILE, not stdout.")
@click.pass_obj
def brief(obj, fmt, title, top, since, until, story, sections, output):
    """A one-page briefing; every line footnoted to its articles (outlet, title, date, URL).

    \b
    Sections: what happened (the story's top milestones in date order, headline first, with
    the sentence quoted), the rest of the timeline, numbers in dispute, key quotes (a person's
    own words in quote marks), who is who, and the sources. Undated reports are listed only
    with --section undated, never on a day. The HTML page reads on a phone.

    \b
    Example:
      chronicle brief --format html --top 12 -o brief.html
      chronicle brief --since 2025-03 --section story --section upcoming
    """
    text = obj.api().brief(fmt, title=title, top=top, since=since, until=until, section=list(sections) or None,
                           story=story)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
