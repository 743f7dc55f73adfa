"""The web UI: static ES modules served beside the REST API by the same process.

Everything the browser loads ships inside this package (``static/``, third-party code vendored
into ``static/vendor/`` by ``web/vendor.mjs``), so ``conflictlens serve`` works offline. The page
talks only to ``/api``; article text is hostile input, so the page is served with a strict
Content Security Policy: scripts and styles from this origin only, no inline code, and images
from this origin plus the one tile host the user can switch on in the map.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from conflictlens.records import CERTAINTY_ORDER

STATIC_DIR = files("conflictlens.web") / "static"

#: The online basemap, off until the user ticks it in the map; its host is the only outside
#: origin the CSP lets the page contact (images only).
TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_HOST = "https://tile.openstreetmap.org"
TILE_ATTRIBUTION = "© OpenStreetMap contributors"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src 'self' {TILE_HOST}",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

#: Sent with the page and its configuration: the CSP, and no MIME sniffing, framing or referrer.
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class _StaticFiles(StaticFiles):
    """Static files with the same security headers as the page (a browser opening an asset
    directly gets the same CSP, and never sniffs a JSON file into HTML)."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers.update(SECURITY_HEADERS)
        return response


def ui_config() -> dict[str, Any]:
    """What the page needs besides the API: the ACLED vocabulary for its filters, the tile layer."""
    from conflictlens.classify.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    return {
        "event_types": list(vocabulary["event_types"]),
        "sub_event_types": list(vocabulary["sub_event_types"]),
        "certainty": list(CERTAINTY_ORDER),
        "tile_url": TILE_URL,
        "tile_attribution": TILE_ATTRIBUTION,
    }


def mount_ui(app: FastAPI) -> None:
    """Serve the page at ``/``, its configuration at ``/ui/config.json``, assets at ``/static``."""
    index_html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    config = ui_config()

    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(index_html, headers=SECURITY_HEADERS)

    @app.get("/ui/config.json", include_in_schema=False)
    def configuration() -> JSONResponse:
        return JSONResponse(config, headers=SECURITY_HEADERS)

    app.mount("/static", _StaticFiles(directory=str(STATIC_DIR)), name="static")
