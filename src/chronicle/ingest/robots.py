"""robots.txt, read once per site and obeyed (RFC 9309, with urllib.robotparser for the rules).

How the file's own fetch turns out decides, as RFC 9309 section 2.3.1 says:

- 2xx: its rules apply (``Crawl-delay`` slows the site's requests down);
- 4xx (none, forbidden, gone): no rules, every path may be fetched;
- 5xx: the whole site is taken as disallowed for this run (ING053);
- the site cannot be reached (DNS, refused, timeout): every URL of it fails with that reason.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser


@dataclass(frozen=True, slots=True)
class RobotsAnswer:
    """What robots.txt says about one URL: ``allowed``, and why not when it is not."""

    allowed: bool
    reason: str = ""
    code: str = "ING053"  # or the code of the failure that kept robots.txt out of reach


@dataclass(frozen=True, slots=True)
class RobotsFile:
    """A site's robots.txt as fetched: the status (0: not reachable) and its text."""

    status: int
    text: str = ""
    error: str = ""
    code: str = "ING053"


def site_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL: robots.txt applies per scheme, host and port."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Robots:
    """Answers whether ``user_agent`` may fetch a URL; ``get`` fetches a site's robots.txt.

    ``get(robots_url) -> RobotsFile`` is called at most once per site.
    """

    def __init__(self, user_agent: str, get: Callable[[str], RobotsFile]):
        self.user_agent = user_agent
        self._get = get
        self._sites: dict[str, tuple[RobotFileParser | None, RobotsAnswer | None]] = {}

    def _parser(self, site: str) -> tuple[RobotFileParser | None, RobotsAnswer | None]:
        if site not in self._sites:
            got = self._get(site + "/robots.txt")
            if 200 <= got.status < 300:
                parser = RobotFileParser(site + "/robots.txt")
                parser.parse(got.text.splitlines())
                self._sites[site] = (parser, None)
            elif 400 <= got.status < 500:
                self._sites[site] = (None, None)
            elif got.status:
                self._sites[site] = (None, RobotsAnswer(False, f"robots.txt answered HTTP {got.status}: the site is "
                                                                "taken as disallowing every path (RFC 9309)"))
            else:
                self._sites[site] = (None, RobotsAnswer(False, f"{got.error or 'unreachable'} (asking for robots.txt)",
                                                        got.code))
        return self._sites[site]

    def check(self, url: str) -> RobotsAnswer:
        parser, refused = self._parser(site_of(url))
        if refused:
            return refused
        if parser is not None and not parser.can_fetch(self.user_agent, url):
            return RobotsAnswer(False, f"robots.txt of {site_of(url)} disallows this path for {self.agent_token}")
        return RobotsAnswer(True)

    def crawl_delay(self, url: str) -> float | None:
        parser, _ = self._parser(site_of(url))
        if parser is None:
            return None
        delay = parser.crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None

    @property
    def agent_token(self) -> str:
        """The product token robots.txt groups are matched on ("Chronicle")."""
        return self.user_agent.split("/")[0]
