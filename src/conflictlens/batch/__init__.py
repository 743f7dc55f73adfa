"""Batch jobs: many inputs -> partitioned Parquet, on a local process pool or on Ray.

``run_batch`` plans shards, skips those a manifest lists as complete, analyses the rest with the
same ``pipeline`` as ``conflictlens analyze`` and writes ``DIR/<table>/shard=<id>/part.parquet``;
``iter_documents`` reads an output back as Documents (what ``conflictlens load`` stores).
"""

from conflictlens.batch.engines import ENGINES
from conflictlens.batch.job import BatchSummary, run_batch
from conflictlens.batch.manifest import Manifest, read_manifest
from conflictlens.batch.output import check_output, iter_documents, open_output
from conflictlens.batch.shards import Shard, plan_shards, read_shard

__all__ = [
    "ENGINES",
    "BatchSummary",
    "Manifest",
    "Shard",
    "check_output",
    "iter_documents",
    "open_output",
    "plan_shards",
    "read_manifest",
    "read_shard",
    "run_batch",
]
