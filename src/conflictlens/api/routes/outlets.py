"""``/api/outlets``: how each stored source frames what it reports (``conflictlens outlets``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from conflictlens.api.errors import ApiError, responses
from conflictlens.api.pages import StoreDep
from conflictlens.api.schemas import OutletDetail, OutletList, OutletSummary

router = APIRouter(tags=["outlets"])

_SUMMARY = tuple(OutletSummary.model_fields)


@router.get("/outlets", response_model=OutletList, responses=responses())
def list_outlets(store: StoreDep) -> OutletList:
    """Per outlet: documents, words, techniques and hedges per 1,000 words, unattributed share."""
    from conflictlens.framing.outlets import outlet_profiles

    items = []
    for profile in outlet_profiles(store):
        data = profile.to_dict()
        items.append(OutletSummary.model_validate({k: data[k] for k in _SUMMARY}))
    return OutletList(items=items)


@router.get("/outlets/{name:path}", response_model=OutletDetail, responses=responses(404))
def get_outlet(
    name: Annotated[str, Path(min_length=1, max_length=300, description="Source as stored.")],
    store: StoreDep,
) -> OutletDetail:
    """One outlet: labels per actor (own voice and quoted), techniques and hedges per 1,000
    words. The name matches ignoring case."""
    from conflictlens.framing.outlets import outlet_profiles

    profiles = outlet_profiles(store, [name])
    if not profiles:
        raise ApiError(404, "not_found", f"outlet '{name}': no stored documents from it")
    return OutletDetail.model_validate(profiles[0].to_dict())
