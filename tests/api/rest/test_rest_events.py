"""/api/events: filters, sorts, keyset pages, downloads, single events."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from conflictlens.export import COLUMNS
from conflictlens.records import Event


def _keys(items: list[dict]) -> list[tuple[str, str]]:
    return [(item["doc_id"], item["event_id"]) for item in items]


def _walk(client: TestClient, params: dict) -> list[dict]:
    """Every page of a listing, following next_cursor."""
    items: list[dict] = []
    cursor = None
    for _ in range(100):
        response = client.get("/api/events", params=params | ({"cursor": cursor} if cursor else {}))
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def _expected(all_events: list[tuple[str, Event]], sort: str) -> list[tuple[str, str]]:
    field = sort.lstrip("-")
    descending = sort.startswith("-")

    def key(pair: tuple[str, Event]) -> tuple:
        value = getattr(pair[1], field)
        # Undated events count as the earliest date.
        value = ("", "") if value is None else ("~", value)
        return (value, pair[0], pair[1].event_id)

    return [(d, e.event_id) for d, e in sorted(all_events, key=key, reverse=descending)]


@pytest.mark.parametrize("sort", ["event_date", "-event_date", "fatalities", "-fatalities"])
def test_rest_events_pages_cover_every_event_once_in_sort_order(
    client: TestClient, all_events: list[tuple[str, Event]], sort: str
) -> None:
    items = _walk(client, {"sort": sort, "limit": 7})
    assert len(items) == len(all_events) == 30
    assert _keys(items) == _expected(all_events, sort)


def test_rest_events_default_page_and_limit_bounds(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 4}).json()
    assert len(body["items"]) == 4 and body["next_cursor"]
    assert body["items"][0]["event_date"] == "2024-04-05"  # newest first by default
    assert client.get("/api/events", params={"limit": 1001}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_rest_events_filters_match_exact_values(
    client: TestClient, all_events: list[tuple[str, Event]]
) -> None:
    def count(**params: str) -> int:
        return len(_walk(client, params | {"limit": 1000}))

    assert count(country="Iraq") == sum(e.country == "Iraq" for _, e in all_events)
    assert count(country="iraq") == 0
    assert count(admin1="Aleppo") == sum(e.admin1 == "Aleppo" for _, e in all_events)
    assert count(event_type="Battles", sub_event_type="Armed clash") == 12
    assert count(certainty="suspected") == 6
    assert count(doc_id="doc-3") == 5
    dated = [
        e for _, e in all_events if e.event_date and "2024-04-02" <= e.event_date <= "2024-04-03"
    ]
    assert count(date_from="2024-04-02", date_to="2024-04-03") == len(dated)
    # Associated actors match as whole names, never as parts of a name.
    assert count(actor="Hezbollah") == 6
    assert count(actor="Liwa Fatemiyoun") == 6
    assert count(actor="Hezbol") == 0
    assert count(actor="Liwa al-Quds") == sum(
        "Liwa al-Quds" in (e.actor1, e.actor2) for _, e in all_events
    )
    # Events of doc-2 have no source of their own: the document's outlet applies.
    assert count(source="Wire C") == 5
    assert count(source="Outlet A") == 10  # doc-0 and doc-4 (doc-2 is Wire C)


def test_rest_events_bbox_keeps_events_inside(client: TestClient) -> None:
    items = _walk(client, {"bbox": "35,30,40,36", "limit": 1000})
    assert items and all(35 <= i["longitude"] <= 40 and 30 <= i["latitude"] <= 36 for i in items)
    assert {i["location"] for i in items} == {"Palmyra"}
    # west > east crosses the antimeridian: everything but 35..180 here.
    crossing = _walk(client, {"bbox": "40,-90,35,90", "limit": 1000})
    assert {i["location"] for i in crossing} == {"Ramadi"}


@pytest.mark.parametrize(
    "params",
    [
        {"bbox": "1,2,3"},
        {"bbox": "0,0,200,10"},
        {"bbox": "0,50,10,10"},
        {"date_from": "2024-13-01"},
        {"date_from": "2024-04-05", "date_to": "2024-04-01"},
        {"certainty": "probably"},
        {"sort": "location"},
        {"format": "xlsx"},
    ],
)
def test_rest_events_bad_parameters_are_422_naming_the_parameter(
    client: TestClient, params: dict
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["status"] == 422 and error["code"] == "invalid_parameter"
    assert any(name in error["message"] for name in params)


def test_rest_events_cursor_of_another_sort_or_garbage_is_400(client: TestClient) -> None:
    cursor = client.get("/api/events", params={"limit": 2}).json()["next_cursor"]
    for params in (
        {"cursor": cursor, "sort": "fatalities"},
        {"cursor": "bm9wZQ"},
        {"cursor": "%%"},
    ):
        response = client.get("/api/events", params=params)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_cursor"


def test_rest_events_csv_download_is_the_filtered_set_in_acled_columns(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "csv", "country": "Iraq", "limit": 1})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 10 and {r["country"] for r in rows} == {"Iraq"}  # limit ignored


def test_rest_events_geojson_download_is_a_feature_collection(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "geojson", "actor": "Hezbollah"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = json.loads(response.text)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 6


def test_rest_events_one_event_and_missing_ones(client: TestClient) -> None:
    response = client.get("/api/events/doc-1/e3")
    assert response.status_code == 200
    event = response.json()
    assert event["doc_id"] == "doc-1" and event["assoc_actor_1"] == "Hezbollah; Liwa Fatemiyoun"
    assert event["evidence"]["actor1"] == [[0, 12]]
    missing = client.get("/api/events/doc-1/e99")
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "status": 404,
        "code": "not_found",
        "message": "event 'e99' of document 'doc-1': not in the store",
    }
