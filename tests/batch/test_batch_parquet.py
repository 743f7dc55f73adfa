"""Document -> Parquet -> Document is lossless, and DuckDB reads a batch output as tables."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from batch.batch_records import make_document, write_output
from conflictlens.batch.output import iter_documents
from conflictlens.export.parquet import (
    SCHEMAS,
    TABLES,
    content_hash,
    documents_to_tables,
    sort_tables,
    tables_to_documents,
)
from conflictlens.records import Document


def test_parquet_round_trip_gives_equal_documents(tmp_path: Path) -> None:
    documents = [make_document("d2"), make_document("d1"), Document(doc_id="empty", text="x")]
    write_output(tmp_path, {"s1": documents})
    back = {document.doc_id: document for document, _ in iter_documents(tmp_path)}
    assert back == {document.doc_id: document for document in documents}


def test_parquet_content_hash_travels_with_the_document(tmp_path: Path) -> None:
    document = make_document("d1")
    write_output(tmp_path, {"s1": [document]})
    [(_, stored_hash)] = list(iter_documents(tmp_path))
    assert stored_hash == content_hash(document)


def test_parquet_schemas_do_not_depend_on_the_rows() -> None:
    # A shard without events or places must still have typed columns, or DuckDB cannot union.
    empty = documents_to_tables([Document(doc_id="x", text="")])
    full = documents_to_tables([make_document("y")])
    for name in TABLES:
        assert empty[name].schema == full[name].schema == SCHEMAS[name]
    assert empty["events"].num_rows == 0


def test_parquet_child_order_survives_sorting() -> None:
    tables = sort_tables(documents_to_tables([make_document("b"), make_document("a")]))
    assert tables["documents"]["doc_id"].to_pylist() == ["a", "b"]
    a = tables_to_documents(tables)[0]
    assert [e.event_id for e in a.events] == ["CLaa", "CLab"]


def test_parquet_duckdb_reads_the_partitioned_output(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is a dev dependency")
    write_output(
        tmp_path,
        {
            "s1": [make_document("d1"), make_document("d2", country="Iraq")],
            "s2": [make_document("d3")],
        },
    )
    rows = duckdb.sql(
        f"""
        SELECT country, count(*) AS events, sum(fatalities) AS fatalities,
               count(DISTINCT shard) AS shards
        FROM read_parquet('{tmp_path}/events/**/*.parquet', hive_partitioning = true)
        GROUP BY country ORDER BY country
        """
    ).fetchall()
    assert rows == [("Iraq", 2, 20, 1), ("Syria", 4, 40, 2)]
    joined = duckdb.sql(
        f"""
        SELECT d.title, e.actor1
        FROM read_parquet('{tmp_path}/events/*/*.parquet') e
        JOIN read_parquet('{tmp_path}/documents/*/*.parquet') d USING (doc_id)
        WHERE e.field_certainty['actor1'] = 'suspected' ORDER BY d.title
        """
    ).fetchall()
    assert joined == [
        ("Title d1", "Islamic State (Syria)"),
        ("Title d2", "Islamic State (Syria)"),
        ("Title d3", "Islamic State (Syria)"),
    ]


def test_parquet_files_are_written_atomically(tmp_path: Path) -> None:
    write_output(tmp_path, {"s1": [make_document("d1")]})
    names = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert names == ["manifest.json"] + ["part.parquet"] * len(TABLES)
    assert pq.read_metadata(tmp_path / "events" / "shard=s1" / "part.parquet").num_rows == 2
