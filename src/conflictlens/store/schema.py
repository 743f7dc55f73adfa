"""The store's tables, for users who open the database with ``sqlite3``, datasette or psql.

One row per analysed document, and one row per thing found in it; every child table carries
``doc_id`` (foreign key to ``documents``, deleted with it) and ``position`` (order in the
document's JSON record). Character spans are ``span_start``/``span_end`` offsets into
``documents.text`` (Python ``str`` indices), so ``substr(text, span_start + 1, span_end -
span_start)`` shows the evidence in SQLite.

``documents``
    doc_id (key), title, source, published (YYYY-MM-DD), url, language, text, content_hash,
    analysed_at (UTC ISO timestamp of the last write), pipeline_version, warnings (JSON list).
``events``
    One column per contract Event field, same names (event_date, event_type, actor1, fatalities,
    certainty, ...); ``according_to`` (JSON list), ``evidence`` (JSON object: field name ->
    list of [start, end]) and ``field_certainty`` (JSON object: field name -> certainty) are
    JSON text, queryable with ``json_extract``/``json_each``. Keyed on (doc_id, event_id).
    Indexed for the API's filtered, keyset-paged lists: each filter column first, then the sort
    key and the row key, e.g. (country, event_date, doc_id, event_id), so a page is read in
    index order without sorting the matches; also on actor1, actor2 and doc_id.
``event_actors``
    One row per actor an event names (actor1, actor2, or one of the "; "-separated associated
    actors), with the event's event_date and fatalities copied: the ``actor`` filter reads a
    page from its index instead of scanning every event's actor columns. Written with the
    events, deleted with them.
``actor_mentions``
    name (canonical), surface (as written), actor_id, label (how the text characterises the
    actor), span_start, span_end.
``relations``
    subject, predicate, object, certainty, voice, span_start, span_end.
``places``
    name, lat, lon, geonameid, country, admin1, feature (GeoNames class.code), span_start, span_end.
``framing_items``
    kind (technique | hedge | quote | label), span_start, span_end, payload (the item's JSON,
    e.g. {"technique": "Loaded_Language", ...} or a hedge with its scope).
Every table except ``framing_items`` also has ``extra``: a JSON object holding record fields
added to the record model after this layout, so nothing a newer pipeline produces is dropped.
``schema_version``
    version: the layout version before Alembic (see ``SCHEMA_VERSION``); older releases check it.
``alembic_version``
    version_num: the layout revision (``conflictlens db current``). The tables are created and
    changed by the Alembic revisions in ``migrations/versions/``, never by ``create_all``; this
    module is the model they are checked against (docs/store.md says how to add a revision).

Dates are ISO strings, so ``WHERE event_date BETWEEN '2024-04-01' AND '2024-04-30'`` works.
Only portable column types are used, so the same layout runs on PostgreSQL.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)


class JSONText(TypeDecorator[Any]):
    """JSON stored as plain text, so ``sqlite3`` users see readable values and
    ``json_extract`` works; the same column type is portable to PostgreSQL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        return None if value is None else json.loads(value)


def _extra() -> Column[Any]:
    # Record fields added after this layout (the record model grows by extension) land here,
    # so a newer pipeline never loses data in an older store layout.
    return Column("extra", JSONText, nullable=False, default=dict)


#: The pre-Alembic layout number, still written for older releases (they refuse a higher one):
#: bump it, in a revision, only for a change older releases cannot write into safely.
SCHEMA_VERSION = 1

metadata = MetaData()


def _doc_fk(*, primary_key: bool = False) -> Column[str]:
    return Column(
        "doc_id",
        String,
        ForeignKey("documents.doc_id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
    )


def _span() -> tuple[Column[int], Column[int]]:
    start = Column("span_start", Integer, nullable=False)
    end = Column("span_end", Integer, nullable=False)
    return start, end


def _keyset_indexes(
    table: str, *, by_date: tuple[str, ...], by_fatalities: tuple[str, ...]
) -> list[Index]:
    """``(column, sort, doc_id, event_id)`` for each filter column ("" = no filter column)."""
    found = []
    for sort, columns in (("event_date", by_date), ("fatalities", by_fatalities)):
        for column in columns:
            head = [column] if column else []
            name = "_".join(["ix", table, *head, "by", sort.split("_")[-1]])
            found.append(Index(name, *head, sort, "doc_id", "event_id"))
    return found


schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
)

documents = Table(
    "documents",
    metadata,
    Column("doc_id", String, primary_key=True),
    Column("title", Text),
    Column("source", Text),
    Column("published", String(10)),
    Column("url", Text),
    Column("language", String(16)),
    Column("text", Text),
    Column("content_hash", String, nullable=False),
    Column("analysed_at", String(32), nullable=False),
    Column("pipeline_version", String, nullable=False),
    Column("warnings", JSONText, nullable=False, default=list),
    _extra(),
    Index("ix_documents_published", "published"),
    Index("ix_documents_source", "source"),
)

