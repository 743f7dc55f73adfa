"""The UI in a real browser over the real API: reader, table, map, timeline, graph, outlets.

Each test also fails (see conftest ``ui``) when the page logs an error (a CSP violation is
one), throws, opens a dialog or contacts anything but the local server.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.slow

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect: Any = playwright.expect

SEED = "003_fa6d3bb78d6323a6"


def test_web_reader_click_highlight_shows_its_record(ui: Any) -> None:
    page = ui.open(f"doc/{SEED}")
    ambush = page.locator("#article-text mark.hl", has_text=re.compile(r"^ambush$"))
    ambush.click()
    detail = page.locator("#record-detail")
    expect(detail).to_have_attribute("data-record", re.compile(r"^event:"))
    expect(detail).to_contain_text("Armed clash")
    expect(detail).to_contain_text("Liwa al-Quds")
    # the record's evidence is listed with the words it points at
    expect(detail.locator("ul.evidence")).to_contain_text("April 19, 2024")
    # and the clicked word is among the highlighted evidence
    expect(ambush).to_have_class(re.compile(r"\bactive\b"))


def test_web_reader_click_record_highlights_its_evidence(ui: Any) -> None:
    page = ui.open(f"doc/{SEED}")
    assert page.locator("#article-text mark.hl.active").count() == 0
    page.locator("#record-list button[data-record^='event:']", has_text="Armed clash").click()
    active = page.locator("#article-text mark.hl.active")
    expect(active.first).to_be_visible()
    texts = active.all_inner_texts()
    assert "April 19, 2024" in texts and "Liwa al-Quds" in texts and "ambush" in texts
    # a record of another kind (in its folded group) moves the highlight
    page.locator("#record-list details.g-quote summary").click()
    page.locator("#record-list button[data-record^='quote:']").click()
    expect(page.locator("#record-detail")).to_contain_text("Yuri Popov")
    assert "ambush" not in page.locator("#article-text mark.hl.active").all_inner_texts()
    ui.screenshot("reader")


def test_web_reader_cuts_overlapping_spans_at_every_boundary(ui: Any) -> None:
    page = ui.open(f"doc/{SEED}")
    segments = page.evaluate(
        """async () => {
            const { segment } = await import("./static/js/spans.js");
            return segment(20, [{id: 0, start: 0, end: 10}, {id: 1, start: 5, end: 15},
                                {id: 2, start: 5, end: 8}, {id: 3, start: 18, end: 40}]);
        }"""
    )
    assert [(s["start"], s["end"], sorted(s["ids"])) for s in segments] == [
        (0, 5, [0]),
        (5, 8, [0, 1, 2]),
        (8, 10, [0, 1]),
        (10, 15, [1]),
        (15, 18, []),
        (18, 20, [3]),
    ]
    # in the page: "Likely" is a hedge and the certainty evidence of an event; clicking it
    # offers both records
    page.locator("#article-text mark.hl", has_text=re.compile(r"^Likely$")).click()
    also = page.locator("#record-detail .also li")
    expect(also).to_have_count(1)
    kinds = {page.locator("#record-detail").get_attribute("data-record").split(":")[0]}
    kinds.add(also.inner_text().split(":")[0])
    assert kinds == {"event", "hedge"}


def test_web_event_table_filters_and_downloads(ui: Any) -> None:
    page = ui.open("events")
    rows = page.locator("#events-table tr.event-row")
    expect(rows.first).to_be_visible()
    everything = rows.count()
    page.fill("#f-source", "TMJ News")
    page.click("#apply-filters")
    expect(rows).to_have_count(2)
    assert everything > 2
    expect(page.locator("#events-table")).not_to_contain_text("Alwaght")
    page.select_option("#f-sub_event_type", "Armed clash")
    page.click("#apply-filters")
    expect(rows).to_have_count(1)
    csv = page.locator("#download-csv")
    href = csv.get_attribute("href") or ""
    assert "format=csv" in href and "source=TMJ+News" in href
    response = page.request.get(f"{ui.base}/{href}")
    assert response.ok
    lines = [line for line in response.text().splitlines() if line.strip()]
    assert len(lines) == 2 and lines[0].startswith("event_id_cnty")
    ui.screenshot("events")


def test_web_map_shows_sized_markers_over_the_offline_basemap(ui: Any) -> None:
    page = ui.open("map")
    markers = page.locator("#map path.event-marker")
    expect(markers.first).to_be_attached()
    assert markers.count() == int(page.locator("#map").get_attribute("data-markers") or 0) > 0
    # the bundled country boundaries are drawn; the online tiles stay off
    assert page.locator("#map .leaflet-overlay-pane path:not(.event-marker)").count() > 100
    assert not page.is_checked("#online-tiles")
    assert page.locator("#map img.leaflet-tile").count() == 0
    # circle paths are "M x,y a r,r ...": events with different fatalities differ in size
    radii = {re.search(r"a([\d.]+),", m.get_attribute("d") or "").group(1) for m in markers.all()}
    assert len(radii) > 1
    ui.screenshot("map")


def test_web_map_reaches_the_tile_host_only_when_asked(ui: Any) -> None:
    page = ui.open("map")
    page.wait_for_timeout(300)
    assert ui.outside == []
    page.check("#online-tiles")
    expect(page.locator("#map img.leaflet-tile").first).to_be_attached()
    page.wait_for_timeout(300)
    # the fixture blocked them (no network in tests); only the tile host was asked
    assert ui.outside and all(u.startswith("https://tile.openstreetmap.org/") for u in ui.outside)
    ui.outside.clear()
    ui.errors[:] = [e for e in ui.errors if "Failed to load resource" not in e]


def test_web_timeline_draws_one_dot_per_dated_event(ui: Any) -> None:
    page = ui.open("timeline")
    dots = page.locator("#timeline circle.event-dot")
    expect(dots.first).to_be_attached()
    expect(page.locator("#timeline-count")).to_contain_text(f"{dots.count()} dated events")
    ui.screenshot("timeline")


def test_web_actor_graph_shows_relations_and_sources_on_hover(ui: Any) -> None:
    page = ui.open("actors/Liwa%20al-Quds")
    graph = page.locator("#graph")
    assert int(graph.get_attribute("data-nodes") or 0) > 3
    expect(page.locator("#relations-table")).to_contain_text("Alwaght")
    # hover the founded_in edge (through Cytoscape's own event: edges can cross, so a mouse
    # position may land on another edge): its type and its source appear
    page.evaluate(
        """() => {
            const cy = document.getElementById("graph")._cyreg.cy;
            cy.edges("[predicate = 'founded_in']")[0].emit("mouseover");
        }"""
    )
    hover = page.locator("#graph-hover")
    expect(hover).to_contain_text("founded_in")
    expect(hover).to_contain_text("sources: Alwaght")
    ui.screenshot("actors")


def test_web_outlets_side_by_side(ui: Any) -> None:
    page = ui.open("outlets")
    header = page.locator("#outlets-table thead th").all_inner_texts()
    assert "Alwaght" in header and "TMJ News" in header
    expect(page.locator("#outlets-table")).to_contain_text("hedges / 1,000 words")
    expect(page.locator("#labels-table")).to_contain_text("resistance movement")
    ui.screenshot("outlets")


def test_web_documents_list_opens_the_reader(ui: Any) -> None:
    page = ui.open("documents")
    page.locator("#documents-table a.doc-link", has_text="Palestinian Fighters").click()
    expect(page.locator("#article-text")).to_contain_text("20 fighters from Liwa al-Quds")
    ui.screenshot("documents")
