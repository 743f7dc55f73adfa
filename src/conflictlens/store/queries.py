"""Read-only queries over the store's tables for clients that page through them (the REST API).

``Store`` answers whole-store questions (every event matching a filter, in one stream); a web
client wants one page at a time, in a stable order, from any point. Pages here are *keyset*
pages: the caller hands back the sort key of the last row it saw and gets the rows after it, so
a page costs the same at row 50 and at row 900,000, and rows written meanwhile never shift a
page (as OFFSET would). Every filter is an exact match on a stored value; the events table has
an index per filter column followed by the sort key (schema.py), so a page is read in index order
and the database stops after ``limit`` rows instead of sorting every match. The actor filter reads
``event_actors`` (one row per event and actor named, with the sort keys copied) and sorts by its
columns, for the same reason. SQL is built with SQLAlchemy Core, values always bound.

Sort keys end with the table's primary key, so they are unique and no row is skipped or repeated
between pages. Undated events sort as the smallest date: first ascending, last descending.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    and_,
    exists,
    false,
    func,
    or_,
    select,
)

from conflictlens.records import Event
from conflictlens.store.repository import Store, _event, event_actor_names
from conflictlens.store.schema import documents, event_actors, events

EventSort = Literal["event_date", "-event_date", "fatalities", "-fatalities"]
EVENT_SORTS: tuple[str, ...] = ("event_date", "-event_date", "fatalities", "-fatalities")
#: A keyset position: the sort value (None for an undated event), then the row's key columns.
Key = tuple[Any, ...]


@dataclass(frozen=True)
class EventFilter:
    """What ``/events`` may filter on; ``None`` means no constraint.

    ``actor`` matches actor1, actor2 or one of the "; "-separated associated actors (exact
    canonical name); ``source`` matches the event's source (the store gives an event without
    one its document's); ``bbox`` is (min lon, min lat, max lon, max lat), west > east crossing the
    antimeridian as in RFC 7946. Events without a date never match a date filter, events
    without coordinates never match a bounding box.
    """

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    source: str | None = None
    certainty: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    doc_id: str | None = None

    def conditions(self, *, actor: bool = True) -> list[ColumnElement[bool]]:
        """The SQL conditions on ``events`` for this filter (``actor`` False: leave that filter
        out, for a query that applies it through ``event_actors``)."""
        found: list[ColumnElement[bool]] = []
        if self.date_from is not None:
            found.append(events.c.event_date >= self.date_from.isoformat())
        if self.date_to is not None:
            found.append(events.c.event_date <= self.date_to.isoformat())
        for column, wanted in (
            (events.c.country, self.country),
            (events.c.admin1, self.admin1),
            (events.c.event_type, self.event_type),
            (events.c.sub_event_type, self.sub_event_type),
            (events.c.certainty, self.certainty),
            (events.c.doc_id, self.doc_id),
        ):
            if wanted is not None:
                found.append(column == wanted)
        if actor and self.actor is not None:
            found.append(_names_actor(self.actor))
        if self.source is not None:
            found.append(events.c.source == self.source)
        if self.bbox is not None:
            west, south, east, north = self.bbox
            found.append(events.c.latitude.between(south, north))
            if west <= east:
                found.append(events.c.longitude.between(west, east))
            else:
                found.append(or_(events.c.longitude >= west, events.c.longitude <= east))
        return found

    def matches(self, event: Event, sources: Sequence[str] = ()) -> bool:
        """The same filter on an event record (consensus events, which live as JSON)."""
        day = event.event_date
        if (self.date_from or self.date_to) and day is None:
            return False
        if self.date_from and day and day < self.date_from.isoformat():
            return False
        if self.date_to and day and day > self.date_to.isoformat():
            return False
        for value, wanted in (
            (event.country, self.country),
            (event.admin1, self.admin1),
            (event.event_type, self.event_type),
            (event.sub_event_type, self.sub_event_type),
            (event.certainty, self.certainty),
        ):
            if wanted is not None and value != wanted:
                return False
        if self.actor is not None and self.actor not in event_actor_names(event):
            return False
        if self.source is not None and self.source not in (event.source, *sources):
            return False
        if self.bbox is not None:
            if event.latitude is None or event.longitude is None:
                return False
            west, south, east, north = self.bbox
            if not south <= event.latitude <= north:
                return False
            inside = (
                west <= event.longitude <= east
                if west <= east
                else event.longitude >= west or event.longitude <= east
            )
            if not inside:
                return False
        return True


def _names_actor(name: str) -> ColumnElement[bool]:
    """The event names ``name`` as actor1, actor2 or an associated actor (``event_actors``)."""
    return exists().where(
        event_actors.c.doc_id == events.c.doc_id,
        event_actors.c.event_id == events.c.event_id,
        event_actors.c.actor == name,
    )


def _after(
    primary: ColumnElement[Any],
    ties: Sequence[ColumnElement[Any]],
    key: Key,
    *,
    descending: bool,
    nullable: bool,
) -> ColumnElement[bool]:
    """Rows strictly after ``key`` in the order (primary, *ties), NULL primary smallest."""

    def later(column: ColumnElement[Any], value: Any) -> ColumnElement[bool]:
        return column < value if descending else column > value

    # (t1, t2, ...) after (v1, v2, ...), written out: row-value comparisons are not portable.
    rest: ColumnElement[bool] = false()
    for column, value in reversed(list(zip(ties, key[1:], strict=True))):
        rest = or_(later(column, value), and_(column == value, rest))
    value = key[0]
    if value is None:
        if not nullable:
            raise ValueError("a NULL key value for a column that is never NULL")
        same = and_(primary.is_(None), rest)
        return same if descending else or_(same, primary.is_not(None))
    after = or_(later(primary, value), and_(primary == value, rest))
    if nullable and descending:
        return or_(after, primary.is_(None))
    return after


def _order(
    primary: ColumnElement[Any], ties: Sequence[ColumnElement[Any]], *, descending: bool
) -> list[ColumnElement[Any]]:
    # NULLs are the smallest value in SQLite's index order; PostgreSQL's default is the
    # opposite, so the NULL position is spelled out (SQLite still walks its index for it).
    head = primary.desc().nulls_last() if descending else primary.asc().nulls_first()
    return [head, *((c.desc() if descending else c.asc()) for c in ties)]


def _event_sort(sort: str, table: FromClause = events) -> tuple[ColumnElement[Any], bool, bool]:
    """(column of ``table``, descending, nullable) of an ``EVENT_SORTS`` value."""
    if sort not in EVENT_SORTS:
        raise ValueError(f"unknown sort {sort!r}; one of {', '.join(EVENT_SORTS)}")
    name = sort.lstrip("-")
    return table.c[name], sort.startswith("-"), name == "event_date"


def event_key(doc_id: str, event: Event, sort: str) -> Key:
    """The keyset position of one event in ``sort`` order (what a cursor encodes)."""
    value = event.event_date if sort.lstrip("-") == "event_date" else event.fatalities
    return (value, doc_id, event.event_id)


def event_page(
    store: Store,
    where: EventFilter,
    *,
    sort: str = "-event_date",
    limit: int = 50,
    after: Key | None = None,
) -> tuple[list[tuple[str, Event]], bool]:
    """Up to ``limit`` ``(doc_id, event)`` pairs after ``after``; and whether more follow."""
    rows = list(_events_query(store, where, sort=sort, after=after, limit=limit + 1))
    return rows[:limit], len(rows) > limit


def iter_events(
    store: Store, where: EventFilter, *, sort: str = "event_date"
) -> Iterator[tuple[str, Event]]:
    """Every matching ``(doc_id, event)``, in ``sort`` order (for downloads of a filtered set)."""
    yield from _events_query(store, where, sort=sort)


def _events_query(
    store: Store,
    where: EventFilter,
    *,
    sort: str,
    after: Key | None = None,
    limit: int | None = None,
) -> Iterator[tuple[str, Event]]:
    query = events_select(where, sort=sort, after=after, limit=limit)
    with store._engine.connect() as conn:
        for row in conn.execute(query):
            yield row.doc_id, _event(row)


def events_select(
    where: EventFilter, *, sort: str, after: Key | None = None, limit: int | None = None
) -> Select[Any]:
    """The SELECT of one page (or, without ``limit``, all) of events (benchmarks explain it)."""
    return _events_select(where, where.conditions(actor=False), sort, after, limit)


def _events_select(
    where: EventFilter,
    conditions: list[ColumnElement[bool]],
    sort: str,
    after: Key | None,
    limit: int | None,
) -> Select[Any]:
    query: Select[Any] = select(events).where(*conditions)
    keys: FromClause = events
    if where.actor is not None:
        # Driven by event_actors' (actor, sort key, doc_id, event_id) index: the sort and the
        # keyset bound use its copies of the key columns, so the page comes in index order.
        keys = event_actors
        query = query.join(
            event_actors,
            and_(
                event_actors.c.doc_id == events.c.doc_id,
                event_actors.c.event_id == events.c.event_id,
            ),
        ).where(event_actors.c.actor == where.actor)
    column, descending, nullable = _event_sort(sort, keys)
    ties = (keys.c.doc_id, keys.c.event_id)
    if after is not None:
        query = query.where(_after(column, ties, after, descending=descending, nullable=nullable))
    query = query.order_by(*_order(column, ties, descending=descending))
    if limit is not None:
        query = query.limit(limit)
    return query


def get_event(store: Store, doc_id: str, event_id: str) -> Event | None:
    """One stored event by its key, or ``None``."""
    query = select(events).where(events.c.doc_id == doc_id, events.c.event_id == event_id)
    with store._engine.connect() as conn:
        row = conn.execute(query).first()
    return None if row is None else _event(row)


@dataclass(frozen=True)
class DocumentSummary:
    """A stored document without its text: what a document list shows."""

    doc_id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    language: str | None
    events: int


def document_key(summary: DocumentSummary) -> Key:
    return (summary.published, summary.doc_id)


def document_page(
    store: Store,
    *,
    source: str | None = None,
    q: str | None = None,
    limit: int = 50,
    after: Key | None = None,
) -> tuple[list[DocumentSummary], bool]:
    """Documents newest first (by publication date, undated last, then id), one page.

    ``q`` matches part of the title or the text, ignoring case.
    """
    query: Select[Any] = select(
        documents.c.doc_id,
        documents.c.title,
        documents.c.source,
        documents.c.published,
        documents.c.url,
        documents.c.language,
    )
    if source is not None:
        query = query.where(documents.c.source == source)
    if q:
        query = query.where(
            or_(
                documents.c.title.icontains(q, autoescape=True),
                documents.c.text.icontains(q, autoescape=True),
            )
        )
    ties = (documents.c.doc_id,)
    if after is not None:
        query = query.where(
            _after(documents.c.published, ties, after, descending=True, nullable=True)
        )
    query = query.order_by(*_order(documents.c.published, ties, descending=True)).limit(limit + 1)
    with store._engine.connect() as conn:
        rows = conn.execute(query).all()[: limit + 1]
        ids = [row.doc_id for row in rows]
        counts: dict[str, int] = (
            dict(
                conn.execute(
                    select(events.c.doc_id, func.count())
                    .where(events.c.doc_id.in_(ids))
                    .group_by(events.c.doc_id)
                ).all()
            )
            if ids
            else {}
        )
    page = [
        DocumentSummary(
            doc_id=row.doc_id,
            title=row.title,
            source=row.source,
            published=row.published,
            url=row.url,
            language=row.language,
            events=counts.get(row.doc_id, 0),
        )
        for row in rows
    ]
    return page[:limit], len(page) > limit


def event_counts(store: Store, names: Sequence[str]) -> dict[str, int]:
    """How many stored events name each actor (as actor1, actor2 or an associated actor)."""
    if not names:
        return {}
    counted: dict[str, int] = dict.fromkeys(names, 0)
    query = (
        select(event_actors.c.actor, func.count())
        .where(event_actors.c.actor.in_(list(counted)))
        .group_by(event_actors.c.actor)
    )
    with store._engine.connect() as conn:
        counted.update({name: count for name, count in conn.execute(query).all()})
    return counted


def actor_aliases(store: Store, actor_ids: Sequence[str]) -> dict[str, list[str]]:
    """Registry aliases of each actor (and of actors merged into it), sorted, names left out."""
    from conflictlens.store.registry_tables import registry_actors, registry_aliases

    found: dict[str, set[str]] = {actor_id: set() for actor_id in actor_ids}
    if not actor_ids:
        return {}
    with store._engine.connect() as conn:
        owner = {actor_id: actor_id for actor_id in actor_ids}
        for merged_id, kept_id in conn.execute(
            select(registry_actors.c.actor_id, registry_actors.c.merged_into).where(
                registry_actors.c.merged_into.in_(list(actor_ids))
            )
        ):
            owner[merged_id] = kept_id
        names = dict(
            conn.execute(
                select(registry_actors.c.actor_id, registry_actors.c.name).where(
                    registry_actors.c.actor_id.in_(list(owner))
                )
            ).all()
        )
        for actor_id, alias in conn.execute(
            select(registry_aliases.c.actor_id, registry_aliases.c.alias).where(
                registry_aliases.c.actor_id.in_(list(owner))
            )
        ):
            found[owner[actor_id]].add(alias)
    return {
        actor_id: sorted(aliases - {names.get(actor_id)}, key=str.lower)
        for actor_id, aliases in found.items()
    }


def consensus_page(
    store: Store,
    where: EventFilter,
    *,
    limit: int = 50,
    after: Key | None = None,
    batch: int = 500,
) -> tuple[list[tuple[Key, Any]], bool]:
    """Up to ``limit`` ``(key, consensus record)`` pairs matching ``where``, by event date.

    Consensus records are JSON, so the filter runs on each record's consensus Event; rows are
    read in keyset batches until the page is full. ``doc_id`` keeps clusters holding that
    document, ``source`` those with a report from that outlet.
    """
    from conflictlens.corroborate.consensus import ConsensusEvent, consensus_event
    from conflictlens.store.cluster_tables import event_clusters

    column, ties = event_clusters.c.event_date, (event_clusters.c.cluster_id,)
    found: list[tuple[Key, ConsensusEvent]] = []
    others = replace(where, doc_id=None)
    position = after
    with store._engine.connect() as conn:
        while len(found) <= limit:
            query = select(
                event_clusters.c.event_date, event_clusters.c.cluster_id, event_clusters.c.consensus
            ).where(event_clusters.c.consensus.is_not(None))
            if where.date_from is not None:
                query = query.where(column >= where.date_from.isoformat())
            if where.date_to is not None:
                query = query.where(column <= where.date_to.isoformat())
            if position is not None:
                query = query.where(_after(column, ties, position, descending=False, nullable=True))
            rows = conn.execute(
                query.order_by(*_order(column, ties, descending=False)).limit(batch)
            ).all()
            for row in rows:
                record = ConsensusEvent.model_validate(row.consensus)
                if where.doc_id is not None and where.doc_id not in record.doc_ids:
                    continue
                if others.matches(consensus_event(record), record.sources):
                    found.append(((row.event_date, row.cluster_id), record))
                    if len(found) > limit:
                        break
            if len(rows) < batch:
                break
            position = (rows[-1].event_date, rows[-1].cluster_id)
    return found[:limit], len(found) > limit
