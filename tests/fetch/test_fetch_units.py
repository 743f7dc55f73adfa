"""Small parts with exact answers: the per-host limiter's schedule and Retry-After parsing."""

from __future__ import annotations

import pytest

from conflictlens.fetch import HostLimiter
from conflictlens.fetch.client import parse_retry_after, split_content_type
from conflictlens.fetch.errors import FetchError


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_fetch_limiter_spaces_one_host_and_not_others():
    clock = FakeClock()
    limiter = HostLimiter(2.0, clock=clock, sleep=clock.sleep)
    limiter.wait("a.test")
    limiter.wait("b.test")  # another host: no wait
    assert clock.slept == []
    limiter.wait("a.test")
    assert clock.slept == [2.0]


def test_fetch_limiter_crawl_delay_raises_but_never_lowers_the_delay():
    clock = FakeClock()
    limiter = HostLimiter(2.0, clock=clock, sleep=clock.sleep)
    limiter.set_delay("slow.test", 5.0)
    limiter.set_delay("eager.test", 0.5)
    for host in ("slow.test", "slow.test", "eager.test", "eager.test"):
        limiter.wait(host)
    assert clock.slept == [5.0, 2.0]


def test_fetch_limiter_defer_pushes_the_next_slot():
    clock = FakeClock()
    limiter = HostLimiter(0.0, clock=clock, sleep=clock.sleep)
    limiter.wait("a.test")
    limiter.defer("a.test", 7.0)  # Retry-After: 7
    limiter.wait("a.test")
    assert clock.slept == [7.0]


def test_fetch_retry_after_seconds_and_dates():
    assert parse_retry_after("120") == 120.0
    now = 1_713_254_400.0  # Tue, 16 Apr 2024 08:00:00 GMT
    assert parse_retry_after("Tue, 16 Apr 2024 08:01:30 GMT", now=now) == 90.0
    assert parse_retry_after("Tue, 16 Apr 2024 07:00:00 GMT", now=now) == 0.0  # past: now
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_fetch_content_type_and_charset():
    assert split_content_type('text/HTML; Charset="ISO-8859-1"') == ("text/html", "iso-8859-1")
    assert split_content_type("application/rss+xml") == ("application/rss+xml", None)
    assert split_content_type(None) == ("", None)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/feed",
        "http://localhost/x",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
    ],
)
def test_fetch_refuses_non_public_addresses_by_default(url: str) -> None:
    from conflictlens.fetch.urls import check_public

    with pytest.raises(FetchError, match=r"non-public address.*--allow-private"):
        check_public(url)


def test_fetch_cli_refuses_the_local_fixture_without_allow_private(server, tmp_path) -> None:
    from conflictlens.cli import main

    urls = tmp_path / "urls.txt"
    urls.write_text(server.url("/a.html") + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["fetch", str(urls), "-o", str(tmp_path / "out"), "--rate", "0"])
    assert done.value.code == 1
    assert server.requests == []  # refused before any request, robots.txt included
