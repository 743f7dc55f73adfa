"""Politeness against a local server: robots.txt, per-host spacing, retries, Retry-After."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from conflictlens.fetch import ArticleWriter, FetchSettings, FetchState, Source, collect

from .conftest import AGENT, FixtureServer, Reply, html_reply


def run(
    server: FixtureServer, settings: FetchSettings, tmp_path: Path, *paths: str
) -> tuple[list[str], list[dict], list[str]]:
    """Fetch the paths as a URL list: (statuses, written articles, reported lines)."""
    import json

    sources = [Source(server.url(path), f"list:{n}") for n, path in enumerate(paths, 1)]
    reported: list[str] = []
    with FetchState(tmp_path / "state.sqlite") as state, ArticleWriter(tmp_path / "out") as out:
        summary = collect(sources, settings, state, out, report=reported.append)
    written = []
    if out.path is not None:
        written = [json.loads(line) for line in out.path.read_text().splitlines()]
    statuses = [s for s in ("new", "skipped", "failed") for _ in range(summary.counts[s])]
    return statuses, written, reported


def test_fetch_robots_disallowed_path_is_never_requested(server, settings, tmp_path):
    server.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n"))
    server.route("/private/secret.html", html_reply("Secret"))
    server.route("/news/open.html", html_reply("Open report"))
    statuses, written, reported = run(
        server, settings, tmp_path, "/private/secret.html", "/news/open.html"
    )
    assert sorted(statuses) == ["new", "skipped"]
    assert [a["url"] for a in written] == [server.url("/news/open.html")]
    assert reported == [f"{server.url('/private/secret.html')}: disallowed by robots.txt"]
    assert server.hits("/private/secret.html") == []
    assert len(server.hits("/robots.txt")) == 1  # cached for the host
    assert all(seen.headers["user-agent"] == AGENT for seen in server.requests)


def test_fetch_robots_rules_for_our_agent_only(server, settings, tmp_path):
    server.route(
        "/robots.txt",
        Reply(200, b"User-agent: conflictlens-tests\nDisallow: /\n\nUser-agent: *\nAllow: /\n"),
    )
    server.route("/a.html", html_reply("A"))
    statuses, _, _ = run(server, settings, tmp_path, "/a.html")
    assert statuses == ["skipped"]
    assert server.hits("/a.html") == []


def test_fetch_robots_unavailable_means_stay_away(server, settings, tmp_path):
    server.route("/robots.txt", Reply(500, b"oops"))
    server.route("/a.html", html_reply("A"))
    statuses, _, reported = run(server, replace(settings, retries=0), tmp_path, "/a.html")
    assert statuses == ["failed"]  # the site's rules are unknown: a failure, retried next run
    assert reported == [
        f"{server.url('/a.html')}: not fetched: robots.txt unavailable "
        "(HTTP 500 Internal Server Error after 1 try)"
    ]
    assert server.hits("/a.html") == []


def test_fetch_keeps_minimum_delay_between_requests_to_one_host(server, settings, tmp_path):
    paths = [f"/p{n}.html" for n in range(4)]
    for path in paths:
        server.route(path, html_reply(path))
    statuses, _, _ = run(server, replace(settings, rate=0.25), tmp_path, *paths)
    assert statuses == ["new"] * 4
    times = sorted(seen.at for seen in server.requests)  # robots.txt counts too
    assert len(times) == 5
    gaps = [b - a for a, b in pairwise(times)]
    assert min(gaps) >= 0.2, gaps  # loose: the limiter books 0.25 s per request


def test_fetch_honours_retry_after_on_429(server, settings, tmp_path):
    server.route(
        "/busy.html",
        Reply(429, b"slow down", {"Retry-After": "1"}),
        html_reply("Busy"),
    )
    statuses, written, _ = run(server, settings, tmp_path, "/busy.html")
    assert statuses == ["new"]
    first, second = server.hits("/busy.html")
    assert second.at - first.at >= 0.9  # the server's 1 s, not the 0.01 s backoff
    assert written[0]["title"] == "Busy"


def test_fetch_retries_503_then_succeeds(server, settings, tmp_path):
    server.route("/flaky.html", Reply(503, b"down"), html_reply("Flaky"))
    statuses, written, reported = run(server, settings, tmp_path, "/flaky.html")
    assert statuses == ["new"] and reported == []
    assert len(server.hits("/flaky.html")) == 2
    assert "Paragraph 1 of the report on Flaky" in written[0]["text"]


def test_fetch_gives_up_after_retries(server, settings, tmp_path):
    server.route("/down.html", Reply(503, b"down"))
    statuses, written, reported = run(server, replace(settings, retries=2), tmp_path, "/down.html")
    assert statuses == ["failed"] and written == []
    assert len(server.hits("/down.html")) == 3
    assert reported == [f"{server.url('/down.html')}: HTTP 503 Service Unavailable after 3 tries"]


def test_fetch_refuses_retry_after_beyond_the_limit(server, settings, tmp_path):
    server.route("/later.html", Reply(429, b"", {"Retry-After": "86400"}))
    statuses, _, reported = run(server, settings, tmp_path, "/later.html")
    assert statuses == ["failed"]
    assert len(server.hits("/later.html")) == 1
    assert "Retry-After 86400 s is over the 300 s limit" in reported[0]


def test_fetch_connection_refused_is_one_failure(settings, tmp_path):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/a.html"
    reported: list[str] = []
    with FetchState(tmp_path / "s.sqlite") as state, ArticleWriter(tmp_path / "out") as out:
        summary = collect(
            [Source(url, "list:1")],
            replace(settings, retries=1),
            state,
            out,
            report=reported.append,
        )
    assert summary.counts["failed"] == 1
    assert len(reported) == 1
    assert reported[0].startswith(f"{url}: not fetched: robots.txt unavailable (ConnectError")
    assert reported[0].endswith("(after 2 tries))")


def test_fetch_different_hosts_proceed_side_by_side(server, settings, tmp_path):
    """127.0.0.1 and localhost are two hosts to the limiter: their requests interleave."""
    for n in range(3):
        server.route(f"/h{n}.html", html_reply(f"H{n}"))
    hosts = ("127.0.0.1", "localhost")
    urls = [f"http://{name}:{server.port}/h{n}.html" for name in hosts for n in range(3)]
    reported: list[str] = []
    with FetchState(tmp_path / "s.sqlite") as state, ArticleWriter(tmp_path / "out") as out:
        summary = collect(
            [Source(url, f"list:{i}") for i, url in enumerate(urls)],
            replace(settings, rate=0.3, workers=2),
            state,
            out,
            report=reported.append,
        )
    assert summary.counts["new"] == 6, reported
    arrivals = sorted(server.requests, key=lambda seen: seen.at)
    order = [seen.headers["host"].split(":")[0] for seen in arrivals]
    # sequential hosts would give six of one, then six of the other (robots.txt included)
    assert order.index("localhost") < len(order) - 1 - order[::-1].index("127.0.0.1")
