"""URLs in (issue 17): articles and feeds fetched from a local site started by the test, politely
(User-Agent, robots.txt, per-host delay), each failed fetch reported like a bad file, the URL and
the fetch time kept. No test reaches the internet: every URL is on 127.0.0.1."""
from __future__ import annotations

import datetime as dt
import json
import socket

import pytest

from chronicle.cli import main
from chronicle.ingest.fetch import FetchSettings

from localweb import ARTICLES, feed, serve

FAST = FetchSettings(timeout=0.5, delay=0)


@pytest.fixture(scope="module")
def site():
    site, stop = serve()
    yield site
    stop()


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def test_feed_option_fetches_each_linked_article_with_its_provenance(store, site):
    site.log.clear()
    before = now()
    report = store.ingest([], feeds=[site.base + "/feed.xml"], fetch=FAST, analyze=False)
    after = now()
    failed = {f["path"].removeprefix(site.base): f["code"] for f in report.failed}
    assert failed == {"/private/draft.html": "ING053", "/missing.html": "ING052", "/slow.html": "ING051",
                      "/photo.png": "ING054"}
    rows = {a["url"].removeprefix(site.base): a for a in store.articles()}
    assert sorted(rows) == ["/news/prisoners-freed.html", "/news/talks-resume.html"]
    for path, row in rows.items():
        title, date, paragraphs = ARTICLES[path]
        stored = store.article(row["id"])
        assert all(p in stored["text"] for p in paragraphs), "the page's full text, not the feed's summary"
        assert (row["title"], row["published"], row["published_source"], row["outlet"]) == (
            title, date, "metadata", "Merin Courier")
        assert stored["source_path"] == site.base + path
        assert before <= dt.datetime.fromisoformat(row["fetched_at"]) <= after
    # Polite: robots.txt read once, the disallowed page never asked for, every request signed.
    asked = site.paths()
    assert asked.count("/robots.txt") == 1 and asked.index("/robots.txt") == 0
    assert "/private/draft.html" not in asked
    assert {ua for _, ua, _ in site.log} == {FAST.user_agent}
    assert FAST.user_agent.startswith("Chronicle/") and "(+https://" in FAST.user_agent


