"""HTTP GET, politely and defensively: rate-limited, retried, size-capped, redirect-checked.

httpx rather than urllib: it streams bodies with a per-read timeout, never follows redirects
unless asked (so every hop is checked here), pools connections per host safely across threads,
and is already installed with spaCy (weasel depends on it).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import httpx

from conflictlens.fetch.errors import FetchError
from conflictlens.fetch.limiter import HostLimiter
from conflictlens.fetch.settings import FetchSettings
from conflictlens.fetch.urls import check_public, check_url, host
from conflictlens.ingest.meta import format_size, one_line

#: Worth another try later: rate limited, or the server (or a proxy in front of it) is failing.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


class HttpStatusError(FetchError):
    """A final 4xx/5xx answer; ``status`` lets robots.txt tell "absent" from "unavailable"."""

    def __init__(self, source: str, status: int, reason: str) -> None:
        self.status = status
        super().__init__(source, reason)


@dataclass(frozen=True)
class Validators:
    """What a conditional GET sends back: the ETag and Last-Modified of the last 200."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in found.items() if value}


@dataclass(frozen=True)
class Fetched:
    """One answered GET after redirects: a 200 with its body, or a 304 without one."""

    url: str  # as requested
    final_url: str
    status: int
    body: bytes
    media_type: str  # "text/html", "" when the server sent none
    charset: str | None
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class _Hop:
    status: int
    headers: httpx.Headers
    body: bytes


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _header_value(value: str | None) -> str | None:
    """A validator we can send back as it came: printable ASCII, or nothing."""
    if value and value.isascii() and value.isprintable() and len(value) <= 1024:
        return value
    return None


def split_content_type(value: str | None) -> tuple[str, str | None]:
    """``"text/html; charset=ISO-8859-1"`` -> ``("text/html", "iso-8859-1")``."""
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset" and raw.strip():
            charset = raw.strip().strip("\"'").lower()
    return media.strip().lower(), charset


class HttpClient:
    """GETs through one shared, thread-safe httpx client and one shared HostLimiter."""

    def __init__(
        self,
        settings: FetchSettings,
        limiter: HostLimiter | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.limiter = limiter or HostLimiter(settings.rate)
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,  # each hop is checked (scheme, robots, loop) in ``get``
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        validators: Validators | None = None,
        media_types: Collection[str] | None = None,
        accept: str = "*/*",
        max_bytes: int | None = None,
        truncate: bool = False,
        permit: Callable[[str], None] | None = None,
    ) -> Fetched:
        """GET ``url`` following at most ``max_redirects`` redirects.

        ``permit(url)`` runs before every hop (robots.txt) and raises to refuse it;
        ``media_types`` (lower case) refuses other Content-Types before the body is read; the
        body is streamed and refused (or, with ``truncate``, cut) past ``max_bytes``.
        Validators go to every hop: they came from the final URL's last answer.
        """
        limit = self.settings.max_bytes if max_bytes is None else max_bytes
        headers = {"Accept": accept, **(validators or Validators()).headers()}
        current = check_url(url)
        seen = {current}
        for _ in range(self.settings.max_redirects + 1):
            if not self.settings.allow_private:
                check_public(current, url)
            if permit is not None:
                permit(current)
            hop = self._send(current, headers, media_types, limit, truncate, name=url)
            if hop.status not in REDIRECT_STATUSES:
                media, charset = split_content_type(hop.headers.get("content-type"))
                return Fetched(
                    url=url,
                    final_url=current,
                    status=hop.status,
                    body=hop.body,
                    media_type=media,
                    charset=charset,
                    validators=Validators(
                        _header_value(hop.headers.get("etag")),
                        _header_value(hop.headers.get("last-modified")),
                    ),
                )
            location = hop.headers.get("location")
            if not location:
                raise FetchError(url, f"HTTP {hop.status} redirect without a Location")
            target = urljoin(current, location.strip())
            try:
                target = check_url(target)
            except FetchError as error:
                raise FetchError(url, f"redirect refused: {error.reason}") from None
            if target in seen:
                raise FetchError(url, f"redirect loop (back to {target})")
            seen.add(target)
            current = target
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _send(
        self,
        url: str,
        headers: dict[str, str],
        media_types: Collection[str] | None,
        limit: int,
        truncate: bool,
        *,
        name: str,
    ) -> _Hop:
        """One hop, retried on 429/5xx and connection errors with exponential backoff (or the
        server's Retry-After); every attempt waits for the host's rate-limit slot."""
        settings = self.settings
        where = host(url)
        attempts = settings.retries + 1
        problem = ""
        last_status: int | None = None
        for attempt in range(attempts):
            self.limiter.wait(where)
            wait = settings.backoff * (2**attempt)
            try:
                with self._client.stream("GET", url, headers=headers) as response:
                    status = response.status_code
                    if status in RETRY_STATUSES:
                        problem = f"HTTP {status} {response.reason_phrase}".strip()
                        last_status = status
                        asked = parse_retry_after(response.headers.get("retry-after"))
                        if asked is not None:
                            if asked > settings.max_retry_after:
                                raise HttpStatusError(
                                    name,
                                    status,
                                    f"{problem}, Retry-After {asked:.0f} s is over the "
                                    f"{settings.max_retry_after:.0f} s limit",
                                )
                            wait = asked
                    elif status >= 400:
                        raise HttpStatusError(
                            name, status, f"HTTP {status} {response.reason_phrase}".strip()
                        )
                    else:
                        return _Hop(
                            status,
                            response.headers,
                            self._body(response, media_types, limit, truncate, name),
                        )
            except httpx.TransportError as error:  # refused, reset, DNS, timeouts
                problem = one_line(f"{type(error).__name__}: {error}".rstrip(": "))
                last_status = None
            except httpx.HTTPError as error:  # undecodable body, invalid URL: no use retrying
                raise FetchError(name, one_line(f"{type(error).__name__}: {error}")) from None
            if attempt + 1 < attempts:
                self.limiter.defer(where, wait)
        tries = f"{attempts} {'try' if attempts == 1 else 'tries'}"
        if last_status is not None:
            raise HttpStatusError(name, last_status, f"{problem} after {tries}")
        raise FetchError(name, f"{problem} (after {tries})")

    def _body(
        self,
        response: httpx.Response,
        media_types: Collection[str] | None,
        limit: int,
        truncate: bool,
        name: str,
    ) -> bytes:
        """The body of a 2xx (none for 304/redirects), streamed, never more than ``limit``."""
        if response.status_code == 304 or response.status_code in REDIRECT_STATUSES:
            return b""
        media, _ = split_content_type(response.headers.get("content-type"))
        if media_types is not None and media and media not in media_types:
            raise FetchError(name, f"unsupported content type '{media}'")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and not truncate:
            raise FetchError(
                name, f"too large ({format_size(int(declared))} > {format_size(limit)} limit)"
            )
        deadline = time.monotonic() + self.settings.timeout * 3
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes(_CHUNK):  # decoded: the cap holds for gzip bombs too
            size += len(chunk)
            if size > limit:
                if truncate:
                    chunks.append(chunk[: len(chunk) - (size - limit)])
                    break
                raise FetchError(name, f"too large (over the {format_size(limit)} limit)")
            chunks.append(chunk)
            if time.monotonic() > deadline:  # a server dripping bytes to hold us forever
                raise FetchError(name, "body took too long to arrive")
        return b"".join(chunks)
