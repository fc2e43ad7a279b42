"""``chronicle claims`` and ``chronicle positions``: the figures the sources give, and what each side wants."""
from __future__ import annotations

import click

from chronicle.cli.main import cli, emit_json
from chronicle.cli.stories import story_option
from chronicle.views.claims import CLAIM_EXTRA_FIELDS, CLAIM_FIELDS
from chronicle.views.contract import cut
from chronicle.views.positions import POSITION_EXTRA_FIELDS, POSITION_FIELDS

_BOUND_WORDS = {"more_than": ">", "at_least": ">=", "at_most": "<=", "less_than": "<", "about": "~"}


@cli.command()
@click.option("--about", metavar="TEXT", help="Only claims whose counted thing, unit, claimant or sentence holds TEXT.")
@click.option("--disputed", is_flag=True, help="Only claims whose group's sources disagree.")
@story_option
@click.option("--json", "as_json", is_flag=True, help="Print the claims as JSON on stdout.")
@click.pass_obj
def claims(obj, about, disputed, story, as_json):
    """Show the numbers the story turns on, grouped by what they measure, disputes first.

    Each figure keeps its bounds ("over 68,000"), what it counts, who claims it (or the
    outlet, when the article states it) and the date it refers to. Figures that measure the
    same thing form a group; a group is disputed when its values cannot all be true.

    \b
    Example:
      chronicle claims --disputed
      chronicle claims --about prisoners --json
    """
    rows = obj.api().claims(about, disputed=disputed, story=story)
    if as_json:
        emit_json([cut(r, CLAIM_FIELDS + CLAIM_EXTRA_FIELDS) for r in rows])
        return
    if not rows:
        click.echo("no claims found" if (about or disputed) else "no claims yet: run `chronicle ingest PATH`")
        return
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
    order = sorted(groups, key=lambda g: (not groups[g][0]["disputed"], groups[g][0]["date"] or "", g))
    for g in order:
        items = groups[g]
        head = items[0]["counts"] or "(what it counts is unclear)"
        mark = click.style("  DISPUTED", fg="red", bold=True) if items[0]["disputed"] else ""
        click.echo(click.style(head, bold=True) + mark)
        for r in items:
            bound = _BOUND_WORDS.get(r["bound"], "")
            value = f"{bound}{r['value']:,}" + (f"-{r['value_high']:,}" if r["value_high"] is not None else "")
            unit = f" {r['unit']}" if r["unit"] else ""
            who = r["claimant"] or r["outlet"] or r["article"]
            each = " each" if r["each"] else ""
            click.echo(f"  {r['date'] or '????-??-??':12} {value}{unit}{each:5}  {r['text']!r}  per {who}")
        click.echo()


@cli.command()
@click.option("--actor", metavar="NAME", help="Only this actor's positions (canonical name or alias, any case).")
@story_option
@click.option("--json", "as_json", is_flag=True, help="Print the positions as JSON on stdout.")
@click.pass_obj
def positions(obj, actor, story, as_json):
    """Show what each actor demands, offers, accepts, refuses or insists on, over time.

    A position that changes the same actor's earlier stance on the same matter is shown as a
    move from it ("revises").

    \b
    Example:
      chronicle positions --actor Putin
      chronicle positions --json
    """
    rows = obj.api().positions(actor, story=story)
    if as_json:
        emit_json([cut(r, POSITION_FIELDS + POSITION_EXTRA_FIELDS) for r in rows])
        return
    if not rows:
        click.echo(f"no positions of {actor!r}" if actor else "no positions yet: run `chronicle ingest PATH`")
        return
    by_id = {r["id"]: r for r in rows}
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["actor"], []).append(r)
    for name in sorted(groups, key=lambda a: (-len(groups[a]), a)):
        click.echo(click.style(name, bold=True) + f"  ({len(groups[name])})")
        for r in groups[name]:
            click.echo(f"  {r['date'] or r['published'] or '????-??-??':12} {r['stance']:10} {r['text']}")
            if r["revises"] and r["revises"] in by_id:
                old = by_id[r["revises"]]
                click.echo(click.style(f"      moves from: {old['stance']} {old['text']!r}", fg="yellow"))
        click.echo()
