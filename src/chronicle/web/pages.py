"""What each page shows: contexts built from chronicle.web.data's readings (never from SQL).

Each function takes the API object and the request's query parameters and returns a plain
dict for its template. Article text stays text here; the templates and chronicle.web.highlight
escape it.
"""
from __future__ import annotations

from collections import Counter

from chronicle.errors import NotFound
from chronicle.web import data
from chronicle.web.chart import timeline_chart
from chronicle.views.exports import is_dated, section_of
from chronicle.web.highlight import excerpt, highlight
from chronicle.web.visual_pages import articles_per_day, storyline_strip

STORY_PAGE = 200  # timeline entries per page
SIDE_BY_SIDE = 6  # sources shown as full articles on the event page; the rest as sentences
QUOTE_PAGE = 50
ARTICLE_PAGE = 100
SEARCH_HITS = 50
SEARCH_QUOTES = 20  # quotations shown on the search page; the rest on /quotes?q=
SEARCH_ACTORS = 20
CHANGES_SHOWN = 100  # rows per section; the full report is one link away
DIGEST_SHOWN = 20  # lines of the ranked digest that lead the changes page
ACTORS_SHOWN = 500  # the most mentioned
ACTOR_QUOTES = 200  # quotations shown on an actor's page, first seen first; the rest on /quotes?speaker=
ACTOR_EVENTS = 200  # timeline entries shown there; the rest on the story page filtered by the actor
QUOTE_NEAR = 600  # characters between a quote and an event's sentence for the quote to count as about it


# The story page's drawers, in order; only the story's is open (issue 13).
DRAWERS = (("story", "The story"), ("background", "Background: history the articles recall"),
           ("upcoming", "Upcoming: planned after the newest article"),
           ("undated", "Undated reports: no date known beyond their article"))


def decorate(entry: dict) -> dict:
    """A timeline entry plus what the page needs: its key, section, headline and warning flags.

    ``title`` is the entry's headline, with its quoted sentence (``summary``) shown below it;
    an entry built before headlines shows its sentence as before. An undated report is never
    given a day: ``when`` says "undated (by DAY)"."""
    independent = entry.get("independent_sources")
    if independent is None:
        independent = entry.get("source_count") or len(entry.get("sources") or [])
    conflict = bool(entry.get("date_conflict"))
    others = [_date_label(d) for d in entry.get("dates") or ()] if conflict else []
    dated = is_dated(entry)
    headline = entry.get("headline")
    return {**entry, "key": data.event_key(entry), "single_source": independent <= 1, "date_conflict": conflict,
            "conflicting_dates": [d for d in others if d], "section": section_of(entry), "dated": dated,
            "when": entry.get("date") if dated else _undated_label(entry),
            "title": headline or entry.get("summary") or entry.get("type"),
            "sentence": entry.get("summary") if headline and entry.get("summary") != headline else None}


def _undated_label(entry: dict) -> str:
    days = sorted(s["published"] for s in entry.get("sources") or () if s.get("published"))
    day = entry.get("on_or_before") or (days[0] if days else None)
    return f"undated (by {day})" if day else "undated"


def drawers(entries: list[dict]) -> list[dict]:
    """The page's entries by section, one drawer each, in DRAWERS order; the story's open (or the
    first drawer that has entries, when the story has none on this page)."""
    out = [{"name": name, "title": title, "entries": [e for e in entries if e["section"] == name]}
           for name, title in DRAWERS]
    out = [d for d in out if d["entries"]]
    for d in out:
        d["open"] = d["name"] == "story"
    if out and not any(d["open"] for d in out):
        out[0]["open"] = True
    return out


def _date_label(value) -> str | None:
    """A date the sources gave, as text: the timeline lists them as values or as {date/value, count} objects."""
    if isinstance(value, dict):
        date = value.get("date") or value.get("value")
        count = value.get("count") or value.get("sources")
        count = len(count) if isinstance(count, list) else count
        return f"{date} ({count} source{'' if count == 1 else 's'})" if date and count else date
    return str(value) if value is not None else None


