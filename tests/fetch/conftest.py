"""A local HTTP server for the fetch tests: routes, canned answers, and a log of requests.

Only 127.0.0.1 on a free port; no test reaches the network. Each route answers with a list of
responses taken in order (the last one repeats), or with a function of the request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conflictlens.fetch import FetchSettings

AGENT = "conflictlens-tests/1.0 (+mailto:tests@example.org)"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    stream_bytes: int = 0  # send this many bytes of filler instead of ``body``, in chunks


@dataclass
class Seen:
    """One request as the server saw it."""

    at: float  # time.monotonic() when it arrived
    path: str
    headers: dict[str, str]


Handler = Callable[[Seen], Reply]


class FixtureServer:
    def __init__(self) -> None:
        self.routes: dict[str, list[Reply] | Handler] = {}
        self.requests: list[Seen] = []
        self.streamed = 0  # filler bytes actually written before the client hung up
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen = Seen(
                    time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()}
                )
                with server._lock:
                    server.requests.append(seen)
                reply = server._reply(seen)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if not reply.stream_bytes and "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if reply.stream_bytes:
                    self._stream(reply.stream_bytes)
                elif reply.body:
                    self.wfile.write(reply.body)

            def _stream(self, total: int) -> None:
                chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
                sent = 0
                try:
                    while sent < total:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                with server._lock:
                    server.streamed += sent

            def log_message(self, *args: object) -> None:  # keep pytest output clean
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def hits(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path == path]

    def _reply(self, seen: Seen) -> Reply:
        with self._lock:
            route = self.routes.get(seen.path)
            if route is None:
                return Reply(404, b"not found", {"Content-Type": "text/plain"})
            if callable(route):
                return route(seen)
            return route.pop(0) if len(route) > 1 else route[0]

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    running = FixtureServer()
    running.route("/robots.txt", Reply(404, b"", {"Content-Type": "text/plain"}))
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def settings() -> FetchSettings:
    """Fast politeness for tests: no spacing, tiny backoff; each test raises what it checks."""
    return FetchSettings(
        user_agent=AGENT, rate=0.0, backoff=0.01, timeout=5.0, workers=2, allow_private=True
    )


def article_html(title: str, sentences: int = 6) -> bytes:
    """A small news page with a headline and a few paragraphs of our own words."""
    paragraphs = "".join(
        f"<p>Paragraph {n} of the report on {title}: officials in the district said on "
        f"Tuesday that the situation remained tense, and that talks would resume next week.</p>"
        for n in range(1, sentences + 1)
    )
    page = (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        '<meta charset="utf-8"></head><body><nav>Home | World</nav>'
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>(c) Outlet</footer>"
        "</body></html>"
    )
    return page.encode("utf-8")


def html_reply(title: str, **headers: str) -> Reply:
    return Reply(200, article_html(title), {"Content-Type": "text/html; charset=utf-8", **headers})


def rss_feed(server: FixtureServer, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Item {n}</title><link>{server.url(path)}</link>"
        f"<guid>{server.url(path)}</guid><pubDate>Tue, 16 Apr 2024 08:00:00 +0000</pubDate>"
        "</item>"
        for n, path in enumerate(paths, start=1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Fixture Outlet</title><link>{server.url('/')}</link>{items}</channel></rss>"
    ).encode()


def url_list(tmp_path: Path, *urls: str, name: str = "urls.txt") -> Path:
    path = tmp_path / name
    path.write_text("# fixture list\n\n" + "\n".join(urls) + "\n", encoding="utf-8")
    return path
