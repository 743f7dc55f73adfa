"""JSON Lines: the contract's record shapes, one per line, for scripts and ``jq``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from conflictlens.records import Document, Event


def _line(data: object) -> str:
    # ensure_ascii=False keeps Arabic names readable; offsets count str characters either way.
    return json.dumps(data, ensure_ascii=False) + "\n"


def write_documents_jsonl(
    documents: Iterable[Document], out: TextIO, *, include_text: bool = False
) -> int:
    """One contract Document per line; ``text`` only with ``include_text``."""
    count = 0
    for document in documents:
        out.write(_line(document.to_json_dict(include_text=include_text)))
        count += 1
    return count


def write_events_jsonl(rows: Iterable[tuple[str, Event]], out: TextIO) -> int:
    """One contract Event per line, with the ``doc_id`` it came from first."""
    count = 0
    for doc_id, event in rows:
        out.write(_line({"doc_id": doc_id, **event.model_dump(mode="json")}))
        count += 1
    return count
