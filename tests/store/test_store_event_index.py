"""The API's event pages read indexes, not every row: ``event_actors`` answers the actor filter
(kept with the events, rebuilt by the migration), and every filtered page comes in index order
with the same rows and order as the filter applied to all events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import text
from store_records import make_document

from conflictlens.records import Document, Event
from conflictlens.store import Store, migrate, queries
from conflictlens.store.queries import EventFilter

ACTORS = ["Hezbollah", "Liwa al-Quds", "Armed Group 1", "Armed Group 10"]


def _documents() -> list[Document]:
    """Three outlets' documents, 8 events each; some events name actors only as associates,
    some have no source of their own (the document's counts), some no date."""
    base = make_document().events[0]
    found = []
    for number in range(6):
        events = [
            base.model_copy(
                update={
                    "event_id": f"d{number}-e{k}",
                    "event_date": None if k == 5 else f"2024-0{1 + (number + k) % 9}-1{k}",
                    "actor1": ACTORS[(number + k) % 4],
                    "actor2": "" if k % 3 else ACTORS[k % 4],
                    "assoc_actor_1": "; ".join(ACTORS[k % 4 :][:2]) if k % 2 else "",
                    "fatalities": (number * 7 + k * 3) % 11,
                    "source": "" if k % 4 == 0 else f"Outlet {k % 3}",
                    "country": "Syria" if k % 2 else "Iraq",
                }
            )
            for k in range(8)
        ]
        found.append(
            make_document(f"d{number}", source=f"Outlet {number % 3}").model_copy(
                update={"events": events}
            )
        )
    return found


def _fill(store: Store) -> list[tuple[str, Event, str]]:
    rows = []
    for document in _documents():
        store.save(document, text="t", content_hash=document.doc_id)
        rows += [(document.doc_id, event, document.source or "") for event in document.events]
    return rows


def _walk(store: Store, where: EventFilter, sort: str, limit: int = 3) -> list[tuple[str, str]]:
    """Every page in turn, as the API's cursors would go."""
    seen: list[tuple[str, str]] = []
    after = None
    while True:
        page, more = queries.event_page(store, where, sort=sort, limit=limit, after=after)
        seen += [(doc_id, event.event_id) for doc_id, event in page]
        if not more:
            return seen
        doc_id, event = page[-1]
        after = queries.event_key(doc_id, event, sort)


def _expected(
    rows: list[tuple[str, Event, str]], where: EventFilter, sort: str
) -> list[tuple[str, str]]:
    kept = [(d, e) for d, e, source in rows if where.matches(e, [source] if not e.source else [])]
    name = sort.lstrip("-")

    def key(item: tuple[str, Event]) -> tuple[object, ...]:
        value = getattr(item[1], name)
        return (value is not None, value or 0, item[0], item[1].event_id)

    kept.sort(key=key, reverse=sort.startswith("-"))
    return [(d, e.event_id) for d, e in kept]


@pytest.fixture
def filled(backend_url: str) -> Iterator[tuple[Store, list[tuple[str, Event, str]]]]:
    with Store(backend_url) as store:
        yield store, _fill(store)


FILTERS = [
    EventFilter(actor="Liwa al-Quds"),
    EventFilter(actor="Armed Group 1"),  # an associate of some events, a prefix of another name
    EventFilter(actor="Armed Group 10", country="Syria"),
    EventFilter(source="Outlet 1"),  # the event's own source, or its document's when it has none
    EventFilter(source="Outlet 0", actor="Hezbollah"),
    EventFilter(country="Iraq"),
]


@pytest.mark.parametrize("sort", queries.EVENT_SORTS)
def test_store_event_index_pages_match_the_filter_on_both_backends(
    filled: tuple[Store, list[tuple[str, Event, str]]], sort: str
) -> None:
    store, rows = filled
    for where in FILTERS:
        expected = _expected(rows, where, sort)
        assert expected, where
        assert _walk(store, where, sort) == expected, where


def test_store_event_index_actor_rows_follow_the_document(store: Store) -> None:
    document = _documents()[0]
    store.save(document, text="t", content_hash="1")
    named = EventFilter(actor="Armed Group 10")
    assert queries.event_counts(store, ["Armed Group 10", "Nobody"]) == {
        "Armed Group 10": 2,
        "Nobody": 0,
    }
    # The document changes: its events no longer name the actor, and the filter knows it.
    renamed = [
        e.model_copy(update={"assoc_actor_1": "", "actor1": "Other", "actor2": ""})
        for e in document.events
    ]
    store.save(document.model_copy(update={"events": renamed}), text="t", content_hash="2")
    assert queries.event_page(store, named)[0] == []
    assert len(queries.event_page(store, EventFilter(actor="Other"))[0]) == 8
    with store._engine.begin() as conn:
        conn.execute(text("DELETE FROM documents WHERE doc_id = 'd0'"))
        assert conn.execute(text("SELECT count(*) FROM event_actors")).scalar() == 0


def test_store_event_index_upgrade_fills_event_actors_from_stored_events(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    with Store(url) as store:
        rows = _fill(store)
        with store._engine.begin() as conn:  # back to the layout before event_actors
            command.downgrade(migrate.alembic_config(conn), "0001")
    with Store(url) as store:  # opening upgrades it again
        for where in FILTERS[:3]:
            assert _walk(store, where, "-event_date") == _expected(rows, where, "-event_date")


@pytest.mark.parametrize(
    ("where", "sort"),
    [
        (EventFilter(), "-event_date"),
        (EventFilter(country="Syria"), "-event_date"),
        (EventFilter(country="Syria", admin1="Idleb", certainty="claimed"), "-event_date"),
        (EventFilter(actor="Hezbollah"), "-event_date"),
        (EventFilter(actor="Hezbollah"), "fatalities"),
        (EventFilter(sub_event_type="Attack"), "-fatalities"),
        (EventFilter(source="Outlet 1"), "event_date"),
    ],
)
def test_store_event_index_sqlite_reads_pages_in_index_order(
    store: Store, where: EventFilter, sort: str
) -> None:
    """No sort of all matches, no scan of every event: a page stops after ``limit`` rows."""
    query = queries.events_select(where, sort=sort, limit=51)
    sql = str(query.compile(store._engine, compile_kwargs={"literal_binds": True}))
    with store._engine.connect() as conn:
        plan = [
            (row[0], row[1], row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")
        ]
    for _, parent, step in plan:
        assert not (step.startswith("SCAN events") and "INDEX" not in step), plan
        if "TEMP B-TREE FOR ORDER BY" in step:  # only of a limited subquery's rows (merged pages)
            siblings = [s for _, p, s in plan if p == parent]
            assert any(s.startswith("SCAN anon_") for s in siblings), plan


def test_store_event_without_source_gets_its_documents(backend_url: str) -> None:
    document = make_document("d-src", source="Reuters")
    document.events[0].source = ""
    with Store(backend_url) as store:
        store.save(document, text="t", content_hash="h")
        stored = store.get_document("d-src")
        assert stored is not None
        assert {event.source for event in stored.events} == {"Reuters"}
        page = list(queries.iter_events(store, EventFilter(source="Reuters"), sort="event_date"))
        assert {doc_id for doc_id, _ in page} == {"d-src"}
        assert len(page) == len(stored.events)
