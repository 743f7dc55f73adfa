"""Safety limits: body size, redirects, content types, schemes, input lists."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conflictlens.errors import InputError
from conflictlens.fetch import (
    ArticleWriter,
    FetchError,
    FetchSettings,
    FetchState,
    Source,
    collect,
    read_source_file,
)
from conflictlens.fetch.urls import check_url

from .conftest import FixtureServer, Reply, html_reply, url_list

_MB = 1024 * 1024


def fetch_one(server: FixtureServer, settings: FetchSettings, tmp_path: Path, path: str):
    reported: list[str] = []
    with FetchState(tmp_path / "state.sqlite") as state, ArticleWriter(tmp_path / "out") as out:
        summary = collect(
            [Source(server.url(path), "list:1")], settings, state, out, report=reported.append
        )
    return summary, reported, out.path


def test_fetch_aborts_a_50mb_page_without_loading_it(server, settings, tmp_path):
    server.route(
        "/huge.html",
        Reply(200, headers={"Content-Type": "text/html"}, stream_bytes=50 * _MB),
    )
    summary, reported, written = fetch_one(
        server, replace(settings, max_bytes=1 * _MB), tmp_path, "/huge.html"
    )
    assert summary.counts["failed"] == 1 and written is None
    assert reported == [f"{server.url('/huge.html')}: too large (over the 1 MB limit)"]
    assert len(server.hits("/huge.html")) == 1  # a size refusal is not retried
    assert server.streamed < 50 * _MB  # the client hung up: the server never finished


def test_fetch_refuses_a_declared_length_before_reading(server, settings, tmp_path):
    body = b"<html><body>" + b"y" * (2 * _MB) + b"</body></html>"
    server.route("/big.html", Reply(200, body, {"Content-Type": "text/html"}))
    summary, reported, _ = fetch_one(
        server, replace(settings, max_bytes=1 * _MB), tmp_path, "/big.html"
    )
    assert summary.counts["failed"] == 1
    assert reported == [f"{server.url('/big.html')}: too large (2 MB > 1 MB limit)"]


def test_fetch_detects_a_redirect_loop(server, settings, tmp_path):
    server.route("/a", Reply(302, headers={"Location": "/b"}))
    server.route("/b", Reply(301, headers={"Location": server.url("/a")}))
    summary, reported, _ = fetch_one(server, settings, tmp_path, "/a")
    assert summary.counts["failed"] == 1
    assert reported == [f"{server.url('/a')}: redirect loop (back to {server.url('/a')})"]
    assert len(server.hits("/a")) == 1 and len(server.hits("/b")) == 1


def test_fetch_limits_the_number_of_redirects(server, settings, tmp_path):
    for n in range(10):
        server.route(f"/r{n}", Reply(307, headers={"Location": f"/r{n + 1}"}))
    _summary, reported, _ = fetch_one(server, replace(settings, max_redirects=3), tmp_path, "/r0")
    assert reported == [f"{server.url('/r0')}: more than 3 redirects"]
    assert server.hits("/r4") == []


def test_fetch_follows_a_redirect_and_keeps_the_final_url(server, settings, tmp_path):
    server.route("/old", Reply(301, headers={"Location": "/new.html"}))
    server.route("/new.html", html_reply("Moved report"))
    summary, reported, written = fetch_one(server, settings, tmp_path, "/old")
    assert summary.counts["new"] == 1 and reported == []
    assert server.url("/new.html") in written.read_text()


def test_fetch_refuses_a_redirect_to_a_file_url(server, settings, tmp_path):
    server.route("/evil", Reply(302, headers={"Location": "file:///etc/passwd"}))
    summary, reported, _ = fetch_one(server, settings, tmp_path, "/evil")
    assert summary.counts["failed"] == 1
    assert reported == [
        f"{server.url('/evil')}: redirect refused: only http and https URLs are fetched "
        "(scheme 'file:')"
    ]


def test_fetch_robots_applies_to_redirect_targets(server, settings, tmp_path):
    server.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n"))
    server.route("/go", Reply(302, headers={"Location": "/private/x.html"}))
    server.route("/private/x.html", html_reply("X"))
    summary, _, _ = fetch_one(server, settings, tmp_path, "/go")
    assert summary.counts["skipped"] == 1
    assert server.hits("/private/x.html") == []


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("application/pdf", "unsupported content type 'application/pdf'"),
        ("image/png", "unsupported content type 'image/png'"),
        ("application/json", "unsupported content type 'application/json'"),
    ],
)
def test_fetch_refuses_non_html_content(server, settings, tmp_path, content_type, expected):
    server.route("/file", Reply(200, b"%PDF-1.4 binary", {"Content-Type": content_type}))
    summary, reported, written = fetch_one(server, settings, tmp_path, "/file")
    assert summary.counts["failed"] == 1 and written is None
    assert reported == [f"{server.url('/file')}: {expected}"]


def test_fetch_reports_http_errors_once(server, settings, tmp_path):
    _summary, reported, _ = fetch_one(server, settings, tmp_path, "/missing.html")
    assert reported == [f"{server.url('/missing.html')}: HTTP 404 Not Found"]
    assert len(server.hits("/missing.html")) == 1  # a 404 is not retried


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http and https URLs are fetched (scheme 'file:')"),
        ("javascript:alert(1)", "only http and https URLs are fetched (scheme 'javascript:')"),
        ("ftp://example.org/x", "only http and https URLs are fetched (scheme 'ftp:')"),
        ("example.org/news", "only http and https URLs are fetched (scheme none)"),
        ("http:///nohost", "URL has no host"),
        ("http://example.org:99999/", "not a valid URL"),
    ],
)
def test_fetch_accepts_only_http_urls(url, reason):
    with pytest.raises(FetchError) as caught:
        check_url(url)
    assert reason in str(caught.value)


def test_fetch_url_list_reports_bad_lines_by_number(tmp_path):
    path = url_list(tmp_path, "https://example.org/a", "javascript:alert(1)", "http://b.test/x#top")
    items = list(read_source_file(path, "urls.txt"))
    assert [item.url for item in items if isinstance(item, Source)] == [
        "https://example.org/a",
        "http://b.test/x",  # fragments are not part of what is fetched
    ]
    errors = [str(item) for item in items if isinstance(item, InputError)]
    assert errors == [
        "urls.txt:4: only http and https URLs are fetched (scheme 'javascript:')"
    ]  # line 1 is a comment, line 2 blank


def test_fetch_reads_opml_feed_lists(tmp_path):
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>f</title></head><body>'
        '<outline text="World"><outline text="A" type="rss" xmlUrl="https://a.test/rss"/>'
        '<outline text="B" type="rss" xmlUrl="https://b.test/atom.xml"/></outline>'
        '<outline text="Bad" xmlUrl="file:///etc/hosts"/></body></opml>',
        encoding="utf-8",
    )
    items = list(read_source_file(opml, "feeds.opml"))
    assert [i.url for i in items if isinstance(i, Source)] == [
        "https://a.test/rss",
        "https://b.test/atom.xml",
    ]
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        "feeds.opml:outline 3: only http and https URLs are fetched (scheme 'file:')"
    ]


def test_fetch_list_with_no_urls_is_an_input_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("# only comments\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="no URLs in the file"):
        list(read_source_file(path, "empty.txt"))
