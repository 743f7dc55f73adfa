"""/api/actors, /api/outlets and /api/consensus over the hand-made store."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_rest_actors_list_pages_by_name_with_aliases_and_event_counts(client: TestClient) -> None:
    names, cursor = [], None
    for _ in range(3):
        body = client.get(
            "/api/actors", params={"limit": 5, **({"cursor": cursor} if cursor else {})}
        ).json()
        names += [item["name"] for item in body["items"]]
        cursor = body["next_cursor"]
    assert names == sorted(names) and len(set(names)) == 15
    found = client.get("/api/actors", params={"q": "liwa al quds"}).json()["items"]
    quds = next(item for item in found if item["name"] == "Liwa al-Quds")
    assert "Quds Brigade" in quds["aliases"]
    assert quds["events"] == 18  # actor1 or actor2 in 3 of 5 events of each document


def test_rest_actor_detail_has_sourced_relations_and_events(client: TestClient) -> None:
    response = client.get("/api/actors/Liwa al-Quds")
    assert response.status_code == 200
    actor = response.json()
    assert actor["name"] == "Liwa al-Quds" and actor["inter"] == 3
    allied = [r for r in actor["relations"] if r["predicate"] == "allied_with"]
    assert allied and {r["doc_id"] for r in allied} == {f"doc-{n}" for n in range(6)}
    assert all(r["count"] >= 1 and r["source"] for r in allied)
    assert len(actor["events"]) == 18 and all("doc_id" in e for e in actor["events"])
    by_alias = client.get("/api/actors/Quds Brigade").json()
    assert by_alias["name"] == "Liwa al-Quds"


def test_rest_actor_graph_is_node_link_with_sources(client: TestClient) -> None:
    response = client.get("/api/actors/Liwa al-Quds/graph", params={"depth": 1})
    assert response.status_code == 200
    graph = response.json()
    ids = {node["id"] for node in graph["nodes"]}
    assert graph["links"] and all(
        link["source"] in ids and link["target"] in ids for link in graph["links"]
    )
    allied = next(link for link in graph["links"] if link["predicate"] == "allied_with")
    assert set(allied["sources"]) == {"Outlet A", "Outlet B", "Wire C"}
    assert client.get("/api/actors/Liwa al-Quds/graph", params={"depth": 9}).status_code == 422


def test_rest_outlets_summary_and_detail(client: TestClient) -> None:
    items = client.get("/api/outlets").json()["items"]
    assert {o["source"] for o in items} == {"Outlet A", "Outlet B", "Wire C"}
    outlet_b = next(o for o in items if o["source"] == "Outlet B")
    assert outlet_b["documents"] == 3 and outlet_b["events"] == 15
    detail = client.get("/api/outlets/outlet b").json()
    assert detail["source"] == "Outlet B"
    assert {"techniques", "labels", "quoted_labels", "hedges_per_1000_words"} <= set(detail)


def test_rest_consensus_filters_and_pages(client: TestClient) -> None:
    seen, cursor = [], None
    while True:
        body = client.get(
            "/api/consensus", params={"limit": 3, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen and len({c["cluster_id"] for c in seen}) == len(seen)
    assert all({"cluster_id", "doc_ids", "sources", "fields"} <= set(c) for c in seen)
    iraq = client.get("/api/consensus", params={"country": "Iraq", "limit": 1000}).json()["items"]
    assert iraq and all(c["fields"]["country"]["value"] == "Iraq" for c in iraq)
    assert len(iraq) < len(seen)
