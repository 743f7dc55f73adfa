"""Input and batch helpers behind ``conflictlens classify``: read (id, text) rows, label them."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from conflictlens.errors import InputError

#: Texts classified per model call: large enough to amortise vectorisation, small enough to stream.
BATCH_SIZE = 256


def read_classify_input(path: Path) -> Iterator[tuple[str, str]]:
    """Yield ``(id, text)`` from a TSV (header with ``id`` and ``text``) or a JSONL file.

    TSV is read without quote handling (csv.QUOTE_NONE), as the CASE files are written. Malformed
    input raises ``InputError`` naming ``path:line``.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror or error}") from error
    with handle:
        try:
            if path.suffix.lower() == ".jsonl":
                yield from _read_jsonl(path, handle)
            else:
                yield from _read_tsv(path, handle)
        except UnicodeDecodeError as error:
            raise InputError(str(path), f"not UTF-8 text ({error.reason})") from error


def _read_tsv(path: Path, lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header is None:
        raise InputError(f"{path}:1", "empty file, expected a header with id and text")
    columns = [name.strip().lower() for name in header]
    if "id" not in columns or "text" not in columns:
        raise InputError(f"{path}:1", f"header needs `id` and `text` columns, got {header}")
    i_id, i_text = columns.index("id"), columns.index("text")
    for row in reader:
        if not any(field.strip() for field in row):
            continue
        if len(row) <= max(i_id, i_text):
            raise InputError(
                f"{path}:{reader.line_num}", f"expected {len(columns)} tab-separated fields"
            )
        yield row[i_id].strip(), row[i_text]


def _read_jsonl(path: Path, lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}", f"invalid JSON ({error.msg})") from error
        if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("text"), str):
            raise InputError(f"{path}:{number}", "expected an object with `id` and string `text`")
        yield str(row["id"]), row["text"]


def classify_rows(
    records: Iterable[tuple[str, str]], classifier: Any = None
) -> Iterator[tuple[str, str]]:
    """Label ``(id, text)`` rows, in input order, in batches, with ``classifier`` (anything with
    ``predict(texts)``), by default what ``classify`` uses: ``embedding.for_detector("auto")``."""
    if classifier is None:
        from conflictlens.classify.embedding import for_detector

        classifier = for_detector("auto")
    batch: list[tuple[str, str]] = []
    for record in records:
        batch.append(record)
        if len(batch) >= BATCH_SIZE:
            yield from _label(classifier, batch)
            batch = []
    if batch:
        yield from _label(classifier, batch)


def _label(classifier: Any, batch: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    labels = classifier.predict([text for _, text in batch])
    yield from ((record_id, label) for (record_id, _), label in zip(batch, labels, strict=True))
