"""Filtering stored events the way analysts ask for them."""

from __future__ import annotations

from datetime import date

import pytest
from store_records import TEXT, make_document

from conflictlens.records import Event
from conflictlens.store import Store


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(make_document("a", source="Outlet A"), text=TEXT, content_hash="1")
    other = make_document("b", source="Outlet B")
    iraq = Event(
        event_id="b-iraq",
        event_date="2024-05-02",
        country="Iraq",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Iraq)",
        source="",
    )
    store.save(
        other.model_copy(update={"events": [*other.events, iraq]}), text=TEXT, content_hash="1"
    )
    return store


def _ids(rows) -> list[str]:
    return [event.event_id for _, event in rows]


def test_repository_events_without_filters_are_date_ordered(filled: Store) -> None:
    ids = _ids(filled.events())
    assert ids == ["a-e1", "b-e1", "a-e2", "b-e2", "b-iraq"]


def test_repository_events_date_range(filled: Store) -> None:
    assert _ids(filled.events(date_from=date(2024, 4, 17), date_to=date(2024, 4, 30))) == [
        "a-e2",
        "b-e2",
    ]


def test_repository_events_country_and_type_ignore_case(filled: Store) -> None:
    assert _ids(filled.events(country="iraq")) == ["b-iraq"]
    assert _ids(filled.events(event_type="battles", country="Syria")) == ["a-e2", "b-e2"]
    assert _ids(filled.events(sub_event_type="Peaceful protest")) == ["b-iraq"]


def test_repository_events_actor_matches_substring_of_any_actor(filled: Store) -> None:
    assert _ids(filled.events(actor="tahrir")) == ["a-e2", "b-e2"]  # associated actor
    assert _ids(filled.events(actor="CIVILIANS")) == ["a-e1", "b-e1"]  # actor2
    assert _ids(filled.events(actor="%")) == []  # wildcards are literal text


def test_repository_events_source_uses_document_source_as_fallback(filled: Store) -> None:
    assert _ids(filled.events(source="outlet b")) == ["b-e1", "b-e2", "b-iraq"]


def test_repository_events_yield_doc_ids(filled: Store) -> None:
    assert {doc_id for doc_id, _ in filled.events(country="Iraq")} == {"b"}


def test_repository_documents_lists_all_with_text(filled: Store) -> None:
    documents = list(filled.documents())
    assert sorted(d.doc_id for d in documents) == ["a", "b"]
    assert all(d.text == TEXT for d in documents)
    assert len(next(d for d in documents if d.doc_id == "b").events) == 3


def test_repository_get_document_missing_is_none(store: Store) -> None:
    assert store.get_document("nope") is None


def test_repository_stats_counts_distinct_actors(filled: Store) -> None:
    assert filled.stats() == {"documents": 2, "events": 5, "actors": 2, "relations": 2}
