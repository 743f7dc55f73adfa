"""Hand-built events and documents for the export tests."""

from __future__ import annotations

from conflictlens.records import Document, Event


def located_event(**changes: object) -> Event:
    event = Event(
        event_id="ev-1",
        event_date="2024-04-16",
        date_start="2024-04-15",
        date_end="2024-04-16",
        time_precision=2,
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Russia (2000-)",
        assoc_actor_1="Military Forces of Syria (2000-2024); Hezbollah",
        inter1=8,
        actor2="Civilians (Syria)",
        inter2=7,
        interaction=78,
        civilian_targeting="Civilian targeting",
        country="Syria",
        iso=760,
        admin1="Aleppo",
        admin2="Jebel Saman",
        location="Aleppo",
        latitude=36.2021,
        longitude=37.1343,
        geo_precision=1,
        fatalities=3,
        fatalities_low=3,
        fatalities_high=5,
        injuries=12,
        certainty="suspected",
        according_to=["one source", "Syrian Observatory, UK-based"],
        source="Outlet A",
        notes="Air strikes hit a market in Aleppo; three to five civilians were killed.",
        evidence={"actor1": [(0, 12)], "fatalities": [(40, 52), (60, 64)]},
    )
    return event.model_copy(update=changes)


def unlocated_event(**changes: object) -> Event:
    event = Event(
        event_id="ev-2", event_type="Battles", sub_event_type="Armed clash", country="Syria"
    )
    return event.model_copy(update=changes)


def document(doc_id: str = "doc-1", **changes: object) -> Document:
    base = Document(
        doc_id=doc_id,
        title="Strikes on Aleppo",
        source="Outlet A",
        published="2024-04-18",
        text="Strikes hit Aleppo.",
        events=[located_event(), unlocated_event()],
    )
    return base.model_copy(update=changes)
