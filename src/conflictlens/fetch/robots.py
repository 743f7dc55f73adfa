"""robots.txt, fetched once per origin and run, read with ``urllib.robotparser`` (RFC 9309).

Unlike ``RobotFileParser.read`` (which treats 401/403 as "disallow everything"), answers follow
RFC 9309 section 2.3.1: a 4xx means there are no rules; a 5xx or an unreachable server means
everything is disallowed for this run (reported as a failure, so the next run tries again).
``Crawl-delay`` raises the host's rate-limit delay.
"""

from __future__ import annotations

import threading
from urllib.robotparser import RobotFileParser

from conflictlens.fetch.client import HttpClient, HttpStatusError
from conflictlens.fetch.errors import FetchError
from conflictlens.fetch.urls import host, origin

#: Rules standing in for a robots.txt that could not be read (5xx, unreachable).
_DISALLOW_ALL = ("User-agent: *", "Disallow: /")


class RobotsDisallowed(FetchError):
    """The site asks crawlers like ours not to fetch this URL: a skip, not a failure."""

    code = "E211"


class RobotsCache:
    """One parsed robots.txt per ``scheme://host:port``, shared by every worker thread."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client
        self._agent = client.settings.user_agent
        self._lock = threading.Lock()
        self._parsers: dict[str, tuple[RobotFileParser, str | None]] = {}
        self._origin_locks: dict[str, threading.Lock] = {}

    def check(self, url: str) -> None:
        """Raise RobotsDisallowed when robots.txt forbids ``url`` to our user agent."""
        parser, problem = self._parser(origin(url))
        if problem is not None:  # a failure (the host may be down), not the site's wish
            raise FetchError(url, f"not fetched: robots.txt unavailable ({problem})")
        if not parser.can_fetch(self._agent, url):
            raise RobotsDisallowed(url, "disallowed by robots.txt")

    def _parser(self, site: str) -> tuple[RobotFileParser, str | None]:
        with self._lock:
            lock = self._origin_locks.setdefault(site, threading.Lock())
        with lock:  # one fetch per origin even when several workers reach it at once
            found = self._parsers.get(site)
            if found is None:
                found = self._load(site)
                self._parsers[site] = found
            return found

    def _load(self, site: str) -> tuple[RobotFileParser, str | None]:
        """The site's rules, and why they could not be read (None when they could)."""
        scheme, _, hostport = site.partition("://")
        hostname, _, port = hostport.rpartition(":")
        default = (scheme == "https" and port == "443") or (scheme == "http" and port == "80")
        url = f"{scheme}://{hostname if default else hostport}/robots.txt"
        parser = RobotFileParser(url)
        try:
            fetched = self._client.get(
                url,
                accept="text/plain, */*;q=0.5",
                max_bytes=self._client.settings.robots_max_bytes,
                truncate=True,  # RFC 9309: a crawler may stop parsing past 500 KiB
            )
        except HttpStatusError as error:
            if 400 <= error.status < 500 and error.status != 429:
                parser.parse([])  # no robots.txt: no rules
                return parser, None
            parser.parse(_DISALLOW_ALL)
            return parser, error.reason
        except FetchError as error:
            parser.parse(_DISALLOW_ALL)  # unreachable: assume the site is off limits
            return parser, error.reason
        parser.parse(fetched.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self._agent)
        if delay is not None:
            limit = self._client.settings.max_retry_after
            self._client.limiter.set_delay(host(url), min(float(delay), limit))
        return parser, None
