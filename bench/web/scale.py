"""Story readings at Timeline17 scale for builds that do not compute them yet.

When ``Chronicle.timeline`` (and quotes, entities, changes) are not in the build, the bench
still has to know what the pages cost with a full story behind them. ``ScaleStory`` wraps
the real store and answers those readings, in the CONTRACT shapes, from data computed once
up front out of the stored articles: the first sentences of each article as dated events
(syndicated copies merged into their original's entries), capitalised name pairs as actors,
quoted passages followed by a name as quotes. Its answers cost a list filter, so timings
taken with it measure the web layer at scale, not the story computation. The bench says so.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

SENTENCE = re.compile(r"[^\s][^\n]*?[.!?](?=\s|$)")
NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
QUOTE = re.compile(r"(?:``|[\"“]) ?(?P<text>[^\"“”`\n]{20,300}?) ?(?:''|[\"”])[^.\n]{0,40}?\b(?:said|says|told) "
                   r"(?P<who>[A-Z][a-z]+(?: [A-Z][a-z]+)+)")  # straight, curly, and Timeline17's PTB ``...'' quotes
EVENTS_PER_ARTICLE = 2
TYPES = ("statement", "attack", "meeting", "decision", "report")


PAGED = {  # the API's paged readings over each whole reading: not to be mixed with a stand-in
    "timeline": ("timeline_json", "timeline_facets", "timeline_entry"),
    "quotes": ("quotations", "iter_quotes"),
    "entities": ("iter_entities", "entity_count"),
    "changes": ("changes_summary",),
}


class ScaleStory:
    """The real API, with the readings it lacks (``missing``) answered from data computed up front."""

    READINGS = ("timeline", "quotes", "entities", "changes")

    def __init__(self, api):
        self.api = api
        self.missing = [name for name in self.READINGS if not hasattr(api, name)]
        for name in self.READINGS:
            if name not in self.missing:
                setattr(self, name, getattr(api, name))
        if "entities" not in self.missing and hasattr(api, "entity"):
            self.entity = api.entity
        rows = api.articles()
        texts = {r["id"]: api.article(r["id"])["text"] for r in rows}
        by_key: dict[tuple, dict] = {}
        quotes, mentions = [], Counter()
        for r in rows:
            text, root = texts[r["id"]], r["duplicate_of"] or r["id"]
            if not r["published"]:
                continue
            for m in list(SENTENCE.finditer(text))[:EVENTS_PER_ARTICLE]:
                sentence = m.group()
                key = (root, " ".join(sentence.lower().split()[:8]))
                entry = by_key.get(key)
                if entry is None:
                    actors = list(dict.fromkeys(NAME.findall(sentence)))[:4]
                    mentions.update(actors)
                    entry = by_key[key] = {
                        "date": r["published"], "granularity": "day", "type": TYPES[len(by_key) % len(TYPES)],
                        "summary": sentence[:300], "actors": actors, "modality": "asserted", "sources": [],
                        "source_count": 0, "independent_sources": 0}
                entry["sources"].append({"article": r["id"], "outlet": r["outlet"], "published": r["published"],
                                         "start": m.start(), "end": m.end(), "sentence": sentence})
                entry["source_count"] += 1
                entry["independent_sources"] += 0 if r["duplicate_of"] else 1
            for q in QUOTE.finditer(text):
                quotes.append({"speaker": q["who"], "speaker_text": q["who"], "text": q["text"], "kind": "direct",
                               "cue": "said", "article": r["id"], "published": r["published"],
                               "start": q.start("text"), "end": q.end("text")})
                mentions[q["who"]] += 1
        self._timeline = sorted(by_key.values(), key=lambda e: e["date"])
        self._quotes = quotes
        articles_of = defaultdict(set)
        for e in self._timeline:
            for a in e["actors"]:
                articles_of[a].update(s["article"] for s in e["sources"])
        self._entities = [{"name": n, "type": "PERSON", "aliases": [n], "mentions": c, "articles": len(articles_of[n]),
                           "roles": []} for n, c in mentions.most_common()]

    def __getattr__(self, name):
        if any(name in PAGED.get(reading, ()) for reading in self.missing):
            raise AttributeError(name)  # the web then pages the stand-in reading itself
        return getattr(self.api, name)

    def sizes(self) -> dict:
        return {"timeline entries": len(self._timeline), "quotes": len(self._quotes), "entities": len(self._entities)}

    def timeline(self, since=None, until=None, actor=None, top=None) -> list[dict]:
        out = [e for e in self._timeline if (not since or e["date"] >= since) and (not until or e["date"] <= until)
               and (not actor or actor in e["actors"])]
        if top:
            out = sorted(sorted(out, key=lambda e: -e["independent_sources"])[:top], key=lambda e: e["date"])
        return out

    def quotes(self, speaker=None) -> list[dict]:
        return [q for q in self._quotes if not speaker or q["speaker"] == speaker]

    def entities(self) -> list[dict]:
        return list(self._entities)

    def changes(self, since=None) -> dict:
        later = [e for e in self._timeline if not since or e["date"] > since]
        return {"since": since, "articles": sorted({s["article"] for e in later for s in e["sources"]}),
                "new_events": later, "updated_events": [], "new_quotes": self.quotes()[:50], "new_actors": []}
