"""Saving analysed documents and reading them back (SQLAlchemy Core, bound parameters only).

Each document is written in its own transaction, so an interrupted batch leaves every document
either fully stored in its new version or untouched. Re-analysing an unchanged text with the
same pipeline is a no-op, which keeps re-runs over a corpus cheap and ``analysed_at`` honest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Literal, TypeVar

from pydantic import BaseModel
from sqlalchemy import (
    Connection,
    Row,
    Select,
    Table,
    func,
    insert,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import SQLAlchemyError

from conflictlens.errors import StoreError
from conflictlens.records import (
    FRAMING_FIELDS,
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
from conflictlens.store import schema
from conflictlens.store.engine import is_sqlite, make_engine, reason, write_transaction
from conflictlens.store.schema import (
    SCHEMA_VERSION,
    actor_mentions,
    documents,
    event_actors,
    events,
    framing_items,
    places,
    relations,
)
from conflictlens.store.urls import default_db_url, parse_db_url, redact

M = TypeVar("M", bound=BaseModel)
SaveResult = Literal["inserted", "updated", "unchanged"]

#: How many documents ``documents()`` loads per round trip (children fetched with one IN query).
_PAGE = 200

_FRAMING_KINDS: dict[str, type[Technique | Hedge | Quote | Label]] = {
    "technique": Technique,
    "hedge": Hedge,
    "quote": Quote,
    "label": Label,
}


def _pipeline_version() -> str:
    try:
        return version("conflictlens")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """The embedded database of analysed documents (SQLite by default, PostgreSQL by URL)."""

    def __init__(self, url: str | None = None, *, pipeline_version: str | None = None) -> None:
        raw = url if url is not None else default_db_url()
        self.url: str = redact(raw)
        self.pipeline_version = pipeline_version or _pipeline_version()
        parsed = parse_db_url(raw)
        try:
            self._engine = make_engine(parsed)
        except ImportError as exc:
            hint = "install psycopg[binary] for PostgreSQL" if "psycopg" in str(exc) else ""
            raise StoreError(self.url, f"database driver missing ({exc}) {hint}".strip()) from exc
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(self.url, f"cannot open the database ({reason(exc)})") from exc
        try:
            self._prepare()
        except BaseException as exc:
            self._engine.dispose()
            if isinstance(exc, SQLAlchemyError | OSError):
                raise StoreError(self.url, f"cannot open the database ({reason(exc)})") from exc
            raise

    # -- writing ---------------------------------------------------------------------------

    def save(self, document: Document, *, text: str, content_hash: str) -> SaveResult:
        """Store one document and everything found in it, replacing any earlier version."""
        try:
            with write_transaction(self._engine) as conn:
                return self._save(conn, document, text=text, content_hash=content_hash)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"{self.url} (document {document.doc_id!r})",
                f"not saved, earlier state kept ({reason(exc)})",
            ) from exc

    def save_many(self, items: Iterable[tuple[Document, str, str]]) -> dict[str, int]:
        """Save ``(document, text, content_hash)`` items; counts by outcome.

        Documents are committed one by one: when one fails, those before it stay stored and the
        error propagates.
        """
        counts = {"inserted": 0, "updated": 0, "unchanged": 0}
        for document, text, content_hash in items:
            counts[self.save(document, text=text, content_hash=content_hash)] += 1
        return counts

    def _save(
        self, conn: Connection, document: Document, *, text: str, content_hash: str
    ) -> SaveResult:
        row = _document_row(document, text, content_hash, self.pipeline_version)
        existing = _locked_version(conn, document.doc_id)
        inserted = False
        if existing is None:
            inserted = _insert_document(conn, row)
            if not inserted:  # another writer stored it since we looked: its row is locked now
                existing = _locked_version(conn, document.doc_id)
        if existing == (content_hash, self.pipeline_version):
            return "unchanged"
        if not inserted:
            conn.execute(event_actors.delete().where(event_actors.c.doc_id == document.doc_id))
            for table in reversed(schema.CHILD_TABLES):
                conn.execute(table.delete().where(table.c.doc_id == document.doc_id))
            conn.execute(
                update(documents).where(documents.c.doc_id == document.doc_id),
                [{k: v for k, v in row.items() if k != "doc_id"}],
            )
        for table, rows in _child_rows(document):
            if rows:
                conn.execute(insert(table), rows)
        if named := _event_actor_rows(document):
            conn.execute(insert(event_actors), named)
        return "inserted" if inserted else "updated"

    # -- reading ---------------------------------------------------------------------------

    def get_document(self, doc_id: str) -> Document | None:
        """The stored document with its text, or ``None``."""
        with self._engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).first()
            if row is None:
                return None
            return self._assemble(conn, [row])[0]

    def documents(self) -> Iterator[Document]:
        """Every stored document (with text), oldest analysis first."""
        order = (documents.c.analysed_at, documents.c.doc_id)
        with self._engine.connect() as conn:
            ids = list(conn.execute(select(documents.c.doc_id).order_by(*order)).scalars())
        for start in range(0, len(ids), _PAGE):
            page = ids[start : start + _PAGE]
            with self._engine.connect() as conn:
                rows = conn.execute(
                    select(documents).where(documents.c.doc_id.in_(page)).order_by(*order)
                ).all()
                yield from self._assemble(conn, rows)

    def events(
        self,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        country: str | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        actor: str | None = None,
        source: str | None = None,
    ) -> Iterator[tuple[str, Event]]:
        """``(doc_id, event)`` pairs matching every filter given, by event date.

        Text filters ignore case; ``actor`` matches part of actor1, actor2 or an associated
        actor; ``source`` matches the event's source or its document's. Events without a date
        never match a date filter.
        """
        query: Select[Any] = select(events).join(documents, documents.c.doc_id == events.c.doc_id)
        if date_from is not None:
            query = query.where(events.c.event_date >= date_from.isoformat())
        if date_to is not None:
            query = query.where(events.c.event_date <= date_to.isoformat())
        for column, wanted in (
            (events.c.country, country),
            (events.c.event_type, event_type),
            (events.c.sub_event_type, sub_event_type),
        ):
            if wanted is not None:
                query = query.where(func.lower(column) == wanted.lower())
        if actor is not None:
            needle = actor.lower()
            query = query.where(
                or_(
                    *(
                        func.lower(column).contains(needle, autoescape=True)
                        for column in (
                            events.c.actor1,
                            events.c.actor2,
                            events.c.assoc_actor_1,
                            events.c.assoc_actor_2,
                        )
                    )
                )
            )
        if source is not None:
            wanted_source = source.lower()
            query = query.where(
                or_(
                    func.lower(events.c.source) == wanted_source,
                    func.lower(documents.c.source) == wanted_source,
                )
            )
        query = query.order_by(
            events.c.event_date.is_(None), events.c.event_date, events.c.doc_id, events.c.position
        )
        with self._engine.connect() as conn:
            for row in conn.execute(query):
                yield row.doc_id, _event(row)

    def stats(self) -> dict[str, int]:
        """Row counts users ask for first; ``actors`` counts distinct canonical names."""
        with self._engine.connect() as conn:
            return {
                "documents": conn.execute(select(func.count()).select_from(documents)).scalar_one(),
                "events": conn.execute(select(func.count()).select_from(events)).scalar_one(),
                "actors": conn.execute(
                    select(func.count(actor_mentions.c.name.distinct()))
                ).scalar_one(),
                "relations": conn.execute(select(func.count()).select_from(relations)).scalar_one(),
            }

    def close(self) -> None:
        """Release connections (and the SQLite file handle)."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------------------

    def _prepare(self) -> None:
        """Refuse a layout from a newer release, then migrate to this release's (docs/store.md)."""
        # Imported here so ``python -m conflictlens.store.migrate`` runs without a warning.
        from conflictlens.store import migrate

        schema.load_extension_tables()
        self._refuse_newer_schema_version()
        migrate.upgrade(self._engine, self.url)
        self._refuse_newer_schema_version()

    def _refuse_newer_schema_version(self) -> None:
        # schema_version predates Alembic; it is still what older releases check, and a file
        # written by one of them with a higher number must not be migrated by this one.
        table = schema.schema_version
        with self._engine.connect() as conn:
            if not inspect(conn).has_table(table.name):
                return
            found = conn.execute(select(func.max(table.c.version))).scalar()
        if found is not None and found > SCHEMA_VERSION:
            raise StoreError(
                self.url,
                f"written by a newer conflictlens (schema {found}, "
                f"this one reads {SCHEMA_VERSION})",
            )

    def _assemble(self, conn: Connection, rows: Sequence[Row[Any]]) -> list[Document]:
        ids = [row.doc_id for row in rows]
        children: dict[str, dict[str, list[Row[Any]]]] = {doc_id: {} for doc_id in ids}
        for table in schema.CHILD_TABLES:
            query = select(table).where(table.c.doc_id.in_(ids)).order_by(table.c.position)
            for child in conn.execute(query):
                children[child.doc_id].setdefault(table.name, []).append(child)
        return [_document(row, children[row.doc_id]) for row in rows]


