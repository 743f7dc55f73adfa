"""The batch output folder: ``DIR/<table>/shard=<id>/part.parquet`` plus ``DIR/manifest.json``.

Hive-style partition folders let DuckDB (``read_parquet('DIR/events/**/*.parquet',
hive_partitioning = true)``) and ``pyarrow.dataset`` read a table as one, with ``shard`` as a
column. Files are written under a hidden temp name and renamed, so readers (whose globs skip
dot-files) never see half a file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from conflictlens.batch.manifest import Manifest, read_manifest
from conflictlens.errors import InputError
from conflictlens.export.parquet import SCHEMAS, TABLES, tables_to_documents
from conflictlens.records import Document

PART = "part.parquet"


def shard_file(directory: Path, table: str, shard_id: str) -> Path:
    return directory / table / f"shard={shard_id}" / PART


def write_shard(directory: Path, shard_id: str, tables: Mapping[str, pa.Table]) -> None:
    """Every table of one shard, each file written to a temp name, fsynced and renamed."""
    for name in TABLES:
        target = shard_file(directory, name, shard_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{PART}.{os.getpid()}.tmp")
        pq.write_table(tables[name], tmp, compression="zstd")
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)


def remove_temp_files(directory: Path) -> int:
    """Leftovers of a killed run (``.part.parquet.<pid>.tmp``); returns how many were removed."""
    removed = 0
    for name in TABLES:
        for tmp in (directory / name).glob(f"shard=*/.{PART}.*.tmp"):
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed


def read_ids(directory: Path, shard_id: str) -> list[tuple[str, str]]:
    """``(doc_id, content_hash)`` of a written shard; InputError when a file is missing/bad."""
    for name in TABLES:
        path = shard_file(directory, name, shard_id)
        if not path.is_file():
            raise InputError(str(path), "missing")
    path = shard_file(directory, "documents", shard_id)
    try:
        table = pq.read_table(path, columns=["doc_id", "content_hash"])
    except (OSError, pa.ArrowException) as exc:
        raise InputError(str(path), f"not a readable Parquet file ({exc})") from exc
    return list(zip(table["doc_id"].to_pylist(), table["content_hash"].to_pylist(), strict=True))


def read_shard_tables(directory: Path, shard_id: str) -> dict[str, pa.Table]:
    """One shard's six tables, checked against the schemas."""
    tables = {}
    for name in TABLES:
        path = shard_file(directory, name, shard_id)
        try:
            table = pq.read_table(path)
        except (OSError, pa.ArrowException) as exc:
            raise InputError(str(path), f"not a readable Parquet file ({exc})") from exc
        if not table.schema.equals(SCHEMAS[name], check_metadata=False):
            raise InputError(str(path), f"not a conflictlens '{name}' table (other columns)")
        tables[name] = table
    return tables


def open_output(directory: Path) -> Manifest:
    """The manifest of a batch output; InputError when ``directory`` is not one."""
    if not directory.is_dir():
        raise InputError(str(directory), "no such directory")
    manifest = read_manifest(directory)
    if manifest is None:
        raise InputError(str(directory), "not a batch output (no manifest.json)")
    return manifest


def done_shards(manifest: Manifest) -> list[str]:
    """Completed shards: those of the last plan in its order, then any others by id."""
    done = {k for k, v in manifest.shards.items() if v.get("status") == "done"}
    ordered = [k for k in manifest.order if k in done]
    return ordered + sorted(done - set(ordered))


def check_output(directory: Path, manifest: Manifest) -> None:
    """Read every file's footer first, so a corrupt or missing file is reported before
    anything is loaded."""
    for shard_id in done_shards(manifest):
        for name in TABLES:
            path = shard_file(directory, name, shard_id)
            try:
                pq.read_metadata(path)
            except (OSError, pa.ArrowException) as exc:
                reason = "missing" if not path.exists() else f"not a readable Parquet file ({exc})"
                raise InputError(str(path), reason) from exc


def iter_documents(directory: Path) -> Iterator[tuple[Document, str]]:
    """``(document, content_hash)`` for every document of a batch output, shard by shard."""
    manifest = open_output(directory)
    check_output(directory, manifest)
    for shard_id in done_shards(manifest):
        tables = read_shard_tables(directory, shard_id)
        hashes = dict(
            zip(
                tables["documents"]["doc_id"].to_pylist(),
                tables["documents"]["content_hash"].to_pylist(),
                strict=True,
            )
        )
        for document in tables_to_documents(tables):
            yield document, hashes[document.doc_id]


__all__ = [
    "check_output",
    "done_shards",
    "iter_documents",
    "open_output",
    "read_ids",
    "read_shard_tables",
    "remove_temp_files",
    "shard_file",
    "write_shard",
]
