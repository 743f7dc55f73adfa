"""Shard planning, the duplicate-id rule, `load` into a store, and bad inputs (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from batch.batch_records import make_document, write_output
from conflictlens.batch import plan_shards, read_shard
from conflictlens.batch.dedup import decide, renamed
from conflictlens.errors import InputError, UsageError
from conflictlens.records import RawDocument


def _jsonl(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(json.dumps({"id": f"n{i}", "text": f"Text number {i}."}) + "\n")
    return path


def test_plan_jsonl_chunks_cover_every_line_once_with_stable_ids(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "news.jsonl", 10)
    shards = plan_shards([str(source)], shard_size=4)
    assert [s.size_hint for s in shards] == [4, 4, 2]
    ids = [d.doc_id for s in shards for d in read_shard(s) if isinstance(d, RawDocument)]
    assert ids == [f"n{i}" for i in range(10)]
    assert [s.shard_id for s in plan_shards([str(source)], shard_size=4)] == [
        s.shard_id for s in shards
    ]
    assert shards[0].shard_id.startswith("news-00000-")


def test_plan_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "news.jsonl", 3)
    shards = plan_shards([str(source), str(tmp_path), str(source)], shard_size=10)
    assert len(shards) == 1


def test_plan_bad_line_is_reported_with_its_line_number(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "news.jsonl", 5)
    source.write_text(source.read_text() + "{not json\n")
    last = plan_shards([str(source)], shard_size=4)[-1]
    errors = [str(e) for e in read_shard(last) if isinstance(e, InputError)]
    assert len(errors) == 1 and errors[0].startswith(f"{source.resolve()}:6: ")


def test_plan_fingerprint_changes_with_the_input(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "news.jsonl", 3)
    before = plan_shards([str(source)], shard_size=10)[0].fingerprint
    _jsonl(source, 4)
    assert plan_shards([str(source)], shard_size=10)[0].fingerprint != before


def test_plan_text_files_are_grouped_and_defaults_applied(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Article {name}.", encoding="utf-8")
    shards = plan_shards([str(tmp_path)], shard_size=2)
    assert [len(s.paths) for s in shards] == [2, 1]
    raws = [r for r in read_shard(shards[0], published="2024-01-02", source="Wire")]
    assert [(r.published, r.source) for r in raws if isinstance(r, RawDocument)] == [
        ("2024-01-02", "Wire"),
        ("2024-01-02", "Wire"),
    ]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p.mkdir() or p, "no input files of a known format"),
        (lambda p: p, "no such file or directory"),
    ],
)
def test_plan_bad_inputs_are_usage_errors(tmp_path: Path, setup, message: str) -> None:
    target = setup(tmp_path / "in")
    with pytest.raises(UsageError, match=message) as error:
        plan_shards([str(target)], shard_size=5)
    assert str(target) in str(error.value)


def test_dedup_first_keeps_same_content_dropped_other_content_renamed() -> None:
    seen: dict[str, str] = {}
    assert decide(seen, "x", "h1").action == "keep"
    assert decide(seen, "x", "h1").action == "drop"
    other = decide(seen, "x", "h2")
    assert (other.action, other.doc_id) == ("rename", "x-h2")
    assert decide(seen, "x", "h2").action == "drop"  # the same second version again
    document = renamed(make_document("x"), "x-h2")
    assert document.doc_id == "x-h2" and "also used" in document.warnings[-1]
    assert {e.event_id for e in document.events}.isdisjoint(
        {e.event_id for e in make_document("x").events}
    )


def test_load_stores_documents_and_export_works(tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    write_output(
        out, {"s1": [make_document("d1"), make_document("d2")], "s2": [make_document("d3")]}
    )
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    first = cli("load", out, "--db", db)
    assert first.code == 0, first.err
    assert first.json()["inserted"] == 3
    again = cli("load", out, "--db", db)
    assert again.json()["unchanged"] == 3 and again.json()["inserted"] == 0
    csv = tmp_path / "events.csv"
    exported = cli("export", "--db", db, "--format", "acled-csv", "--output", csv)
    assert exported.code == 0, exported.err
    lines = csv.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 6 and "Liwa al-Quds" in lines[1]
    summary = cli("summary", "--db", db)
    assert summary.code == 0 and "3" in summary.out


def test_load_corrupt_shard_is_one_line_error_and_stores_nothing(tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    write_output(out, {"s1": [make_document("d1")], "s2": [make_document("d2")]})
    broken = out / "events" / "shard=s2" / "part.parquet"
    broken.write_bytes(broken.read_bytes()[:40])
    db_file = tmp_path / "store.sqlite"
    result = cli("load", out, "--db", f"sqlite:///{db_file}")
    assert result.code == 1
    [line] = result.err.strip().splitlines()
    assert str(broken) in line and "Parquet" in line
    assert not db_file.exists()  # checked before the store was opened


def test_load_of_a_directory_that_is_not_a_batch_output(tmp_path: Path, cli) -> None:
    result = cli("load", tmp_path, "--db", f"sqlite:///{tmp_path / 's.sqlite'}")
    assert result.code == 1
    assert "not a batch output (no manifest.json)" in result.err


def test_batch_unwritable_output_is_a_usage_error(tmp_path: Path, cli, articles: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("batch", articles, "--output", blocker / "out")
    assert result.code == 2
    assert str(blocker / "out") in result.err and "cannot write output" in result.err


def test_batch_empty_directory_is_a_usage_error(tmp_path: Path, cli) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("batch", tmp_path / "empty", "--output", tmp_path / "out")
    assert result.code == 2
    assert "no input files of a known format" in result.err
    assert not (tmp_path / "out").exists()
