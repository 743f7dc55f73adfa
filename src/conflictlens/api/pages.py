"""Opaque cursors for keyset pages, and the parameters every list route shares.

A cursor is the sort key of the last row of a page (see ``store.queries``), tagged with the
sort it belongs to, as URL-safe base64 JSON. Clients must treat it as opaque; the server checks
its shape and refuses one made for another list or another sort (400 ``invalid_cursor``).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from conflictlens.api.errors import ApiError
from conflictlens.store import Store
from conflictlens.store.queries import Key

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000

Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (default {DEFAULT_LIMIT}).")
]
Cursor = Annotated[
    str | None,
    Query(max_length=2048, description="``next_cursor`` of the previous page."),
]


def encode_cursor(kind: str, key: Key) -> str:
    raw = json.dumps([kind, *key], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, kind: str, shape: tuple[type, ...]) -> Key | None:
    """The key in ``cursor`` if it was made for ``kind`` and has ``shape``; else 400.

    ``shape`` gives the type of each key value; the first may also be null (undated rows).
    """
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error):
        data = None
    if (
        not isinstance(data, list)
        or len(data) != len(shape) + 1
        or data[0] != kind
        or not all(
            (i == 0 and value is None)
            or (isinstance(value, wanted) and not isinstance(value, bool))
            for i, (value, wanted) in enumerate(zip(data[1:], shape, strict=True))
        )
    ):
        raise ApiError(
            400, "invalid_cursor", "query parameter 'cursor': not a cursor of this list and sort"
        )
    return tuple(data[1:])


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def page_of(items: list[Any], more: bool, kind: str, key_of: Any) -> dict[str, Any]:
    """``{"items", "next_cursor"}`` for a page; the cursor points after its last item."""
    cursor = encode_cursor(kind, key_of(items[-1])) if more and items else None
    return {"items": items, "next_cursor": cursor}
