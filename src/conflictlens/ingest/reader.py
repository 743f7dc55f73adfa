"""Dispatch: every input (file, directory, ``-``) to the reader of its format, in input order.

A bad input never stops the run: it becomes an ``InputError`` in the stream, at the place the
document would have been, and reading goes on with the next one. Only a missing path is a usage
error, raised by ``check_paths`` before any work starts.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO

from conflictlens.errors import InputError, UsageError
from conflictlens.ingest.detect import decode_text
from conflictlens.ingest.feeds import read_feed_file
from conflictlens.ingest.html import read_html_file, url_host
from conflictlens.ingest.jsonl import parse_lines, read_jsonl_file
from conflictlens.ingest.meta import (
    DEFAULT_LIMITS,
    IngestLimits,
    normalize_date,
    one_line,
    short_hash,
    too_large,
)
from conflictlens.ingest.text import document_from_text, read_text_file, text_id
from conflictlens.ingest.warc import read_warc_file
from conflictlens.records import RawDocument

Item = RawDocument | InputError
Reader = Callable[[Path, str, IngestLimits], Iterator[Item]]

STDIN = "-"
STDIN_NAME = "stdin"

#: Known extensions, longest first so that ``.warc.gz`` wins over any shorter suffix.
FORMATS: dict[str, str] = {
    ".warc.gz": "warc",
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".txt": "text",
}
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(FORMATS)

_READERS: dict[str, Reader] = {
    "text": read_text_file,
    "html": read_html_file,
    "jsonl": read_jsonl_file,
    "feed": read_feed_file,
}
_FEED_ENTRY = re.compile(rb"<(?:item|entry)[\s>/]")


def format_of(path: Path) -> str | None:
    """``"text"``, ``"html"``, ``"jsonl"``, ``"feed"``, ``"warc"`` or None (by extension)."""
    name = path.name.lower()
    for extension, kind in FORMATS.items():
        if name.endswith(extension) and len(name) > len(extension):
            return kind
    return None


def _extension(path: Path) -> str:
    suffixes = "".join(path.suffixes[-2:]) if path.name.lower().endswith(".gz") else path.suffix
    return suffixes.lower() or "(no extension)"


def check_paths(inputs: Sequence[str]) -> None:
    """Raise UsageError(path, "no such file or directory") for a missing path before any work
    starts. '-' means stdin and is always fine."""
    for item in inputs:
        if item != STDIN and not Path(item).exists():
            raise UsageError(item, "no such file or directory")


def iter_directory(directory: Path) -> Iterator[Path]:
    """Files of known formats under ``directory``, recursively, sorted by relative path; hidden
    files and folders (``.git``, ``.DS_Store``) are skipped."""
    found = []
    for path in directory.rglob("*"):
        relative = path.relative_to(directory)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and format_of(path) is not None:
            found.append((relative.as_posix(), path))
    for _, path in sorted(found):
        yield path


def read_inputs(
    inputs: Sequence[str],
    *,
    published: str | None = None,
    source: str | None = None,
    stdin: BinaryIO | None = None,
    limits: IngestLimits | None = None,
) -> Iterator[RawDocument | InputError]:
    """Every document of every input, in input order (directories: files sorted by name,
    recursively, only known extensions). A bad input (or a bad line of a JSONL file) yields an
    InputError instance (not raised) naming the input ("file.jsonl:17") and the reason, and
    reading goes on with the next input/line. `published`/`source` fill documents that carry
    none."""
    limits = limits or DEFAULT_LIMITS
    fallback_date: str | None = None
    if published is not None:
        fallback_date, _ = normalize_date(published)
        if fallback_date is None:
            raise UsageError("--published", f"{published!r} is not a valid YYYY-MM-DD date")
    seen: dict[str, str] = {}  # doc_id -> origin, within this call
    for item in inputs:
        if item == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            documents = _guarded(partial(read_stdin, stream, limits), STDIN_NAME)
        else:
            documents = _read_path(Path(item), item, limits, fallback_date)
        for document in documents:
            if isinstance(document, RawDocument):
                _fill(document, fallback_date, source)
                _disambiguate(document, seen)
            yield document


def _disambiguate(document: RawDocument, seen: dict[str, str]) -> None:
    """Two inputs with one id in one run (a/report.txt, b/report.txt) must not overwrite each
    other in the store: the later one gets its content hash appended, with a warning."""
    first = seen.get(document.doc_id)
    if first is not None and first != document.origin:
        new_id = f"{document.doc_id}-{short_hash(document.text)[:8]}"
        document.warnings.append(
            f"doc_id '{document.doc_id}' is also used by {first}; this one is '{new_id}'"
        )
        document.doc_id = new_id
    seen.setdefault(document.doc_id, document.origin)


def _read_path(
    path: Path, name: str, limits: IngestLimits, published: str | None
) -> Iterator[Item]:
    if path.is_dir():
        for file in iter_directory(path):
            yield from _read_file(file, str(file), limits, published)
    elif not path.exists():
        yield InputError(name, "no such file or directory")
    else:
        yield from _read_file(path, name, limits, published)


def _read_file(
    path: Path, name: str, limits: IngestLimits, published: str | None
) -> Iterator[Item]:
    kind = format_of(path)
    if kind is None:
        yield InputError(name, f"unsupported format {_extension(path)}")
    elif kind == "warc":
        yield from _guarded(lambda: read_warc_file(path, name, limits, published=published), name)
    else:
        reader = _READERS[kind]
        yield from _guarded(lambda: reader(path, name, limits), name)


def _guarded(start: Callable[[], Iterable[Item]], name: str) -> Iterator[Item]:
    """Run one reader; whatever stops it becomes one InputError for that input."""
    try:
        yield from start()
    except InputError as error:
        yield error
    except OSError as error:
        yield InputError(name, one_line(error.strerror or str(error)))
    except Exception as error:  # a library choking on one input must not end a batch of thousands
        yield InputError(name, one_line(f"could not read ({type(error).__name__}: {error})"))


def _fill(document: RawDocument, published: str | None, source: str | None) -> None:
    if document.published is None and published is not None:
        document.published = published
    if document.source is None:
        document.source = source or url_host(document.url)


def read_stdin(stream: BinaryIO, limits: IngestLimits = DEFAULT_LIMITS) -> Iterator[Item]:
    """Standard input: JSONL when every non-empty line is a JSON object (a cut-off last line
    still counts, and is reported), else one plain-text document."""
    data = stream.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise too_large(STDIN_NAME, len(data), limits.max_file_bytes)
    if not data.strip():
        raise InputError(STDIN_NAME, "empty input")
    if _looks_like_jsonl(data):
        limit = limits.max_document_bytes
        lines = (
            (number, line if len(line) <= limit else len(line))
            for number, line in enumerate(data.splitlines(keepends=True), 1)
        )
        yield from parse_lines(lines, STDIN_NAME, limits)
        return
    if len(data) > limits.max_document_bytes:
        raise too_large(STDIN_NAME, len(data), limits.max_document_bytes)
    text, warnings = decode_text(data, STDIN_NAME)
    document = document_from_text(text, doc_id="", origin=STDIN_NAME, warnings=warnings)
    document.doc_id = text_id(document.text)
    yield document


def _looks_like_jsonl(data: bytes) -> bool:
    lines = [line.strip() for line in data.splitlines() if line.strip()]
    if not lines or not all(line.startswith(b"{") for line in lines):
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return len(lines) == 1  # a single, cut-off JSON object: report it as a bad JSONL line


def count_documents(inputs: Sequence[str]) -> int | None:
    """Cheap estimate of how many items ``read_inputs`` will yield (for a progress bar); None
    when it cannot be known without reading everything (stdin, WARC)."""
    total = 0
    for item in inputs:
        if item == STDIN:
            return None
        path = Path(item)
        files = list(iter_directory(path)) if path.is_dir() else [path]
        for file in files:
            count = _count_file(file)
            if count is None:
                return None
            total += count
    return total


def _count_file(path: Path) -> int | None:
    kind = format_of(path)
    if kind in (None, "text", "html") or not path.is_file():
        return 1
    if kind == "warc":
        return None
    try:
        with path.open("rb") as stream:
            if kind == "jsonl":
                return _count_lines(stream)
            return max(1, len(_FEED_ENTRY.findall(stream.read(DEFAULT_LIMITS.max_file_bytes))))
    except OSError:
        return 1


def _count_lines(stream: BinaryIO) -> int:
    lines, last = 0, b"\n"
    while chunk := stream.read(1 << 20):
        lines += chunk.count(b"\n")
        last = chunk[-1:]
    return lines + (last != b"\n")
