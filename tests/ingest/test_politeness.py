"""The rules of a polite fetcher, without a network: robots.txt per RFC 9309 and the per-host delay."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.ingest.fetch import USER_AGENT
from chronicle.ingest.ratelimit import HostLimiter
from chronicle.ingest.robots import Robots, RobotsFile


def robots_of(files: dict[str, RobotsFile]):
    """A Robots whose robots.txt answers come from ``files`` (by site), counting each fetch."""
    asked: list[str] = []

    def get(url: str) -> RobotsFile:
        asked.append(url)
        return files[url.removesuffix("/robots.txt")]

    return Robots(USER_AGENT, get), asked


def test_rules_apply_and_the_file_is_read_once_per_site():
    robots, asked = robots_of({
        "https://a.example": RobotsFile(200, "User-agent: *\nDisallow: /drafts/\nCrawl-delay: 4\n"),
        "https://b.example": RobotsFile(200, "User-agent: *\nDisallow:\n"),
    })
    assert robots.check("https://a.example/news/1.html").allowed
    answer = robots.check("https://a.example/drafts/2.html")
    assert (answer.allowed, answer.code) == (False, "ING053") and "disallows this path for Chronicle" in answer.reason
    assert robots.check("https://b.example/drafts/2.html").allowed
    assert robots.crawl_delay("https://a.example/x") == 4.0 and robots.crawl_delay("https://b.example/x") is None
    assert asked == ["https://a.example/robots.txt", "https://b.example/robots.txt"]


def test_a_group_for_chronicle_beats_the_group_for_everyone():
    robots, _ = robots_of({"https://a.example": RobotsFile(
        200, "User-agent: Chronicle\nDisallow: /\n\nUser-agent: *\nAllow: /\n")})
    assert not robots.check("https://a.example/news/1.html").allowed
    other, _ = robots_of({"https://a.example": RobotsFile(
        200, "User-agent: SomeOtherBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n")})
    assert other.check("https://a.example/news/1.html").allowed


def test_status_of_robots_txt_decides_as_rfc_9309_says():
    robots, _ = robots_of({
        "https://gone.example": RobotsFile(404),
        "https://locked.example": RobotsFile(403),
        "https://down.example": RobotsFile(503),
        "https://away.example": RobotsFile(0, error="cannot connect to away.example: Connection refused",
                                           code="ING050"),
    })
    assert robots.check("https://gone.example/a").allowed  # 4xx: no rules
    assert robots.check("https://locked.example/a").allowed
    down = robots.check("https://down.example/a")
    assert (down.allowed, down.code) == (False, "ING053") and "HTTP 503" in down.reason
    away = robots.check("https://away.example/a")
    assert (away.allowed, away.code) == (False, "ING050") and "Connection refused" in away.reason


def test_sites_differ_by_scheme_host_and_port():
    robots, asked = robots_of({
        "https://a.example": RobotsFile(200, "User-agent: *\nDisallow: /\n"),
        "http://a.example": RobotsFile(404),
        "https://a.example:8443": RobotsFile(404),
    })
    assert [robots.check(u).allowed for u in ("https://a.example/x", "http://a.example/x", "https://A.example:8443/x")] \
        == [False, True, True]
    assert len(asked) == 3


REQUESTS = st.lists(st.tuples(st.sampled_from(["a.example", "b.example", "c.example"]),
                              st.floats(0, 5, allow_nan=False)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(REQUESTS, st.floats(0, 3, allow_nan=False), st.dictionaries(st.sampled_from(["a.example", "b.example"]),
                                                                   st.floats(0, 6, allow_nan=False)))
def test_requests_to_one_host_are_never_closer_than_its_interval_and_never_wait_longer(requests, interval, slower):
    now = [0.0]
    limiter = HostLimiter(interval, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    for host, seconds in slower.items():
        limiter.slow_down(host, seconds)
    sent: dict[str, list[float]] = {}
    for host, work in requests:
        before = now[0]
        slept = limiter.wait(host)
        gap = max(interval, slower.get(host, 0.0))
        last = sent.get(host, [None])[-1]
        # It waits exactly what the host's interval still asks for, and no more.
        assert slept == (0.0 if last is None else max(0.0, last + gap - before))
        sent.setdefault(host, []).append(now[0])
        now[0] += work  # the request itself takes time
    for host, times in sent.items():
        gap = max(interval, slower.get(host, 0.0))
        assert all(b - a >= gap - 1e-9 for a, b in zip(times, times[1:]))
