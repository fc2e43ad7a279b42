"""What the visual pages show: the storyline strip and articles per day (on the story page),
the Numbers, Positions and Network pages. Contexts built from the API's readings, never SQL;
the geometry comes from chronicle.web.milestones, perday, figures and network.
"""
from __future__ import annotations

from chronicle.web import data
from chronicle.web.figures import claim_strips, stance_lanes
from chronicle.web.humandates import human_date
from chronicle.web.milestones import milestone_chart
from chronicle.web.network import actor_network
from chronicle.web.perday import per_day_chart

MILESTONES = 12  # story entries on the strip; the background and upcoming panels show a few each
SIDE_MILESTONES = 3
POSITION_ACTORS = 30  # actors drawn on the Positions view; the others one ?actor= away
GROUPS_PAGE = 40  # claim groups per page of the Numbers view
NETWORK_ACTORS = 300  # the most mentioned entities, whose types colour the nodes


def storyline_strip(api, decorate) -> dict | None:
    """The milestone strip: the ``MILESTONES`` most important story entries, and the top few of the
    background and upcoming sections beside them."""
    entries = list(api.timeline(top=MILESTONES, section="story"))
    for section in ("background", "upcoming"):
        entries += api.timeline(top=SIDE_MILESTONES, section=section)
    return milestone_chart([decorate(e) for e in entries])


def articles_per_day(api) -> dict | None:
    counts = getattr(api, "publication_counts", None)  # a reading a bench stand-in may lack
    return per_day_chart(counts() if counts is not None else api.articles())


def numbers(api, args: dict) -> dict:
    page = args.get("page", 1)
    found = api.claim_groups(args.get("about"), disputed=args.get("disputed", False),
                             order=args.get("order", "disputed"), limit=GROUPS_PAGE, offset=(page - 1) * GROUPS_PAGE)
    return {"groups": claim_strips(found["groups"]), "total": found["total_claims"],
            "total_groups": found["total_groups"], "disputed_groups": found["disputed_groups"],
            "page": page, "pages": max(1, -(-found["total_groups"] // GROUPS_PAGE)),
            "filters": {"about": args.get("about") or "", "disputed": "true" if args.get("disputed") else "",
                        "order": args.get("order", "disputed")}}


def positions(api, args: dict) -> dict:
    rows = data.positions(api, args["actor"]) if args.get("actor") else api.top_positions(POSITION_ACTORS)
    by_id = {p["id"]: p for p in rows}
    actors: dict[str, list[dict]] = {}
    for p in rows:
        old = by_id.get(p.get("revises"))
        moved = {"moved_from": {"id": old["id"], "stance": old["stance"], "text": old["text"],
                                "when": human_date(old.get("date") or old.get("published"))}} if old else {}
        actors.setdefault(p["actor"], []).append({**p, "when": human_date(p.get("date") or p.get("published")),
                                                  **moved})
    lanes = stance_lanes(rows, max_actors=POSITION_ACTORS)
    ordered = [{"actor": lane["actor"], "positions": actors[lane["actor"]]} for lane in lanes["actors"]]
    return {"lanes": lanes, "actors": ordered, "total": len(rows),
            "revisions": sum(bool(p.get("revises")) for p in rows),
            "filters": {"actor": args.get("actor") or ""}}


def network(api, args: dict) -> dict:
    focus, least = args.get("actor"), args.get("min", 2)
    found = api.network(focus, min_entries=least)
    types = {e["name"]: e["type"] for e in api.entities(limit=NETWORK_ACTORS)}
    return {"net": actor_network(found, types, focus=focus, min_weight=least),
            "filters": {"actor": focus or "", "min": least}}
