"""Whole batch runs: local and Ray engines give the same files; kill -9 and resume loses
nothing and duplicates nothing. These load the model (marked slow)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conflictlens.batch import iter_documents, read_manifest, run_batch
from conflictlens.export.parquet import TABLES

pytestmark = pytest.mark.slow


def _files(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*.parquet"))
    }


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The six articles, then a file repeating two ids (b1 unchanged, b2 with other text) and
    ending in a broken line."""
    articles = Path(__file__).resolve().parent / "data" / "articles.jsonl"
    lines = [json.loads(line) for line in articles.read_text(encoding="utf-8").splitlines()]
    folder = tmp_path_factory.mktemp("inputs")
    repeats = folder / "repeats.jsonl"
    changed = dict(lines[1], text=lines[1]["text"] + " Two more bodies were found later.")
    repeats.write_text(
        "\n".join(json.dumps(record) for record in (lines[0], changed)) + '\n{"id": "b9", "te\n',
        encoding="utf-8",
    )
    return [str(articles), str(repeats)]


@pytest.fixture(scope="module")
def local_output(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    run_batch(inputs, out, engine="local", workers=1, shard_size=2)
    return out


def test_batch_local_engine_writes_every_table_and_handles_repeated_ids(
    local_output: Path,
) -> None:
    manifest = read_manifest(local_output)
    assert manifest is not None
    assert manifest.totals()["shards_done"] == 5 == len(manifest.order)
    errors = [line for entry in manifest.shards.values() for line in entry["error_lines"]]
    assert len(errors) == 1 and "repeats.jsonl:3: truncated JSON line" in errors[0]
    documents = {document.doc_id: document for document, _ in iter_documents(local_output)}
    # b1 twice with the same content: kept once; b2 with other content: kept under a new id.
    renamed = [doc_id for doc_id in documents if doc_id.startswith("b2-")]
    assert len(renamed) == 1 and len(documents) == 7
    assert sorted(set(documents) - set(renamed)) == ["b1", "b2", "b3", "b4", "b5", "b6"]
    assert "also used by another document" in documents[renamed[0]].warnings[-1]
    assert manifest.totals()["duplicates_dropped"] == 1
    assert documents["b1"].events and documents["b1"].events[0].country == "Syria"
    for table in TABLES:
        assert len(list((local_output / table).glob("shard=*/part.parquet"))) == 5


def test_batch_local_engine_same_files_with_two_workers(
    inputs: list[str], local_output: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run_batch(inputs, out, engine="local", workers=2, shard_size=2)
    assert _files(out) == _files(local_output)


def test_batch_rerun_of_a_complete_output_does_nothing(
    inputs: list[str], local_output: Path, cli
) -> None:
    before = _files(local_output)
    result = cli("batch", *inputs, "--output", local_output, "--shard-size", 2)
    assert result.code == 0, result.err
    summary = result.json()
    assert (summary["shards_skipped"], summary["shards_processed"]) == (5, 0)
    assert _files(local_output) == before


def test_batch_ray_engine_gives_the_same_files(
    inputs: list[str], local_output: Path, tmp_path: Path
) -> None:
    pytest.importorskip("ray.data", reason="ray[data] is not installed")
    out = tmp_path / "out"
    began = time.monotonic()
    summary = run_batch(inputs, out, engine="ray", workers=1, shard_size=2)
    assert summary.processed == 5
    assert _files(out) == _files(local_output)
    assert time.monotonic() - began < 180  # Ray start + one model load + 8 small documents


def _long_articles(path: Path, count: int) -> Path:
    """``count`` distinct documents of ~350 words (all six article bodies, reordered)."""
    articles = Path(__file__).resolve().parent / "data" / "articles.jsonl"
    bodies = [json.loads(line)["text"] for line in articles.read_text().splitlines()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            order = bodies[i % 6 :] + bodies[: i % 6]
            record = {"id": f"long{i}", "published": "2024-03-20", "text": "\n\n".join(order)}
            out.write(json.dumps(record) + "\n")
    return path


def _done(out: Path) -> int:
    try:
        manifest = read_manifest(out)
    except Exception:  # being replaced right now: try again
        return 0
    return manifest.totals()["shards_done"] if manifest else 0


def test_batch_resume_after_kill_9_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    source = _long_articles(tmp_path / "long.jsonl", 18)  # 6 shards of 3
    out = tmp_path / "out"
    job = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "conflictlens",
            "batch",
            str(source),
            "-o",
            str(out),
            "--shard-size",
            "3",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: kill -9 reaches the workers too
    )
    deadline = time.monotonic() + 300
    try:
        while _done(out) < 1 and job.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        os.killpg(job.pid, signal.SIGKILL)
        job.wait()
    assert job.returncode == -signal.SIGKILL, job.stderr.read() if job.stderr else ""
    done_at_kill = _done(out)
    assert 1 <= done_at_kill < 6

    resumed = run_batch([str(source)], out, shard_size=3)
    assert (resumed.skipped, resumed.processed) == (done_at_kill, 6 - done_at_kill)
    reference = tmp_path / "reference"
    run_batch([str(source)], reference, shard_size=3)

    ids = [document.doc_id for document, _ in iter_documents(out)]
    assert sorted(ids) == sorted(f"long{i}" for i in range(18))  # none lost, none twice
    assert [d for d, _ in iter_documents(out)] == [d for d, _ in iter_documents(reference)]
    assert _files(out) == _files(reference)
    assert not list(out.rglob("*.tmp"))
