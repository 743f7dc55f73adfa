"""HTML pages: the article's main text (trafilatura) plus title, date, URL and site name.

Pages come from files and from WARC records; feed entries carry HTML fragments. The document
text is the extracted main text, so offsets index that text, not the markup.
"""

from __future__ import annotations

import html as html_entities
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import trafilatura
import trafilatura.settings
from lxml import etree

from conflictlens.errors import InputError
from conflictlens.ingest.detect import decode_text
from conflictlens.ingest.meta import (
    DEFAULT_LIMITS,
    IngestLimits,
    clean_str,
    normalize_date,
    too_large,
)
from conflictlens.ingest.text import normalize_newlines, read_bytes_limited
from conflictlens.records import RawDocument

# trafilatura reports pages it cannot use through logging at WARNING level; with no handler
# configured Python would print those on stderr next to our own one-line error. We report the
# same fact as an InputError, so its records are dropped here (the CLI may still opt in).
logging.getLogger("trafilatura").addHandler(logging.NullHandler())

#: Declared charset in a <meta> tag or an XML declaration, looked for in the first bytes only.
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
#: Date search limited to the page's metadata (and URL): a date found in the article body is
#: often the date of the event or of something else, and guessing it would be silent.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
#: Elements whose boundaries are line breaks when an HTML fragment is flattened to text.
_BLOCK_TAGS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    )
)
_DROP_TAGS = ("head", "script", "style", "noscript", "template")
_WHOLE_PAGE = re.compile(r"<(?:html|head|body)[\s>]", re.IGNORECASE)


@dataclass
class Page:
    """What one HTML page yields before it becomes a RawDocument."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    sitename: str | None = None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares for itself (meta tag / XML declaration), if any."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    return (match[1] or match[2]).decode("ascii", "replace").lower()


def decode_html(data: bytes, name: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode page bytes; a valid UTF-8 page wins over its declaration, then the declaration
    (HTTP header or meta tag), then a guess (with a warning)."""
    declared = declared or declared_charset(data)
    if declared and declared.replace("-", "").replace("_", "") not in {"utf8", "usascii", "ascii"}:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                return data.decode(declared), []
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(data, name)


def extract_page(markup: str, name: str, *, url: str | None = None) -> Page:
    """Main text and metadata of one page; falls back to all visible text when trafilatura
    finds no article (short or malformed pages), and fails only when there is no text at all."""
    try:
        result = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, etree.LxmlError) as error:  # malformed beyond lxml's repair
        raise InputError(name, f"malformed HTML ({type(error).__name__})") from None
    meta = result.as_dict() if isinstance(result, trafilatura.settings.Document) else {}
    text = (meta.get("text") or "").strip()
    if not text:
        text = fragment_to_text(markup)
    if not text:
        raise InputError(name, "malformed HTML or no text in the page")
    page = Page(text=normalize_newlines(text))
    page.title = clean_str(meta.get("title"))
    page.published = clean_str(meta.get("date"))
    page.url = clean_str(meta.get("url")) or url
    page.sitename = clean_str(meta.get("sitename"))
    if page.title is None:
        page.title = _title_tag(markup)
    return page


def _title_tag(markup: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
    return clean_str(" ".join(html_entities.unescape(match[1]).split())) if match else None


def fragment_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment (feed summaries, pages without an article), one line
    per block element.

    Written here because trafilatura's article heuristics discard short fragments and its
    ``html2txt`` needs a whole page; lxml does the parsing.
    """
    if "<" not in fragment:
        return _tidy(html_entities.unescape(fragment))
    try:
        if _WHOLE_PAGE.search(fragment):
            root = lxml.html.document_fromstring(fragment)
        else:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError, etree.XMLSyntaxError, AssertionError):
        return ""  # lxml asserts on some empty documents ("<html></html>")
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    parts: list[str] = []
    _flatten(root, parts)
    return _tidy("".join(parts))


def _flatten(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag.lower() in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if isinstance(element.tag, str) and element.text:
        parts.append(element.text)
    for child in element:
        _flatten(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def page_document(
    page: Page, *, doc_id: str, origin: str, limits: IngestLimits, warnings: list[str]
) -> RawDocument:
    """Turn an extracted page into a RawDocument; sitename (else the URL's host) is the source."""
    size = len(page.text.encode("utf-8"))
    if size > limits.max_document_bytes:
        raise too_large(origin, size, limits.max_document_bytes)
    published, date_warning = normalize_date(page.published)
    document = RawDocument(
        doc_id=doc_id,
        text=page.text,
        title=page.title,
        source=page.sitename or None,
        published=published,
        url=page.url,
        origin=origin,
        warnings=list(warnings),
    )
    if date_warning:
        document.warnings.append(date_warning)
    return document


def url_host(url: str | None) -> str | None:
    """``https://www.example.org/a`` -> ``example.org``: a source name the URL itself proves."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def read_html_file(
    path: Path, name: str, limits: IngestLimits = DEFAULT_LIMITS
) -> Iterator[RawDocument]:
    """Read one ``.html``/``.htm`` file; its id is the file stem.

    One page is one document, so the page itself is held to the document limit: extracting the
    text of a 50 MB page takes the better part of a minute before it could be refused.
    """
    data = read_bytes_limited(path, name, min(limits.max_file_bytes, limits.max_document_bytes))
    markup, warnings = decode_html(data, name)
    if not markup.strip():
        raise InputError(name, "empty file (only whitespace)")
    page = extract_page(markup, name)
    yield page_document(page, doc_id=path.stem, origin=name, limits=limits, warnings=warnings)
