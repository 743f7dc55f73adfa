"""Analysing one shard: what every engine runs in its workers.

The model is loaded once per worker process (``pipeline.get_pipeline`` caches it), documents go
through ``pipeline.iter_analyze`` exactly as for ``conflictlens analyze``, and the result leaves
the worker as Arrow IPC bytes, so the process that writes Parquet does no conversion.
"""

from __future__ import annotations

import os
import pickle
import resource
import time
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from conflictlens.batch.dedup import decide, renamed
from conflictlens.batch.shards import Shard, read_shard
from conflictlens.errors import InputError
from conflictlens.export.parquet import content_hash, documents_to_tables, sort_tables
from conflictlens.records import Document, RawDocument

#: Error lines kept per shard in the manifest (the count is always exact).
MAX_ERRORS_KEPT = 20


@dataclass
class ShardResult:
    """A shard's tables (sorted rows) and what happened to it."""

    shard_id: str
    tables: dict[str, pa.Table]
    errors: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the worker's CPU time on this shard: cost, whatever the load
    worker: int = 0  # process id
    worker_peak_rss_mb: float = 0.0

    def dumps(self) -> bytes:
        """Bytes for crossing a process boundary (Arrow IPC inside a pickle)."""
        data = self.__dict__ | {"tables": {n: _ipc(t) for n, t in self.tables.items()}}
        return pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def loads(cls, payload: bytes) -> ShardResult:
        # Only ever bytes this package produced in its own workers, never user input.
        data = pickle.loads(payload)
        data["tables"] = {n: pa.ipc.open_stream(b).read_all() for n, b in data["tables"].items()}
        return cls(**data)


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def prepare_worker() -> None:
    """Once per worker: one BLAS thread (n workers on n cores) and the model loaded."""
    from threadpoolctl import threadpool_limits

    from conflictlens.nlp import import_thinc_without_torch
    from conflictlens.pipeline import get_pipeline

    import_thinc_without_torch()
    threadpool_limits(1)
    get_pipeline()


def analyse_shard(shard: Shard, *, published: str | None, source: str | None) -> ShardResult:
    """Read, analyse and tabulate one shard; bad documents become error lines, not failures."""
    from conflictlens.pipeline import iter_analyze

    began, began_cpu = time.perf_counter(), time.process_time()
    errors: list[str] = []
    counts = {"errors": 0, "duplicates_dropped": 0, "renamed": 0, "not_english": 0}

    def raws() -> Any:
        for item in read_shard(shard, published=published, source=source):
            if isinstance(item, InputError):
                counts["errors"] += 1
                if len(errors) < MAX_ERRORS_KEPT:
                    errors.append(str(item))
                continue
            if isinstance(item, RawDocument):
                yield item

    seen: dict[str, str] = {}
    documents: list[Document] = []
    for document in iter_analyze(raws()):
        if document.language not in (None, "en"):
            counts["not_english"] += 1
        decision = decide(seen, document.doc_id, content_hash(document))
        if decision.action == "drop":
            counts["duplicates_dropped"] += 1
            continue
        if decision.action == "rename":
            counts["renamed"] += 1
            document = renamed(document, decision.doc_id)
        documents.append(document)
    tables = sort_tables(documents_to_tables(documents))
    return ShardResult(
        shard_id=shard.shard_id,
        tables=tables,
        errors=errors,
        counts=counts,
        seconds=time.perf_counter() - began,
        cpu_seconds=time.process_time() - began_cpu,
        worker=os.getpid(),
        worker_peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


__all__ = ["ShardResult", "analyse_shard", "prepare_worker"]
