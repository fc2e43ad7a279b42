"""Test helpers for the web layer: a small invented story, and a double for the story readings.

The articles below are written for these tests (no text from ../shared). ``StoryDouble``
wraps a real :class:`chronicle.api.Chronicle` and answers every story reading the web calls
(``timeline`` and its pages and facets, ``quotes`` and ``quotations``, ``entities``, ``changes``)
in the CONTRACT shapes, built from the stored articles' real text and offsets, so the pages
can be tested independently of the stages that compute them. The web itself has one path:
the API's readings (chronicle.views); what this double computes in Python lives here, in the test.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

ARTICLES = [
    {"id": "orrin-1", "outlet": "Orrin Gazette", "published": "2024-05-02", "url": "https://orrin.example/a1",
     "title": "Mayor Varga closes the Orrin sluices",
     "text": "Mayor Ilse Varga closed the Orrin dam sluices on Thursday after a week of dry weather.\n\n"
             "\"The water belongs to the whole valley,\" said Ilse Varga at the town hall.\n\n"
             "Farmers in Tessel said the closure would cut their supply by half."},
    {"id": "tessel-1", "outlet": "Tessel Post", "published": "2024-05-03", "url": "https://tessel.example/b1",
     "title": "Tessel council protests over dam closure",
     "text": "The Tessel council voted on Friday to protest the closure of the Orrin dam sluices.\n\n"
             "\"We were not consulted about any of this,\" said Piet Haldane after the vote.\n\n"
             "Mayor Ilse Varga closed the Orrin dam sluices on Thursday after a week of dry weather."},
    {"id": "valley-1", "outlet": "Valley Wire", "published": "2024-05-04", "url": "https://wire.example/c1",
     "title": "Council in Tessel protests dam closure",
     "text": "The Tessel council voted on Friday to protest the closure of the Orrin dam sluices.\n\n"
             "\"We were not consulted about any of this,\" said Piet Haldane after the vote.\n\n"
             "Mayor Ilse Varga closed the Orrin dam sluices on Thursday after a week of dry weather."},
    {"id": "orrin-2", "outlet": "Orrin Gazette", "published": "2024-05-10", "url": "https://orrin.example/a2",
     "title": "Talks on the Orrin dam collapse",
     "text": "Talks between Orrin and Tessel collapsed on Friday without a deal on the sluices.\n\n"
             "\"We will keep talking until the valley has water again,\" said Piet Haldane as he left.\n\n"
             "Ilse Varga did not attend the meeting."},
]
ACTORS = ("Ilse Varga", "Piet Haldane", "Orrin", "Tessel")
QUOTE = re.compile(r'"(?P<text>[^"]+)," said (?P<speaker>[A-Z][a-z]+ [A-Z][a-z]+)')


def write_corpus(folder: Path, articles: list[dict] = ARTICLES) -> Path:
    """The articles as one JSON Lines input; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "story.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


