"""The registry graph written as GraphML and node-link JSON and read back by networkx."""

from __future__ import annotations

import io
import json

import networkx as nx

from conflictlens.actors import actor_graph, write_graph

from .conftest import relation

TEXT = (
    "Liwa al-Quds has fought alongside Hezbollah. "
    "The brigade was formed in 2013 by engineer Muhammad al-Sa'eed. "
    "Hezbollah receives arms support from Iran."
)


def _store(register):  # type: ignore[no-untyped-def]
    register(
        "g1",
        TEXT,
        source="Alwaght",
        published="2016-10-07",
        relations=[
            relation(TEXT, "Liwa al-Quds", "allied_with", "Hezbollah", "fought alongside"),
            relation(TEXT, "Liwa al-Quds", "founded_by", "Muhammad al-Sa'eed", "Muhammad"),
            relation(TEXT, "Hezbollah", "supported_by", "Iran", "arms support from Iran"),
        ],
    )


def test_graphml_round_trips_nodes_edges_and_attributes(store, register) -> None:  # type: ignore[no-untyped-def]
    _store(register)
    graph = actor_graph(store, "Liwa al-Quds", depth=2)
    out = io.StringIO()
    write_graph(graph, "graphml", out)
    back = nx.read_graphml(io.BytesIO(out.getvalue().encode("utf-8")), force_multigraph=True)
    assert set(back.nodes) == set(graph.nodes)
    assert back.nodes["liwa-al-quds"]["label"] == "Liwa al-Quds"
    assert back.nodes["liwa-al-quds"]["inter"] == 3
    assert "Al-Quds Brigade" in back.nodes["liwa-al-quds"]["aliases"]
    edge = back.get_edge_data("liwa-al-quds", "hezbollah")["allied_with"]
    assert edge["predicate"] == "allied_with"
    assert edge["claims"] == 1 and edge["sources"] == "Alwaght"
    assert edge["first_date"] == "2016-10-07"
    assert back.has_edge("hezbollah", "country:Iran")  # two steps away: inside depth 2
    assert back.number_of_edges() == graph.number_of_edges()


def test_node_link_json_round_trips_and_depth_limits_the_graph(store, register) -> None:  # type: ignore[no-untyped-def]
    _store(register)
    out = io.StringIO()
    write_graph(actor_graph(store, "Liwa al-Quds", depth=1), "json", out)
    back = nx.node_link_graph(json.loads(out.getvalue()), edges="edges")
    assert back.is_multigraph() and back.is_directed()
    assert set(back.nodes) == {"liwa-al-quds", "hezbollah", "person:Muhammad al-Sa'eed"}
    assert back.nodes["person:Muhammad al-Sa'eed"]["kind"] == "person"
    assert back["liwa-al-quds"]["hezbollah"]["allied_with"]["evidence"].startswith("Liwa al-Quds")
