"""Clusters kept in the store, updated document by document, and rebuilt by the batch."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conflictlens.cli import main
from conflictlens.corroborate import corroborate_store, update_clusters
from conflictlens.store import Store
from conflictlens.store.cluster_tables import iter_consensus, iter_duplicate_pairs
from corroborate.corroborate_records import TEXT, document, event

OTHER = "Rebel mortar fire killed three people in the Old City of Damascus, state media said."
STATE = "A terrorist car bomb killed 41 citizens near the courthouse of Azaz, a source told SANA."


def _add(store: Store, doc, text: str) -> None:
    store.save(doc, text=text, content_hash=str(hash((text, doc.model_dump_json()))))
    update_clusters(store, doc, text=text)


def _fill(store: Store) -> None:
    _add(store, document("reuters", "Reuters", event(fatalities=43)), TEXT)
    _add(store, document("copy", "Jordan Times", event(fatalities=43)), TEXT + " --Reuters")
    _add(store, document("sana", "SANA", event(fatalities=41, actor1="")), STATE)
    _add(
        store,
        document(
            "later",
            "AFP",
            event(event_date="2017-01-12", date_start="2017-01-12", date_end="2017-01-12"),
            published="2017-01-12",
        ),
        OTHER,
    )


@pytest.fixture
def store():
    with Store("sqlite://") as db:
        yield db


def test_store_incremental_clusters_and_copies(store: Store) -> None:
    _fill(store)
    records = list(iter_consensus(store))
    assert [sorted(r.doc_ids) for r in records] == [["copy", "reuters", "sana"], ["later"]]
    azaz = records[0]
    assert azaz.independent_sources == 2
    assert azaz.fields["fatalities"].value == 41
    assert [(a, b) for a, b, _s in iter_duplicate_pairs(store)] == [("copy", "reuters")]


def test_store_unchanged_document_is_not_reclustered(store: Store) -> None:
    _fill(store)
    doc = document("reuters", "Reuters", event(fatalities=43))
    assert update_clusters(store, doc, text=TEXT) is False


def test_store_changed_document_moves_to_its_new_event(store: Store) -> None:
    _fill(store)
    moved = document(
        "sana",
        "SANA",
        event(event_date="2017-01-12", date_start="2017-01-12", date_end="2017-01-12"),
        published="2017-01-12",
    )
    _add(store, moved, OTHER + " Azaz again.")
    groups = sorted(sorted(r.doc_ids) for r in iter_consensus(store))
    assert groups == [["copy", "reuters"], ["later", "sana"]]


def test_store_batch_rebuild_gives_the_same_clusters(store: Store) -> None:
    _fill(store)
    before = [r.to_json_dict() for r in iter_consensus(store)]
    result = corroborate_store(store, rebuild=True)
    assert result.documents == 4 and result.clusters == 2 and result.duplicate_pairs == 1
    after = [r.to_json_dict() for r in iter_consensus(store)]
    assert [r["doc_ids"] for r in after] == [r["doc_ids"] for r in before]
    assert [r["fields"] for r in after] == [r["fields"] for r in before]


def test_store_cli_corroborate_and_export_consensus(tmp_path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    with Store(url) as db:
        for doc, text in (
            (document("reuters", "Reuters", event()), TEXT),
            (document("sana", "SANA", event(fatalities=41)), OTHER),
        ):
            db.save(doc, text=text, content_hash=doc.doc_id)  # stored without clusters
    with pytest.raises(SystemExit) as done:
        main(["corroborate", "--db", url])
    assert done.value.code == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert len(lines) == 1 and lines[0]["sources"] == ["Reuters", "SANA"]
    assert "2 documents clustered" in captured.err

    with pytest.raises(SystemExit) as done:
        main(["export", "--db", url, "--consensus", "--format", "acled-csv"])
    assert done.value.code == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1
    assert rows[0]["fatalities"] == "41" and rows[0]["source"] == "Reuters; SANA"

    with pytest.raises(SystemExit) as done:
        main(["export", "--db", url, "--format", "acled-csv"])
    assert len(list(csv.DictReader(io.StringIO(capsys.readouterr().out)))) == 2