class StoryDouble:
    """A Chronicle with the story readings filled in from its articles (each unquoted sentence is an event)."""

    def __init__(self, api, *, actors=ACTORS, conflict_on: str | None = None, only_missing: bool = False):
        self.api, self.actors, self.conflict_on = api, actors, conflict_on
        self.calls: list[tuple[str, dict]] = []
        if only_missing:  # keep the real readings this build has; stand in for the rest
            for name in ("timeline", "quotes", "entities", "entity", "changes"):
                if hasattr(api, name):
                    setattr(self, name, getattr(api, name))

    def __getattr__(self, name):
        return getattr(self.api, name)

    def _texts(self) -> list[dict]:
        return [self.api.article(r["id"]) for r in self.api.articles()]

    def timeline(self, since=None, until=None, actor=None, top=None, *, type=None, section=None,  # noqa: A002
                 limit=None, offset=0) -> list[dict]:
        self.calls.append(("timeline", {"since": since, "until": until, "actor": actor, "top": top}))
        entries = self._timeline(since, until, actor, top)
        if type is not None:
            entries = [e for e in entries if e["type"] == type]
        if section not in (None, "all"):
            wanted = {section} if isinstance(section, str) else set(section)
            entries = [e for e in entries if e.get("section", "story") in wanted]
        return entries[offset:None if limit is None else offset + limit]

    def _timeline(self, since, until, actor, top) -> list[dict]:
        groups: dict[str, list[dict]] = defaultdict(list)
        for art in self._texts():
            for m in re.finditer(r"[^\s][^\n]*?[.!?](?=\s|$)", art["text"]):
                sentence = m.group()
                if '"' in sentence:
                    continue  # quotes are not events here
                groups[sentence].append({"article": art["id"], "outlet": art["outlet"], "published": art["published"],
                                         "start": m.start(), "end": m.end(), "sentence": sentence,
                                         "_copy": art["duplicate_of"]})
        entries = []
        for sentence, sources in groups.items():
            date = min(s["published"] for s in sources)
            actors = [a for a in self.actors if a in sentence]
            entries.append({
                "date": date, "granularity": "day", "type": "closure" if "clos" in sentence else "statement",
                "summary": sentence, "actors": actors, "modality": "asserted",
                "sources": [{k: v for k, v in s.items() if k != "_copy"} for s in sources],
                "source_count": len(sources), "independent_sources": sum(1 for s in sources if not s["_copy"]),
                **({"date_conflict": True} if self.conflict_on and self.conflict_on in sentence else {}),
            })
        entries = [e for e in entries if (not since or e["date"] >= since) and (not until or e["date"] <= until)
                   and (not actor or actor in e["actors"])]
        entries.sort(key=lambda e: e["date"])
        if top:
            entries = sorted(sorted(entries, key=lambda e: -e["independent_sources"])[:top], key=lambda e: e["date"])
        return entries

    def quotes(self, speaker=None, *, articles=None, limit=None, offset=0) -> list[dict]:
        self.calls.append(("quotes", {"speaker": speaker}))
        out = []
        for art in self._texts():
            if articles is not None and art["id"] not in articles:
                continue
            for m in QUOTE.finditer(art["text"]):
                if speaker and m["speaker"] != speaker:
                    continue
                out.append({"speaker": m["speaker"], "speaker_text": m["speaker"], "text": m["text"],
                            "kind": "direct", "cue": "said", "article": art["id"], "published": art["published"],
                            "start": m.start("text"), "end": m.end("text")})
        return out[offset:None if limit is None else offset + limit]

    def entities(self, type=None, *, limit=None, offset=0) -> list[dict]:  # noqa: A002
        self.calls.append(("entities", {"type": type}))
        rows = sorted(self._entities(type), key=lambda r: (-r["mentions"], r["name"]))
        return rows[offset:None if limit is None else offset + limit]

    def _entities(self, type) -> list[dict]:  # noqa: A002
        texts = self._texts()
        rows = []
        for name in self.actors:
            found = [a for a in texts if name in a["text"]]
            rows.append({"name": name, "type": "PERSON" if " " in name else "GPE", "aliases": [name, name.split()[-1]],
                         "mentions": sum(a["text"].count(name) for a in found), "articles": len(found),
                         "roles": ["mayor"] if name == "Ilse Varga" else []})
        return rows

    def entity(self, name: str, **_) -> dict:
        from chronicle.errors import NotFound

        for row in self.entities():
            if name == row["name"] or name in row["aliases"]:
                return row
        raise NotFound(f"no entity named {name!r}")

    def changes(self, since=None) -> dict:
        """The events branch's report shape: articles after ``since`` and what they added."""
        self.calls.append(("changes", {"since": since}))
        after = {a["id"] for a in self.api.articles() if a["published"] and a["published"] > since}
        new_events, updated = [], []
        for e in self.timeline():
            fresh = [s for s in e["sources"] if s["article"] in after]
            if fresh and len(fresh) == len(e["sources"]):
                new_events.append(e)
            elif fresh:
                updated.append({**e, "gained_sources": len(fresh), "previous_dates": [e["date"]], "date_changed": False})
        return {"since": since, "articles": sorted(after), "new_events": new_events, "updated_events": updated,
                "new_quotes": [q for q in self.quotes() if q["article"] in after], "new_actors": []}

    # ---- the paged readings, computed from the ones above ----------------------------------
    def timeline_json(self, since=None, until=None, actor=None, top=None, *, limit=None, offset=0):
        return (json.dumps(e, ensure_ascii=False) for e in self.timeline(since, until, actor, top, limit=limit,
                                                                          offset=offset))

    def timeline_facets(self, since=None, until=None, actor=None, top=None, *, actors=300) -> dict:
        found = self.timeline(since, until, actor, top)
        types = Counter(e["type"] for e in found)
        named = Counter(a for e in found for a in e["actors"])
        return {"total": len(found), "types": [[t, n] for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))],
                "actors": sorted(a for a, _ in named.most_common(actors)) if actors else []}

    def timeline_entry(self, key: str) -> dict:
        from chronicle.errors import NotFound
        from chronicle.web.data import event_key

        for e in self.timeline():
            if event_key(e) == key:
                return e
        raise NotFound(f"no timeline entry with id {key!r}")

    def iter_quotes(self, speaker=None):
        return iter(self.quotes(speaker))

    def quotations(self, speaker=None, text=None, *, limit=50, offset=0) -> dict:
        """One row per quotation (same speaker and words), first seen first."""
        from chronicle.web.data import quote_key

        rows = self.quotes(speaker)
        if text:
            rows = [q for q in rows if quote_key(text) in quote_key(q["text"])]
        groups: dict[str, dict] = {}
        for q in sorted(rows, key=lambda q: (q["published"] or "", q["article"], q["start"])):
            first = groups.setdefault(f"{(q['speaker'] or '').casefold()}|{quote_key(q['text'])}", {**q, "carried_by": []})
            first["carried_by"] = list(dict.fromkeys([*first["carried_by"], q["article"]]))
        ordered = list(groups.values())
        return {"total": len(ordered), "quotes": ordered[offset:offset + limit]}

    def iter_entities(self, type=None, *, limit=None, offset=0):  # noqa: A002
        return iter(self.entities(type, limit=limit, offset=offset))

    def entity_count(self, type=None) -> int:  # noqa: A002
        return len(self.entities(type))

    def changes_summary(self, since, *, shown=300, ranked=False) -> dict:
        report = self.changes(since=since)
        out = {"articles": len(report["articles"])}
        order = {"story": 0, "upcoming": 1, "background": 2, "undated": 3}
        for key in ("new_events", "updated_events", "new_quotes", "new_actors"):
            rows = report[key]
            if ranked and key in ("new_events", "updated_events"):
                rows = sorted(rows, key=lambda e: (order.get(e.get("section", "story"), 4), -(e.get("importance") or 0)))
            out[key] = {"total": len(report[key]), "rows": rows[:shown]}
        return out
