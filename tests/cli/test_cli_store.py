"""What ``analyze`` leaves in the store and on stdout: idempotent re-runs, --no-store,
--output, stdin."""

from __future__ import annotations

import json

import pytest

from .conftest import dump_store, stored

pytestmark = pytest.mark.slow  # runs whole commands (most load the spaCy model)


def test_cli_analyze_twice_gives_same_jsonl_and_same_store(cli, db, fixtures):
    args = ("analyze", fixtures / "three_documents.jsonl", fixtures / "idlib_attack.txt")
    first = cli(*args, "--published", "2024-03-12", "--db", db)
    assert first.code == 0, first.err
    after_first = dump_store(db)
    second = cli(*args, "--published", "2024-03-12", "--db", db)
    assert second.code == 0, second.err
    assert second.out == first.out
    assert dump_store(db) == after_first, "rows and row counts unchanged by the re-run"
    assert len(after_first["documents"]) == 4


def test_cli_analyze_event_ids_are_stable_across_runs(cli, fixtures):
    path = fixtures / "idlib_attack.txt"
    ids = [
        [e["event_id"] for e in cli("analyze", path, "--no-store").lines()[0]["events"]]
        for _ in range(2)
    ]
    assert ids[0] and ids[0] == ids[1]


def test_cli_analyze_no_store_writes_nothing(cli, tmp_path, fixtures, _isolated_store):
    target = tmp_path / "never.sqlite"
    result = cli("analyze", fixtures / "idlib_attack.txt", "--no-store")
    assert result.code == 0, result.err
    assert result.lines()[0]["events"]
    assert not _isolated_store.exists(), "the default store (CONFLICTLENS_DB) is not created"
    assert not target.exists()


def test_cli_analyze_default_store_is_conflictlens_db(cli, fixtures, _isolated_store):
    result = cli("analyze", fixtures / "idlib_attack.txt")
    assert result.code == 0, result.err
    assert set(stored(f"sqlite:///{_isolated_store}")) == {"idlib_attack"}


def test_cli_analyze_output_file_and_silent_stdout(cli, tmp_path, db, fixtures):
    target = tmp_path / "out" / "documents.jsonl"
    result = cli("analyze", fixtures / "three_documents.jsonl", "--output", target, "--db", db)
    assert result.code == 0, result.err
    assert result.out == ""
    documents = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [d["doc_id"] for d in documents] == ["idlib-1", "aleppo-1", "daraa-1"]
    assert not list(target.parent.glob(".*.tmp")), "no temporary file left behind"


def test_cli_analyze_jsonl_is_one_document_per_input_in_order(cli, fixtures):
    result = cli(
        "analyze",
        fixtures / "aleppo_airstrike.txt",
        fixtures / "three_documents.jsonl",
        fixtures / "idlib_attack.txt",
        "--no-store",
    )
    assert result.code == 0, result.err
    ids = [d["doc_id"] for d in result.lines()]
    assert ids == ["aleppo_airstrike", "idlib-1", "aleppo-1", "daraa-1", "idlib_attack"]
    assert all("text" not in d for d in result.lines()), "text only with --include-text"


def test_cli_analyze_evidence_offsets_point_into_the_text(cli, fixtures):
    result = cli("analyze", fixtures / "idlib_attack.txt", "--include-text", "--no-store")
    (document,) = result.lines()
    text = document["text"]
    (event,) = [e for e in document["events"] if e["fatalities"] == 5]
    start, end = event["evidence"]["fatalities"][0]
    assert text[start:end].lower() == "five"
    for place in document["places"]:
        assert text[place["start"] : place["end"]] == place["name"]


def test_cli_analyze_published_and_source_fill_missing_metadata(cli, fixtures):
    result = cli(
        "analyze",
        fixtures / "idlib_attack.txt",
        fixtures / "three_documents.jsonl",
        "--published",
        "2024-03-12",
        "--source",
        "Fallback Outlet",
        "--no-store",
    )
    by_id = {d["doc_id"]: d for d in result.lines()}
    assert by_id["idlib_attack"]["published"] == "2024-03-12"
    assert by_id["idlib_attack"]["source"] == "Fallback Outlet"
    assert by_id["daraa-1"]["published"] == "2024-03-14", "the document's own date wins"
    assert by_id["daraa-1"]["source"] == "Wire A"
    (event,) = by_id["idlib_attack"]["events"]
    assert event["event_date"] == "2024-03-11", "'on Monday' before Tuesday 12 March 2024"


def test_cli_analyze_reads_stdin(cli_proc, db, fixtures):
    text = (fixtures / "idlib_attack.txt").read_bytes()
    result = cli_proc("analyze", "-", "--published", "2024-03-12", "--db", db, stdin=text)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    (document,) = result.lines()
    assert document["events"]
    assert list(stored(db)) == [document["doc_id"]]


def test_cli_analyze_empty_stdin_is_one_line(cli_proc):
    result = cli_proc("analyze", "-", "--no-store", stdin=b"  \n")
    assert result.code == 1
    assert result.err.strip() == "stdin: empty input"


def test_cli_analyze_same_file_name_in_two_folders_keeps_both(cli, tmp_path, db, fixtures):
    for folder, name in (("a", "idlib_attack.txt"), ("b", "aleppo_airstrike.txt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_bytes((fixtures / name).read_bytes())
    result = cli("analyze", tmp_path / "a", tmp_path / "b", "--db", db)
    assert result.code == 0, result.err
    assert len(stored(db)) == 2
