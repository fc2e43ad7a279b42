"""``chronicle quotes``: who said what, grouped by speaker and ordered by date."""
from __future__ import annotations

import click

from chronicle.cli.main import NAME, cli, emit_json
from chronicle.cli.stories import story_option
from chronicle.views.contract import QUOTE_EXTRA_FIELDS, QUOTE_FIELDS


@cli.command()
@click.option("--speaker", metavar="NAME", type=NAME, help="Only quotes by this speaker (canonical name or alias, any case).")
@story_option
@click.option("--json", "as_json", is_flag=True, help="Print the quotes as JSON on stdout.")
@click.pass_obj
def quotes(obj, speaker, story, as_json):
    """Show who said what: each quote inside its sentence, grouped by speaker.

    \b
    Example:
      chronicle quotes --speaker Peskov
      chronicle quotes --json
    """
    rows = obj.api().quotes(speaker=speaker, story=story)
    if as_json:
        emit_json([{k: r[k] for k in QUOTE_FIELDS + QUOTE_EXTRA_FIELDS} for r in rows])
        return
    if not rows:
        click.echo(f"no quotes by {speaker!r}" if speaker else "no quotes yet: run `chronicle ingest PATH`")
        return
    groups: dict[str | None, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["speaker"], []).append(r)
    described = {r["speaker"] for r in rows if r.get("speaker_kind") == "described"}
    # named speakers first, then sources the articles describe without naming, then the unknown
    order = sorted(groups, key=lambda s: (s is None, s in described, -len(groups[s]), s or ""))
    for name in order:
        items = groups[name]
        title = name or "(speaker unknown)"
        if name in described:
            title += " (unnamed source, as described)"
        click.echo(click.style(f"{title}", bold=True) + f"  ({len(items)} quote{'s' if len(items) != 1 else ''})")
        for r in items:
            meta = [r["published"] or "????-??-??", r["outlet"] or r["article"], r["kind"]]
            if r["speaker_text"] and r["speaker_text"] != name:
                meta.append(f"as {r['speaker_text']!r}")
            if r["cue"]:
                meta.append(f"cue {r['cue']!r}")
            if len(r["carried_by"]) > 1:
                meta.append(f"carried by {len(r['carried_by'])} articles")
            click.echo("  " + "  ".join(meta))
            click.echo("    " + highlight(r))
        click.echo()


def highlight(row: dict) -> str:
    """The sentence with the quote in bold yellow; control characters from the article removed."""
    s = row["sentence"]
    a = row["start"] - row["sentence_start"]
    b = row["end"] - row["sentence_start"]
    clean = lambda t: "".join(ch if ch.isprintable() else " " for ch in t)  # noqa: E731
    return clean(s[:a]) + click.style(clean(s[a:b]), fg="yellow", bold=True) + clean(s[b:])
