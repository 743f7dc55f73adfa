"""WARC archives (``.warc``, ``.warc.gz``): each HTML page in a response record is a document.

Records are streamed one at a time (warcio), so crawls far larger than memory can be read. The
crawl date (WARC-Date) is not the publication date: it is used only when the page and the user
give none, and the document then says so in its warnings.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from conflictlens.errors import InputError
from conflictlens.ingest.html import decode_html, extract_page, page_document
from conflictlens.ingest.meta import (
    DEFAULT_LIMITS,
    IngestLimits,
    clean_str,
    normalize_date,
    one_line,
    short_hash,
    too_large,
)
from conflictlens.records import RawDocument

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc_file(
    path: Path,
    name: str,
    limits: IngestLimits = DEFAULT_LIMITS,
    *,
    published: str | None = None,
) -> Iterator[RawDocument | InputError]:
    """Read the HTML response records of a WARC file in archive order.

    ``published`` (the user's fallback date) wins over the crawl date for pages without one.
    """
    if path.stat().st_size == 0:
        raise InputError(name, "empty file")
    number = 0
    with path.open("rb") as stream:
        if not _starts_like_an_archive(stream):
            raise InputError(name, "not a WARC file (no WARC/ARC header)")
        try:
            for record in ArchiveIterator(stream):
                number += 1
                where = f"{name}:record {number}"
                item: RawDocument | InputError | None = None
                if _is_html_page(record):
                    try:
                        item = record_document(record, where, limits, published)
                    except InputError as error:
                        item = error
                if _cut_short(record):
                    item = InputError(where, "malformed WARC (record cut short: truncated archive)")
                if item is not None:
                    yield item
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as error:
            where = name if number == 0 else f"{name}:record {number}"
            raise InputError(where, one_line(f"malformed WARC ({error})")) from None


def _starts_like_an_archive(stream: BinaryIO) -> bool:
    """warcio reads almost any bytes as some record; check the header line first."""
    head = stream.read(2)
    stream.seek(0)
    if head == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=stream) as unzipped:
                head = unzipped.read(16)
        except (OSError, EOFError, zlib.error):
            return False
        finally:
            stream.seek(0)
    else:
        head = stream.read(16)
        stream.seek(0)
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))


def _cut_short(record: Any) -> bool:
    """warcio does not notice an archive that ends inside a record; drain the record and see
    whether fewer bytes came than its Content-Length promised."""
    raw = record.raw_stream
    while raw.read(1 << 20):
        pass
    return getattr(raw, "limit", 0) > 0


def _is_html_page(record: Any) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return False
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _declared_charset(record: Any) -> str | None:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    content_type = headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def record_document(
    record: Any, where: str, limits: IngestLimits, published: str | None = None
) -> RawDocument:
    """One HTML record -> RawDocument; id is a short sha1 of its WARC-Target-URI."""
    url = clean_str(record.rec_headers.get_header("WARC-Target-URI"))
    record_id = record.rec_headers.get_header("WARC-Record-ID") or where
    length = int(record.rec_headers.get_header("Content-Length") or 0)
    if length > limits.max_file_bytes:
        raise too_large(where, length, limits.max_file_bytes)
    payload = record.content_stream().read(limits.max_file_bytes + 1)
    if len(payload) > limits.max_file_bytes:  # content-encoding can inflate the payload
        raise too_large(where, len(payload), limits.max_file_bytes)
    if not payload.strip():
        raise InputError(where, "empty page")
    markup, warnings = decode_html(payload, where, declared=_declared_charset(record))
    page = extract_page(markup, where, url=url)
    page.url = url or page.url  # the URL that was crawled, not a canonical link in the page
    document = page_document(
        page, doc_id=short_hash(url or record_id), origin=where, limits=limits, warnings=warnings
    )
    if document.published is None and published is None:
        crawl_day, _ = normalize_date(record.rec_headers.get_header("WARC-Date"))
        if crawl_day is not None:
            document.published = crawl_day
            document.warnings.append(
                f"published {crawl_day} is the crawl date (WARC-Date): the page gives no date"
            )
    return document
