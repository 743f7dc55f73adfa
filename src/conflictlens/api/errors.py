"""One JSON error shape for every failure, and the HTTP status of each kind of failure.

``{"error": {"status": int, "code": str, "message": str}}`` whether the failure is ours
(``ApiError``), the library's (``ConflictlensError`` subclasses, mapped by class as the CLI maps
them to exit codes), FastAPI's request validation, or Starlette's routing (404, 405). Messages
name the parameter or input at fault; internal errors never echo details to the client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from conflictlens.actors import RegistryRefusal
from conflictlens.api.schemas import ErrorBody
from conflictlens.errors import ConflictlensError, InputError, StoreError, UsageError

log = logging.getLogger("conflictlens.api")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    500: "internal_error",
    503: "store_unavailable",
}


class ApiError(Exception):
    """A failure with a status, a stable code and a one-line message."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody.model_validate(
        {"error": {"status": status, "code": code, "message": " ".join(message.split())}}
    )
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def error_body(status: int, code: str, message: str) -> bytes:
    """The same body as raw bytes, for the ASGI middlewares that answer before routing."""
    return bytes(error_response(status, code, message).body)


def _library_error(error: ConflictlensError) -> tuple[int, str]:
    if isinstance(error, RegistryRefusal):
        return 404, "not_found"
    if isinstance(error, StoreError):
        return 503, "store_unavailable"
    if isinstance(error, UsageError | InputError):
        return 422, "invalid_input"
    return 500, "internal_error"


def _where(location: Any) -> str:
    parts = [str(p) for p in location if p not in ("query", "path", "body", "header")]
    kind = location[0] if location else "request"
    return f"{kind} parameter '{'.'.join(parts)}'" if parts else f"{kind}"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into ``ErrorBody``."""

    @app.exception_handler(ApiError)
    async def _api(_request: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.code, error.message, error.headers)

    @app.exception_handler(ConflictlensError)
    async def _library(_request: Request, error: ConflictlensError) -> JSONResponse:
        status, code = _library_error(error)
        return error_response(status, code, str(error))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = error.errors()
        first = problems[0] if problems else {}
        if first.get("type") == "json_invalid":
            return error_response(400, "invalid_json", "request body: not valid JSON")
        where = _where(first.get("loc", ()))
        if first.get("type") == "string_pattern_mismatch":
            shown = str(first.get("input", ""))[:80]
            return error_response(422, "invalid_parameter", f"{where}: '{shown}' is malformed")
        return error_response(422, "invalid_parameter", f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        status = error.status_code
        if status == 404:
            message = f"{request.url.path}: no such resource"
        elif status == 405:
            message = f"{request.method} {request.url.path}: method not allowed"
        else:
            message = str(error.detail)
        headers = dict(error.headers) if error.headers else None
        return error_response(status, _CODES.get(status, "error"), message, headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        # The traceback goes to the server log; the client learns nothing about internals.
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "internal error (see the server log)")


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route can answer, all with ``ErrorBody``."""
    return {
        status: {"model": ErrorBody, "description": _CODES.get(status, "error").replace("_", " ")}
        for status in sorted({*statuses, 400, 413, 422, 500})
    }
