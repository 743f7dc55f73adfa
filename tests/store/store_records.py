"""Hand-built records for the store tests (no pipeline, no spaCy)."""

from __future__ import annotations

from conflictlens.records import (
    ActorMention,
    Document,
    Event,
    Framing,
    Hedge,
    Label,
    Quote,
    Relation,
    Technique,
    Toponym,
)

TEXT = (
    "Government forces shelled the town of Kafr Nabl on Tuesday, killing at least four "
    "civilians, according to a local monitor. Militants were likely behind a later attack."
)


def make_document(
    doc_id: str = "doc-1", *, source: str = "Outlet A", **changes: object
) -> Document:
    events = [
        Event(
            event_id=f"{doc_id}-e1",
            event_date="2024-04-16",
            date_start="2024-04-16",
            date_end="2024-04-16",
            time_precision=1,
            disorder_type="Political violence",
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
            actor1="Military Forces of Syria (2000-2024)",
            inter1=1,
            actor2="Civilians (Syria)",
            inter2=7,
            interaction=17,
            civilian_targeting="Civilian targeting",
            country="Syria",
            iso=760,
            admin1="Idleb",
            location="Kafr Nabl",
            latitude=35.61,
            longitude=36.56,
            geo_precision=1,
            fatalities=4,
            fatalities_low=4,
            certainty="reported",
            according_to=["a local monitor"],
            source=source,
            notes="Government forces shelled Kafr Nabl; four civilians were killed.",
            evidence={"actor1": [(0, 17)], "fatalities": [(70, 91)]},
        ),
        Event(
            event_id=f"{doc_id}-e2",
            event_date="2024-04-20",
            event_type="Battles",
            sub_event_type="Armed clash",
            actor1="Unidentified Armed Group (Syria)",
            assoc_actor_1="Hayat Tahrir al-Sham",
            country="Syria",
            certainty="suspected",
            source=source,
        ),
    ]
    document = Document(
        doc_id=doc_id,
        title="Shelling in Idleb",
        source=source,
        published="2024-04-18",
        url=f"https://example.org/{doc_id}",
        language="en",
        events=events,
        actors=[
            ActorMention(
                name="Military Forces of Syria", surface="Government forces", start=0, end=17
            ),
            ActorMention(
                name="Unidentified Armed Group (Syria)",
                surface="Militants",
                start=117,
                end=126,
                label="militants",
            ),
        ],
        relations=[
            Relation(
                subject="A",
                predicate="fights",
                object="B",
                start=0,
                end=17,
                certainty="alleged",
                voice="a local monitor",
            ),
        ],
        places=[
            Toponym(
                start=38,
                end=47,
                name="Kafr Nabl",
                lat=35.61,
                lon=36.56,
                geonameid=170000,
                country="SY",
                admin1="Idlib",
                feature="P.PPL",
            )
        ],
        framing=Framing(
            techniques=[Technique(technique="Loaded_Language", start=117, end=126)],
            hedges=[Hedge(cue="likely", start=132, end=138, scope=(117, 165))],
            quotes=[Quote(speaker="a local monitor", start=93, end=115)],
            labels=[
                Label(
                    actor="Unidentified Armed Group (Syria)", label="militants", start=117, end=126
                )
            ],
        ),
        warnings=["date resolved from publication date"],
    )
    return document.model_copy(update=changes)
