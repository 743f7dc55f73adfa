"""The record model every stage speaks (see CONTRACT.md in the shared folder).

One module, pydantic models only. Stages exchange these records and nothing else: the spaCy
``Doc`` stays inside ``nlp/`` and ``extract/``. Field names and vocabularies follow the ACLED
codebook and the public contract exactly; add fields, never rename them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

#: A character span ``[start, end)`` into the document text (Python ``str`` indices).
Span = tuple[int, int]

Certainty = Literal["confirmed", "reported", "claimed", "alleged", "suspected", "disputed"]
CERTAINTY_ORDER: tuple[str, ...] = (
    "confirmed",
    "reported",
    "claimed",
    "alleged",
    "suspected",
    "disputed",
)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class RawDocument(_Record):
    """A document as read by ``ingest``: text plus whatever metadata the input carried."""

    doc_id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    origin: str = ""  # where it came from: "path", "path:line 3", "stdin", a WARC record id
    warnings: list[str] = Field(default_factory=list)


class Toponym(_Record):
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None  # GeoNames "class.code", e.g. "P.PPLA" or "S.CMP"


class ActorMention(_Record):
    name: str  # canonical, neutral
    surface: str  # the text as written
    start: int
    end: int
    actor_id: str | None = None
    label: str | None = None  # how the text characterises the actor


class Relation(_Record):
    subject: str
    predicate: str
    object: str
    start: int
    end: int
    certainty: Certainty = "reported"
    voice: str = "outlet"


class Technique(_Record):
    technique: str
    start: int
    end: int


class HedgeTarget(_Record):
    """What a hedge qualifies: one field of an event, or a relation (by its position in the
    document's ``relations``)."""

    kind: Literal["event", "relation"]
    id: str  # event_id, or the relation's index as a string
    field: str | None = None  # the event field ("actor1", "fatalities"); None: the whole record


class Hedge(_Record):
    cue: str
    start: int
    end: int
    scope: Span
    #: Extension to the contract's shape: the records this hedge makes less certain.
    qualifies: list[HedgeTarget] = Field(default_factory=list)


class Quote(_Record):
    speaker: str
    start: int
    end: int


class Label(_Record):
    actor: str
    label: str
    start: int
    end: int
    voice: str = "outlet"


class Framing(_Record):
    techniques: list[Technique] = Field(default_factory=list)
    hedges: list[Hedge] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    labels: list[Label] = Field(default_factory=list)


#: One framing item's kind (as the store and the Parquet output name it) -> its Framing field.
FRAMING_FIELDS: dict[str, str] = {
    "technique": "techniques",
    "hedge": "hedges",
    "quote": "quotes",
    "label": "labels",
}


class Event(_Record):
    """One ACLED-style event: one day (or date span), one location, one actor pair."""

    event_id: str
    event_date: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    time_precision: Literal[1, 2, 3] = 3
    disorder_type: str = ""
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: Literal["Civilian targeting", ""] = ""
    country: str = ""
    iso: int | None = None
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: Literal[1, 2, 3] = 3
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    certainty: Certainty = "reported"
    according_to: list[str] = Field(default_factory=list)
    source: str = ""
    notes: str = ""
    evidence: dict[str, list[Span]] = Field(default_factory=dict)
    # Extension: certainty of single fields where the text hedges them ("likely by ISIS" makes
    # actor1 "suspected" while the killing itself is "reported").
    field_certainty: dict[str, Certainty] = Field(default_factory=dict)


class Document(_Record):
    """The result of ``analyze`` for one input document."""

    doc_id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    text: str | None = None  # only serialised with --include-text
    events: list[Event] = Field(default_factory=list)
    actors: list[ActorMention] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    places: list[Toponym] = Field(default_factory=list)
    framing: Framing = Field(default_factory=Framing)
    warnings: list[str] = Field(default_factory=list)

    def to_json_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The contract's JSON shape; ``text`` only when asked for."""
        data = self.model_dump(mode="json")
        if not include_text:
            data.pop("text", None)
        return data

    def events_frame(self) -> Any:
        """This document's events as a pandas DataFrame (ACLED columns first)."""
        from conflictlens.tables import events_to_pandas

        return events_to_pandas(self.events)

    def to_pandas(self) -> Any:
        """This document's events as a pandas DataFrame (the name notebook users expect)."""
        return self.events_frame()


class DocumentBatch(list[Document]):
    """A list of Documents that notebook users can turn into one event table."""

    def to_pandas(self) -> Any:
        from conflictlens.tables import events_to_pandas

        return events_to_pandas(
            [event for document in self for event in document.events],
            doc_ids=[document.doc_id for document in self for _ in document.events],
        )
