"""GeoJSON (RFC 7946) FeatureCollection of events, for QGIS, kepler.gl and web maps.

Positions are ``[longitude, latitude]`` (RFC 7946 order, WGS 84). An event whose place could not
be resolved to coordinates keeps its feature with ``"geometry": null`` (allowed by RFC 7946
section 3.2) instead of being dropped or placed at an invented point. Features are written as
they come, so large exports do not sit in memory.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from conflictlens.records import Document, Event


def _geometry(event: Event) -> dict[str, Any] | None:
    lat, lon = event.latitude, event.longitude
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return {"type": "Point", "coordinates": [lon, lat]}


def event_feature(event: Event, doc_id: str, document: Document | None = None) -> dict[str, Any]:
    """One Feature: the event's contract fields (plus ``doc_id``) as properties."""
    properties: dict[str, Any] = {"doc_id": doc_id, **event.model_dump(mode="json")}
    if not properties["source"] and document is not None and document.source:
        properties["source"] = document.source
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": _geometry(event),
        "properties": properties,
    }


def write_geojson(
    rows: Iterable[tuple[str, Event]],
    out: TextIO,
    *,
    documents: Mapping[str, Document] | None = None,
) -> int:
    """A FeatureCollection, one feature per line; returns the number of features."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for doc_id, event in rows:
        document = documents.get(doc_id) if documents is not None else None
        feature = event_feature(event, doc_id, document)
        out.write(("," if count else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
