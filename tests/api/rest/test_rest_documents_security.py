"""/api/documents, write tokens, body limits, error shape and security headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from .conftest import TEXT, TOKEN

CSP_PARTS = (
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
)


def _assert_secure(response) -> None:
    csp = response.headers["content-security-policy"]
    assert all(part in csp for part in CSP_PARTS)
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_rest_documents_list_pages_without_text(client: TestClient) -> None:
    seen, cursor = [], None
    while True:
        body = client.get(
            "/api/documents", params={"limit": 4, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert [d["doc_id"] for d in seen][:2] == ["doc-5", "doc-2"]  # newest published first
    assert seen[-1]["doc_id"] == "doc-4"  # undated last
    assert len({d["doc_id"] for d in seen}) == 6
    assert all("text" not in d and d["events"] == 5 for d in seen)
    only_c = client.get("/api/documents", params={"source": "Wire C"}).json()["items"]
    assert [d["doc_id"] for d in only_c] == ["doc-2"]
    found = client.get("/api/documents", params={"q": "REPORT 3"}).json()["items"]
    assert [d["doc_id"] for d in found] == ["doc-3"]


def test_rest_documents_one_document_has_text_that_spans_index(client: TestClient) -> None:
    response = client.get("/api/documents/doc-5")
    assert response.status_code == 200
    document = response.json()
    assert document["text"] == TEXT
    assert document["title"].endswith("<b>bold</b>")  # kept as data, served as JSON only
    assert response.headers["content-type"] == "application/json"
    start, end = document["events"][0]["evidence"]["actor1"][0]
    assert document["text"][start:end] == "Liwa al-Quds"
    assert document["relations"][0]["predicate"] == "allied_with"
    _assert_secure(response)


def test_rest_errors_have_one_shape_and_secure_headers(client: TestClient) -> None:
    for path, status, code in (
        ("/api/documents/nope", 404, "not_found"),
        ("/api/no/such/route", 404, "not_found"),
        ("/api/actors/Nobody%20At%20All", 404, "not_found"),
        ("/api/outlets/Nobody", 404, "not_found"),
    ):
        response = client.get(path)
        assert response.status_code == status, path
        assert response.json() == {
            "error": {
                "status": status,
                "code": code,
                "message": response.json()["error"]["message"],
            }
        }
        assert response.json()["error"]["message"]
        _assert_secure(response)
    response = client.delete("/api/documents/doc-1")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_rest_writes_disabled_without_a_server_token(client: TestClient) -> None:
    response = client.post(
        "/api/documents", json={"text": "x"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "writes_disabled"
    assert client.get("/api/health").json()["writes_enabled"] is False


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {TOKEN}"}],
)
def test_rest_writes_need_the_right_token(writer: TestClient, headers: dict) -> None:
    response = writer.post("/api/documents", json={"text": TEXT}, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"
    assert writer.get("/api/health").json() == {
        "status": "ok",
        "documents": 0,
        "events": 0,
        "writes_enabled": True,
    }


def test_rest_bodies_over_the_limit_are_413_before_reading(writer: TestClient) -> None:
    big = b'{"text": "' + b"a" * (70 * 1024) + b'"}'
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    response = writer.post("/api/documents", content=big, headers=headers)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    _assert_secure(response)

    def chunks():  # no Content-Length: counted while it streams
        for _ in range(70):
            yield b"a" * 1024

    streamed = writer.post("/api/documents", content=chunks(), headers=headers)
    assert streamed.status_code == 413
    assert writer.get("/api/health").json()["documents"] == 0


def test_rest_bad_json_and_bad_fields_are_refused(writer: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    broken = writer.post("/api/documents", content=b'{"text": ', headers=headers)
    assert broken.status_code == 400
    assert broken.json()["error"]["code"] == "invalid_json"
    empty = writer.post("/api/documents", json={"text": ""}, headers=headers)
    assert empty.status_code == 422
    assert "text" in empty.json()["error"]["message"]
    unknown = writer.post("/api/documents", json={"text": "a", "html": "<p>"}, headers=headers)
    assert unknown.status_code == 422


def test_rest_loopback_servers_refuse_other_host_names(store_url: str) -> None:
    from conflictlens.api import create_app
    from conflictlens.api.security import LOOPBACK_HOSTS

    with TestClient(create_app(store_url, allowed_hosts=LOOPBACK_HOSTS)) as local:
        assert local.get("/api/health", headers={"Host": "127.0.0.1:8000"}).status_code == 200
        assert local.get("/api/health", headers={"Host": "localhost"}).status_code == 200
        rebound = local.get("/api/health", headers={"Host": "attacker.example:8000"})
        assert rebound.status_code == 400
        assert rebound.json()["error"]["code"] == "invalid_host"
        _assert_secure(rebound)


@pytest.mark.slow
def test_rest_post_analyses_stores_and_keeps_hostile_text_as_data(writer: TestClient) -> None:
    text = (
        "Islamic State militants attacked Liwa al-Quds positions near Palmyra on April 19, "
        "2024, killing 20 fighters, a monitor said. <script>alert(1)</script> "
        '<img src=x onerror="alert(2)"> <a href="javascript:alert(3)">more</a>'
    )
    headers = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": text, "id": "xss-1", "published": "2024-04-21", "source": "Wire <i>X</i>"}
    created = writer.post("/api/documents", json=body, headers=headers)
    assert created.status_code == 201, created.text
    assert created.headers["location"] == "/api/documents/xss-1"
    document = created.json()
    assert document["text"] == text and document["source"] == "Wire <i>X</i>"
    assert document["events"], "the attack is extracted"
    again = writer.post("/api/documents", json=body, headers=headers)
    assert again.status_code == 200
    stored = writer.get("/api/documents/xss-1")
    assert stored.json()["text"] == text
    assert stored.headers["content-type"] == "application/json"
    _assert_secure(stored)
    events = writer.get("/api/events", params={"doc_id": "xss-1"}).json()["items"]
    assert len(events) == len(document["events"])
