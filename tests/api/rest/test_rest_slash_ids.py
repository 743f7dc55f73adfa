"""Ids and names with a slash (a URL as a document id, "Reuters/AFP" as an outlet) are
reachable in paths, percent-encoded as the UI sends them or not."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from .conftest import TEXT, make_documents


def test_rest_ids_and_names_with_a_slash(tmp_path: Path) -> None:
    from conflictlens.api import create_app
    from conflictlens.store import Store

    document = make_documents()[0].model_copy(
        update={"doc_id": "https://example.org/news/1", "source": "Reuters/AFP"}
    )
    for event in document.events:
        event.source = "Reuters/AFP"
    url = f"sqlite:///{tmp_path / 'slash.sqlite'}"
    with Store(url) as store:
        store.save(document, text=TEXT, content_hash="h")
    with TestClient(create_app(url)) as client:
        for doc_path in (document.doc_id, quote(document.doc_id, safe="")):
            got = client.get(f"/api/documents/{doc_path}")
            assert got.status_code == 200, got.text
            assert got.json()["doc_id"] == document.doc_id
            event_id = document.events[1].event_id
            one = client.get(f"/api/events/{doc_path}/{event_id}")
            assert one.status_code == 200, one.text
            assert (one.json()["doc_id"], one.json()["event_id"]) == (document.doc_id, event_id)
        outlet = client.get(f"/api/outlets/{quote('Reuters/AFP', safe='')}")
        assert outlet.status_code == 200, outlet.text
        assert client.get("/api/documents/https://example.org/news/2").status_code == 404
