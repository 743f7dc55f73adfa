"""``run_batch``: plan shards, skip the completed ones, analyse the rest, write in plan order.

Results arrive in whatever order workers finish; they are written in plan order so that the
duplicate-id rule (see ``dedup``) sees shards in a fixed order and the output does not depend on
the engine or the number of workers. A shard counts as done only once all its files are in
place and the manifest says so; a crashed run leaves at most unlisted files, which the rerun
overwrites.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from conflictlens.batch.dedup import decide, renamed
from conflictlens.batch.engines import engine_for
from conflictlens.batch.manifest import Manifest, now, read_manifest
from conflictlens.batch.output import read_ids, remove_temp_files, write_shard
from conflictlens.batch.shards import Shard, plan_shards
from conflictlens.batch.work import ShardResult
from conflictlens.errors import InputError, UsageError
from conflictlens.export.parquet import (
    documents_to_tables,
    sort_tables,
    tables_to_documents,
)


@dataclass
class BatchSummary:
    """What one run did (counts cover the shards processed in this run)."""

    output: Path
    engine: str
    workers: int
    shards: int = 0
    skipped: int = 0  # already complete from an earlier run
    processed: int = 0
    documents: int = 0
    events: int = 0
    words: int = 0
    errors: int = 0
    duplicates_dropped: int = 0
    renamed: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # workers' CPU time on the shards of this run
    worker_peak_rss_mb: dict[int, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


#: Called after each shard is written: (summary so far, the shard's result).
Progress = Callable[[BatchSummary, ShardResult], None]


def _writable(directory: Path) -> None:
    try:
        if directory.exists() and not directory.is_dir():
            raise NotADirectoryError(20, "exists and is not a directory")
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / ".conflictlens-write-probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise UsageError(str(directory), f"cannot write output ({exc.strerror or exc})") from exc


def _manifest_for(directory: Path, shard_size: int, version: str) -> Manifest:
    manifest = read_manifest(directory)
    if manifest is None:
        return Manifest(pipeline_version=version, shard_size=shard_size)
    if manifest.shard_size != shard_size:
        raise UsageError(
            "--shard-size",
            f"{directory} was written with --shard-size {manifest.shard_size}; "
            "use that again to resume, or choose another --output",
        )
    manifest.pipeline_version = version  # shards of an older version are redone
    return manifest


def _cross_shard(
    tables: dict[str, pa.Table], seen: dict[str, str]
) -> tuple[dict[str, pa.Table], int, int]:
    """Apply the duplicate rule against earlier shards; returns tables, dropped, renamed."""
    ids = tables["documents"]["doc_id"].to_pylist()
    hashes = dict(zip(ids, tables["documents"]["content_hash"].to_pylist(), strict=True))
    if not any(doc_id in seen for doc_id in ids):
        seen.update(hashes)
        return tables, 0, 0
    # Rare (an id repeated across shards): rebuild this shard's records and apply the rule.
    kept, dropped, renamed_count = [], 0, 0
    for document in tables_to_documents(tables):
        decision = decide(seen, document.doc_id, hashes[document.doc_id])
        if decision.action == "drop":
            dropped += 1
        elif decision.action == "rename":
            renamed_count += 1
            kept.append(renamed(document, decision.doc_id))
        else:
            kept.append(document)
    return sort_tables(documents_to_tables(kept)), dropped, renamed_count


def run_batch(
    inputs: list[str],
    output: Path,
    *,
    engine: str = "local",
    workers: int = 1,
    shard_size: int = 1000,
    published: str | None = None,
    source: str | None = None,
    ray_address: str | None = None,
    progress: Progress | None = None,
    on_plan: Callable[[list[Shard], int], None] | None = None,
) -> BatchSummary:
    """Analyse ``inputs`` into ``output`` (resuming an earlier run there); see docs/batch.md."""
    from conflictlens.ingest import normalize_date
    from conflictlens.pipeline import PIPELINE_VERSION

    run_engine = engine_for(engine)
    if workers < 1:
        raise UsageError("--workers", f"must be at least 1, got {workers}")
    if published is not None:
        published, _ = normalize_date(published)
        if published is None:
            raise UsageError("--published", "not a valid YYYY-MM-DD date")
    began = time.perf_counter()
    shards = plan_shards(inputs, shard_size)
    _writable(output)
    manifest = _manifest_for(output, shard_size, PIPELINE_VERSION)
    remove_temp_files(output)
    summary = BatchSummary(output=output, engine=engine, workers=workers, shards=len(shards))

    # Completed shards: their ids join the duplicate index; unreadable ones are redone.
    done_ids: dict[str, list[tuple[str, str]]] = {}
    for shard in shards:
        if manifest.done(shard.shard_id, shard.fingerprint):
            try:
                done_ids[shard.shard_id] = read_ids(output, shard.shard_id)
            except InputError as error:
                summary.warnings.append(f"{error}; shard {shard.shard_id} is redone")
    todo = [s for s in shards if s.shard_id not in done_ids]
    summary.skipped = len(shards) - len(todo)
    manifest.order = [s.shard_id for s in shards]
    manifest.save(output)
    if on_plan is not None:
        on_plan(shards, summary.skipped)

    results: Iterator[ShardResult] = run_engine(
        todo, workers=workers, published=published, source=source, address=ray_address
    )
    waiting: dict[str, ShardResult] = {}
    seen: dict[str, str] = {}
    try:
        for shard in shards:
            if shard.shard_id in done_ids:
                seen.update(done_ids[shard.shard_id])
                continue
            while shard.shard_id not in waiting:
                result = next(results, None)
                if result is None:
                    raise RuntimeError(
                        f"the {engine} engine returned no result for {shard.shard_id}"
                    )
                waiting[result.shard_id] = result
            result = waiting.pop(shard.shard_id)
            _write(output, manifest, shard, result, seen, summary)
            if progress is not None:
                progress(summary, result)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops the engine's workers (and a Ray started for this run)
    summary.seconds = time.perf_counter() - began
    return summary


def _write(
    output: Path,
    manifest: Manifest,
    shard: Shard,
    result: ShardResult,
    seen: dict[str, str],
    summary: BatchSummary,
) -> None:
    tables, dropped, renamed_count = _cross_shard(result.tables, seen)
    write_shard(output, shard.shard_id, tables)
    counts: dict[str, Any] = dict(result.counts)
    counts["duplicates_dropped"] = counts.get("duplicates_dropped", 0) + dropped
    counts["renamed"] = counts.get("renamed", 0) + renamed_count
    documents = tables["documents"]
    counts["documents"] = documents.num_rows
    counts["events"] = tables["events"].num_rows
    counts["words"] = int(pc.sum(documents["words"]).as_py() or 0)
    manifest.shards[shard.shard_id] = {
        "status": "done",
        "kind": shard.kind,
        "inputs": list(shard.paths),
        "lines": (
            [shard.first_line, shard.first_line + shard.size_hint - 1]
            if shard.kind == "jsonl"
            else None
        ),
        "fingerprint": shard.fingerprint,
        "pipeline_version": manifest.pipeline_version,
        **counts,
        "error_lines": result.errors,
        "seconds": round(result.seconds, 3),
        "cpu_seconds": round(result.cpu_seconds, 3),
        "worker": result.worker,
        "finished": now(),
    }
    manifest.save(output)
    summary.processed += 1
    summary.cpu_seconds += result.cpu_seconds
    for key in ("documents", "events", "words", "errors", "duplicates_dropped", "renamed"):
        setattr(summary, key, getattr(summary, key) + int(counts.get(key, 0)))
    peak = summary.worker_peak_rss_mb
    peak[result.worker] = max(peak.get(result.worker, 0.0), result.worker_peak_rss_mb)


__all__ = ["BatchSummary", "run_batch"]
