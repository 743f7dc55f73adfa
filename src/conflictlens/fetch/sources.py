"""Input files of ``fetch``: URL lists (one per line, ``#`` comments) and OPML feed lists.

Whether a URL is a feed or an article is decided by what the server sends back, so one list may
mix both. Every URL is checked (http/https only) here, before anything is requested.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from conflictlens.errors import InputError
from conflictlens.fetch.errors import FetchError
from conflictlens.fetch.urls import check_url
from conflictlens.ingest.detect import decode_text, looks_binary
from conflictlens.ingest.text import read_bytes_limited

#: A list of feeds or URLs is small; anything bigger is not the file the user meant.
MAX_LIST_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One URL to fetch and where it was listed (``list.txt:3``, ``feeds.opml:outline 2``)."""

    url: str
    origin: str


def read_source_file(path: Path, name: str) -> Iterator[Source | InputError]:
    """The URLs of one list file, with a bad line reported in place (not raised)."""
    data = read_bytes_limited(path, name, MAX_LIST_BYTES)
    if looks_binary(data):
        raise InputError(name, "binary file, not a list of URLs")
    head = data[:2048].lstrip().lower()
    if path.suffix.lower() == ".opml" or b"<opml" in head:
        yield from _opml_sources(data, name)
        return
    text, _ = decode_text(data, name)
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        found = True
        where = f"{name}:{number}"
        try:
            yield Source(check_url(stripped, where), where)
        except FetchError as error:
            yield error
    if not found:
        raise InputError(name, "no URLs in the file (one http(s) URL per line)")


def _opml_sources(data: bytes, name: str) -> Iterator[Source | InputError]:
    """Every ``<outline xmlUrl=...>`` of an OPML file, nested folders included."""
    # No entities, no DTD, no network: the list may come from anywhere.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(name, f"malformed OPML ({error})") from None
    outlines = [node for node in root.iter("outline") if node.get("xmlUrl")]
    if not outlines:
        raise InputError(name, "no feeds in the OPML file (no outline with an xmlUrl)")
    for index, node in enumerate(outlines, start=1):
        where = f"{name}:outline {index}"
        try:
            yield Source(check_url(node.get("xmlUrl", ""), where), where)
        except FetchError as error:
            yield error
