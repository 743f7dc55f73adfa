"""Event tables for notebooks: one row per event, ``doc_id`` first, contract column order."""

from __future__ import annotations

import pandas as pd
import pytest

from conflictlens.records import DocumentBatch, Event

pytestmark = pytest.mark.slow

EVENT_COLUMNS = list(Event.model_fields)


def test_api_pandas_batch_has_one_row_per_event_with_doc_id_first(snippet_docs):
    batch = DocumentBatch(snippet_docs.values())
    frame = batch.to_pandas()
    assert len(frame) == sum(len(d.events) for d in batch) > 5
    assert list(frame.columns) == ["doc_id", *EVENT_COLUMNS]
    expected_ids = [d.doc_id for d in batch for _ in d.events]
    assert frame["doc_id"].tolist() == expected_ids
    assert frame["event_id"].tolist() == [e.event_id for d in batch for e in d.events]


def test_api_pandas_dates_are_datetimes(snippet_docs):
    frame = DocumentBatch(snippet_docs.values()).to_pandas()
    for column in ("event_date", "date_start", "date_end"):
        assert pd.api.types.is_datetime64_any_dtype(frame[column]), column
    row = frame.set_index("doc_id").loc["suicide"]
    assert row["event_date"] == pd.Timestamp("2024-03-05")


def test_api_pandas_values_match_the_records(snippet_docs):
    document = snippet_docs["range"]
    frame = document.to_pandas()
    (event,) = document.events
    assert list(frame.columns) == EVENT_COLUMNS
    assert frame.loc[0, "fatalities_high"] == event.fatalities_high == 40
    assert frame.loc[0, "evidence"] == event.evidence


def test_api_pandas_document_without_events_keeps_the_columns(snippet_docs):
    frame = snippet_docs["quiet"].to_pandas()
    assert frame.empty and list(frame.columns) == EVENT_COLUMNS
