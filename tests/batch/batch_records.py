"""Hand-built Documents for the batch tests: every record type, no model needed."""

from __future__ import annotations

from pathlib import Path

from conflictlens.batch.manifest import Manifest
from conflictlens.batch.output import write_shard
from conflictlens.export.parquet import documents_to_tables, sort_tables
from conflictlens.records import (
    ActorMention,
    Document,
    Event,
    Framing,
    Hedge,
    HedgeTarget,
    Label,
    Quote,
    Relation,
    Technique,
    Toponym,
)


def make_document(doc_id: str, *, country: str = "Syria", text: str | None = None) -> Document:
    """A Document using every record type and the awkward values (None, unicode, nested)."""
    text = (
        text or f"Report {doc_id}: fighters of Liwa al-Quds were killed near Ḥomṣ, likely by ISIS."
    )
    return Document(
        doc_id=doc_id,
        title=f"Title {doc_id}",
        source="Test Wire",
        published="2024-04-21",
        url=None,
        language="en",
        text=text,
        events=[
            Event(
                event_id=f"CL{doc_id}a",
                event_date="2024-04-19",
                date_start="2024-04-19",
                date_end="2024-04-19",
                time_precision=1,
                disorder_type="Political violence",
                event_type="Battles",
                sub_event_type="Armed clash",
                actor1="Islamic State (Syria)",
                inter1=2,
                actor2="Liwa al-Quds",
                inter2=3,
                interaction=23,
                country=country,
                iso=760,
                admin1="Homs",
                location="Homs",
                latitude=34.73,
                longitude=36.71,
                geo_precision=2,
                fatalities=20,
                fatalities_low=20,
                certainty="reported",
                according_to=["one source", "SOHR"],
                notes="On 19 April 2024, a clash.",
                evidence={"actor1": [(60, 64)], "fatalities": [(0, 2), (10, 12)]},
                field_certainty={"actor1": "suspected"},
            ),
            Event(event_id=f"CL{doc_id}b", country=country),
        ],
        actors=[
            ActorMention(name="Liwa al-Quds", surface="Liwa al-Quds", start=25, end=37),
            ActorMention(
                name="Islamic State (Syria)",
                surface="ISIS",
                start=60,
                end=64,
                actor_id="a1",
                label="terrorist group",
            ),
        ],
        relations=[
            Relation(
                subject="Liwa al-Quds",
                predicate="fights",
                object="Islamic State (Syria)",
                start=0,
                end=65,
                certainty="suspected",
                voice="SOHR",
            )
        ],
        places=[
            Toponym(
                start=49,
                end=53,
                name="Ḥomṣ",
                lat=34.73,
                lon=36.71,
                geonameid=169577,
                country="Syria",
                admin1="Homs",
                feature="P.PPLA",
            ),
            Toponym(start=1, end=2, name="R"),
        ],
        framing=Framing(
            techniques=[Technique(technique="Loaded_Language", start=3, end=9)],
            hedges=[
                Hedge(
                    cue="likely",
                    start=52,
                    end=58,
                    scope=(52, 65),
                    qualifies=[HedgeTarget(kind="event", id="e1", field="actor1")],
                ),
                Hedge(cue="may", start=70, end=73, scope=(70, 80)),
            ],
            quotes=[Quote(speaker="a general", start=0, end=10)],
            labels=[Label(actor="Islamic State (Syria)", label="terrorists", start=1, end=4)],
        ),
        warnings=["a warning"],
    )


def write_output(directory: Path, shards: dict[str, list[Document]]) -> None:
    """A batch output written without the model: one shard per key, manifest included."""
    manifest = Manifest(pipeline_version="test", shard_size=10, order=list(shards))
    for shard_id, documents in shards.items():
        tables = sort_tables(documents_to_tables(documents))
        write_shard(directory, shard_id, tables)
        manifest.shards[shard_id] = {"status": "done", "documents": len(documents)}
    manifest.save(directory)
