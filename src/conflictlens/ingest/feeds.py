"""RSS and Atom feeds: one document per entry (feedparser), entry HTML flattened to text.

The publication day is read from the entry's own date string, so an entry published late in the
evening in UTC-5 keeps its local day (feedparser's parsed dates are converted to UTC).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from conflictlens.errors import InputError
from conflictlens.ingest.detect import bom_encoding, looks_binary
from conflictlens.ingest.html import fragment_to_text
from conflictlens.ingest.meta import (
    DEFAULT_LIMITS,
    IngestLimits,
    clean_str,
    normalize_date,
    one_line,
    short_hash,
    too_large,
)
from conflictlens.ingest.text import normalize_newlines, read_bytes_limited
from conflictlens.records import RawDocument


def parse_feed(data: bytes, name: str, limits: IngestLimits) -> Iterator[RawDocument | InputError]:
    """Documents (and per-entry errors) of one feed given as bytes."""
    if bom_encoding(data) is None and looks_binary(data):
        raise InputError(name, "binary file, not text")
    # A file object, never a str/bytes: feedparser would fetch a string that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.version and not parsed.entries:
        reason = "not an RSS/Atom feed"
        if parsed.get("bozo_exception") is not None:
            reason += f" ({parsed.bozo_exception})"
        raise InputError(name, one_line(reason))
    if not parsed.entries:
        raise InputError(name, "feed has no entries")
    feed_title = clean_str(parsed.feed.get("title"))
    for index, entry in enumerate(parsed.entries, start=1):
        where = f"{name}:entry {index}"
        try:
            yield entry_document(entry, where, feed_title=feed_title, limits=limits)
        except InputError as error:
            yield error


def entry_document(
    entry: Any, where: str, *, feed_title: str | None, limits: IngestLimits
) -> RawDocument:
    """One feed entry -> RawDocument; its id is a short sha1 of the entry id (else its link).

    An entry with no body is its headline (wires and aggregators publish headline-only items),
    and the event stage reads a one-line text as a headline."""
    title = clean_str(entry.get("title"))
    if title and "<" in title:
        title = fragment_to_text(title)
    text = normalize_newlines(_entry_text(entry))
    if not text.strip():
        text = normalize_newlines(title or "")
    if not text.strip():
        raise InputError(where, "entry has no text")
    size = len(text.encode("utf-8"))
    if size > limits.max_document_bytes:
        raise too_large(where, size, limits.max_document_bytes)
    link = clean_str(entry.get("link"))
    key = clean_str(entry.get("id")) or link or f"{title}|{entry.get('published', '')}|{text}"
    source_detail = entry.get("source") or {}
    document = RawDocument(
        doc_id=short_hash(key),
        text=text,
        title=title,
        source=clean_str(source_detail.get("title")) or feed_title,
        url=link,
        origin=where,
    )
    raw_date = entry.get("published") or entry.get("updated") or entry.get("created")
    published, warning = normalize_date(raw_date)
    if published is None:
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed is not None:
            published, _ = normalize_date(parsed)
    document.published = published
    if warning and published is None:
        document.warnings.append(warning)
    return document


def _entry_text(entry: Any) -> str:
    """The fullest body an entry offers: its longest content block, else its summary."""
    candidates = [
        (item.get("value") or "", item.get("type") or "") for item in entry.get("content", [])
    ]
    summary = entry.get("summary_detail") or {}
    if entry.get("summary"):
        candidates.append((entry["summary"], summary.get("type") or "text/html"))
    best = ""
    for value, kind in candidates:
        text = value.strip() if kind == "text/plain" else fragment_to_text(value)
        if len(text) > len(best):
            best = text
    return best


def read_feed_file(
    path: Path, name: str, limits: IngestLimits = DEFAULT_LIMITS
) -> Iterator[RawDocument | InputError]:
    """Read an RSS/Atom ``.xml`` file; the feed is parsed whole, so the file limit applies."""
    data = read_bytes_limited(path, name, limits.max_file_bytes)
    yield from parse_feed(data, name, limits)