def _locked_version(conn: Connection, doc_id: str) -> tuple[str, str] | None:
    """The stored (content_hash, pipeline_version), its row locked until commit on PostgreSQL
    (SQLite's whole database is locked by ``write_transaction`` already)."""
    query = select(documents.c.content_hash, documents.c.pipeline_version).where(
        documents.c.doc_id == doc_id
    )
    row = conn.execute(query.with_for_update()).first()
    return None if row is None else (row.content_hash, row.pipeline_version)


def _insert_document(conn: Connection, row: dict[str, Any]) -> bool:
    """Insert the document row; ``False`` when a concurrent writer inserted it first.

    On PostgreSQL ``ON CONFLICT DO NOTHING`` waits for that writer and then skips, instead of
    failing the transaction with a unique violation.
    """
    if is_sqlite(conn):
        conn.execute(insert(documents), [row])
        return True
    statement = (
        pg_insert(documents)
        .values(row)
        .on_conflict_do_nothing(index_elements=["doc_id"])
        .returning(documents.c.doc_id)
    )
    return conn.execute(statement).first() is not None


#: Record fields whose column names differ (``end`` is an SQL keyword, awkward in ad-hoc SQL).
_COLUMN_OF = {"start": "span_start", "end": "span_end"}
_FIELD_OF = {column: field for field, column in _COLUMN_OF.items()}
_CHILD_BOOKKEEPING = frozenset({"doc_id", "position", "extra"})
#: Document fields stored in their own tables (or passed separately, like the text).
_DOCUMENT_PARTS = frozenset({"text", "events", "actors", "relations", "places", "framing"})


