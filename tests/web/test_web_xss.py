"""Article text is hostile: an article carrying <script>, <img onerror>, javascript: links,
<svg onload> and <iframe> is analysed and stored through the API, then viewed in every page
that shows text from it. Nothing may run (the payloads would set window.__xss or open a
dialog, which the ``ui`` fixture fails on) and the markup must show as literal text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.slow

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect: Any = playwright.expect

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "hostile_article.txt"
HOSTILE_SOURCE = """<img src=x onerror="window.__xss='source';alert('source')">"""


@pytest.fixture(scope="module")
def hostile_doc(ui_server: Any) -> dict[str, Any]:
    import httpx

    response = httpx.post(
        f"{ui_server.url}/api/documents",
        json={
            "id": "hostile-\"><img src=x onerror=alert('id')>",
            "text": HOSTILE.read_text(encoding="utf-8"),
            "title": "<script>window.__xss = 'title'</script> Fighters killed in Homs",
            "published": "2024-03-05",
            "source": HOSTILE_SOURCE,
            "url": "javascript:window.__xss='url'",
        },
        headers={"Authorization": f"Bearer {ui_server.token}"},
        timeout=120,
    )
    assert response.status_code in (200, 201), response.text
    doc: dict[str, Any] = response.json()
    assert doc["events"], "the hostile article should yield events to show in the table"
    return doc


def assert_nothing_ran(page: Any) -> None:
    assert page.evaluate("() => window.__xss") is None
    # no element the payloads would create exists as an element
    for selector in (
        "img[src='x']",
        "#view script",
        "svg[onload]",
        "iframe",
        "[onerror]",
        "a[href^='javascript:' i]",
    ):
        assert page.locator(selector).count() == 0, selector


def test_web_xss_reader_shows_markup_as_text(ui: Any, hostile_doc: dict[str, Any]) -> None:
    page = ui.open(f"doc/{quote(hostile_doc['doc_id'], safe='')}")
    text = page.locator("#article-text")
    expect(text).to_contain_text('<script>window.__xss = "script"; alert("script")</script>')
    expect(text).to_contain_text("""<img src=x onerror="window.__xss='img';alert('img')">""")
    expect(text).to_contain_text("javascript:window.__xss='link'")
    expect(page.locator(".article h2")).to_contain_text("<script>window.__xss = 'title'</script>")
    # the javascript: url is shown, not linked
    expect(page.locator(".meta")).to_contain_text("javascript:window.__xss='url'")
    # highlights and records work on hostile text too
    page.locator("#record-list button[data-record^='event:']").first.click()
    expect(page.locator("#record-detail")).to_contain_text(HOSTILE_SOURCE)
    for mark in page.locator("#article-text mark.hl").all()[:40]:
        mark.click()
    assert_nothing_ran(page)
    ui.screenshot("xss-reader")


def test_web_xss_table_documents_outlets_show_markup_as_text(
    ui: Any, hostile_doc: dict[str, Any]
) -> None:
    page = ui.open(f"events?doc_id={quote(hostile_doc['doc_id'], safe='')}")
    rows = page.locator("#events-table tr.event-row")
    expect(rows).to_have_count(len(hostile_doc["events"]))
    expect(rows.first).to_contain_text(HOSTILE_SOURCE)
    assert_nothing_ran(page)
    page = ui.open("documents")
    expect(page.locator("#documents-table")).to_contain_text("<script>window.__xss")
    assert_nothing_ran(page)
    page = ui.open("outlets")
    expect(page.locator("#outlets-table thead")).to_contain_text(HOSTILE_SOURCE)
    assert_nothing_ran(page)
    page = ui.open("timeline")
    assert_nothing_ran(page)
    page = ui.open("map")
    page.locator("#map path.event-marker").last.click()
    expect(page.locator(".leaflet-popup")).to_be_visible()
    assert_nothing_ran(page)


def test_web_xss_graph_shows_markup_as_text(ui: Any, hostile_doc: dict[str, Any]) -> None:
    page = ui.open("actors/Liwa%20al-Quds")
    expect(page.locator("#relations-table")).to_contain_text(HOSTILE_SOURCE)
    # hover every edge (Cytoscape's own mouseover: crossing edges make mouse positions
    # ambiguous): the hover line carries sources and evidence sentences from the article
    seen = page.evaluate(
        """() => {
            const cy = document.getElementById("graph")._cyreg.cy;
            const hover = document.getElementById("graph-hover");
            return cy.edges().map((edge) => {
                edge.emit("mouseover");
                return hover.innerText;
            });
        }"""
    )
    assert any(re.search(r"sources: .*<img src=x onerror=", line) for line in seen), seen
    assert_nothing_ran(page)
