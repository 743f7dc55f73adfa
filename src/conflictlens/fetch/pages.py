"""What a fetched body becomes: a feed's entries, or an article as a RawDocument.

The reading itself is ingest's: feedparser via ``ingest.feeds`` conventions, and the HTML
reader (trafilatura) of ``ingest.html``; this module only adds what the HTTP answer knows
(final URL, declared charset) and what the feed entry said about the article.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser

from conflictlens.errors import InputError
from conflictlens.fetch.client import Fetched
from conflictlens.fetch.errors import FetchError
from conflictlens.fetch.urls import check_url
from conflictlens.ingest.feeds import entry_document
from conflictlens.ingest.html import decode_html, extract_page, page_document, url_host
from conflictlens.ingest.meta import DEFAULT_LIMITS, clean_str, normalize_date, one_line
from conflictlens.records import RawDocument

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/xml",
        "text/xml",
    }
)
ACCEPT_ANY = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.8, application/xhtml+xml;q=0.8"
)
ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9"
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")
_HTML_ROOTS = (b"<!doctype html", b"<html")


@dataclass(frozen=True)
class Entry:
    """One feed entry: the article link to fetch, or (no link) the entry's own text."""

    origin: str  # "https://site/feed.xml entry 3"
    link: str | None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    document: RawDocument | None = None  # entries without a link


def kind_of(fetched: Fetched) -> str | None:
    """``"feed"``, ``"html"`` or None, from the Content-Type, sniffing only generic XML or a
    missing type (an XHTML page served as application/xml, a feed served with no type)."""
    media = fetched.media_type
    if media in HTML_TYPES:
        return "html"
    if media and media not in FEED_TYPES:
        return None
    head = fetched.body[:2048].lower()
    if any(root in head for root in _FEED_ROOTS):
        return "feed"
    if any(root in head for root in _HTML_ROOTS):
        return "html"
    return "feed" if media else None


def feed_entries(fetched: Fetched) -> list[Entry | InputError]:
    """The entries of a fetched feed, relative links resolved against the feed's final URL."""
    name = fetched.url
    headers = {"content-location": fetched.final_url}
    if fetched.charset:
        headers["content-type"] = f"application/xml; charset={fetched.charset}"
    # A file object, never a str: feedparser would itself fetch a string that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(fetched.body), response_headers=headers)
    if not parsed.version and not parsed.entries:
        reason = "not an RSS/Atom feed"
        if parsed.get("bozo_exception") is not None:
            reason += f" ({parsed.bozo_exception})"
        raise FetchError(name, one_line(reason))
    feed_title = clean_str(parsed.feed.get("title"))
    entries: list[Entry | InputError] = []
    for index, raw in enumerate(parsed.entries, start=1):
        where = f"{name} entry {index}"
        link, refused = _entry_link(raw, fetched.final_url)
        if link is None:  # no (usable) link: the entry's own text is the article
            try:
                document = entry_document(raw, where, feed_title=feed_title, limits=DEFAULT_LIMITS)
            except InputError as error:
                entries.append(InputError(where, f"{refused or 'no link'} and {error.reason}"))
                continue
            document.url = None  # whatever feedparser offered as a link was no http(s) URL
            entries.append(Entry(where, None, document=document))
            continue
        published, _ = normalize_date(raw.get("published") or raw.get("updated"))
        entries.append(
            Entry(
                where,
                link,
                title=clean_str(raw.get("title")),
                published=published,
                source=feed_title,
            )
        )
    return entries


def _entry_link(raw: Any, base: str) -> tuple[str | None, str | None]:
    """The entry's http(s) link resolved against the feed URL, or (None, why not): feedparser
    also offers ids such as ``urn:...`` and ``tag:...`` as links, and a feed may list anything."""
    link = clean_str(raw.get("link"))
    if link is None:
        return None, None
    try:
        return check_url(urljoin(base, link)), None
    except FetchError as error:
        return None, f"link refused ({error.reason})"


def article_document(fetched: Fetched, doc_id: str, entry: Entry | None = None) -> RawDocument:
    """An HTML page's main text and metadata (ingest's HTML reader); the feed entry's date wins
    over a date guessed from the page, its title and feed name fill what the page lacks."""
    name = fetched.url
    markup, warnings = decode_html(fetched.body, name, declared=fetched.charset)
    if not markup.strip():
        raise InputError(name, "empty page")
    page = extract_page(markup, name, url=fetched.final_url)
    document = page_document(
        page, doc_id=doc_id, origin=name, limits=DEFAULT_LIMITS, warnings=warnings
    )
    document.url = fetched.final_url
    if entry is not None:
        document.title = document.title or entry.title
        document.published = entry.published or document.published
        document.source = document.source or entry.source
    document.source = document.source or url_host(fetched.final_url)
    return document


def content_hash(document: RawDocument) -> str:
    """What decides that a re-fetched article changed: its text and metadata."""
    key = "\x1f".join(
        str(value or "")
        for value in (
            document.text,
            document.title,
            document.published,
            document.source,
            document.url,
        )
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
