"""JSONL: one document per line, ``{"id", "text", "title"?, "published"?, "source"?, "url"?}``.

Read as a stream, line by line, so a shard of millions of documents never sits in memory; a bad
line is reported as an InputError naming ``file.jsonl:LINE`` and the next line is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from conflictlens.errors import InputError
from conflictlens.ingest.detect import looks_binary
from conflictlens.ingest.meta import (
    DEFAULT_LIMITS,
    IngestLimits,
    clean_str,
    one_line,
    too_large,
    with_date,
)
from conflictlens.ingest.text import text_id
from conflictlens.records import RawDocument

_CHUNK = 1 << 20


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | int]]:
    """``(line number, bytes)`` for each line, or ``(line number, size)`` for a line longer than
    ``limit`` bytes, which is skipped without being held in memory."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:  # drain the rest of the oversized line
                chunk = stream.readline(_CHUNK)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield number, size
            continue
        yield number, line


def parse_record(record: object, where: str) -> RawDocument:
    """One JSON value -> RawDocument, or InputError saying which field is wrong."""
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        reason = "missing text" if text is None else "empty text"
        if text is not None and not isinstance(text, str):
            reason = f"text must be a string, got {type(text).__name__}"
        raise InputError(where, reason)
    raw_id = record.get("id")
    if raw_id is None or raw_id == "":
        doc_id = text_id(text)
    elif isinstance(raw_id, str | int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    else:
        raise InputError(where, f"id must be a string or an integer, got {type(raw_id).__name__}")
    document = RawDocument(
        doc_id=doc_id,
        text=text,
        title=clean_str(record.get("title")),
        source=clean_str(record.get("source")),
        url=clean_str(record.get("url")),
        origin=where,
    )
    return with_date(document, record.get("published"))


def parse_lines(
    lines: Iterable[tuple[int, bytes | int]], name: str, limits: IngestLimits
) -> Iterator[RawDocument | InputError]:
    """Documents and per-line errors, in line order; blank lines are skipped."""
    for number, line in lines:
        where = f"{name}:{number}"
        if isinstance(line, int):
            yield too_large(where, line, limits.max_document_bytes)
            continue
        if not line.strip():
            continue
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            yield InputError(where, "not UTF-8 (JSON Lines must be UTF-8)")
            continue
        decoded = decoded.rstrip("\r\n")
        if number == 1:
            decoded = decoded.removeprefix("\ufeff")
        try:
            record = json.loads(decoded)
        except json.JSONDecodeError as error:
            # An error at the very end of the line, or an open string, means it was cut short.
            truncated = error.pos >= len(decoded.rstrip()) or error.msg.startswith("Unterminated")
            reason = "truncated JSON line" if truncated else "malformed JSON"
            detail = f"{error.msg.removesuffix(' at')} at column {error.colno}"
            yield InputError(where, one_line(f"{reason} ({detail})"))
            continue
        try:
            yield parse_record(record, where)
        except InputError as error:
            yield error


def read_jsonl_file(
    path: Path, name: str, limits: IngestLimits = DEFAULT_LIMITS
) -> Iterator[RawDocument | InputError]:
    """Read a ``.jsonl`` file; ids as given (as str), else the sha1 of the text."""
    if path.stat().st_size == 0:
        raise InputError(name, "empty file")
    with path.open("rb") as stream:
        if looks_binary(stream.read(8192)):
            raise InputError(name, "binary file, not text")
        stream.seek(0)
        yield from parse_lines(iter_lines(stream, limits.max_document_bytes), name, limits)
