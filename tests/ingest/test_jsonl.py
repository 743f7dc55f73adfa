import json
from pathlib import Path

from conflictlens.ingest import IngestLimits, read_inputs
from conflictlens.ingest.meta import short_hash

from .conftest import split


def test_jsonl_reads_good_lines_and_reports_bad_ones(fixtures: Path) -> None:
    name = str(fixtures / "mixed.jsonl")
    documents, errors = split(list(read_inputs([name])))
    assert [document.doc_id for document in documents][:2] == ["a1", "7"]
    assert len(documents) == 4
    assert errors == [
        f"{name}:6: missing text",
        f"{name}:7: truncated JSON line (Unterminated string starting at column 23)",
    ]
    assert all("\n" not in message for message in errors)


def test_jsonl_keeps_metadata_and_normalises_dates(fixtures: Path) -> None:
    documents, _ = split(list(read_inputs([str(fixtures / "mixed.jsonl")])))
    first = documents[0]
    assert (first.title, first.source, first.published, first.url) == (
        "Ambush",
        "Example Daily",
        "2024-04-15",
        "https://daily.example.com/a1",
    )
    assert first.origin.endswith("mixed.jsonl:1")


def test_jsonl_missing_id_gets_a_stable_hash(fixtures: Path) -> None:
    runs = [split(list(read_inputs([str(fixtures / "mixed.jsonl")])))[0] for _ in range(2)]
    assert runs[0][2].doc_id == runs[1][2].doc_id == short_hash("A report without an id.")


def test_jsonl_impossible_date_warns_and_is_dropped(fixtures: Path) -> None:
    documents, _ = split(list(read_inputs([str(fixtures / "mixed.jsonl")])))
    bad = next(document for document in documents if document.doc_id == "bad-date")
    assert bad.published is None
    assert bad.warnings == ["published '2024-02-31' is not a valid date; ignored"]


def test_jsonl_wrong_shapes_are_line_errors(tmp_path: Path) -> None:
    path = tmp_path / "shapes.jsonl"
    lines = ['["not", "an", "object"]', '{"id": "e", "text": "   "}', '{"id": [1], "text": "x"}']
    lines += ['{"id": "ok", "text": "Fine."}', '{"id": "m", "text": "x",, }']
    path.write_text("\n".join(lines) + "\n")
    documents, errors = split(list(read_inputs([str(path)])))
    assert [document.doc_id for document in documents] == ["ok"]
    assert errors[0] == f"{path}:1: expected a JSON object, got list"
    assert errors[1] == f"{path}:2: empty text"
    assert errors[2] == f"{path}:3: id must be a string or an integer, got list"
    assert errors[3].startswith(f"{path}:5: malformed JSON (")


def test_jsonl_oversized_line_is_skipped_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = json.dumps({"id": "big", "text": "x" * 5000})
    path.write_text(big + "\n" + '{"id": "small", "text": "Still read."}\n')
    documents, errors = split(list(read_inputs([str(path)], limits=IngestLimits(1000, 10_000))))
    assert [document.doc_id for document in documents] == ["small"]
    assert errors == [f"{path}:1: too large (4.9 KB > 1000 bytes limit)"]


def test_jsonl_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    assert [str(item) for item in read_inputs([str(path)])] == [f"{path}: empty file"]


def test_jsonl_not_utf8_line_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes('{"id": "l", "text": "café"}\n'.encode("latin-1"))
    assert [str(item) for item in read_inputs([str(path)])] == [
        f"{path}:1: not UTF-8 (JSON Lines must be UTF-8)"
    ]
