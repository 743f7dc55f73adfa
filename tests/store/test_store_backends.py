"""The store behaves the same on SQLite and on PostgreSQL (a real server the tests start)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import delete, func, insert, select, text
from store_records import TEXT, make_document

from conflictlens.errors import StoreError
from conflictlens.records import Event
from conflictlens.store import Store
from conflictlens.store import cluster_tables as clusters
from conflictlens.store.registry_tables import registry_actors, registry_aliases
from conflictlens.store.schema import documents


@pytest.fixture
def db(backend_url: str) -> Iterator[Store]:
    store = Store(backend_url)
    yield store
    store.close()


def test_store_backends_round_trip_every_record_kind(db: Store) -> None:
    document = make_document()
    assert db.save(document, text=TEXT, content_hash="h1") == "inserted"
    loaded = db.get_document("doc-1")
    assert loaded == document.model_copy(update={"text": TEXT})
    assert loaded.framing.hedges[0].scope == (117, 165)
    assert loaded.events[0].evidence == {"actor1": [(0, 17)], "fatalities": [(70, 91)]}
    assert [d.doc_id for d in db.documents()] == ["doc-1"]


def test_store_backends_resave_is_idempotent(db: Store) -> None:
    db.save(make_document(), text=TEXT, content_hash="h1")
    before = db.stats()
    assert db.save(make_document(), text=TEXT, content_hash="h1") == "unchanged"
    assert db.stats() == before
    fewer = make_document(events=[Event(event_id="only", event_type="Battles")])
    assert db.save(fewer, text=TEXT, content_hash="h2") == "updated"
    assert db.save(fewer, text=TEXT, content_hash="h2") == "unchanged"
    assert [e.event_id for e in db.get_document("doc-1").events] == ["only"]
    assert db.stats() == {**before, "events": 1}


def test_store_backends_json_columns_hold_the_same_text(db: Store) -> None:
    db.save(make_document(), text=TEXT, content_hash="h")
    with db._engine.connect() as conn:
        row = conn.execute(
            text("SELECT according_to, evidence, field_certainty FROM events ORDER BY position")
        ).first()
    assert tuple(row) == (
        '["a local monitor"]',
        '{"actor1": [[0, 17]], "fatalities": [[70, 91]]}',
        "{}",
    )


def test_store_backends_event_filters(db: Store) -> None:
    db.save(make_document("a", source="Outlet A"), text=TEXT, content_hash="h")
    db.save(make_document("b", source="Outlet B"), text=TEXT, content_hash="h")
    undated = make_document("c", events=[Event(event_id="c-x", actor1="Someone", country="Iraq")])
    db.save(undated, text=TEXT, content_hash="h")

    def ids(**filters: object) -> list[str]:
        return [event.event_id for _, event in db.events(**filters)]  # type: ignore[arg-type]

    assert ids() == ["a-e1", "b-e1", "a-e2", "b-e2", "c-x"]  # by date, undated last
    assert ids(date_from=date(2024, 4, 17)) == ["a-e2", "b-e2"]
    assert ids(date_to=date(2024, 4, 16)) == ["a-e1", "b-e1"]
    assert ids(country="iraq") == ["c-x"]
    assert ids(event_type="BATTLES") == ["a-e2", "b-e2"]
    assert ids(actor="tahrir") == ["a-e2", "b-e2"]  # an associated actor, any case
    assert ids(actor="100%") == []  # LIKE wildcards are literal
    assert ids(source="outlet b") == ["b-e1", "b-e2"]


def test_store_backends_failed_write_leaves_store_unchanged(db: Store) -> None:
    db.save(make_document(), text=TEXT, content_hash="h1")
    before = (db.stats(), db.get_document("doc-1"))
    broken = make_document(events=[Event(event_id="x"), Event(event_id="x")])
    with pytest.raises(StoreError, match="not saved"):
        db.save(broken, text="new text", content_hash="h2")
    with pytest.raises(StoreError):
        db.save(make_document("new", events=broken.events), text=TEXT, content_hash="h")
    assert (db.stats(), db.get_document("doc-1")) == before
    assert db.get_document("new") is None


def test_store_backends_hostile_doc_id_is_data(db: Store) -> None:
    hostile = 'x\'); DROP TABLE documents; --"q" \\ %_'
    db.save(make_document(hostile), text=TEXT, content_hash="h")
    assert db.get_document(hostile).doc_id == hostile
    assert db.stats()["documents"] == 1


def test_store_backends_registry_rows_go_with_their_document(db: Store) -> None:
    db.save(make_document(), text=TEXT, content_hash="h")
    actor = {"actor_id": "a1", "name": "Liwa al-Quds", "type": "militia", "origin": "kb"}
    alias = {"actor_id": "a1", "alias": "Liwa al-Quds", "norm": "liwa al quds"}
    with db._engine.begin() as conn:
        conn.execute(insert(registry_actors), [actor])
        conn.execute(insert(registry_aliases), [alias])
        conn.execute(insert(registry_aliases), [{**alias, "doc_id": "doc-1"}])
        ids = list(conn.execute(select(registry_aliases.c.alias_id)).scalars())
        conn.execute(delete(documents).where(documents.c.doc_id == "doc-1"))
        left = conn.execute(select(registry_aliases.c.doc_id)).all()
        defaults = conn.execute(select(registry_actors.c.provisional, registry_actors.c.active))
        assert defaults.one() == (0, "")
    assert sorted(ids) == [ids[0], ids[0] + 1]  # generated keys
    assert left == [(None,)]  # the knowledge-base alias stays, the learned one went
    assert db.stats()["events"] == 0  # child rows cascade with the document


def test_store_backends_cluster_tables(db: Store) -> None:
    for doc_id in ("a", "b"):
        db.save(make_document(doc_id), text=TEXT, content_hash="h")
    big = -(2**63)  # bucket keys are signed 64-bit
    with db._engine.begin() as conn:
        clusters.save_signature(conn, "a", ("h", db.pipeline_version), b"\x00\xff" * 4, [big, 7])
        clusters.save_signature(conn, "b", ("h", db.pipeline_version), b"\x01" * 8, [7])
        assert clusters.bucket_neighbours(conn, "b", [7]) == {"a": b"\x00\xff" * 4}
        assert clusters.bucket_neighbours(conn, "x", [big]) == {"a": b"\x00\xff" * 4}
        clusters.save_duplicates(conn, [("b", "a", 0.9)])
        first = clusters.create_cluster(conn, "c1")
        second = clusters.create_cluster(conn, "c1")
    assert (first, second) == ("c1", "c1-2")
    assert list(clusters.iter_duplicate_pairs(db)) == [("a", "b", 0.9)]
    assert clusters.counts(db)["clusters"] == 2
    with db._engine.begin() as conn:
        assert clusters.pending_documents(conn) == []
        assert conn.execute(select(func.count()).select_from(clusters.buckets)).scalar() == 3


def test_store_backends_nul_in_text_is_a_clear_error_on_postgresql(pg_url: str) -> None:
    with Store(pg_url) as db:
        with pytest.raises(StoreError, match=r"document 'doc-1'.*NUL"):
            db.save(make_document(), text=TEXT + "\x00", content_hash="h")
        assert db.stats()["documents"] == 0
