r"""The Python API. The CLI and the web layer call only this.

It writes through the write path (chronicle.pipeline) and reads through the readings
(chronicle.views): one reading per CONTRACT shape, never SQL of its own.

    >>> import chronicle, pathlib, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> _ = pathlib.Path(folder.name, "talks.txt").write_text(
    ...     "Talks resume in Geneva\n\nDiplomats from both sides met on Monday.\n", encoding="utf-8")
    >>> store = chronicle.open(":memory:")
    >>> report = store.ingest([folder.name], published="2025-03-18", analyze=False)
    >>> report.added, report.unchanged
    (1, 0)
    >>> store.ingest([folder.name], published="2025-03-18", analyze=False).unchanged  # same content again
    1
    >>> store.articles()[0]["title"], store.articles()[0]["published_source"]
    ('Talks resume in Geneva', 'option')
    >>> store.close(); folder.cleanup()

Without ``analyze=False`` the articles are also analysed (spaCy), and their events, quotes and
entities read back with :meth:`Chronicle.timeline`, :meth:`Chronicle.quotes` and
:meth:`Chronicle.entities`.
"""
from __future__ import annotations

import json
import os
from contextlib import nullcontext
from pathlib import Path

from chronicle.dates import DateValue, parse_user_date
from chronicle.errors import NotFound, UsageError
from chronicle.ingest.fetch import FetchSettings
from chronicle import pipeline as write_path
from chronicle.pipeline import IngestOptions, IngestReport, ingest_paths
from chronicle.progress import Progress
from chronicle.store import Store
from chronicle.views import shapes


def _date_option(value: str | DateValue | None, name: str) -> DateValue | None:
    if value is None or isinstance(value, DateValue):
        return value
    try:
        return parse_user_date(str(value))
    except ValueError as exc:
        raise UsageError(f"{name}: {exc}") from None




