"""Event tables for notebook users: ``Document.to_pandas()`` and ``DocumentBatch.to_pandas()``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from conflictlens.records import Event


def events_to_pandas(events: Sequence[Event], doc_ids: Sequence[str] | None = None) -> Any:
    """One row per event, the contract's columns in order; ``evidence`` kept as a dict column."""
    import pandas as pd

    columns = list(Event.model_fields)
    rows = [event.model_dump(mode="python") for event in events]
    frame = pd.DataFrame(rows, columns=columns)
    if doc_ids is not None:
        frame.insert(0, "doc_id", list(doc_ids))
    for column in ("event_date", "date_start", "date_end"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame
