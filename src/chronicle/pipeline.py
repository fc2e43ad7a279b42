"""The write path, end to end and in one place: read -> text -> store -> extract -> store -> link -> timeline.

Every stage folder sees only the folders before it (tests/test_layers.py); this module, above
them all, is the one that calls them in turn. ``ingest/`` reads bytes, ``text/`` turns them into
articles (and fingerprints them), ``store/`` writes them, ``link/`` marks syndicated copies,
``extract/`` analyses what is pending, ``store/`` writes the analyses, and then the
cross-document steps run over the whole store: ``link/`` entities and quotations, and the
``timeline/`` rebuild.

Reading and analysing are two phases, each in batch transactions, so that a kill at any moment
leaves the store consistent: an article is stored whole or not at all, and its analysis is
stored whole or left pending. A rerun skips what is stored and analyses what is pending.

A URL is an input like a file (issue 17): ``ingest/fetch`` fetches it politely, and its bytes,
with the URL and the fetch time as provenance, go through the same readers; a ``--feed`` URL
adds its entries' links to the inputs, read next.

Every input is isolated (issue 18): a failure while reading or parsing one input, or storing one
article or its analysis, is recorded for that input (ING040, ING041) and the batch goes on; only
an error of the store itself (locked, disk full) ends the run. One ingest writes to a store at a
time (chronicle.store.lock).
"""
from __future__ import annotations

import dataclasses
import itertools
import sqlite3
import sys
from collections import deque
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from chronicle.dates import DateValue, published_out_of_range
from chronicle.errors import InputError, message
from chronicle.ingest.fetch import FetchSettings, is_url
from chronicle.ingest.files import MAX_BYTES, RawInput, expand_paths, read_input
from chronicle.ingest.manifest import ManifestRow, read_manifest, resolve_key
from chronicle.link.duplicates import mark_duplicate
from chronicle.progress import Progress
from chronicle.store.articles import NewArticle
from chronicle.store.lock import ingest_lock
from chronicle.store.pending import owe, owed, settle
from chronicle.text.document import Document, article_id, count_words
from chronicle.text.fingerprint import fingerprint
from chronicle.text.formats import documents_from_input, media_format

STORE_BATCH = 200
ANALYSIS_BATCH = 32


@dataclass
class IngestReport:
    added: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: list[dict] = field(default_factory=list)
    analyzed: int = 0
    ran_on: str | None = None  # where the analysis ran ("2 Ray workers (...)"), for the human summary

    def to_json(self) -> dict:
        return {"added": self.added, "unchanged": self.unchanged, "duplicates": self.duplicates,
                "failed": self.failed, "analyzed": self.analyzed}


@dataclass(frozen=True)
class IngestOptions:
    manifest: str | None = None
    published: DateValue | None = None
    outlet: str | None = None
    max_bytes: int = MAX_BYTES
    jobs: int | None = None
    progress: bool = True
    analyze: bool = True
    executor: str = "local"  # local | ray | ray://HOST:PORT (chronicle.extract.executors)
    feeds: tuple[str, ...] = ()  # feed URLs whose entries' links are fetched (ingest --feed)
    fetch: FetchSettings | None = None  # how URLs are fetched (default: FetchSettings())


def choose_metadata(doc: Document, row: ManifestRow | None, opts: IngestOptions):
    """Manifest beats the command-line option, which beats the file's own metadata."""
    if row and row.published:
        published, source = row.published, "manifest"
    elif opts.published:
        published, source = opts.published, "option"
    elif doc.published:
        published, source = doc.published, "metadata"
    else:
        published, source = None, "unknown"
    outlet = (row and row.outlet) or opts.outlet or doc.outlet
    url = (row and row.url) or doc.url
    title = (row and row.title) or doc.title
    return published, source, outlet, url, title


def ingest_paths(store, paths: list[str | Path], opts: IngestOptions, pipeline_factory=None,
                 progress: Progress | None = None, then=None) -> IngestReport:
    """Read, store and analyse; ``progress`` shows the phases (default: ``opts.progress``, on a terminal).

    ``then(report, progress)`` runs before the store's ingest lock is released: the cross-document
    steps (after_ingest) belong to the ingest, so a second ingest waiting for the lock never writes
    between this one's analyses and its timeline.
    """
    with (nullcontext(progress) if progress else Progress(enabled=opts.progress)) as progress:
        with ingest_lock(getattr(store, "path", ""), on_wait=_say):  # a second ingest waits its turn, never interleaves
            report = _ingest_paths(store, paths, opts, pipeline_factory, progress)
            if then is not None:
                then(report, progress)
            return report


