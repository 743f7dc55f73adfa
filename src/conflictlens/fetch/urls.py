"""Which URLs we may request: only http(s) with a host; everything else is refused up front.

A feed or a redirect can point anywhere (``file:``, ``javascript:``, ``ftp:``, ``data:``); the
check runs on every URL before any request, and again on every redirect hop.
"""

from __future__ import annotations

import ipaddress
import socket
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


def check_public(url: str, name: str | None = None) -> None:
    """FetchError when ``url``'s host resolves to a private, loopback, link-local or otherwise
    non-public address (a hostile feed pointing at the user's network or a cloud metadata
    service). A host that does not resolve is left to the request, which reports it."""
    hostname = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(hostname, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global:
            raise FetchError(
                name or url,
                f"{hostname} resolves to a non-public address ({address}); "
                "pass --allow-private to fetch it",
            )


def origin(url: str) -> str:
    """``scheme://host:port``: the unit robots.txt applies to (RFC 9309)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{port}"


def host(url: str) -> str:
    """The host name alone: the unit of the rate limit (http and https hit the same server)."""
    return (urlsplit(url).hostname or "").lower()
