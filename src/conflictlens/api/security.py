"""Security headers on every response, the Host check, and the write token.

Article text is hostile input and the UI is served from this same origin, so every response
(API, static files, errors) carries a strict Content-Security-Policy that allows no inline
script, no plugins and no framing. When the server listens on a loopback address, requests
naming another Host are refused: a page on some website that rebinds its DNS name to 127.0.0.1
would otherwise read the store through the user's browser.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable

from fastapi import Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conflictlens.api.errors import ApiError, error_body

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; img-src 'self' data:; form-action 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
#: Host names a loopback-bound server answers to (any port).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def _host_name(value: str) -> str:
    if value.startswith("["):  # [::1]:8000
        return value[: value.find("]") + 1]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class SecurityHeaders:
    """Add ``SECURITY_HEADERS`` to every response; refuse Hosts outside ``allowed_hosts``."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if self.allowed is not None:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
            if _host_name(host) not in self.allowed:
                body = error_body(400, "invalid_host", f"Host '{host}': not served here")
                await with_headers(
                    {
                        "type": "http.response.start",
                        "status": 400,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await with_headers({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, with_headers)


#: Declares the scheme in the OpenAPI schema; the checks themselves are ``require_token``'s.
bearer = HTTPBearer(auto_error=False, description="The token the server was started with.")


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Let a write through only with the server's token (compared in constant time)."""
    token: bytes | None = request.app.state.token
    if token is None:
        raise ApiError(
            403,
            "writes_disabled",
            "writes are disabled: start the server with a token "
            "(CONFLICTLENS_API_TOKEN or --token-file)",
        )
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(401, "unauthorized", "Authorization: a Bearer token is required", challenge)
    if not hmac.compare_digest(credentials.credentials.encode("utf-8"), token):
        raise ApiError(401, "unauthorized", "Authorization: wrong token", challenge)
