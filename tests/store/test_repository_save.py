"""Saving is idempotent, replaces changed documents, and never leaves half a document."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_records import TEXT, make_document

from conflictlens.errors import StoreError
from conflictlens.records import ActorMention, Document, Event
from conflictlens.store import Store


def _analysed_at(store: Store, doc_id: str) -> str:
    from sqlalchemy import select

    from conflictlens.store.schema import documents

    with store._engine.connect() as conn:
        return conn.execute(
            select(documents.c.analysed_at).where(documents.c.doc_id == doc_id)
        ).scalar_one()


def test_repository_save_round_trips_every_record(store: Store) -> None:
    document = make_document()
    assert store.save(document, text=TEXT, content_hash="h1") == "inserted"
    loaded = store.get_document("doc-1")
    assert loaded == document.model_copy(update={"text": TEXT})
    assert loaded.framing.hedges[0].scope == (117, 165)
    assert loaded.events[0].evidence == {"actor1": [(0, 17)], "fatalities": [(70, 91)]}


def test_repository_save_same_hash_is_unchanged(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = make_document()
    store.save(document, text=TEXT, content_hash="h1")
    before_stats = store.stats()
    before_time = _analysed_at(store, "doc-1")
    monkeypatch.setattr("conflictlens.store.repository._now", lambda: "2999-01-01T00:00:00+00:00")
    assert store.save(document, text=TEXT, content_hash="h1") == "unchanged"
    assert store.stats() == before_stats
    assert _analysed_at(store, "doc-1") == before_time


def test_repository_save_changed_hash_replaces_children(store: Store) -> None:
    store.save(make_document(), text=TEXT, content_hash="h1")
    fewer = make_document(events=[Event(event_id="only", event_type="Battles")], actors=[])
    assert store.save(fewer, text=TEXT + " More.", content_hash="h2") == "updated"
    loaded = store.get_document("doc-1")
    assert [e.event_id for e in loaded.events] == ["only"]
    assert loaded.actors == []
    assert loaded.text.endswith("More.")
    assert store.stats() == {"documents": 1, "events": 1, "actors": 0, "relations": 1}


def test_repository_save_new_pipeline_version_updates(file_store) -> None:
    file_store(pipeline_version="1").save(make_document(), text=TEXT, content_hash="h1")
    newer = file_store(pipeline_version="2")
    assert newer.save(make_document(), text=TEXT, content_hash="h1") == "updated"
    assert newer.save(make_document(), text=TEXT, content_hash="h1") == "unchanged"


def test_repository_save_many_keeps_earlier_documents_on_failure(store: Store) -> None:
    good = make_document("good")
    duplicate_ids = make_document("broken", events=[Event(event_id="same"), Event(event_id="same")])
    later = make_document("later")

    def items() -> Iterator[tuple[Document, str, str]]:
        yield good, TEXT, "h"
        yield duplicate_ids, TEXT, "h"
        yield later, TEXT, "h"

    with pytest.raises(StoreError, match="broken"):
        store.save_many(items())
    assert store.get_document("good") is not None
    assert store.get_document("broken") is None  # its document row was rolled back too
    assert store.get_document("later") is None
    assert store.stats() == {"documents": 1, "events": 2, "actors": 2, "relations": 1}


def test_repository_failed_update_keeps_previous_version(store: Store) -> None:
    store.save(make_document(), text=TEXT, content_hash="h1")
    broken = make_document(events=[Event(event_id="x"), Event(event_id="x")])
    with pytest.raises(StoreError):
        store.save(broken, text="new text", content_hash="h2")
    loaded = store.get_document("doc-1")
    assert loaded.text == TEXT
    assert len(loaded.events) == 2


def test_repository_save_many_counts_outcomes(store: Store) -> None:
    items = [(make_document("a"), TEXT, "1"), (make_document("b"), TEXT, "1")]
    assert store.save_many(items) == {"inserted": 2, "updated": 0, "unchanged": 0}
    items.append((make_document("c"), TEXT, "1"))
    items[0] = (make_document("a"), TEXT, "2")
    assert store.save_many(items) == {"inserted": 1, "updated": 1, "unchanged": 1}


def test_repository_hostile_doc_id_is_stored_verbatim(file_store, tmp_path: Path) -> None:
    hostile = 'x\'); DROP TABLE documents; --"quoted"'
    db = file_store()
    db.save(make_document(hostile), text=TEXT, content_hash="h")
    assert db.get_document(hostile).doc_id == hostile
    assert [doc_id for doc_id, _ in db.events(actor="'); DROP")] == []
    db.close()
    with sqlite3.connect(tmp_path / "cl.sqlite") as conn:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        assert {"documents", "events", "schema_version"} <= tables
        assert conn.execute("SELECT doc_id FROM documents").fetchall() == [(hostile,)]


def test_repository_file_is_plain_sqlite_for_users(file_store, tmp_path: Path) -> None:
    db = file_store()
    db.save(make_document(), text=TEXT, content_hash="h")
    db.close()
    with sqlite3.connect(tmp_path / "cl.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        row = conn.execute(
            "SELECT actor1, fatalities, according_to FROM events WHERE event_date = '2024-04-16'"
        ).fetchone()
        assert row == ("Military Forces of Syria (2000-2024)", 4, '["a local monitor"]')
        evidence = conn.execute(
            "SELECT substr(d.text, a.span_start + 1, a.span_end - a.span_start) "
            "FROM actor_mentions a JOIN documents d USING (doc_id) ORDER BY a.position"
        ).fetchone()[0]
        assert evidence == "Government forces"
        assert conn.execute("SELECT version FROM schema_version").fetchone() == (1,)


def test_repository_reopens_existing_file(file_store) -> None:
    file_store().save(make_document(), text=TEXT, content_hash="h")
    assert file_store().stats()["documents"] == 1


def test_repository_unwritable_path_is_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as info:
        Store(f"sqlite:///{blocker / 'db.sqlite'}")
    assert str(blocker) in str(info.value)


def test_repository_bad_url_is_store_error() -> None:
    with pytest.raises(StoreError, match="nosuchdb"):
        Store("nosuchdb://user:secret@host/db")


def test_repository_error_message_hides_password() -> None:
    with pytest.raises(StoreError) as info:
        Store("nosuchdb://user:secret@host/db")
    assert "secret" not in str(info.value)


def test_repository_newer_schema_is_refused(file_store, tmp_path: Path) -> None:
    file_store().close()
    with sqlite3.connect(tmp_path / "cl.sqlite") as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (99)")
    with pytest.raises(StoreError, match="newer"):
        file_store()


def test_repository_fields_added_to_records_later_are_kept(file_store, tmp_path: Path) -> None:
    class LaterActorMention(ActorMention):  # a field the record model may grow one day
        transliteration: str = ""

    mention = LaterActorMention(name="X", surface="x", start=0, end=1, transliteration="iks")
    db = file_store()
    db.save(make_document(actors=[mention]), text=TEXT, content_hash="h")
    assert db.get_document("doc-1").actors[0].name == "X"
    db.close()
    with sqlite3.connect(tmp_path / "cl.sqlite") as conn:
        extra = conn.execute("SELECT extra FROM actor_mentions").fetchone()[0]
    assert json.loads(extra) == {"transliteration": "iks"}


def test_repository_second_store_sees_committed_documents(file_store) -> None:
    writer, reader = file_store(), file_store()
    writer.save(make_document("a"), text=TEXT, content_hash="h")
    assert [d.doc_id for d in reader.documents()] == ["a"]
    writer.save(make_document("b"), text=TEXT, content_hash="h")
    assert reader.stats()["documents"] == 2