class Chronicle:
    """One story store. Open it with :func:`chronicle.open`."""

    def __init__(self, db: str | os.PathLike | None = None, *, aliases: str | os.PathLike | None = None,
                 read_only: bool = False):
        self.store = Store(db, read_only=read_only)
        self._pipeline = None
        self._aliases = Path(aliases) if aliases else None
        # The one-time upgrades of a first reading (_timeline_filters, _stories_checked) write, so a
        # read-only object never makes them: its writer did them first (prepare_reads).
        self._storyline_checked = self._stories_ready = read_only

    def reader(self) -> "Chronicle":
        """Another Chronicle on this store, over a read-only connection of its own.

        For reading threads (the web server's): a connection is used by one thread at a time,
        and under SQLite's WAL readers do not wait for each other or for a writer. Call
        :meth:`prepare_reads` on this object first, since the reader cannot make the one-time
        upgrades a first reading makes. An in-memory store has no second connection (STO004).
        """
        return Chronicle(self.store.path, aliases=self._aliases, read_only=True)

    def prepare_reads(self) -> None:
        """Make now the one-time upgrades a first reading would make (rebuild a timeline built
        before sections, cluster a store written before stories), so that readers need not write."""
        self._timeline_checked()
        self._stories_checked()

    @property
    def path(self) -> str:
        return self.store.path

    def check(self) -> list[dict]:
        """The store's consistency checks (``chronicle check``); every ``problems`` is 0 when consistent."""
        from chronicle.store.check import check_store

        return check_store(self.store.conn)

    def data_version(self) -> int:
        """A number that changes when another connection commits to the store (SQLite's data_version).

        Long-lived readers (the web server) use it to tell when cached readings are stale; this
        object's own writes do not change it, so its caller drops its cache after ingesting.
        """
        return self.store.conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- writing -------------------------------------------------------------------------
    def pipeline(self):
        if self._pipeline is None:
            from chronicle.extract.pipeline import Pipeline

            self._pipeline = Pipeline()
        return self._pipeline

    def ingest(
        self,
        paths: list[str | os.PathLike] | str,
        *,
        manifest: str | os.PathLike | None = None,
        published: str | DateValue | None = None,
        outlet: str | None = None,
        jobs: int | None = None,
        progress: bool | Progress = False,
        max_bytes: int | None = None,
        analyze: bool = True,
        executor: str = "local",
        feeds: list[str] | tuple[str, ...] = (),
        fetch: FetchSettings | None = None,
    ) -> IngestReport:
        """Add articles from files, folders and URLs, then analyse whatever is pending.

        A ``http(s)://`` path is fetched (an article page, a feed, JSON records); each URL of
        ``feeds`` is a feed whose entries' links are fetched. ``fetch`` sets timeouts, the delay
        between two requests to a host and the User-Agent (chronicle.ingest.fetch.FetchSettings).
        ``progress=True`` shows each phase on stderr when it is a terminal (a :class:`Progress`
        object: on its stream). ``executor``: where the analysis runs, ``local`` (a process pool),
        ``ray`` or ``ray://HOST:PORT`` (chronicle.extract.executors); the stored result is the same."""
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        opts = IngestOptions(
            manifest=str(manifest) if manifest else None,
            published=_date_option(published, "--published"),
            outlet=outlet,
            jobs=jobs,
            progress=progress,
            analyze=analyze,
            executor=executor,
            feeds=tuple(feeds),
            fetch=fetch,
            **({"max_bytes": max_bytes} if max_bytes else {}),
        )
        shown = nullcontext(progress) if isinstance(progress, Progress) else Progress(enabled=bool(progress))
        with shown as progress:
            return ingest_paths(self.store, [str(p) for p in paths], opts, pipeline_factory=self.pipeline,
                                progress=progress, then=self._after_ingest)

    def _after_ingest(self, report: IngestReport, progress: Progress | None = None) -> None:
        """Cross-document steps that depend on the whole store (entities, quotations, timeline)."""
        write_path.after_ingest(self.store, report, aliases_path=self.aliases_path, progress=progress)

    # ---- entities ------------------------------------------------------------------------
    @property
    def aliases_path(self) -> Path | None:
        """The user's alias file: the one given, ``$CHRONICLE_ALIASES``, or chronicle-aliases.toml beside the store."""
        from chronicle.link.aliases import default_aliases_path

        return self._aliases or default_aliases_path(self.store.path)

    @aliases_path.setter
    def aliases_path(self, value: str | os.PathLike | None) -> None:
        self._aliases = Path(value) if value else None

    def link_entities(self) -> int:
        """Rebuild cross-document entities from the stored mentions; returns how many there are."""
        linked = write_path.link_entities(self.store, aliases_path=self.aliases_path)
        write_path.index_digest(self.store)  # the digest's quotes name speakers by entity
        return linked

    def entities(self, *, type: str | None = None, limit: int | None = None, offset: int = 0,
                 story: str | None = None) -> list[dict]:
        """CONTRACT's ``entities --json`` rows: ``{"name", "type", "aliases", "mentions", "articles", "roles"}``,
        most mentioned first; ``limit``/``offset`` give one page of them. ``story`` keeps the entities
        named in that story's articles, with ``mentions`` and ``articles`` counted there."""
        if story is None:
            return list(self.iter_entities(type=type, limit=limit, offset=offset))
        from chronicle.views.stories import story_entity_counts

        counts = story_entity_counts(self.store.conn, self._story(story))
        rows = [{**r, "mentions": counts[r["name"]][0], "articles": counts[r["name"]][1]}
                for r in self.iter_entities(type=type) if r["name"] in counts]
        rows.sort(key=lambda r: (-r["mentions"], r["name"]))
        return rows[offset:] if limit is None else rows[offset:offset + int(limit)]

    def iter_entities(self, *, type: str | None = None, limit: int | None = None, offset: int = 0):
        """:meth:`entities`, read lazily a chunk at a time (for streaming)."""
        from chronicle.views.entities import iter_entity_rows

        return iter_entity_rows(self.store.conn, type=type, limit=limit, offset=offset)

    def entity_count(self, *, type: str | None = None) -> int:
        from chronicle.views.entities import count_entities

        return count_entities(self.store.conn, type=type)

    def entity(self, name: str, *, contexts: bool = True) -> dict:
        """One entity by name or alias, with dated roles, articles and mentions in context (unless
        ``contexts`` is false). Raises NotFound."""
        from chronicle.views.entities import get_entity

        return get_entity(self.store.conn, name, contexts=contexts)

    def merge_entities(self, name: str, alias: str) -> Path:
        """Merge ``alias`` into the entity ``name`` in the user's alias file, then relink. Returns the file."""
        return self._edit_aliases(lambda user: user.merge(name, alias))

    def split_entity(self, name: str, alias: str) -> Path:
        """Keep ``alias`` apart from the entity ``name`` in the user's alias file, then relink."""
        return self._edit_aliases(lambda user: user.split(name, alias))

    def _edit_aliases(self, change) -> Path:
        from chronicle.link.aliases import read_user_aliases, write_user_aliases

        path = self.aliases_path
        if path is None:  # no folder beside the store to keep it in
            kind = "a PostgreSQL" if self.store.path.startswith(("postgres://", "postgresql://")) else "an in-memory"
            raise UsageError(f"{kind} store has no alias file beside it: pass aliases=PATH (or --aliases FILE, "
                             "or set CHRONICLE_ALIASES)")
        user = read_user_aliases(path)
        change(user)
        write_user_aliases(path, user)
        self.link_entities()
        return path

    def rebuild_timeline(self) -> int:
        """Merge every stored event into timeline entries again. Returns the number of entries."""
        return write_path.rebuild_timeline(self.store)

    def mark_off_topic(self) -> set[str]:
        """Mark the articles off the pile's topic (kept, but out of the storyline). Returns their ids."""
        return write_path.mark_off_topic(self.store)

    def link_quotes(self) -> int:
        """Merge quotes reprinted by several outlets into quotations. Returns how many quotations."""
        return write_path.link_quotes(self.store)

    # ---- reading -------------------------------------------------------------------------
    def articles(self, ids: list[str] | None = None) -> list[shapes.Article]:
        """Every article (or those of ``ids``), in ingest order, as CONTRACT's ``articles --json`` rows."""
        from chronicle.views.articles import article_rows

        return article_rows(self.store.conn, ids)

    def publication_counts(self) -> list[dict]:
        """Articles per publication day and outlet: ``[{"published", "outlet", "n"}]``."""
        from chronicle.views.articles import publication_counts

        return publication_counts(self.store.conn)

    def article(self, article_id: str) -> dict:
        r = self.store.get_article_row(article_id)
        return {k: r[k] for k in r.keys() if k not in ("raw_sha256",)}

    def quotes(self, speaker: str | None = None, *, articles: list[str] | None = None, text: str | None = None,
               limit: int | None = None, offset: int = 0, story: str | None = None) -> list[shapes.Quote]:
        """Who said what, ordered by date: CONTRACT's ``quotes --json`` rows (plus outlet, sentence,
        quotation, carried_by, first_seen). ``speaker`` matches canonical names and aliases, any case;
        ``articles`` keeps the quotes of those articles, ``story`` those of one story; ``text`` those
        holding these words (full-text index); ``limit``/``offset`` give one page."""
        from chronicle.views.quotes import quotes_view

        if story is not None:
            inside = self._story_articles(story)
            articles = inside if articles is None else [a for a in articles if a in set(inside)]

        return quotes_view(self.store.conn, speaker, articles=articles, words=text, limit=limit, offset=offset)

    def quotes_about(self, spans: tuple[tuple[str, int, int], ...], *, within: int,
                     speakers: tuple[str, ...] = ()) -> list[shapes.Quote]:
        """The quotes near ``(article, start, end)`` spans (within ``within`` characters) or by one of
        ``speakers`` (any case), from the spans' articles: :meth:`quotes` rows, in its order (an
        event page's quotes about its sources' sentences)."""
        from chronicle.views.quotes import quotes_about

        return quotes_about(self.store.conn, spans, within=within, speakers=speakers)

    def iter_quotes(self, speaker: str | None = None, *, text: str | None = None):
        """:meth:`quotes`, read lazily a chunk at a time (for streaming a large store's quotes)."""
        from chronicle.views.quotes import iter_quotes

        return iter_quotes(self.store.conn, speaker, words=text)

    def quotations(self, speaker: str | None = None, text: str | None = None, *, limit: int = 50,
                   offset: int = 0) -> dict:
        """One row per quotation (reprints merged), first seen first: ``{"total", "quotes"}``.

        ``speaker`` as for :meth:`quotes`; ``text`` finds quotes holding these words (full-text index).
        """
        from chronicle.views.quotes import quotation_page

        return quotation_page(self.store.conn, speaker, text, limit=limit, offset=offset)

    def claims(self, about: str | None = None, *, disputed: bool = False,
               story: str | None = None) -> list[shapes.Claim]:
        """Numeric claims, ordered by the date they refer to: CONTRACT's ``claims --json`` rows (plus
        value_high, bound, each, claimant_text, modality, sentence_start). ``story`` keeps one story's."""
        from chronicle.views.claims import claims_view

        return self._in_story(claims_view(self.store.conn, about, disputed=disputed), story)

    def iter_claims(self, about: str | None = None, *, disputed: bool = False):
        """:meth:`claims`, read lazily a chunk at a time (for streaming)."""
        from chronicle.views.numbers import iter_claims

        return iter_claims(self.store.conn, about, disputed=disputed)

    def actor_names(self, actor: str) -> set[str]:
        """The lower-cased store-wide names ``actor`` can mean (itself, and the entities it is an
        alias of), as :meth:`positions` matches them: with every position read once,
        ``chronicle.views.positions.of_actor(rows, actor, names)`` keeps the actor's."""
        from chronicle.views.positions import actor_names

        return actor_names(self.store.conn, actor)

    def iter_positions(self, actor: str | None = None):
        """:meth:`positions`, read lazily a chunk at a time (for streaming)."""
        from chronicle.views.numbers import iter_positions

        return iter_positions(self.store.conn, actor)

    def top_positions(self, actors: int = 30) -> list[shapes.Position]:
        """The positions of the ``actors`` actors with most positions, in date order (for a Positions view)."""
        from chronicle.views.numbers import top_actor_positions

        return top_actor_positions(self.store.conn, actors)

    def claim_groups(self, about: str | None = None, *, disputed: bool = False, order: str = "disputed",
                     limit: int | None = None, offset: int = 0) -> dict:
        """One page of claim groups, for a Numbers view: ``{"groups": [{"group", "disputed", "counts",
        "unit", "claims"}], "total_groups", "disputed_groups", "total_claims"}``, disputed groups first
        (``order="disputed"``) or the largest first (``"size"``); paged in SQL."""
        from chronicle.views.numbers import claim_group_page

        try:
            return claim_group_page(self.store.conn, about, disputed=disputed, order=order, limit=limit,
                                    offset=offset)
        except ValueError as exc:
            raise UsageError(f"--order: {exc}") from exc

    def positions(self, actor: str | None = None, *, story: str | None = None) -> list[shapes.Position]:
        """Positions of actors, ordered by date: CONTRACT's ``positions --json`` rows (plus cue, actor_text,
        sentence_start). ``actor`` matches canonical names, aliases and the words in the article, any case;
        ``story`` keeps one story's."""
        from chronicle.views.positions import positions_view

        return self._in_story(positions_view(self.store.conn, actor), story)

    # ---- stories -------------------------------------------------------------------------
    def stories(self) -> list[shapes.Story]:
        """The stories of the pile, largest first: ``[{"id", "label", "articles", "first_published",
        "last_published", "outlets", "actors"}]`` (views/stories.py)."""
        from chronicle.views.stories import stories_view

        self._stories_checked()
        return stories_view(self.store.conn)

    def _stories_checked(self) -> None:
        """A store written before stories existed (migration 0014) is clustered once, on first reading."""
        if getattr(self, "_stories_ready", False):
            return
        self._stories_ready = True
        from chronicle.views.stories import never_clustered

        from chronicle.store.lock import ingest_running

        # An ingest under way clusters its own articles once they are analysed and linked; a
        # reader that clustered them earlier would fix stories from half a pile (issue 18).
        if never_clustered(self.store.conn) and not ingest_running(getattr(self.store, "path", "")):
            self.cluster_stories()

    def cluster_stories(self) -> int:
        """Place the articles that are in no story yet. Returns how many were placed."""
        return write_path.cluster_stories(self.store)

    def _story(self, story: str | None) -> str | None:
        """A story id or prefix resolved to its full id (STY404, STY400); None stays None."""
        if story is None:
            return None
        from chronicle.views.stories import resolve_story

        self._stories_checked()
        return resolve_story(self.store.conn, str(story))

    def _story_articles(self, story: str) -> list[str]:
        from chronicle.views.stories import story_articles

        return story_articles(self.store.conn, self._story(story))

    def _in_story(self, rows: list[dict], story: str | None) -> list[dict]:
        """The rows (each with an ``article``) from one story's articles; all of them without ``story``."""
        if story is None:
            return rows
        inside = set(self._story_articles(story))
        return [r for r in rows if r["article"] in inside]

    def network(self, actor: str | None = None, *, min_entries: int = 2, actors: int = 36) -> dict:
        """The actor network: ``{"pairs": [[a, b, entries]], "quotes": [[speaker, named, quotes]]}``.

        ``pairs``: actors named on at least ``min_entries`` timeline entries together (with
        ``actor``, that actor's); ``quotes``: how often a speaker's quotes name another actor, among
        the ``actors`` most connected."""
        from chronicle.views.network import actor_pairs, quote_mentions

        pairs = actor_pairs(self.store.conn, actor=actor, min_entries=min_entries)
        weight: dict[str, int] = {}
        for a, b, n in pairs:
            weight[a], weight[b] = weight.get(a, 0) + n, weight.get(b, 0) + n
        names = sorted(weight, key=lambda k: (-weight[k], k))[:actors] + ([actor] if actor else [])
        said = [t for t in quote_mentions(self.store.conn, names) if t[1] in names]
        return {"pairs": [list(p) for p in pairs], "quotes": [list(q) for q in said]}

    def timeline(self, since: str | DateValue | None = None, until: str | DateValue | None = None,
                 actor: str | None = None, top: int | None = None, *, type: str | None = None,  # noqa: A002
                 section: str | list[str] | None = None, limit: int | None = None,
                 offset: int = 0, story: str | None = None) -> list[shapes.TimelineEntry]:
        """CONTRACT's ``timeline --json`` entries, ordered by date (see docs/events.md).

        ``since``/``until`` keep entries whose dates overlap the range; ``actor`` matches part of
        an actor's name ("Putin"); ``top`` keeps the N most important ``story`` entries (or of the
        sections named), still ordered by date. ``section`` is ``story``, ``background``,
        ``upcoming``, ``undated``, a list of them, or ``all`` (the default without ``top``).
        ``type`` keeps one entry type; ``limit``/``offset`` return one page of the result; ``story``
        keeps the entries with a source in that story (``top`` then ranks within it).
        For example ``store.timeline(section=["story", "upcoming"])`` leaves out the background
        and the undated reports.
        """
        filters = self._timeline_filters(since, until, actor, top, section, story)
        from chronicle.views.timeline import timeline_page

        return timeline_page(self.store.conn, **filters, type=type, limit=limit, offset=offset)

    def timeline_json(self, since=None, until=None, actor=None, top=None, *, section=None, type=None,  # noqa: A002
                      limit: int | None = None, offset: int = 0, story: str | None = None):
        """The entries of :meth:`timeline` as their JSON text, one string each, read lazily (for streaming)."""
        from chronicle.views.timeline import iter_timeline_json

        return iter_timeline_json(self.store.conn, **self._timeline_filters(since, until, actor, top, section, story),
                                  type=type, limit=limit, offset=offset)

    def timeline_facets(self, since=None, until=None, actor=None, top=None, *, section=None, actors: int = 300,
                        story: str | None = None) -> dict:
        """How many entries the filtered timeline has, of which types, and its ``actors`` most named actors."""
        from chronicle.views.timeline import timeline_facets

        return timeline_facets(self.store.conn, **self._timeline_filters(since, until, actor, top, section, story),
                               actors=actors)

    def timeline_entry(self, entry_id: str) -> dict:
        """One timeline entry by its id, as :meth:`timeline` gives it. Raises NotFound."""
        from chronicle.views.timeline import get_entry

        return get_entry(self.store.conn, entry_id)

    def _timeline_filters(self, since, until, actor, top, section=None, story=None) -> dict:
        from chronicle.store.timeline import sections_of

        lo, hi = _date_option(since, "--since"), _date_option(until, "--until")
        if top is not None and int(top) < 0:
            raise UsageError("--top: give a number of entries, 1 or more")
        try:
            sections_of(section)
        except ValueError as exc:
            raise UsageError(f"--section: {exc}") from exc
        self._timeline_checked()
        found = {"since": lo.start.isoformat() if lo else None, "until": hi.end.isoformat() if hi else None,
                 "actor": actor or None, "top": top, "section": section}
        return {**found, "story": self._story(story)} if story is not None else found

    def _timeline_checked(self) -> None:
        """A timeline built before sections existed (migration 0010) is rebuilt once, on first reading."""
        if self._storyline_checked:
            return
        self._storyline_checked = True
        from chronicle.store.lock import ingest_running
        from chronicle.store.timeline import timeline_is_stale

        # (An ingest under way rebuilds it when its articles are in; a killed one left it to the reader.)
        if timeline_is_stale(self.store.conn) and not ingest_running(getattr(self.store, "path", "")):
            self.rebuild_timeline()

    def changes(self, since: str | DateValue | None = None, *, since_event: str | None = None,
                limit: int | None = None) -> shapes.ChangeReport:
        """What articles published after ``since`` added: the ranked ``digest`` (at most ``limit``
        lines), events, quotes, actors, figures, stances, and entries they changed. ``since_event``
        (a timeline entry id) compares from that entry's date instead (CONTRACT, ``changes``)."""
        from chronicle.views.report import changes_since

        day = self._since(since, since_event)
        if limit is not None and int(limit) < 1:
            raise UsageError("--limit: give a number of digest lines, 1 or more")
        report = changes_since(self.store.conn, day, limit=None if limit is None else int(limit))
        return {**report, "since_event": since_event} if since_event else report

    def changes_json(self, since: str | DateValue | None = None, *, since_event: str | None = None,
                     limit: int | None = None, digest=None, wholes: dict | None = None):
        """:meth:`changes` as JSON text, read and given a piece at a time (for streaming); the
        arguments are checked before the first piece is asked for. ``digest``: what :meth:`digest`
        gives for the same arguments, or a function giving it when its section is reached (the web
        server keeps it), so the costliest section is not ranked twice."""
        from chronicle.views.report import iter_changes_json

        day = self._since(since, since_event)
        if limit is not None and int(limit) < 1:
            raise UsageError("--limit: give a number of digest lines, 1 or more")
        return iter_changes_json(self.store.conn, day, limit=None if limit is None else int(limit),
                                 extra={"since_event": since_event} if since_event else None, digest=digest,
                                 wholes=wholes)

    def rank_timeline(self) -> None:
        """Rank the whole timeline as the changes page ranks a day's new and updated entries
        (views/changes.py, kept per timeline build), so that the first page asked is not the one
        that pays for it (the web server's warm-up)."""
        from chronicle.views.changes import whole_ranking

        whole_ranking(self.store.conn)

    def changes_section(self, key: str) -> list:
        """A changes section for the whole store, as :func:`chronicle.views.report.whole_section`
        gives it: what ``changes_json(wholes=...)`` filters the section since any day from (the web
        server keeps it until the store changes)."""
        from chronicle.views.report import whole_section

        return whole_section(self.store.conn, key)

    def digest(self, since: str | DateValue | None = None, *, since_event: str | None = None,
               limit: int | None = None) -> list[dict]:
        """The ranked digest alone: ``[{"kind", "rank", "headline", "date", "refs", ...}]``, as
        :meth:`changes` gives it (read without building the rest of the report)."""
        from chronicle.views.digest import digest_since

        day = self._since(since, since_event)
        if limit is not None and int(limit) < 1:
            raise UsageError("--limit: give a number of digest lines, 1 or more")
        return digest_since(self.store.conn, day, limit=None if limit is None else int(limit))

    def _since(self, since, since_event) -> DateValue:
        from chronicle.views.digest import since_of_event

        if (since is None) == (not since_event):
            raise UsageError.of("CHG002", detail=", not both" if since_event else " (e.g. --since 2025-03-18)")
        if since_event:
            return since_of_event(self.store.conn, since_event)
        try:
            return _date_option(since, "--since")
        except UsageError as not_a_date:
            # CONTRACT: --since also takes an event id (what --since-event takes).
            try:
                return since_of_event(self.store.conn, str(since).strip())
            except NotFound:
                raise not_a_date from None

    def changes_summary(self, since: str | DateValue, *, shown: int = 300, ranked: bool = False) -> dict:
        """The changes page's reading (views/changes.py), which :meth:`changes` also reads: each
        section ``{"total", "rows"}`` with its first ``shown`` rows."""
        from chronicle.views.changes import changes_summary

        day = _date_option(since, "--since")
        if day is None:
            raise UsageError("--since: a date is required, e.g. --since 2025-03-18")
        return changes_summary(self.store.conn, day, shown=shown, ranked=ranked)

    def export(self, fmt: str, *, section=None, title: str | None = None, all_entries: bool = False,
               **filters) -> str:
        """The timeline as TimelineJS3 JSON (``timelinejs``), Knight Lab's spreadsheet template
        (``timelinejs-csv``) or CSV (``csv``), every source cited by outlet, title, date and URL.

        ``since``/``until``/``actor``/``top`` as for :meth:`timeline`; ``section`` names the
        sections to export (default: the dated ones; ``top`` ranks the story). TimelineJS keeps
        the story's ``EXPORT_TOP`` (40) milestones unless ``top`` or ``all_entries`` is given;
        ``title`` defaults to one drawn from the storyline's actors and months."""
        from chronicle.views.exports import EXPORT_FORMATS, EXPORT_TOP, render_export
        from chronicle.views.sources import article_index

        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"--format: unknown export format {fmt!r}; use {', '.join(EXPORT_FORMATS)}")
        if fmt.startswith("timelinejs") and filters.get("top") is None and not all_entries:
            filters["top"] = EXPORT_TOP
        entries = self._storyline(section, filters)
        if title is None and fmt.startswith("timelinejs"):
            title = self.story_title(since=filters.get("since"), until=filters.get("until"), story=filters.get("story"))
        return render_export(fmt, entries, title=title, articles=article_index(self.store.conn, entries))

    def story_title(self, *, since=None, until=None, story: str | None = None) -> str:
        """A title for the story: its most involved people and the months it covers
        (views.exports.story_title over the story's 200 most important entries)."""
        from chronicle.views.exports import people_among, story_title

        entries = self.timeline(since=since, until=until, top=200, section="story", story=story)
        return story_title(entries, people=people_among(self.store.conn, (a for e in entries for a in e["actors"])))

    def brief(self, fmt: str = "md", *, title: str | None = None, top: int | None = None, since=None, until=None,
              section=None, extra_sections: list | None = None, story: str | None = None) -> str:
        """A Markdown or HTML briefing in which every line is footnoted to its source articles
        (outlet, title, date, URL). ``story`` keeps one story of a pile of many.

        "What happened" holds the ``top`` milestones of the story (default 10); the timeline
        parts hold the entries of ``section`` (default: the dated sections) between ``since``
        and ``until``; then the disputed numbers, key quotes and who is who. ``title`` defaults
        to :meth:`story_title`; ``extra_sections`` as for views.brief.build_brief."""
        from chronicle.views.brief import MILESTONES, brief_blocks, render_html, render_markdown

        if fmt not in ("md", "html"):
            raise UsageError(f"--format: unknown brief format {fmt!r}; use md or html")
        entries = self._storyline(section, {"since": since, "until": until, **({"story": story} if story else {})})
        if since is not None and extra_sections is None:
            extra_sections = self._changed_since(since, entries)
        top = MILESTONES if top is None else int(top)
        # "What happened" is what `timeline --top` gives: one or two entries a day, not five of one day.
        milestones = [e["id"] for e in self.timeline(since=since, until=until, top=top, story=story)] if top > 0 else []
        blocks = brief_blocks(self.store.conn, entries, self.quotes(story=story), top=top,
                              title=title or self.story_title(since=since, until=until, story=story),
                              extra_sections=extra_sections, milestones=milestones)
        return render_html(blocks) if fmt == "html" else render_markdown(blocks)

    def _changed_since(self, since, entries: list[dict]) -> list[tuple[str, list]]:
        """The brief's "What changed since DAY" section: the digest's first lines, each footnoted to
        the sources of the timeline entries it refers to (figures, stances and quotes unfootnoted)."""
        from chronicle.views.brief import CHANGED_LINES
        from chronicle.views.exports import display_date

        day = _date_option(since, "--since")
        sources = {e["id"]: e.get("sources", []) for e in entries}

        def sources_of(ref: str) -> list[dict]:
            if ref not in sources:  # an older event that gained sources or moved: not among the entries since DAY
                try:
                    sources[ref] = self.timeline_entry(ref).get("sources", [])
                except NotFound:
                    sources[ref] = []  # a stance, a figure or a quote: no timeline entry
            return sources[ref]

        lines = []
        for d in self.digest(day, limit=CHANGED_LINES):
            text = f"{display_date(d['date']) if d.get('date') else 'Undated'}: {d['headline']}"
            cited = [s for ref in d.get("refs", []) for s in sources_of(ref)]
            # What is new: the sources published since DAY, where the line is about them.
            fresh = [s for s in cited if (s.get("published") or "") >= day.start.isoformat()]
            cited = fresh or cited
            lines.append((text, cited) if cited else text)
        return [(f"What changed since {display_date(day.value)}", lines)] if lines else []

    def _storyline(self, section, filters: dict) -> list[dict]:
        """Timeline entries of the sections named (views.exports.select_sections): undated reports
        only when named, since they have no date to be placed on."""
        from chronicle.views.exports import DATED_SECTIONS, select_sections

        try:
            return select_sections(self.timeline(**filters), section, top=filters.get("top"), default=DATED_SECTIONS)
        except ValueError as exc:
            raise UsageError(f"--section: {exc}") from exc

    def search(self, query: str, *, limit: int = 20) -> list[dict]:
        return [dict(r) for r in self.store.search(query, limit)]

    # ---- analysing without storing -------------------------------------------------------
    def analyze(self, paths: list[str], *, published: str | DateValue | None = None,
                manifest: str | None = None) -> tuple[list, list[dict]]:
        return analyze_files(paths, published=published, manifest=manifest, pipeline=self.pipeline())


def analyze_files(paths, *, published=None, manifest=None, pipeline=None,
                  fetch: FetchSettings | None = None) -> tuple[list, list[dict]]:
    """Analyse files (or URLs, fetched with ``fetch`` settings) without a store. Returns (analyses
    in input order, failures)."""
    return write_path.analyze_files(paths, published=_date_option(published, "--published"), manifest=manifest,
                                    pipeline=pipeline, fetch=fetch)


__all__ = ["Chronicle", "IngestReport", "Path", "analyze_files"]
