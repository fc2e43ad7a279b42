"""``chronicle entities`` (list, merge, split, relink) and ``chronicle entity NAME``."""
from __future__ import annotations

import click

from chronicle.cli.main import NAME, cli, emit_json
from chronicle.cli.stories import story_option

_ALIASES_HELP = "The alias file to read and write (default: chronicle-aliases.toml beside the store, or $CHRONICLE_ALIASES)."


def _api(obj, aliases):
    api = obj.api()
    if aliases:
        api.aliases_path = aliases
    return api


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON on stdout.")
@click.option("--type", "etype", metavar="LABEL", type=NAME, help="Only entities of this type (PERSON, ORG, GPE ...).")
@click.option("--aliases", type=click.Path(dir_okay=False), help=_ALIASES_HELP)
@story_option
@click.pass_context
def entities(ctx, as_json, etype, aliases, story):
    """List the actors across all articles: canonical name, type, aliases, roles.

    \b
    Examples:
      chronicle entities --json
      chronicle entities --type PERSON
      chronicle entities merge "Volodymyr Zelensky" "Ze"
      chronicle entities split "Joe Biden" "Hunter Biden"
    """
    ctx.obj.aliases = aliases
    if ctx.invoked_subcommand is not None:
        return
    rows = _api(ctx.obj, aliases).entities(type=etype.upper() if etype else None, story=story)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("no entities yet: run `chronicle ingest PATH` first")
        return
    for r in rows:
        others = [a for a in r["aliases"] if a != r["name"]]
        also = f"  (also: {', '.join(others[:4])}{' ...' if len(others) > 4 else ''})" if others else ""
        role = f"  [{r['roles'][0]}]" if r["roles"] else ""
        click.echo(f"{r['mentions']:>5}  {r['articles']:>3} art.  {r['type']:<8} {r['name']}{role}{also}")


@entities.command("merge")
@click.argument("name", type=NAME)
@click.argument("alias", type=NAME)
@click.pass_obj
def merge_cmd(obj, name, alias):
    """Merge ALIAS (a name or spelling) into the entity NAME, and relink.

    The choice is written to the alias file, so every later ingest honours it.

    \b
    Example:
      chronicle entities merge "Volodymyr Zelensky" "Zelenskyi"
    """
    path = _api(obj, obj.aliases).merge_entities(name, alias)
    click.echo(f"merged {alias!r} into {name!r} (saved in {path})", err=True)


@entities.command("split")
@click.argument("name", type=NAME)
@click.argument("alias", type=NAME)
@click.pass_obj
def split_cmd(obj, name, alias):
    """Keep ALIAS apart from the entity NAME (two people who share a surname), and relink.

    \b
    Example:
      chronicle entities split "Joe Biden" "Hunter Biden"
    """
    path = _api(obj, obj.aliases).split_entity(name, alias)
    click.echo(f"split {alias!r} from {name!r} (saved in {path})", err=True)


@entities.command("relink")
@click.pass_obj
def relink_cmd(obj):
    """Rebuild the cross-document entities after editing the alias file by hand.

    \b
    Example:
      chronicle entities relink
    """
    n = _api(obj, obj.aliases).link_entities()
    click.echo(f"{n} entities", err=True)


@cli.command()
@click.argument("name", type=NAME)
@click.option("--json", "as_json", is_flag=True, help="Print the entity as JSON on stdout.")
@click.option("--context/--no-context", default=True, show_default=True, help="Show each mention in its sentence.")
@click.pass_obj
def entity(obj, name, as_json, context):
    """Show one actor: aliases, roles with dates, articles, and mentions in context.

    NAME may be the canonical name or any alias, in any case.

    \b
    Examples:
      chronicle entity "Dmitry Peskov"
      chronicle entity Zelenskyy --json
    """
    e = obj.api().entity(name)
    if as_json:
        emit_json(e)
        return
    click.echo(f"{e['name']}  ({e['type']}; {e['mentions']} mentions in {e['articles']} articles)")
    if e["aliases"]:
        click.echo("aliases: " + ", ".join(e["aliases"]))
    if e["role_history"]:
        click.echo("roles:")
        for r in e["role_history"]:
            click.echo(f"  {r['published'] or '????-??-??':<10}  {r['role']}")
    click.echo("articles:")
    for a in e["article_list"]:
        click.echo(f"  {a['published'] or '????-??-??':<10}  {a['id']}  {(a['title'] or '(untitled)')[:60]}  ({a['mentions']})")
    if context and e["contexts"]:
        click.echo("mentions:")
        for m in e["contexts"]:
            before = " ".join(m["before"].split())[-50:]
            after = " ".join(m["after"].split())[:50]
            click.echo(f"  {m['article']}  …{before} [{m['text']}] {after}…")
