"""``create_app``: the REST API (and the web UI, when installed) over one store.

Reads are open; writes need the token the server was started with (none: writes disabled).
Middlewares, outermost first: security headers and the Host check (every response, errors
included), then the request body limit, then FastAPI's routing with one error shape.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from conflictlens.api import errors
from conflictlens.api.limits import MAX_BODY_BYTES, BodyLimit
from conflictlens.api.routes import actors, documents, events, health, outlets
from conflictlens.api.security import SecurityHeaders
from conflictlens.store import Store

API_PREFIX = "/api"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("conflictlens")
    except PackageNotFoundError:
        return "0+unknown"


def create_app(
    store_url: str | None = None,
    token: str | None = None,
    *,
    max_body_bytes: int = MAX_BODY_BYTES,
    allowed_hosts: Iterable[str] | None = None,
) -> FastAPI:
    """The app serving ``store_url`` (default: the CLI's default store).

    ``token``: the bearer token writes need (``None`` or empty: writes disabled).
    ``allowed_hosts``: Host names to answer (``None``: any), e.g. ``security.LOOPBACK_HOSTS``.
    Raises ``StoreError`` when the store cannot be opened.
    """
    from conflictlens.pipeline import PIPELINE_VERSION

    store = Store(store_url, pipeline_version=PIPELINE_VERSION)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="conflictlens",
        version=_version(),
        summary="ACLED-compatible conflict events extracted from news, with their evidence.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        # The interactive docs load scripts from a CDN: no network at run time, and the CSP
        # allows only same-origin scripts. The schema itself is served.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token.encode("utf-8") if token else None
    errors.install(app)
    for module in (health, documents, events, actors, outlets):
        app.include_router(module.router, prefix=API_PREFIX)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders, allowed_hosts=allowed_hosts)
    _mount_ui(app)
    return app


def _mount_ui(app: FastAPI) -> None:
    try:
        from conflictlens.web import mount_ui
    except ImportError:  # the web UI package is not there yet: serve the API alone
        return
    mount_ui(app)