def story(api, params) -> dict:
    since, until = data.text_param(params.get("since")), data.text_param(params.get("until"))
    actor, kind = data.text_param(params.get("actor")), data.text_param(params.get("type"))
    top = data.int_param(params.get("top"), "top")
    page = data.int_param(params.get("page"), "page", default=1)
    story_id = data.text_param(params.get("story"))  # one story of a pile of many (/stories)
    found = data.story(api, since=since, until=until, actor=actor, top=top, type=kind, limit=STORY_PAGE,
                       offset=(page - 1) * STORY_PAGE, story=story_id)
    shown = [decorate(e) for e in found.data["entries"]]
    total = found.data["total"]
    return {
        "note": found.note, "entries": shown, "drawers": drawers(shown), "total": total, "page": page,
        "pages": max(1, -(-total // STORY_PAGE)),
        # an undated report is listed, never drawn on its article's day
        "chart": timeline_chart([{**e, "summary": e["title"], "date": e["date"] if e["dated"] else None} for e in shown]),
        "types": [tuple(t) for t in found.data["types"]],
        "actors": found.data["actors"],
        "strip": storyline_strip(api, decorate) if page == 1 else None,
        "per_day": articles_per_day(api) if page == 1 else None,
        "filters": {"since": since or "", "until": until or "", "actor": actor or "", "type": kind or "",
                    "top": top or "", **({"story": story_id} if story_id else {})},
        "story": _story_of(api, story_id),
    }


def _story_of(api, story_id: str | None) -> dict | None:
    """The story the page is filtered to (its row of /stories), or None."""
    if not story_id:
        return None
    return next((s for s in api.stories() if s["id"].startswith(story_id.lower())), None)


def stories(api) -> dict:
    """The /stories page: every story of the pile, largest first, each opening the story page filtered to it."""
    return {"stories": data.stories(api).data}


def event(api, key: str, params=None) -> dict:
    entry = data.timeline_entry(api, key, on=data.text_param((params or {}).get("on")))
    if entry is None:
        raise NotFound(f"no timeline entry with id {key!r}")
    entry = decorate(entry)
    sources = entry.get("sources") or []
    articles = _ArticleCache(api)
    side = []
    for src in sources[:SIDE_BY_SIDE]:
        art = articles.get(src.get("article"))
        text = art.get("text") or ""
        spans = [(src["start"], src["end"], "hit")] if src.get("start") is not None else []
        side.append({"source": src, "article": art, "body": highlight(text, spans, paragraphs=True)})
    return {"entry": entry, "side": side, "more": sources[SIDE_BY_SIDE:], "quotes": _quotes_about(api, entry, articles)}


def _quotes_about(api, entry: dict, articles: "_ArticleCache") -> list[dict]:
    """The quotes of the entry's source articles near its sentences (QUOTE_NEAR) or by its actors."""
    spans = tuple((src["article"], src["start"], src["end"]) for src in entry.get("sources") or []
                  if src.get("start") is not None)
    found = data.quotes_about(api, spans, within=QUOTE_NEAR, speakers=entry.get("actors") or ())
    return _quote_views(found.data, articles)


def actor(api, name: str) -> dict:
    found = data.entity(api, name)
    ent = found.data
    canonical = ent.get("name") or name
    said = data.quotations(api, speaker=canonical, limit=ACTOR_QUOTES).data
    articles = _ArticleCache(api)
    events = data.story(api, actor=canonical, limit=ACTOR_EVENTS, actor_options=0).data
    roles = _roles_over_time(ent)
    return {"entity": ent, "roles": roles, "quotes": _quote_views(said["quotes"], articles),
            "quote_total": said["total"], "events": [decorate(e) for e in events["entries"]],
            "event_total": events["total"], "note": found.note}


def _roles_over_time(ent: dict) -> list[dict]:
    """Each role with the first and last publication dates it was seen, in order of first use."""
    history = ent.get("role_history")
    if not history:
        return [r if isinstance(r, dict) else {"role": r} for r in ent.get("roles") or ()]
    spans: dict[str, dict] = {}
    for h in history:
        span = spans.setdefault(h["role"], {"role": h["role"], "first": None, "last": None, "articles": set()})
        day = h.get("published")
        if day:
            span["first"] = min(filter(None, (span["first"], day)))
            span["last"] = max(filter(None, (span["last"], day)))
        span["articles"].add(h.get("article"))
    ordered = sorted(spans.values(), key=lambda r: (r["first"] or "9999", r["role"]))
    return [{**r, "articles": len(r["articles"])} for r in ordered]


def actors(api) -> dict:
    found = data.top_entities(api, limit=ACTORS_SHOWN)
    return {"entities": found.data["entities"], "total": found.data["total"], "note": found.note}


def quotes(api, params) -> dict:
    speaker, words = data.text_param(params.get("speaker")), data.text_param(params.get("q"))
    page = data.int_param(params.get("page"), "page", default=1)
    found = data.quotations(api, speaker=speaker, text=words, limit=QUOTE_PAGE, offset=(page - 1) * QUOTE_PAGE)
    articles = _ArticleCache(api)
    total = found.data["total"]
    return {"note": found.note, "quotes": _quote_views(found.data["quotes"], articles), "total": total,
            "page": page, "pages": max(1, -(-total // QUOTE_PAGE)),
            "filters": {"speaker": speaker or "", "q": words or ""}}


def _quote_view(q: dict, articles: "_ArticleCache") -> dict:
    art = articles.meta(q.get("article"))
    if q.get("sentence") is not None and q.get("sentence_start") is not None:
        s0 = q["sentence_start"]
        context = highlight(q["sentence"], [(q["start"] - s0, q["end"] - s0, "hit")])
    else:
        text = articles.get(q.get("article")).get("text") or ""
        context = excerpt(text, q["start"], q["end"]) if text else q.get("text")
    carried = [{"article": a, "outlet": articles.meta(a).get("outlet"), "published": articles.meta(a).get("published")}
               for a in q.get("carried_by") or ()]  # article ids, from the API or grouped by the quotes page
    return {**q, "context": context, "outlet": q.get("outlet") or art.get("outlet"), "title": art.get("title"),
            "carried_by": carried}


def _quote_views(quotes: list[dict], articles: "_ArticleCache") -> list[dict]:
    """Quote cards, their articles' titles and outlets read in one query first."""
    articles.prefetch({a for q in quotes for a in (q.get("article"), *(q.get("carried_by") or ())) if a})
    return [_quote_view(q, articles) for q in quotes]


def articles_page(api, params) -> dict:
    words = data.text_param(params.get("q"))
    page = data.int_param(params.get("page"), "page", default=1)
    if words:
        hits = data.search(api, words, limit=SEARCH_HITS).data
        return {"q": words, "hits": hits, "rows": [], "total": len(hits), "page": 1, "pages": 1, "copies": {},
                "originals": {}}
    rows = api.articles()
    copies = Counter(r["duplicate_of"] for r in rows if r.get("duplicate_of"))
    shown = rows[(page - 1) * ARTICLE_PAGE: page * ARTICLE_PAGE]
    wanted = {r["duplicate_of"] for r in shown if r.get("duplicate_of")}
    originals = {r["id"]: r["title"] for r in rows if r["id"] in wanted}
    return {"q": "", "hits": [], "rows": shown, "total": len(rows), "page": page, "copies": copies,
            "originals": originals, "pages": max(1, -(-len(rows) // ARTICLE_PAGE))}


def article(api, article_id: str, params) -> dict:
    art = api.article(article_id)
    start = data.int_param(params.get("start"), "start", lo=0, hi=10**9)
    end = data.int_param(params.get("end"), "end", lo=0, hi=10**9)
    spans = [(start, end, "hit")] if start is not None and end is not None else []
    original = api.article(art["duplicate_of"]) if art.get("duplicate_of") else None
    return {"article": art, "body": highlight(art.get("text") or "", spans, paragraphs=True), "original": original}


def search(api, args) -> dict:
    """The site-wide search: articles (full text), quotations (full text) and actors named so."""
    words = args.get("q")
    if not words:
        return {"q": "", "articles": [], "quotes": [], "actors": [], "quote_total": 0}
    hits = data.search(api, words, limit=SEARCH_HITS).data
    said = data.quotations(api, text=words, limit=SEARCH_QUOTES).data
    key = words.casefold()
    named = [e for e in data.top_entities(api, limit=ACTORS_SHOWN).data["entities"]
             if key in e["name"].casefold() or any(key in a.casefold() for a in e.get("aliases") or ())]
    return {"q": words, "articles": hits, "quotes": _quote_views(said["quotes"], _ArticleCache(api)),
            "quote_total": said["total"], "actors": named[:SEARCH_ACTORS]}


def changes(api, params) -> dict:
    """What changed since a date: the ranked digest first (data.digest), then new and updated events,
    new quotes and actors (data.changes_summary)."""
    since = data.text_param(params.get("since"))
    if not since:
        empty = {key: {"rows": [], "total": 0} for key in ("new_events", "updated_events", "new_quotes", "new_actors")}
        return {"since": "", "sections": empty, "articles": 0, "asked": False, "note": None, "digest": []}
    found = data.changes_summary(api, since=since, shown=CHANGES_SHOWN)
    # A figure, stance or quote links to its article (its id is "<article>-c3", "-p2", "-q4").
    digest = [{**d, "article": d["refs"][0].rsplit("-", 1)[0] if d["kind"] in ("claim", "position", "quote") else None}
              for d in data.digest(api, since=since, limit=DIGEST_SHOWN).data]
    sections = {key: dict(found.data[key]) for key in ("new_events", "updated_events", "new_quotes", "new_actors")}
    for key in ("new_events", "updated_events"):
        sections[key]["rows"] = [decorate(e.get("entry", e)) | {k: v for k, v in e.items() if k != "entry"}
                                 for e in sections[key]["rows"]]
    articles = _ArticleCache(api)
    sections["new_quotes"]["rows"] = _quote_views(sections["new_quotes"]["rows"], articles)
    return {"since": since, "sections": sections, "articles": found.data["articles"], "asked": True,
            "note": found.note, "digest": digest}


class _ArticleCache:
    """Articles fetched once per request (many quotes come from the same article): whole, or
    only their titles, outlets and dates (``meta``), many in one query (``prefetch``)."""

    def __init__(self, api):
        self.api, self.rows, self.metas = api, {}, {}

    def get(self, article_id: str | None) -> dict:
        if not article_id:
            return {}
        if article_id not in self.rows:
            try:
                self.rows[article_id] = self.api.article(article_id)
            except NotFound:
                self.rows[article_id] = {"id": article_id}
        return self.rows[article_id]

    def meta(self, article_id: str | None) -> dict:
        if article_id in self.metas:
            return self.metas[article_id]
        return self.get(article_id)

    def prefetch(self, article_ids: set[str]) -> None:
        missing = sorted(a for a in article_ids if a not in self.metas and a not in self.rows)
        if missing:
            self.metas.update((r["id"], r) for r in self.api.articles(ids=missing))
