"""``/api/events`` (filtered, sorted, paged; or the whole filtered set as CSV / GeoJSON) and
``/api/consensus`` (one event per cluster of reports, same filters)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import StreamingResponse

from conflictlens.api.errors import ApiError, responses
from conflictlens.api.pages import Cursor, Limit, StoreDep, decode_cursor, page_of
from conflictlens.api.schemas import ConsensusPage, EventOut, EventPage
from conflictlens.records import Certainty, Event
from conflictlens.store import queries
from conflictlens.store.queries import EventFilter

router = APIRouter(tags=["events"])

_BBOX_HELP = "minlon,minlat,maxlon,maxlat (WGS84 degrees; minlon > maxlon crosses 180°)."
_NUMBER = r"-?\d+(\.\d+)?"
_BBOX = rf"^\s*{_NUMBER}\s*,\s*{_NUMBER}\s*,\s*{_NUMBER}\s*,\s*{_NUMBER}\s*$"
_DOWNLOADS = {
    "csv": ("acled-csv", "text/csv; charset=utf-8", "events.csv"),
    "geojson": ("geojson", "application/geo+json", "events.geojson"),
}
_CHUNK = 64 * 1024


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    west, south, east, north = (float(part) for part in value.split(","))
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise ApiError(422, "invalid_parameter", f"bbox '{value}': longitudes must be in ±180")
    if not (-90 <= south <= north <= 90):
        raise ApiError(
            422, "invalid_parameter", f"bbox '{value}': latitudes must be in ±90, min ≤ max"
        )
    return west, south, east, north


def event_filter(
    date_from: Annotated[date | None, Query(description="First event date, YYYY-MM-DD.")] = None,
    date_to: Annotated[date | None, Query(description="Last event date, YYYY-MM-DD.")] = None,
    country: Annotated[str | None, Query(description="Country name, e.g. Syria.")] = None,
    admin1: Annotated[str | None, Query(description="First-level region, e.g. Homs.")] = None,
    event_type: Annotated[str | None, Query(description="ACLED event type.")] = None,
    sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type.")] = None,
    actor: Annotated[
        str | None, Query(description="Canonical actor name: actor1, actor2 or associated.")
    ] = None,
    source: Annotated[str | None, Query(description="Outlet name.")] = None,
    certainty: Annotated[Certainty | None, Query(description="Event certainty.")] = None,
    bbox: Annotated[str | None, Query(pattern=_BBOX, description=_BBOX_HELP)] = None,
    doc_id: Annotated[str | None, Query(description="Only events of this document.")] = None,
) -> EventFilter:
    """The filters ``/events`` and ``/consensus`` share; text values match exactly."""
    if date_from and date_to and date_from > date_to:
        raise ApiError(422, "invalid_parameter", "date_from: after date_to")
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        country=country,
        admin1=admin1,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        source=source,
        certainty=certainty,
        bbox=_bbox(bbox),
        doc_id=doc_id,
    )


Filters = Annotated[EventFilter, Depends(event_filter)]


def _event_out(doc_id: str, event: Event) -> EventOut:
    return EventOut.model_validate(event.model_dump() | {"doc_id": doc_id})


_DOWNLOAD_CONTENT = {
    "text/csv": {"schema": {"type": "string"}},
    "application/geo+json": {"schema": {"type": "object"}},
}


@router.get(
    "/events",
    response_model=EventPage,
    responses={**responses(), 200: {"content": _DOWNLOAD_CONTENT}},
)
def list_events(
    store: StoreDep,
    where: Filters,
    sort: Annotated[
        Literal["event_date", "-event_date", "fatalities", "-fatalities"],
        Query(description="Sort key; '-' for descending. Undated events count as earliest."),
    ] = "-event_date",
    limit: Limit = 50,
    cursor: Cursor = None,
    format: Annotated[
        Literal["json", "csv", "geojson"],
        Query(description="json: one page; csv (ACLED columns) / geojson: the whole filtered set."),
    ] = "json",
) -> Any:
    """Stored events matching every filter given, one page at a time (or all, as a file)."""
    if format != "json":
        return _download(store, where, sort, format)
    shape: tuple[type, ...] = (str, str, str) if sort.endswith("event_date") else (int, str, str)
    after = decode_cursor(cursor, f"events:{sort}", shape)
    rows, more = queries.event_page(store, where, sort=sort, limit=limit, after=after)
    items = [_event_out(doc_id, event) for doc_id, event in rows]
    return page_of(
        items, more, f"events:{sort}", lambda item: queries.event_key(item.doc_id, item, sort)
    )


def _download(store: Any, where: EventFilter, sort: str, fmt: str) -> StreamingResponse:
    """The filtered set through the exporters ``conflictlens export`` uses.

    Written to a spooled file first (memory up to 8 MB, then disk) so a failure in the middle
    is an error response, not a truncated download.
    """
    from conflictlens.export import write_events

    name, media_type, filename = _DOWNLOADS[fmt]
    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed by the response iterator
        max_size=8 * 1024 * 1024, mode="w+", encoding="utf-8", newline=""
    )
    try:
        write_events(queries.iter_events(store, where, sort=sort), name, spool)  # type: ignore[arg-type]
        spool.seek(0)
    except BaseException:
        spool.close()
        raise

    def chunks() -> Iterator[str]:
        with spool:
            while chunk := spool.read(_CHUNK):
                yield chunk

    return StreamingResponse(
        chunks(),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/events/{doc_id:path}/{event_id}", response_model=EventOut, responses=responses(404))
def get_event(
    doc_id: Annotated[str, Path(min_length=1, max_length=512)],
    event_id: Annotated[str, Path(min_length=1, max_length=512)],
    store: StoreDep,
) -> EventOut:
    """One stored event, with the id of its document."""
    event = queries.get_event(store, doc_id, event_id)
    if event is None:
        raise ApiError(
            404, "not_found", f"event '{event_id}' of document '{doc_id}': not in the store"
        )
    return _event_out(doc_id, event)


@router.get("/consensus", response_model=ConsensusPage, responses=responses())
def list_consensus(
    store: StoreDep, where: Filters, limit: Limit = 50, cursor: Cursor = None
) -> dict[str, Any]:
    """Consensus events (``conflictlens corroborate``'s records) by event date, undated first.

    Filters apply to each cluster's consensus values; ``source`` keeps clusters with a report
    from that outlet, ``doc_id`` those with a report from that document.
    """
    after = decode_cursor(cursor, "consensus", (str, str))
    rows, more = queries.consensus_page(store, where, limit=limit, after=after)
    keys = {id(record): key for key, record in rows}
    items = [record for _key, record in rows]
    return page_of(items, more, "consensus", lambda record: keys[id(record)])
