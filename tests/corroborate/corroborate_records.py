"""Hand-built documents and reports for the corroboration tests (no spaCy needed)."""

from __future__ import annotations

from typing import Any

from conflictlens.corroborate import Report
from conflictlens.records import Document, Event

AZAZ = {
    "country": "Syria",
    "admin1": "Aleppo",
    "location": "Azaz",
    "latitude": 36.586,
    "longitude": 37.044,
    "geo_precision": 1,
}
TEXT = (
    "A car bomb killed at least 43 people in the rebel-held Syrian town of Azaz near the "
    "Turkish border on Saturday, a rescue worker and a war monitor said. The bomb exploded "
    "outside a courthouse and a security building in Azaz, in Aleppo province."
)


def event(event_id: str = "e1", **fields: Any) -> Event:
    values: dict[str, Any] = {
        "event_date": "2017-01-07",
        "date_start": "2017-01-07",
        "date_end": "2017-01-07",
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "actor1": "Unidentified Armed Group (Syria)",
        "actor2": "Civilians (Syria)",
        "fatalities": 43,
        "fatalities_low": 43,
        **AZAZ,
    }
    values.update(fields)
    return Event(event_id=event_id, **values)


def report(doc_id: str, source: str, **fields: Any) -> Report:
    return Report(doc_id, source, "2017-01-08", event(**fields))


def document(doc_id: str, source: str, *events: Event, published: str = "2017-01-08") -> Document:
    return Document(doc_id=doc_id, source=source, published=published, events=list(events))
