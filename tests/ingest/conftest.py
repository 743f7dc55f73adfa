"""Shared helpers for the ingest tests: fixture paths and a tiny WARC writer."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from conflictlens.errors import InputError
from conflictlens.records import RawDocument

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SHARED_DATA = Path(__file__).resolve().parents[2] / "../shared/data"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def split(items: Sequence[RawDocument | InputError]) -> tuple[list[RawDocument], list[str]]:
    """Documents, and the one-line messages of the errors, in stream order."""
    documents = [item for item in items if isinstance(item, RawDocument)]
    errors = [str(item) for item in items if isinstance(item, InputError)]
    return documents, errors


WarcPage = tuple[str, bytes, str]  # (url, body, content type)


def write_warc(path: Path, pages: Sequence[WarcPage], *, status: str = "200 OK") -> Path:
    """Write ``pages`` as WARC response records (gzipped when the name ends in .gz)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for url, body, content_type in pages:
            http_headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": "2024-04-21T08:00:00Z"},
            )
            writer.write_record(record)
    return path


@pytest.fixture
def warc_writer() -> Callable[..., Path]:
    return write_warc