def _say(message: str) -> None:
    print(f"chronicle: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True, slots=True)
class _Feed:
    """A feed URL given with --feed: fetched, then each entry's link is read like a URL given."""

    url: str


def _inputs(paths, opts: IngestOptions) -> list:
    """Files (folders walked), URLs and feeds, in the order given; errors for paths that are not there."""
    items: list = []
    for given in paths:
        items.extend([str(given)] if is_url(str(given)) else expand_paths([given]))
    return items + [_Feed(url) for url in opts.feeds]


def folder_manifests(paths) -> dict[str, ManifestRow]:
    """Without --manifest, a folder given to ingest that holds a ``manifest.csv`` is read with it:
    the files it lists take their date, outlet, URL and title from it, as with ``--manifest``."""
    rows: dict[str, ManifestRow] = {}
    for p in map(str, paths):
        if not is_url(p):
            candidate = Path(p) / "manifest.csv"
            if candidate.is_file():
                rows.update(read_manifest(candidate))
    return rows


def _ingest_paths(store, paths, opts: IngestOptions, pipeline_factory, progress: Progress) -> IngestReport:
    report = IngestReport()
    executor = None
    if opts.analyze:  # an executor that cannot run (Ray missing, a misspelling) stops before anything is read
        from chronicle.extract.executors import executor_for

        executor = executor_for(opts.executor, jobs=opts.jobs)
    manifest = read_manifest(opts.manifest) if opts.manifest else folder_manifests(paths)
    seen: set[str] = set()
    batch: list[NewArticle] = []
    raws: list[tuple] = []
    queue = deque(_inputs(paths, opts))
    web = _Web(opts)
    try:
        fetching = any(isinstance(i, _Feed) or (isinstance(i, str) and is_url(i)) for i in queue)
        with progress.phase("reading", total=len(queue), unit="inputs" if fetching else "files") as bar:
            while queue:
                item, hint = queue.popleft(), None
                bar.update()
                if isinstance(item, tuple):  # a feed entry's link, with what the entry says
                    item, hint = item
                if isinstance(item, InputError):
                    report.failed.append({"path": item.path, "reason": item.reason, "code": item.code})
                    continue
                if isinstance(item, _Feed):
                    links = web.feed_links(item.url, report)
                    stored = store.stored_sources(link.url for link in links)
                    report.unchanged += len(stored)  # an article already read from that link is not fetched again
                    links = [link for link in links if link.url not in stored]
                    queue.extendleft(reversed([(link.url, link) for link in links]))  # read next, in feed order
                    bar.total = (bar.total or 0) + len(links)
                    continue
                raw, new = _read_one(store, item, manifest, opts, report, seen, web=web, hint=hint)
                if raw is not None:
                    raws.append(raw)
                    batch.extend(new)
                    bar.update(0, words=sum(a.words for a in new))
                if len(batch) >= STORE_BATCH:
                    bar.set_note("storing")
                    _flush(store, raws, batch, report)
                    bar.set_note("")
                    batch, raws = [], []
            bar.set_note("storing")
            _flush(store, raws, batch, report)
    finally:
        web.close()
    if opts.analyze:
        analyze_pending(store, opts, report, pipeline_factory, progress, executor=executor)
    return report


class _Web:
    """The ingest's one HTTP session (chronicle.ingest.fetch), opened with the first URL."""

    def __init__(self, opts: IngestOptions):
        self.settings = dataclasses.replace(opts.fetch or FetchSettings(), max_bytes=opts.max_bytes)
        self._fetcher = None
        self.fetched: set[str] = set()

    def fetch(self, url: str):
        if self._fetcher is None:
            from chronicle.ingest.fetch import Fetcher

            self._fetcher = Fetcher(self.settings)
        return self._fetcher.fetch(url)

    def feed_links(self, url: str, report: IngestReport) -> list:
        """The links of the feed at ``url`` not yet read in this run; failures go to ``report``."""
        from chronicle.text.feed import feed_links

        try:
            got = self.fetch(url)
            links = feed_links(got.data, got.final_url)
        except InputError as err:
            report.failed.append({"path": err.path or url, "reason": err.reason, "code": err.code})
            return []
        except Exception as exc:  # one feed's bug never ends the batch
            report.failed.append(unexpected(url, exc))
            return []
        out = []
        for link in links:
            if isinstance(link, InputError):
                report.failed.append({"path": url, "reason": link.reason, "code": link.code})
            elif link.url not in self.fetched:
                self.fetched.add(link.url)
                out.append(link)
        return out

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


def _read_url(url: str, web: _Web, hint) -> tuple[RawInput, str, str, list]:
    """Fetch one URL and read its documents, each with its provenance (the URL, the fetch time)."""
    got = web.fetch(url)
    fmt, encoding, docs = documents_from_input(url, got.data, media_format(got.media_type))
    page = fmt in ("html", "text")  # one article: the page itself (a feed or records carry their own URLs)
    out = []
    for doc in docs:
        if isinstance(doc, InputError):
            out.append(doc)
            continue
        changes = {"fetched_at": got.fetched_at}
        if page:
            changes["url"] = got.final_url
        if hint is not None:  # the feed entry's headline and date are the publisher's own
            changes.update(title=hint.title or doc.title, published=hint.published or doc.published,
                           outlet=doc.outlet or hint.outlet, author=doc.author or hint.author,
                           external_id=hint.external_id or doc.external_id)
        out.append(dataclasses.replace(doc, **changes))
    return RawInput(path=url, data=got.data, sha256=got.sha256), fmt, encoding, out


def _read_one(store, path: str, manifest, opts: IngestOptions, report: IngestReport, seen: set[str],
              web: _Web | None = None, hint=None):
    """Read one input (a file, or a URL to fetch); return (raw input row, new articles) or (None, [])."""
    try:
        if is_url(path):
            raw, fmt, encoding, docs = _read_url(path, web or _Web(opts), hint)
        else:
            raw = read_input(path, max_bytes=opts.max_bytes)
            fmt, encoding, docs = documents_from_input(path, raw.data)
    except InputError as err:
        report.failed.append({"path": err.path or path, "reason": err.reason, "code": err.code})
        return None, []
    except Exception as exc:  # a bug met by one input never ends the batch: report it and go on
        report.failed.append(unexpected(path, exc))
        return None, []
    row = None if is_url(path) else manifest.get(resolve_key(path))
    new: list[NewArticle] = []
    candidates = []
    for doc in docs:
        if isinstance(doc, InputError):
            report.failed.append({"path": doc.path or path, "reason": doc.reason, "code": doc.code})
            continue
        published, source, outlet, url, title = choose_metadata(doc, row, opts)
        if published is not None and (why := published_out_of_range(published)):
            where = f"record {doc.index + 1}: " if doc.index is not None else ""
            report.failed.append({"path": path, "reason": where + why, "code": "ING007"})
            continue
        aid = article_id(title, doc.source_text)  # ids stay those of the uncleaned text
        candidates.append((aid, doc, published, source, outlet, url, title))
    stored = store.has_articles(c[0] for c in candidates)
    for aid, doc, published, source, outlet, url, title in candidates:
        if aid in stored or aid in seen:
            report.unchanged += 1
            continue
        try:
            fp = fingerprint(doc.text)
        except Exception as exc:
            report.failed.append(unexpected(path, exc, doc.index))
            continue
        seen.add(aid)
        new.append(NewArticle(
            id=aid, text=doc.text, title=title, published=published, published_source=source,
            outlet=outlet, url=url, author=doc.author, raw_sha256=raw.sha256, source_path=path,
            source_index=doc.index, external_id=doc.external_id, words=count_words(doc.text),
            fingerprint=fp, stripped=doc.stripped, fetched_at=doc.fetched_at,
        ))
    if not new:
        return None, []
    return (raw.sha256, path, fmt, encoding, raw.data), new


def unexpected(path: str, exc: BaseException, index: int | None = None, code: str = "ING040") -> dict:
    """A failure entry for an exception Chronicle did not raise on purpose (a bug, or a library's)."""
    where = f"record {index + 1}: " if index is not None else ""
    detail = f"{type(exc).__name__}: {str(exc)[:300]}"
    return {"path": path, "reason": where + message(code, detail=detail), "code": code}


def _flush(store, raws: list[tuple], batch: list[NewArticle], report: IngestReport) -> None:
    if not batch:
        return
    try:
        _store_batch(store, raws, batch, report)
    except sqlite3.OperationalError:  # the store itself (locked, disk full): not one article's fault
        raise
    except Exception:  # one article broke the batch transaction: store them one at a time
        by_sha = {raw[0]: raw for raw in raws}
        for art in batch:
            try:
                _store_batch(store, [by_sha[art.raw_sha256]], [art], report)
            except Exception as exc:
                report.failed.append(unexpected(art.source_path, exc, art.source_index, code="ING041"))


def _store_batch(store, raws: list[tuple], batch: list[NewArticle], report: IngestReport) -> None:
    copies = 0
    with store.transaction():
        owe(store.conn)  # duplicates and new articles change the timeline: the rebuild is owed until it runs
        for raw in raws:
            store.add_raw_input(*raw)
        for art in batch:  # one at a time: each is compared with every article stored before it
            store.add_articles([art])
            copies += mark_duplicate(store.conn, art.id, art.fingerprint)
    report.added += len(batch)
    report.duplicates += copies


def _store_analyses(store, chunk: list, version: str, report: IngestReport) -> int:
    """Store a chunk of analyses; one that cannot be stored is reported and left pending."""
    try:
        with store.transaction():
            owe(store.conn)
            store.add_analyses(chunk, version)
        stored = chunk
    except sqlite3.OperationalError:
        raise
    except Exception:
        stored = []
        for an in chunk:
            try:
                with store.transaction():
                    owe(store.conn)
                    store.add_analyses([an], version)
                stored.append(an)
            except Exception as exc:
                report.failed.append(unexpected(_source_of(store, an.article.id), exc, code="ING041"))
    for an in stored:  # a worker that died or ran out of time on this article: say so
        for d in an.diagnostics:
            if d.code in ("PIP011", "PIP012"):
                report.failed.append({"path": _source_of(store, an.article.id), "reason": d.message, "code": d.code})
    return len(stored)


def _source_of(store, article_id: str) -> str:
    rows = store.query("SELECT source_path, source_index FROM articles WHERE id = ?", (article_id,))
    if not rows or not rows[0][0]:
        return f"article {article_id}"
    path, index = rows[0][0], rows[0][1]
    return f"{path} (record {index + 1})" if index is not None else path


def analyze_pending(store, opts: IngestOptions, report: IngestReport, pipeline_factory=None,
                    progress: Progress | None = None, executor=None) -> None:
    """Analyse every pending article on ``executor`` (default: the one ``opts.executor`` names)."""
    from chronicle.extract.executors import executor_for
    from chronicle.extract.pipeline import Pipeline, Settings

    progress = progress or Progress(enabled=False)
    with progress.phase("analysing", unit="articles") as bar:
        bar.set_note("loading the model")  # seconds, during which the clock still runs
        pipeline = pipeline_factory() if pipeline_factory else Pipeline(Settings())
        version = pipeline.version
        total = bar.total = store.count_pending(version)
        bar.set_note("")
        bar.reset_rate()
        if not total:
            return
        articles = store.iter_pending(version)
        executor = executor or executor_for(opts.executor, jobs=opts.jobs)
        results = executor.map(articles, pipeline.settings, total=total, pipeline=pipeline)
        bar.set_note("waiting for the first results")  # a process pool's workers load the model first
        while True:
            chunk = list(itertools.islice(results, ANALYSIS_BATCH))
            if not chunk:
                break
            bar.set_note("storing")
            stored = _store_analyses(store, chunk, version, report)
            bar.set_note("")
            report.analyzed += stored
            bar.update(len(chunk), words=sum(count_words(a.article.text) for a in chunk))
        if executor.name != "local":
            report.ran_on = executor.describe()


# ---- cross-document steps over the whole store ----------------------------------------------
def after_ingest(store, report: IngestReport, *, aliases_path=None, progress: Progress | None = None) -> None:
    """Link entities and quotations, then rebuild the timeline when anything new was analysed, or
    when an interrupted ingest left this work owed (chronicle.store.pending)."""
    progress = progress or Progress(enabled=False)
    debt = bool(owed(store.conn))
    with progress.phase("linking", unit="entities", rates=False) as phase:
        phase.update(link_entities(store, aliases_path=aliases_path))
        link_quotes(store)
        link_claims(store)
    unscored = store.query("SELECT NOT EXISTS(SELECT 1 FROM articles WHERE topic_score IS NOT NULL)")[0][0]
    with progress.phase("stories", unit="articles", rates=False) as phase:
        if report.added or unscored or debt:
            mark_off_topic(store)
        phase.update(cluster_stories(store) or 0)  # places only the articles in no story yet: past stories stay
    # The timeline is rebuilt in full (order-free and ~15 s at Timeline17 scale), only when
    # something was analysed or the store has events but no timeline yet (an older store).
    stale = store.query(
        "SELECT EXISTS(SELECT 1 FROM events) AND NOT EXISTS(SELECT 1 FROM timeline_entries)")[0][0]
    if report.analyzed or report.added or stale or debt:
        with progress.phase("timeline", unit="entries", rates=False) as phase:
            phase.update(rebuild_timeline(store))  # the digest's index is written with it
    else:
        index_digest(store)  # the linking above renames speakers and regroups figures: weigh them again
    if debt:  # this run's own batches owed it too: paid now, last, so a kill before here leaves it owed
        with store.transaction():
            settle(store.conn)


def link_entities(store, *, aliases_path=None) -> int:
    """Rebuild cross-document entities from the stored mentions; returns how many there are."""
    from chronicle.link.entities import link_entities as link

    return link(store, aliases_path=aliases_path)


def mark_off_topic(store) -> set[str]:
    """Mark the articles off the pile's topic (kept, but out of the storyline). Returns their ids."""
    from chronicle.link.topic import mark_off_topic as mark

    return mark(store.conn)


def cluster_stories(store) -> int:
    """Place the articles that are in no story yet into stories. Returns how many were placed."""
    from chronicle.link.stories import cluster_stories as cluster

    return cluster(store.conn)


def link_quotes(store) -> int:
    """Merge quotes reprinted by several outlets into quotations. Returns how many quotations."""
    from chronicle.link.quotes import link_quotes as link

    with store.transaction():
        return link(store.conn)


def link_claims(store) -> tuple[int, int]:
    """Group numeric claims across articles (disputes) and link revised positions."""
    from chronicle.link.claims import link_claims as link

    with store.transaction():
        return link(store.conn)


def index_digest(store) -> None:
    """Write the digest's index again for the stored timeline (each rebuilt timeline is indexed in
    its own transaction; entities relinked since then rename the quotes' speakers)."""
    with store.transaction():
        write_digest_index(store.conn)


def write_digest_index(conn) -> None:
    """Write the digest's index (views/digest_index.py: what each "what changed" line weighs
    whatever the date) for the timeline as it stands; call inside a transaction."""
    from chronicle.store.digest import replace_index
    from chronicle.views.digest import default_settings
    from chronicle.views.digest_index import index_rows, index_version

    entries, details = index_rows(conn, default_settings())
    replace_index(conn, entries, details, index_version())


def rebuild_timeline(store) -> int:
    """Merge every stored event into timeline entries again, and index the digest with them.
    Returns the number of entries."""
    from chronicle.timeline.build import build_timeline

    return len(build_timeline(store, then=write_digest_index))


# ---- the read -> text -> extract path without a store ----------------------------------------
def analyze_files(paths, *, published: DateValue | None = None, manifest=None, pipeline=None,
                  fetch: FetchSettings | None = None) -> tuple[list, list[dict]]:
    """Analyse files (or URLs, fetched) without a store. Returns (analyses in input order, failures)."""
    from chronicle.extract.pipeline import Pipeline
    from chronicle.records import ArticleText

    opts = IngestOptions(published=published, fetch=fetch)
    rows = read_manifest(manifest) if manifest else {}
    articles, failed = [], []
    web = _Web(opts)
    for path in paths:
        try:
            if is_url(str(path)):
                _, _, _, docs = _read_url(str(path), web, None)
            else:
                raw = read_input(str(path))
                _, _, docs = documents_from_input(str(path), raw.data)
        except InputError as err:
            failed.append({"path": err.path or str(path), "reason": err.reason, "code": err.code})
            continue
        except Exception as exc:  # one input's bug never ends the batch
            failed.append(unexpected(str(path), exc))
            continue
        row = None if is_url(str(path)) else rows.get(resolve_key(path))
        for doc in docs:
            if isinstance(doc, InputError):
                failed.append({"path": doc.path or str(path), "reason": doc.reason, "code": doc.code})
                continue
            pub, source, outlet, url, title = choose_metadata(doc, row, opts)
            if pub is not None and (why := published_out_of_range(pub)):
                failed.append({"path": str(path), "reason": why, "code": "ING007"})
                continue
            articles.append(ArticleText(id=article_id(title, doc.source_text), text=doc.text, title=title, published=pub,
                                        published_source=source, outlet=outlet, url=url, stripped=doc.stripped))
    web.close()
    pipeline = pipeline or Pipeline()
    return list(pipeline.pipe(articles)), failed
