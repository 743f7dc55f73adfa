"""Metadata shared by every reader: stable ids, publication dates, size limits.

Readers differ in how they find text; they must agree on how a document is named, how its date
is written and how much of it we are willing to hold in memory. That agreement lives here.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from conflictlens.errors import InputError
from conflictlens.records import RawDocument

_MB = 1024 * 1024

#: Leading ``YYYY-MM-DD`` (or ``YYYY/MM/DD``) of an ISO date or datetime; the rest is ignored so
#: that ``2024-04-19T23:30:00-05:00`` keeps the day the outlet wrote, not the UTC day.
_ISO_DAY = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
_ISO_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")


@dataclass(frozen=True)
class IngestLimits:
    """How much one document / one file may weigh before we refuse it (bytes).

    Whole-file formats (text, HTML, feeds) are checked against ``max_file_bytes`` before they
    are read; streaming formats (JSONL lines, WARC records) are checked record by record against
    ``max_document_bytes``, so a large shard of small documents still reads.
    """

    max_document_bytes: int = 20 * _MB
    max_file_bytes: int = 60 * _MB


DEFAULT_LIMITS = IngestLimits()


def format_size(size: int) -> str:
    """``52428800`` -> ``"50 MB"``; one decimal only when it matters (``"20.3 MB"``); small
    sizes (lowered limits) in KB or bytes so that both sides of a comparison stay readable."""
    if size < 1024:
        return f"{size} bytes"
    unit, scale = ("MB", _MB) if size >= _MB // 10 else ("KB", 1024)
    text = f"{size / scale:.1f}"
    return f"{text[:-2] if text.endswith('.0') else text} {unit}"


def too_large(name: str, size: int, limit: int) -> InputError:
    """The one message every reader uses for an oversized input."""
    return InputError(name, f"too large ({format_size(size)} > {format_size(limit)} limit)")


def short_hash(value: str) -> str:
    """16 hex chars of sha1: stable across runs and machines (unlike ``hash()``)."""
    return hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def one_line(message: str) -> str:
    """Error reasons are printed on one line: collapse whitespace and cap the length."""
    flat = " ".join(str(message).split())
    return flat if len(flat) <= 200 else flat[:197] + "..."


def normalize_date(value: object) -> tuple[str | None, str | None]:
    """Return ``(YYYY-MM-DD, None)`` or ``(None, warning)``; never raises.

    Accepts ISO dates and datetimes, RFC 822 dates (feeds, HTTP, WARC) and ``time.struct_time``
    (feedparser). An impossible date such as ``2024-02-31`` gives a warning, not a guess.
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date().isoformat(), None
    if isinstance(value, date):
        return value.isoformat(), None
    if isinstance(value, time.struct_time):
        return _checked(value.tm_year, value.tm_mon, value.tm_mday, repr(value))
    if not isinstance(value, str):
        return None, f"published {value!r} is not a date; ignored"
    text = value.strip()
    match = _ISO_DAY.match(text) or _ISO_COMPACT.match(text)
    if match:
        return _checked(int(match[1]), int(match[2]), int(match[3]), text)
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat(), None
    return (
        None,
        f"published {text!r} is not a date in a known format (YYYY-MM-DD, ISO, RFC 822); ignored",
    )


def _checked(year: int, month: int, day: int, original: str) -> tuple[str | None, str | None]:
    try:
        return date(year, month, day).isoformat(), None
    except ValueError:
        return None, f"published {original!r} is not a valid date; ignored"


def with_date(document: RawDocument, value: object) -> RawDocument:
    """Set ``published`` from a raw value, recording a warning when the value is unusable."""
    published, warning = normalize_date(value)
    document.published = published
    if warning:
        document.warnings.append(warning)
    return document


def clean_str(value: object) -> str | None:
    """Optional metadata string: stripped, or None when absent/empty/not a string."""
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or None
    return None