events = Table(
    "events",
    metadata,
    _doc_fk(primary_key=True),
    Column("event_id", String, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("event_date", String(10)),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("time_precision", Integer, nullable=False),
    Column("disorder_type", Text, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("actor1", Text, nullable=False),
    Column("assoc_actor_1", Text, nullable=False),
    Column("inter1", Integer),
    Column("actor2", Text, nullable=False),
    Column("assoc_actor_2", Text, nullable=False),
    Column("inter2", Integer),
    Column("interaction", Integer),
    Column("civilian_targeting", Text, nullable=False),
    Column("country", Text, nullable=False),
    Column("iso", Integer),
    Column("admin1", Text, nullable=False),
    Column("admin2", Text, nullable=False),
    Column("admin3", Text, nullable=False),
    Column("location", Text, nullable=False),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer, nullable=False),
    Column("fatalities", Integer, nullable=False),
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("injuries", Integer),
    Column("certainty", String(16), nullable=False),
    Column("according_to", JSONText, nullable=False),
    Column("source", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("evidence", JSONText, nullable=False),
    Column("field_certainty", JSONText, nullable=False, default=dict),
    _extra(),
    # Keyset pages (queries.py) sort by (event_date | fatalities, doc_id, event_id): an index
    # holding an equality filter's column, then that whole sort key, yields a page in order.
    *_keyset_indexes(
        "events",
        by_date=("country", "admin1", "event_type", "sub_event_type", "source"),
        by_fatalities=("", "sub_event_type"),
    ),
    # Unfiltered date order; the coordinates ride along so a bounding box is tested on index
    # entries, and only rows inside it are read from the table.
    Index("ix_events_by_date", "event_date", "doc_id", "event_id", "latitude", "longitude"),
    # Region names repeat across countries, so the UI filters admin1 with its country.
    Index(
        "ix_events_country_admin1_by_date", "country", "admin1", "event_date", "doc_id", "event_id"
    ),
    Index("ix_events_actor1", "actor1"),
    Index("ix_events_actor2", "actor2"),
    Index("ix_events_doc_id", "doc_id"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("doc_id", String, primary_key=True),
    Column("event_id", String, primary_key=True),
    Column("actor", Text, primary_key=True),
    Column("event_date", String(10)),
    Column("fatalities", Integer, nullable=False),
    ForeignKeyConstraint(
        ["doc_id", "event_id"], ["events.doc_id", "events.event_id"], ondelete="CASCADE"
    ),
    *_keyset_indexes("event_actors", by_date=("actor",), by_fatalities=("actor",)),
)

actor_mentions = Table(
    "actor_mentions",
    metadata,
    _doc_fk(),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("surface", Text, nullable=False),
    Column("actor_id", String),
    Column("label", Text),
    *_span(),
    _extra(),
    Index("ix_actor_mentions_doc_id", "doc_id"),
    Index("ix_actor_mentions_name", "name"),
)

relations = Table(
    "relations",
    metadata,
    _doc_fk(),
    Column("position", Integer, nullable=False),
    Column("subject", Text, nullable=False),
    Column("predicate", String(32), nullable=False),
    Column("object", Text, nullable=False),
    Column("certainty", String(16), nullable=False),
    Column("voice", Text, nullable=False),
    *_span(),
    _extra(),
    Index("ix_relations_doc_id", "doc_id"),
    Index("ix_relations_subject", "subject"),
    Index("ix_relations_object", "object"),
)

places = Table(
    "places",
    metadata,
    _doc_fk(),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", Integer),
    Column("country", Text),
    Column("admin1", Text),
    Column("feature", String(16)),
    *_span(),
    _extra(),
    Index("ix_places_doc_id", "doc_id"),
    Index("ix_places_name", "name"),
)

framing_items = Table(
    "framing_items",
    metadata,
    _doc_fk(),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    *_span(),
    Column("payload", JSONText, nullable=False),
    Index("ix_framing_items_doc_id", "doc_id"),
    Index("ix_framing_items_kind", "kind"),
)

#: Tables that hold one document's findings, in the order they are rewritten.
CHILD_TABLES: tuple[Table, ...] = (events, actor_mentions, relations, places, framing_items)


def load_extension_tables() -> None:
    """Import every ``store/*_tables.py`` module so its tables join ``metadata``.

    Later stages (actor registry, corroboration clusters) keep their tables in modules of their
    own, defined on this module's ``metadata``; the migrations environment and ``Store`` call
    this so the model always has every table, whichever command opened the store.
    """
    import importlib
    import pkgutil

    package = __name__.rsplit(".", 1)[0]
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        if info.name.endswith("_tables"):
            importlib.import_module(f"{package}.{info.name}")
