"""The requests of the load bench: every route of chronicle.web.params.ROUTES (pages, their
``.json`` twins and the API), the parameterised ones filled with ids, names and dates read from
the store."""
from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from urllib.parse import quote


def store_values(db: Path, rng: random.Random, n: int = 40) -> dict[str, list[str]]:
    """Article ids, timeline entry ids, actor names, words and dates to put in the URLs."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        def col(sql):
            return [r[0] for r in conn.execute(sql) if r[0]]
        values = {
            "article": col("SELECT id FROM articles ORDER BY id"),
            "entry": col("SELECT id FROM timeline_entries ORDER BY id"),
            "actor": col("SELECT name FROM entities ORDER BY mentions DESC, name LIMIT 60"),
            "date": col("SELECT DISTINCT substr(published, 1, 10) FROM articles WHERE published IS NOT NULL"
                        " ORDER BY 1"),
        }
    finally:
        conn.close()
    if not values["entry"] or not values["article"]:
        raise SystemExit(f"{db} has no articles or no timeline; ingest something first")
    for key in ("article", "entry", "date"):
        values[key] = sorted(rng.sample(values[key], min(n, len(values[key]))))
    values["word"] = [a.split()[-1] for a in values["actor"][:20]] or ["the"]
    return values


WHOLE = ("/api/articles", "/api/timeline", "/api/quotes", "/api/entities", "/api/claims", "/api/positions")


def request_paths(db: Path, *, seed: int = 18, whole: bool = True) -> list[tuple[str, str]]:
    """``[(route, path with query)]``: each route of the web app at least once, the parameterised ones
    with several values. ``whole=False`` leaves out the requests for a whole-store document (a bulk
    route without ``limit`` or a filter), to show what the rest of the traffic gets."""
    from chronicle.web.params import ROUTES

    rng = random.Random(seed)
    v = store_values(db, rng)
    actor, word, date = (lambda: quote(rng.choice(v["actor"]))), (lambda: quote(rng.choice(v["word"]))), \
        (lambda: rng.choice(v["date"]))
    fill = {
        "/": lambda: rng.choice(["", "?top=10", f"?actor={actor()}", f"?since={date()}", "?page=2"]),
        "/events/{key}": lambda: "",
        "/actor": lambda: f"?name={actor()}",
        "/quotes": lambda: rng.choice(["", f"?speaker={actor()}", f"?q={word()}"]),
        "/articles": lambda: rng.choice(["", f"?q={word()}", "?page=2"]),
        "/articles/{id}": lambda: rng.choice(["", "?start=0&end=40"]),
        "/changes": lambda: f"?since={date()}",
        "/search": lambda: f"?q={word()}",
        "/numbers": lambda: rng.choice(["", "?disputed=1", "?order=size"]),
        "/positions": lambda: rng.choice(["", f"?actor={actor()}"]),
        "/network": lambda: rng.choice(["", f"?actor={actor()}"]),
        "/api/timeline": lambda: rng.choice(["", "?limit=50", "?top=10", f"?actor={actor()}",
                                             f"?since={date()}&limit=100", "?section=story&limit=50&offset=50"]),
        "/api/quotes": lambda: rng.choice(["?limit=100", f"?speaker={actor()}", f"?q={word()}", ""]),
        "/api/entities": lambda: rng.choice(["?limit=100", "?type=PERSON&limit=50", ""]),
        "/api/search": lambda: f"?q={word()}",
        "/api/claims": lambda: rng.choice(["", "?disputed=1", f"?about={word()}"]),
        "/api/positions": lambda: rng.choice(["", f"?actor={actor()}"]),
        "/api/changes": lambda: f"?since={date()}",
    }
    out = []
    for route in sorted(ROUTES):
        twins = [route] if route.startswith("/api/") else [route, route + ".json"]  # web.app.twin_path
        for _ in range(6 if "{" in route or route in fill else 1):
            for twin in twins:
                path = twin.replace("{key}", rng.choice(v["entry"])).replace("{id}", rng.choice(v["article"]))
                out.append((twin, path + fill.get(route, lambda: "")()))
    if not whole:
        out = [(r, p) for r, p in out if not (r in WHOLE and "?" not in p)]
    return out
