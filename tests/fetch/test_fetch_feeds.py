"""Feeds and pages as served: Atom with relative links, link-less entries, declared charsets."""

from __future__ import annotations

import json
from pathlib import Path

from conflictlens.fetch import ArticleWriter, FetchSettings, FetchState, Source, collect

from .conftest import FixtureServer, Reply, html_reply

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title><id>urn:x</id>
<updated>2024-04-18T10:00:00Z</updated>
<entry><title>Linked</title><id>urn:e1</id><link href="/news/rel.html"/>
<updated>2024-04-18T09:00:00-05:00</updated></entry>
<entry><title>Brief</title><id>urn:e2</id><updated>2024-04-17T09:00:00Z</updated>
<content type="html">&lt;p&gt;Shelling was reported overnight in the northern district,
residents said.&lt;/p&gt;</content>
</entry></feed>"""


def fetch(server: FixtureServer, settings: FetchSettings, tmp_path: Path, path: str):
    reported: list[str] = []
    with FetchState(tmp_path / "s.sqlite") as state, ArticleWriter(tmp_path / "out") as out:
        summary = collect(
            [Source(server.url(path), "list:1")], settings, state, out, report=reported.append
        )
    lines = out.path.read_text(encoding="utf-8").splitlines() if out.path else []
    return summary, [json.loads(line) for line in lines], reported


def test_fetch_atom_relative_links_and_entries_without_link(server, settings, tmp_path):
    server.route("/feeds/atom", Reply(200, ATOM, {"Content-Type": "application/atom+xml"}))
    server.route("/news/rel.html", html_reply("Relative link report"))
    summary, articles, reported = fetch(server, settings, tmp_path, "/feeds/atom")
    assert reported == [] and summary.counts["new"] == 2
    by_title = {a["title"]: a for a in articles}
    linked = by_title["Relative link report"]
    assert linked["url"] == server.url("/news/rel.html")
    assert linked["published"] == "2024-04-18"  # the outlet's local day
    brief = by_title["Brief"]
    assert " ".join(brief["text"].split()) == (
        "Shelling was reported overnight in the northern district, residents said."
    )
    assert brief["source"] == "Atom Outlet" and brief["url"] is None

    summary, articles, _ = fetch(server, settings, tmp_path, "/feeds/atom")
    assert articles == []  # the brief is known by its id; the page, sent without validators,
    assert summary.counts["unchanged"] == 1 and summary.counts["seen"] == 1  # is not asked again
    assert len(server.hits("/news/rel.html")) == 1


def test_fetch_uses_the_charset_declared_in_the_http_header(server, settings, tmp_path):
    page = (
        "<html><head><title>Caf\u00e9 report</title></head><body><article>"
        + "<p>Le caf\u00e9 du quartier est rest\u00e9 ferm\u00e9 apr\u00e8s l'attaque.</p>" * 5
        + "</article></body></html>"
    ).encode("latin-1")
    server.route("/latin.html", Reply(200, page, {"Content-Type": "text/html; charset=latin-1"}))
    _, articles, reported = fetch(server, settings, tmp_path, "/latin.html")
    assert reported == []
    assert articles[0]["title"] == "Caf\u00e9 report"
    assert "rest\u00e9 ferm\u00e9" in articles[0]["text"]


def test_fetch_feed_served_without_content_type_is_sniffed(server, settings, tmp_path):
    server.route("/feed", Reply(200, ATOM, {}))
    server.route("/news/rel.html", html_reply("Sniffed"))
    summary, _, reported = fetch(server, settings, tmp_path, "/feed")
    assert reported == [] and summary.counts["feed"] == 1
