"""``chronicle stories``: the stories of a pile of many, and the ``--story ID`` option of the reading commands."""
from __future__ import annotations

import click

from chronicle.cli.main import NAME, cli, emit_json
from chronicle.views.stories import STORY_FIELDS


def story_option(f):
    """``--story ID`` for a reading command: keep what comes from that story's articles."""
    return click.option("--story", metavar="ID", type=NAME,
                        help="Only this story: its id, or a prefix naming one story (`chronicle stories` lists them).")(f)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON on stdout.")
@click.pass_obj
def stories(obj, as_json):
    """List the stories the pile's articles were grouped into, the largest first.

    Each new article joins the story it is closest to, or starts one; an ingest never moves
    an article placed before (two stories that turn out to be one are merged whole). Pass a
    story's id, or its first characters, to timeline, quotes, entities, claims, positions,
    export and brief with --story ID.

    \b
    Example:
      chronicle stories
      chronicle stories --json
    """
    rows = obj.api().stories()
    if as_json:
        emit_json([{k: r[k] for k in STORY_FIELDS} for r in rows])
        return
    if not rows:
        click.echo("no stories yet: run `chronicle ingest PATH`")
        return
    for r in rows:
        span = f"{r['first_published'] or '?'} .. {r['last_published'] or '?'}"
        outlets = ", ".join(r["outlets"][:3]) + (" ..." if len(r["outlets"]) > 3 else "")
        click.echo(f"{r['id'][:12]}  {r['articles']:>5} art.  {span:<24}  {r['label']}")
        if r["actors"] or outlets:
            click.echo(f"{'':14}{', '.join(r['actors'][:5])}{'  | ' if r['actors'] and outlets else ''}{outlets}")
