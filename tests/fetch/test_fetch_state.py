"""Reruns: conditional GETs, nothing emitted twice, and state saved only for kept articles."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from conflictlens.fetch import ArticleWriter, FetchSettings, FetchState, Source, collect

from .conftest import FixtureServer, Reply, Seen, article_html, html_reply, rss_feed


def etag_route(body: bytes, etag: str, content_type: str = "text/html"):
    """A resource that answers 304 to a matching If-None-Match."""

    def answer(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(200, body, {"Content-Type": content_type, "ETag": etag})

    return answer


def fetch(server: FixtureServer, settings: FetchSettings, tmp_path: Path, *paths: str):
    """One run over a URL list, sharing the state file between runs of a test."""
    sources = [Source(server.url(p), f"list:{n}") for n, p in enumerate(paths, 1)]
    reported: list[str] = []
    with FetchState(tmp_path / "state.sqlite") as state, ArticleWriter(tmp_path / "out") as out:
        summary = collect(sources, settings, state, out, report=reported.append)
    articles = []
    if out.path is not None:
        articles = [json.loads(line) for line in out.path.read_text().splitlines()]
    return summary, articles, reported


def test_fetch_second_run_makes_conditional_requests_and_emits_nothing(server, settings, tmp_path):
    links = ["/news/1.html", "/news/2.html"]
    server.routes["/feed.xml"] = etag_route(
        rss_feed(server, links), '"feed-v1"', "application/rss+xml"
    )
    for n, link in enumerate(links, 1):
        server.routes[link] = etag_route(article_html(f"Report {n}"), f'"a{n}"')

    summary, articles, reported = fetch(server, settings, tmp_path, "/feed.xml")
    assert reported == [] and summary.counts["new"] == 2 and summary.counts["feed"] == 1
    assert {a["url"] for a in articles} == {server.url(link) for link in links}
    first = articles[0]
    assert set(first) == {"id", "text", "title", "published", "source", "url"}
    assert first["published"] == "2024-04-16"  # the feed entry's date
    assert first["title"].startswith("Report")
    assert "officials in the district said" in first["text"]

    server.requests.clear()
    summary, articles, reported = fetch(server, settings, tmp_path, "/feed.xml")
    assert articles == [] and reported == []
    assert summary.counts["not-modified"] == 1 and summary.counts["new"] == 0
    (feed_request,) = server.hits("/feed.xml")
    assert feed_request.headers["if-none-match"] == '"feed-v1"'
    assert not any(seen.path.startswith("/news/") for seen in server.requests)
    assert len(list((tmp_path / "out").glob("fetched-*.jsonl"))) == 1  # no second shard


def test_fetch_listed_article_revalidates_with_last_modified(server, settings, tmp_path):
    stamp = "Tue, 16 Apr 2024 08:00:00 GMT"

    def answer(seen: Seen) -> Reply:
        if seen.headers.get("if-modified-since") == stamp:
            return Reply(304)
        return html_reply("Dated report", **{"Last-Modified": stamp})

    server.routes["/a.html"] = answer
    summary, articles, _ = fetch(server, settings, tmp_path, "/a.html")
    assert summary.counts["new"] == 1 and len(articles) == 1
    summary, articles, _ = fetch(server, settings, tmp_path, "/a.html")
    assert summary.counts["not-modified"] == 1 and articles == []
    assert server.hits("/a.html")[-1].headers["if-modified-since"] == stamp


def test_fetch_emits_a_changed_page_but_not_an_identical_one(server, settings, tmp_path):
    server.route("/live.html", html_reply("Toll rises"), html_reply("Toll rises"))
    fetch(server, settings, tmp_path, "/live.html")
    summary, articles, _ = fetch(server, settings, tmp_path, "/live.html")
    assert summary.counts["unchanged"] == 1 and articles == []  # 200, same content

    server.route("/live.html", html_reply("Toll rises again"))
    summary, articles, _ = fetch(server, settings, tmp_path, "/live.html")
    assert summary.counts["changed"] == 1
    assert articles[0]["title"] == "Toll rises again"
    assert articles[0]["id"]  # same URL, same id: the store updates the document


def test_fetch_failed_entry_is_retried_by_the_next_run(server, settings, tmp_path):
    settings = replace(settings, retries=0)
    server.routes["/feed.xml"] = etag_route(
        rss_feed(server, ["/ok.html", "/broken.html"]), '"f1"', "application/rss+xml"
    )
    server.route("/ok.html", html_reply("Fine"))
    server.route("/broken.html", Reply(503, b"down"), html_reply("Back up"))

    summary, articles, reported = fetch(server, settings, tmp_path, "/feed.xml")
    assert summary.counts["new"] == 1 and summary.counts["failed"] == 1
    assert reported == [f"{server.url('/broken.html')}: HTTP 503 Service Unavailable after 1 try"]

    server.requests.clear()
    summary, articles, _ = fetch(server, settings, tmp_path, "/feed.xml")
    # the feed's ETag was not kept, so the feed is read again and the broken entry retried
    assert "if-none-match" not in server.hits("/feed.xml")[0].headers
    assert [a["title"] for a in articles] == ["Back up"]
    assert server.hits("/ok.html") == []  # already fetched, no validator: not asked again
    assert summary.counts["seen"] == 1


def test_fetch_state_is_not_saved_before_the_article_is_kept(server, settings, tmp_path):
    server.route("/a.html", html_reply("Kept later"))
    sources = [Source(server.url("/a.html"), "list:1")]
    with FetchState(tmp_path / "state.sqlite") as state, ArticleWriter(tmp_path / "out") as out:
        summary = collect(sources, settings, state, out, report=print, defer_state=True)
        assert summary.counts["new"] == 1 and len(state) == 0
        for record in summary.pending:
            state.save(record)
        assert state.get(server.url("/a.html")) is not None


def test_fetch_ignores_validators_it_could_not_send_back(server, settings, tmp_path):
    server.route("/odd.html", html_reply("Odd validators", ETag='"caf\u00e9"'))
    summary, _, _ = fetch(server, settings, tmp_path, "/odd.html")
    assert summary.counts["new"] == 1
    summary, articles, reported = fetch(server, settings, tmp_path, "/odd.html")
    assert reported == [] and summary.counts["unchanged"] == 1 and articles == []
    assert "if-none-match" not in server.hits("/odd.html")[-1].headers
