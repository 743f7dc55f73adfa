"""Which URLs we may request: only http(s) with a host; everything else is refused up front.

A feed or a redirect can point anywhere (``file:``, ``javascript:``, ``ftp:``, ``data:``); the
check runs on every URL before any request, and again on every redirect hop.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit

from conflictlens.fetch.errors import FetchError

ALLOWED_SCHEMES = frozenset({"http", "https"})


def check_url(url: str, name: str | None = None) -> str:
    """``url`` without its fragment, or FetchError naming ``name`` (default: the URL)."""
    where = name or url
    text = url.strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as error:
        raise FetchError(where, f"not a valid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"'{scheme}:'" if scheme else "none"
        raise FetchError(where, f"only http and https URLs are fetched (scheme {shown})")
    if not parts.hostname:
        raise FetchError(where, "URL has no host")
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise FetchError(where, "URL contains whitespace or control characters")
    return urldefrag(text)[0]


def origin(url: str) -> str:
    """``scheme://host:port``: the unit robots.txt applies to (RFC 9309)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{port}"


def host(url: str) -> str:
    """The host name alone: the unit of the rate limit (http and https hit the same server)."""
    return (urlsplit(url).hostname or "").lower()
