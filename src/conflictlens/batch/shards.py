"""Splitting inputs into shards with stable ids, and reading one shard back as RawDocuments.

A shard is the unit of work, of output (one Parquet file per table) and of resumption. Large
JSONL files are cut every ``shard_size`` lines (at byte offsets found by one scan, so a worker
reads only its own slice); WARC files are one shard each (records cannot be found without
decompressing); text, HTML and feed files are grouped ``shard_size`` files at a time. Ids come
from the absolute path and the chunk number, so a rerun with the same inputs and shard size
finds the same shards; the fingerprint (sha256 of the bytes read) tells whether an input
changed since the shard was written.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from conflictlens.errors import InputError, UsageError
from conflictlens.ingest import DEFAULT_LIMITS, format_of, iter_directory, read_inputs
from conflictlens.records import RawDocument

_READ_BLOCK = 1 << 20
_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")


@dataclass(frozen=True)
class Shard:
    """One unit of work. ``kind`` is ``"jsonl"`` (a line range of one file) or ``"files"``."""

    shard_id: str
    kind: str
    paths: tuple[str, ...]
    fingerprint: str
    byte_start: int = 0
    byte_end: int = 0
    first_line: int = 1
    size_hint: int = field(default=0, compare=False)  # documents expected (for progress)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["paths"] = list(self.paths)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Shard:
        return cls(**{**data, "paths": tuple(data["paths"])})


def _slug(path: Path) -> str:
    name = path.name
    for suffix in (".warc.gz", ".jsonl", ".ndjson", ".warc"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return (_UNSAFE.sub("_", name).strip("_") or "input")[:40]


def _shard_id(label: str, number: int, key: str) -> str:
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{label}-{number:05d}-{digest}"


def _expand(inputs: Sequence[str]) -> list[Path]:
    """Every input file, directories expanded (known formats only), in input order; a file
    named twice (``a.jsonl dir/`` where dir holds a.jsonl) is read once."""
    files: list[Path] = []
    for item in inputs:
        if item == "-":
            raise UsageError("-", "batch reads files and directories, not stdin")
        path = Path(item)
        if not path.exists():
            raise UsageError(item, "no such file or directory")
        if path.is_dir():
            found = list(iter_directory(path))
            if not found:
                raise UsageError(item, "no input files of a known format in this directory")
            files.extend(found)
        else:
            files.append(path)
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values())


def _jsonl_shards(path: Path, shard_size: int) -> Iterator[Shard]:
    """Cut ``path`` every ``shard_size`` lines; one pass over the bytes finds the offsets."""
    absolute = str(path.resolve())
    label = _slug(path)
    number, start, lines, line_no = 0, 0, 0, 1
    digest = hashlib.sha256()
    offset = 0

    def shard() -> Shard:
        """The shard of the lines read since ``start``."""
        return Shard(
            _shard_id(label, number, f"{absolute}|{number}|{shard_size}"),
            "jsonl",
            (absolute,),
            digest.hexdigest(),
            byte_start=start,
            byte_end=offset,
            first_line=line_no,
            size_hint=lines,
        )

    with path.open("rb") as stream:
        for line in stream:  # lines are read in buffered blocks: fast for multi-GB files
            lines += 1
            offset += len(line)
            digest.update(line)
            if lines == shard_size:
                yield shard()
                number, start, line_no, lines = number + 1, offset, line_no + lines, 0
                digest = hashlib.sha256()
    if lines or number == 0:
        yield shard()


def _file_digest(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.resolve()).encode("utf-8", "surrogatepass") + b"\0")
        with path.open("rb") as stream:
            while block := stream.read(_READ_BLOCK):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def plan_shards(inputs: Sequence[str], shard_size: int) -> list[Shard]:
    """The shards of ``inputs`` in input order. Missing paths, stdin and directories without a
    known format are usage errors; unreadable files are InputErrors naming the file."""
    if shard_size < 1:
        raise UsageError("--shard-size", f"must be at least 1, got {shard_size}")
    shards: list[Shard] = []
    loose: list[Path] = []  # text/html/feed files waiting to fill a shard

    def flush() -> None:
        if not loose:
            return
        key = "|".join(str(p.resolve()) for p in loose)
        shards.append(
            Shard(
                _shard_id(f"files_{_slug(loose[0])}", 0, key),
                "files",
                tuple(str(p.resolve()) for p in loose),
                _file_digest(loose),
                size_hint=len(loose),
            )
        )
        loose.clear()

    for path in _expand(inputs):
        kind = format_of(path)
        try:
            if kind == "jsonl":
                flush()
                shards.extend(_jsonl_shards(path, shard_size))
            elif kind == "warc":
                flush()
                absolute = str(path.resolve())
                shards.append(
                    Shard(
                        _shard_id(_slug(path), 0, absolute),
                        "files",
                        (absolute,),
                        _file_digest([path]),
                        size_hint=1,
                    )
                )
            else:  # text, html, feeds, and unknown extensions (read_inputs reports those)
                path.stat()
                loose.append(path)
                if len(loose) == shard_size:
                    flush()
        except OSError as exc:
            raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from exc
    flush()
    return shards


def _jsonl_slice(shard: Shard) -> Iterator[RawDocument | InputError]:
    from conflictlens.ingest.jsonl import iter_lines, parse_lines

    path = shard.paths[0]
    if shard.byte_end == 0:
        yield InputError(path, "empty file")
        return
    with open(path, "rb") as stream:
        stream.seek(shard.byte_start)
        data = stream.read(shard.byte_end - shard.byte_start)
    limit = DEFAULT_LIMITS.max_document_bytes
    offset = shard.first_line - 1
    lines = ((number + offset, line) for number, line in iter_lines(io.BytesIO(data), limit))
    yield from parse_lines(lines, path, DEFAULT_LIMITS)


def _fill(raw: RawDocument, published: str | None, source: str | None) -> None:
    """What ``read_inputs`` does for the documents it reads: defaults for missing metadata."""
    from conflictlens.ingest.html import url_host

    if raw.published is None and published is not None:
        raw.published = published
    if raw.source is None:
        raw.source = source or url_host(raw.url)


def read_shard(
    shard: Shard, *, published: str | None = None, source: str | None = None
) -> Iterator[RawDocument | InputError]:
    """The shard's documents in input order; bad lines/files come as InputError values."""
    if shard.kind == "files":
        yield from read_inputs(list(shard.paths), published=published, source=source)
        return
    for item in _jsonl_slice(shard):
        if isinstance(item, RawDocument):
            _fill(item, published, source)
        yield item


__all__ = ["Shard", "plan_shards", "read_shard"]
