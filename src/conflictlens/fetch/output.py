"""Fetched articles as JSONL shards, ``{"id","text","title","published","source","url"}``:
the input shape of ``conflictlens analyze`` and ``batch``.

One new file per run (``fetched-<UTC time>.jsonl``), never rewritten, so a shard once written
stays what it was, and only created when there is something to write. Each line is flushed
before its URL is marked as fetched: a crash leaves at worst a cut-off last line, which readers
report, and that URL is fetched again.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from conflictlens.errors import UsageError
from conflictlens.records import RawDocument


def article_line(document: RawDocument) -> str:
    """One JSONL line (with its newline) for one article."""
    record = {
        "id": document.doc_id,
        "text": document.text,
        "title": document.title,
        "published": document.published,
        "source": document.source,
        "url": document.url,
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


class ArticleWriter:
    """Writes articles into a new shard in ``directory``; ``path`` is None until the first."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path: Path | None = None
        self.count = 0
        self._handle: TextIO | None = None

    def write(self, document: RawDocument) -> None:
        if self._handle is None:
            self._handle = self._open()
        self._handle.write(article_line(document))
        self._handle.flush()
        self.count += 1

    def _open(self) -> TextIO:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            for suffix in ("", *(f"-{n}" for n in range(2, 1000))):
                path = self.directory / f"fetched-{stamp}{suffix}.jsonl"
                try:
                    handle = path.open("x", encoding="utf-8", newline="")
                except FileExistsError:
                    continue
                self.path = path
                return handle
        except OSError as error:
            raise UsageError(str(self.directory), f"cannot write output ({error})") from None
        raise UsageError(str(self.directory), "cannot find a free output file name")

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> ArticleWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
