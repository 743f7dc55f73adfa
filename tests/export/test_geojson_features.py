"""GeoJSON: RFC 7946 lon/lat order, unlocated events kept with null geometry."""

from __future__ import annotations

import io
import json

from export_records import document, located_event, unlocated_event

from conflictlens.export import write_documents, write_events


def _collection(rows) -> dict:
    out = io.StringIO()
    count = write_events(rows, "geojson", out)
    data = json.loads(out.getvalue())
    assert count == len(data["features"])
    return data


def test_geojson_point_is_longitude_then_latitude() -> None:
    feature = _collection([("d", located_event())])["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.1343, 36.2021]}


def test_geojson_properties_are_the_event_fields() -> None:
    props = _collection([("d", located_event())])["features"][0]["properties"]
    assert props["doc_id"] == "d"
    assert props["sub_event_type"] == "Air/drone strike"
    assert props["according_to"] == ["one source", "Syrian Observatory, UK-based"]
    assert props["evidence"]["fatalities"] == [[40, 52], [60, 64]]


def test_geojson_unlocated_event_has_null_geometry() -> None:
    features = _collection([("d", unlocated_event()), ("d", located_event(latitude=None))])
    assert [f["geometry"] for f in features["features"]] == [None, None]


def test_geojson_out_of_range_coordinates_are_not_mapped() -> None:
    feature = _collection([("d", located_event(latitude=200.0))])["features"][0]
    assert feature["geometry"] is None
    assert feature["properties"]["latitude"] == 200.0


def test_geojson_empty_collection_is_valid() -> None:
    assert _collection([]) == {"type": "FeatureCollection", "features": []}


def test_geojson_from_documents_counts_events() -> None:
    out = io.StringIO()
    assert write_documents([document("a"), document("b")], "geojson", out) == 4
    data = json.loads(out.getvalue())
    assert [f["properties"]["doc_id"] for f in data["features"]] == ["a", "a", "b", "b"]
