"""Plain-text files: one file, one document, text kept exactly as read.

Every offset downstream indexes this text, so the only change made is to line endings
(``\\r\\n`` and a lone ``\\r`` become ``\\n``), which is what Python's own text mode does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from conflictlens.errors import InputError
from conflictlens.ingest.detect import decode_text
from conflictlens.ingest.meta import DEFAULT_LIMITS, IngestLimits, short_hash, too_large
from conflictlens.nlp.sentences import ends_like_a_sentence
from conflictlens.records import RawDocument

_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 30
_MAX_TITLE_LINES = 3
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and ``\\r`` -> ``\\n``: the one normalisation offsets tolerate."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def guess_title(text: str) -> str | None:
    """The headline, when the text opens with one: a short first block (up to 3 lines) set off
    by a blank line, or a short first line that does not end like a sentence. The text itself
    is not changed; a one-block text has no title (it is all body)."""
    parts = _BLANK_LINE.split(text.lstrip("\ufeff"), maxsplit=1)
    if len(parts) == 2 and parts[1].strip():
        lines = [line.strip() for line in parts[0].strip().split("\n")]
        title = " ".join(lines)
        if title and len(lines) <= _MAX_TITLE_LINES and len(title) < _MAX_TITLE_CHARS:
            return title
    first, newline, rest = text.lstrip("\ufeff").partition("\n")
    title = first.strip()
    if not newline or not rest.strip() or not title or len(title) >= _MAX_TITLE_CHARS:
        return None
    # A first line ending like a sentence (or a list, or a dateline colon) is prose.
    if 2 <= len(title.split()) <= _MAX_TITLE_WORDS and not ends_like_a_sentence(title):
        return title
    return None


def document_from_text(
    text: str, *, doc_id: str, origin: str, warnings: list[str] | None = None
) -> RawDocument:
    """A RawDocument for already-decoded plain text (files and stdin share this)."""
    text = normalize_newlines(text)
    return RawDocument(
        doc_id=doc_id,
        text=text,
        title=guess_title(text),
        origin=origin,
        warnings=list(warnings or []),
    )


def read_bytes_limited(path: Path, name: str, limit: int) -> bytes:
    """The whole file, refused (before reading) when empty or larger than ``limit`` bytes."""
    size = path.stat().st_size
    if size == 0:
        raise InputError(name, "empty file")
    if size > limit:
        raise too_large(name, size, limit)
    return path.read_bytes()


def read_text_file(
    path: Path, name: str, limits: IngestLimits = DEFAULT_LIMITS
) -> Iterator[RawDocument]:
    """Read one ``.txt`` file; its id is the file stem (``000_6ca5efe176715221``)."""
    limit = min(limits.max_document_bytes, limits.max_file_bytes)
    data = read_bytes_limited(path, name, limit)
    text, warnings = decode_text(data, name)
    if not text.strip():
        raise InputError(name, "empty file (only whitespace)")
    yield document_from_text(text, doc_id=path.stem, origin=name, warnings=warnings)


def text_id(text: str) -> str:
    """Id of an unnamed text (stdin, JSONL line without id): sha1 of its content."""
    return short_hash(text)
