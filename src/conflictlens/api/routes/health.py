"""``/api/health``: is the server up, how much does the store hold, may clients write."""

from __future__ import annotations

from fastapi import APIRouter, Request

from conflictlens.api.errors import responses
from conflictlens.api.pages import StoreDep
from conflictlens.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses=responses(503))
def health(request: Request, store: StoreDep) -> Health:
    """Row counts and whether writes are enabled (the server was given a token)."""
    stats = store.stats()
    return Health(
        documents=stats["documents"],
        events=stats["events"],
        writes_enabled=request.app.state.token is not None,
    )
