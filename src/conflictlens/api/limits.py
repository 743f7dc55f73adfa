"""Request body size limit, enforced while the body arrives rather than after it is read.

A declared ``Content-Length`` over the limit is refused at once, before one body byte is read;
a chunked body is counted as it streams and refused as soon as it passes the limit. Written as
a plain ASGI middleware because Starlette's ``BaseHTTPMiddleware`` cannot stop a body midway.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conflictlens.api.errors import error_body

#: The default largest request body: a long article as JSON is well under 1 MB.
MAX_BODY_BYTES = 5 * 1024 * 1024


class BodyLimit:
    """Answer 413 ``payload_too_large`` to any request whose body exceeds ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size < 0:
                await self._refuse(send, 400, "bad_request", "Content-Length: not a byte count")
                return
            if size > self.max_bytes:
                await self._refuse_size(send, size)
                return
        received = 0
        started = refused = False

        async def counted_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Answer now, then tell the app the client left: it stops reading, and
                    # whatever it tries to send afterwards is dropped by ``guarded_send``.
                    refused = True
                    if not started:
                        await self._refuse_size(send, received)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counted_receive, guarded_send)

    async def _refuse_size(self, send: Send, size: int) -> None:
        await self._refuse(
            send,
            413,
            "payload_too_large",
            f"request body: too large ({size} bytes > {self.max_bytes} bytes limit)",
        )

    @staticmethod
    async def _refuse(send: Send, status: int, code: str, message: str) -> None:
        body = error_body(status, code, message)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
