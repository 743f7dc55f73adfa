"""The REST API's response and request bodies: the contract records, plus what pages add.

Events and documents are the ``records`` models themselves (subclassed only to add the
``doc_id`` or ``text`` a client needs beside them), so the OpenAPI schema and the JSONL output
describe the same fields, and a record added to the contract reaches the API unchanged.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from conflictlens.corroborate.consensus import ConsensusEvent
from conflictlens.records import Certainty, Document, Event


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(_Body):
    status: int = Field(description="The HTTP status, repeated for clients that lose it.")
    code: str = Field(description="Stable machine-readable reason, e.g. 'not_found'.")
    message: str = Field(description="One line for people, naming the input at fault.")


class ErrorBody(_Body):
    """Every error response has this one shape."""

    error: ErrorDetail


class Health(_Body):
    status: Literal["ok"] = "ok"
    documents: int
    events: int
    writes_enabled: bool


class DocumentSummary(_Body):
    doc_id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    language: str | None
    events: int = Field(description="How many events were extracted from it.")


class StoredDocument(Document):
    """The contract Document with its stored text: every span indexes into ``text``."""

    text: str  # type: ignore[assignment]  # always present here, optional in the record


class EventOut(Event):
    """A contract Event with the id of the document it was extracted from."""

    doc_id: str


class NewDocument(_Body):
    """An article to analyse and store; the same fields as a line of JSONL input."""

    text: str = Field(min_length=1, description="The article text (plain text).")
    id: str | None = Field(
        default=None, description="Document id; default: a hash of the text (stable)."
    )
    title: str | None = None
    published: str | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    source: str | None = Field(default=None, description="Outlet name.")
    url: str | None = None


class DocumentPage(_Body):
    items: list[DocumentSummary]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null: none.")


class EventPage(_Body):
    items: list[EventOut]
    next_cursor: str | None


class ConsensusPage(_Body):
    items: list[ConsensusEvent]
    next_cursor: str | None


class ActorSummary(_Body):
    name: str
    type: str
    inter: int | None
    country: str | None
    aliases: list[str]
    events: int = Field(description="Stored events naming it as a side or associated actor.")


class ActorPage(_Body):
    items: list[ActorSummary]
    next_cursor: str | None


class RelationOut(_Body):
    """One relation as one source claims it; ``count``: how many times that source does."""

    subject: str
    predicate: str
    object: str
    certainty: Certainty
    voice: str
    doc_id: str | None
    source: str = Field(description="Who says it and when, e.g. 'Alwaght 2016-10-07'.")
    count: int


class ActorDetail(_Body):
    name: str
    type: str
    inter: int | None
    country: str | None
    aliases: list[str]
    relations: list[RelationOut]
    events: list[EventOut]


class GraphNode(BaseModel):
    """An actor (``kind`` 'actor') or a literal a claim points at (a person, place, year)."""

    model_config = ConfigDict(extra="allow")

    id: str
    label: str
    kind: str


class GraphLink(_Body):
    source: str
    target: str
    key: str
    predicate: str
    symmetric: bool
    claims: int
    documents: int
    sources: list[str]
    voices: list[str]
    certainty: str
    first_date: str
    last_date: str
    evidence: str
    doc_ids: list[str]


class ActorGraph(_Body):
    """networkx ``node_link_data`` shape (d3, networkx.node_link_graph read it back)."""

    directed: bool
    multigraph: bool
    graph: dict[str, Any]
    nodes: list[GraphNode]
    links: list[GraphLink]


class OutletSummary(_Body):
    source: str
    documents: int
    words: int
    events: int
    techniques_per_1000_words: float
    hedges_per_1000_words: float
    unattributed_event_share: float | None = Field(
        description="Share of its event reports that name no source; null without events."
    )


class OutletList(_Body):
    items: list[OutletSummary]


class OutletDetail(OutletSummary):
    techniques: dict[str, float] = Field(description="Technique -> uses per 1,000 words.")
    labels: dict[str, dict[str, int]] = Field(
        description="Actor -> label (lower case) -> count, in the outlet's own voice."
    )
    quoted_labels: dict[str, dict[str, int]] = Field(
        description="Actor -> label -> count, labels the outlet quotes others applying."
    )