def _to_row(
    record: BaseModel, table: Table, fixed: dict[str, Any], skip: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Column values for ``record``; fields without a column go to ``extra``."""
    row = dict(fixed)
    extra: dict[str, Any] = {}
    for name, value in record.model_dump(mode="json").items():
        if name in skip:
            continue
        column = _COLUMN_OF.get(name, name)
        if column in table.c and column not in fixed and column != "extra":
            row[column] = value
        else:
            extra[name] = value
    row["extra"] = extra
    return row


def _from_row(model: type[M], row: Row[Any], skip: frozenset[str]) -> M:
    """The record back from its row (plus ``extra``), ignoring columns the model lacks."""
    fields = model.model_fields
    data: dict[str, Any] = {}
    for column, value in row._mapping.items():
        name = _FIELD_OF.get(column, column)
        if column not in skip and name in fields:
            data[name] = value
    extra = row._mapping.get("extra") or {}
    data.update({name: value for name, value in extra.items() if name in fields})
    return model.model_validate(data)


def _document_row(
    document: Document, text: str, content_hash: str, pipeline_version: str
) -> dict[str, Any]:
    fixed = {
        "text": text,
        "content_hash": content_hash,
        "analysed_at": _now(),
        "pipeline_version": pipeline_version,
    }
    return _to_row(document, documents, fixed, skip=_DOCUMENT_PARTS)


def _child_rows(document: Document) -> Iterator[tuple[Table, list[dict[str, Any]]]]:
    doc_id = document.doc_id
    parts: tuple[tuple[Table, Sequence[BaseModel]], ...] = (
        (events, document.events),
        (actor_mentions, document.actors),
        (relations, document.relations),
        (places, document.places),
    )
    for table, records in parts:
        rows = [
            _to_row(record, table, {"doc_id": doc_id, "position": position})
            for position, record in enumerate(records)
        ]
        if table is events and document.source:
            # An event's source is its outlet: one without its own is the document's, stored
            # as such so the source filter reads one indexed column.
            for row in rows:
                row["source"] = row.get("source") or document.source
        yield table, rows
    framing_rows: list[dict[str, Any]] = []
    for kind, field in FRAMING_FIELDS.items():
        for item in getattr(document.framing, field):
            framing_rows.append(
                {
                    "doc_id": doc_id,
                    "position": len(framing_rows),
                    "kind": kind,
                    "span_start": item.start,
                    "span_end": item.end,
                    "payload": item.model_dump(mode="json"),
                }
            )
    yield framing_items, framing_rows


def event_actor_names(event: Event) -> set[str]:
    """Every actor ``event`` names: actor1, actor2, and each "; "-separated associated actor."""
    names = {event.actor1, event.actor2}
    for joined in (event.assoc_actor_1, event.assoc_actor_2):
        names.update(joined.split("; ") if joined else ())
    names.discard("")
    return names


def _event_actor_rows(document: Document) -> list[dict[str, Any]]:
    """``event_actors`` rows: the API's actor filter reads them (schema.py)."""
    return [
        {
            "doc_id": document.doc_id,
            "event_id": event.event_id,
            "actor": name,
            "event_date": event.event_date,
            "fatalities": event.fatalities,
        }
        for event in document.events
        for name in sorted(event_actor_names(event))
    ]


def _event(row: Row[Any]) -> Event:
    return _from_row(Event, row, _CHILD_BOOKKEEPING)


def _document(row: Row[Any], children: dict[str, list[Row[Any]]]) -> Document:
    framing: dict[str, list[Any]] = {field: [] for field in FRAMING_FIELDS.values()}
    for item in children.get("framing_items", []):
        model = _FRAMING_KINDS.get(item.kind)
        if model is not None:
            framing[FRAMING_FIELDS[item.kind]].append(model.model_validate(item.payload))
    base = _from_row(Document, row, frozenset({"extra"}))
    return base.model_copy(
        update={
            "events": [_event(e) for e in children.get("events", [])],
            "actors": [
                _from_row(ActorMention, m, _CHILD_BOOKKEEPING)
                for m in children.get("actor_mentions", [])
            ],
            "relations": [
                _from_row(Relation, r, _CHILD_BOOKKEEPING) for r in children.get("relations", [])
            ],
            "places": [
                _from_row(Toponym, p, _CHILD_BOOKKEEPING) for p in children.get("places", [])
            ],
            "framing": Framing(**framing),
        }
    )