def test_ingesting_the_local_feed_url_works_from_the_command_line(tmp_path, site, capsys):
    """Issue 17, done when: `chronicle ingest http://127.0.0.1:PORT/feed.xml` works."""
    db = str(tmp_path / "s.db")
    code = main(["--db", db, "ingest", site.base + "/feed.xml", "--delay", "0", "--jobs", "1", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert (code, out["added"], out["failed"], out["analyzed"]) == (0, 6, [], 6)
    assert main(["--db", db, "articles", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    links = [item.split("<link>")[1].split("</link>")[0] for item in feed(site.base).split("<item>")[1:]]
    assert sorted(r["url"] for r in rows) == sorted(links)  # each entry's own link, not the feed's URL
    assert all(r["fetched_at"] and r["outlet"] == "Merin Courier" for r in rows)
    assert {r["title"] for r in rows} >= {title for title, _, _ in ARTICLES.values()}


def test_feed_option_on_the_command_line_names_each_failed_url(tmp_path, site, capsys):
    db = str(tmp_path / "s.db")
    code = main(["--db", db, "ingest", "--feed", site.base + "/feed.xml", "--timeout", "0.5", "--delay", "0",
                 "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert sorted(line.split(": ", 2)[1].removeprefix(site.base) for line in lines) == [
        "/missing.html", "/photo.png", "/private/draft.html", "/slow.html"]
    assert f"error: {site.base}/missing.html: HTTP 404 Not Found" in lines


@pytest.mark.parametrize("path,code,says", [
    ("/missing.html", "ING052", "HTTP 404 Not Found"),
    ("/error", "ING052", "HTTP 503"),
    ("/slow.html", "ING051", "within 0.5 s"),
    ("/photo.png", "ING054", "image/png"),
    ("/disguised.html", "ING054", "binary data"),
    ("/empty.html", "ING003", "empty page"),
    ("/loop", "ING056", "more than 5 redirects"),
    ("/to-private", "ING053", "robots.txt"),
    ("/private/draft.html", "ING053", "disallows this path for Chronicle"),
    ("/ftp", "ING057", "ftp://127.0.0.1/file.txt"),
    ("/big.html", "ING055", "over the 0.2 MB limit"),
    ("/big-unsized.html", "ING055", "over the 0.2 MB limit"),
])
def test_a_failed_fetch_is_reported_like_a_bad_file_and_the_batch_goes_on(store, site, path, code, says):
    report = store.ingest([site.base + path, site.base + "/news/prisoners-freed.html"], fetch=FAST,
                          max_bytes=200_000, analyze=False)
    assert [(f["path"], f["code"]) for f in report.failed] == [(site.base + path, code)]
    assert says in report.failed[0]["reason"]
    assert [a["title"] for a in store.articles()] == ["Sixty prisoners freed at Dorn crossing"]


def test_a_server_that_is_not_there(store):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    urls = [f"http://127.0.0.1:{port}/a.html", f"http://127.0.0.1:{port}/b.html"]
    report = store.ingest(urls, fetch=FAST, analyze=False)
    assert [(f["path"], f["code"]) for f in report.failed] == [(u, "ING050") for u in urls]
    assert all("refused" in f["reason"] for f in report.failed)


def test_a_redirect_keeps_the_url_given_and_the_url_answered(store, site):
    report = store.ingest([site.base + "/old-address"], fetch=FAST, analyze=False)
    assert (report.added, report.failed) == (1, [])
    (row,) = store.articles()
    assert row["url"] == site.base + "/news/talks-resume.html"
    assert store.article(row["id"])["source_path"] == site.base + "/old-address"


def test_fetching_again_adds_nothing_and_a_feed_does_not_fetch_what_is_stored(store, site):
    first = store.ingest([], feeds=[site.base + "/feed.xml"], fetch=FAST, analyze=False)
    site.log.clear()
    again = store.ingest([], feeds=[site.base + "/feed.xml"], fetch=FAST, analyze=False)
    assert (first.added, first.unchanged) == (2, 0)
    assert (again.added, again.unchanged) == (0, 2)
    assert [f["code"] for f in again.failed] == [f["code"] for f in first.failed]
    assert not {"/news/talks-resume.html", "/news/prisoners-freed.html"} & set(site.paths())
    assert "/missing.html" in site.paths()  # what failed is tried again
    direct = store.ingest([site.base + "/news/talks-resume.html"], fetch=FAST, analyze=False)
    assert (direct.added, direct.unchanged) == (0, 1)  # a URL given is fetched: same content, nothing added


def test_json_records_at_a_url_keep_their_own_metadata(store, site):
    report = store.ingest([site.base + "/story.json"], fetch=FAST, analyze=False)
    assert report.failed == []
    (row,) = store.articles()
    assert (row["title"], row["published"], row["outlet"], row["url"]) == (
        "Talks move to the Ostrelan capital", "2025-04-11", "courier.example", "https://courier.example/news/talks-move")


def test_requests_to_one_host_are_spaced_by_the_delay(store, site):
    site.log.clear()
    store.ingest([site.base + "/news/talks-resume.html", site.base + "/news/prisoners-freed.html"],
                 fetch=FetchSettings(timeout=2, delay=0.3), analyze=False)
    times = [t for _, _, t in site.log]
    assert len(times) == 3  # robots.txt, then the two pages
    assert all(b - a >= 0.25 for a, b in zip(times, times[1:])), [b - a for a, b in zip(times, times[1:])]


@pytest.mark.parametrize("argv,says", [
    ([], "give a PATH or URL to ingest, or --feed URL"),
    (["http://127.0.0.1:9/a", "--timeout", "nan"], "'nan' is not a number of seconds from 0.01 to 600"),
    (["http://127.0.0.1:9/a", "--delay", "-1"], "'-1' is not a number of seconds from 0 to 3600"),
])
def test_fetch_options_are_checked_before_anything_is_fetched(tmp_path, capsys, argv, says):
    code = main(["--db", str(tmp_path / "s.db"), "ingest", *argv])
    assert code == 2 and says in capsys.readouterr().err


def test_importing_chronicle_loads_no_http_client():
    """Offline-safe: urllib3 and the fetch readers load with the first URL, never at import."""
    import subprocess
    import sys

    probe = ("import sys, chronicle, chronicle.api, chronicle.pipeline, chronicle.cli.ingest\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('urllib3', 'trafilatura', 'feedparser')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_crawl_delay_in_robots_txt_slows_requests_to_that_host(store):
    site, stop = serve(robots="User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n")
    try:
        store.ingest([site.base + "/news/talks-resume.html", site.base + "/news/prisoners-freed.html"],
                     fetch=FAST, analyze=False)  # FAST asks for no delay at all
    finally:
        stop()
    times = [t for _, _, t in site.log]
    assert [p for p, _, _ in site.log] == ["/robots.txt", "/news/talks-resume.html", "/news/prisoners-freed.html"]
    assert all(b - a >= 0.95 for a, b in zip(times, times[1:])), [b - a for a, b in zip(times, times[1:])]


def test_a_compressed_page_is_read_decompressed(store, site):
    report = store.ingest([site.base + "/gzipped.html"], fetch=FAST, analyze=False)
    assert report.failed == []
    (row,) = store.articles()
    assert store.article(row["id"])["text"].split("\n") == list(ARTICLES["/news/prisoners-freed.html"][2])


def test_analyze_reads_a_url_as_ingest_does_and_stores_nothing(site, pipeline):
    from chronicle.api import analyze_files

    analyses, failed = analyze_files([site.base + "/news/talks-resume.html", site.base + "/missing.html"],
                                     pipeline=pipeline, fetch=FAST)
    assert [(f["path"], f["code"]) for f in failed] == [(site.base + "/missing.html", "ING052")]
    (one,) = analyses
    title, date, paragraphs = ARTICLES["/news/talks-resume.html"]
    assert (one.article.title, one.article.published.value, one.article.url) == (
        title, date, site.base + "/news/talks-resume.html")
    assert one.article.text.split("\n") == list(paragraphs)
