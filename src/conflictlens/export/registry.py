"""Output formats by name: the one place ``--format`` values are checked and dispatched."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TextIO

from conflictlens.errors import UsageError
from conflictlens.export.acled_csv import write_acled_csv
from conflictlens.export.geojson import write_geojson
from conflictlens.export.jsonl import write_documents_jsonl, write_events_jsonl
from conflictlens.records import Document, Event

FORMATS: tuple[str, ...] = ("jsonl", "acled-csv", "geojson")


def check_format(fmt: str) -> str:
    """``fmt`` if it is a known format, else a usage error listing the known ones."""
    if fmt not in FORMATS:
        raise UsageError("--format", f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def write_documents(
    documents: Iterable[Document], fmt: str, out: TextIO, *, include_text: bool = False
) -> int:
    """Write analysed documents; returns lines (jsonl), event rows (acled-csv) or features.

    ``jsonl`` writes one Document per line; the tabular formats write one row/feature per event.
    """
    check_format(fmt)
    if fmt == "jsonl":
        return write_documents_jsonl(documents, out, include_text=include_text)
    by_id: dict[str, Document] = {}

    def rows() -> Iterator[tuple[str, Event]]:
        for document in documents:
            by_id.clear()  # only the current document is needed for source fallbacks
            by_id[document.doc_id] = document
            for event in document.events:
                yield document.doc_id, event

    return write_events(rows(), fmt, out, documents=by_id)


def write_events(
    rows: Iterable[tuple[str, Event]],
    fmt: str,
    out: TextIO,
    *,
    documents: Mapping[str, Document] | None = None,
) -> int:
    """Write ``(doc_id, event)`` pairs (as ``Store.events`` yields them); returns rows written.

    ``documents`` (doc_id -> Document) lets event rows fall back to their document's source.
    """
    check_format(fmt)
    if fmt == "jsonl":
        return write_events_jsonl(rows, out)
    if fmt == "acled-csv":
        return write_acled_csv(rows, out, documents=documents)
    return write_geojson(rows, out, documents=documents)
