"""ACLED CSV: ACLED's columns first and unchanged, our extras after, nothing lost."""

from __future__ import annotations

import csv
import io
import json

import pytest
from export_records import document, located_event, unlocated_event

from conflictlens.export import ACLED_COLUMNS, EXTRA_COLUMNS, acled_region, write_events
from conflictlens.export.acled_csv import event_row
from conflictlens.records import Event


def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _write(rows: list[tuple[str, Event]], **kwargs: object) -> str:
    out = io.StringIO()
    write_events(rows, "acled-csv", out, **kwargs)
    return out.getvalue()


def test_acled_csv_header_is_acled_order_then_extras() -> None:
    header = _write([]).splitlines()[0].split(",")
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert header[:6] == [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
    ]
    assert header[len(ACLED_COLUMNS) - 2 :] == ["tags", "timestamp", *EXTRA_COLUMNS]
    assert len(ACLED_COLUMNS) == 31


def test_acled_csv_round_trip_keeps_values() -> None:
    event = located_event()
    rows = _read(_write([("doc-1", event)]))
    assert len(rows) == 1
    assert rows[0] == event_row(event, "doc-1")
    row = rows[0]
    assert row["event_id_cnty"] == "ev-1"
    assert row["event_date"] == "2024-04-16"
    assert row["year"] == "2024"
    assert row["assoc_actor_1"] == "Military Forces of Syria (2000-2024); Hezbollah"
    assert float(row["latitude"]) == event.latitude
    assert int(row["fatalities"]) == 3
    assert row["according_to"] == "one source; Syrian Observatory, UK-based"
    assert json.loads(row["evidence"]) == {"actor1": [[0, 12]], "fatalities": [[40, 52], [60, 64]]}


def test_acled_csv_tags_carry_what_acled_has_no_column_for() -> None:
    tags = event_row(located_event())["tags"].split("; ")
    assert tags == [
        "certainty=suspected",
        "according_to=one source, Syrian Observatory, UK-based",
        "fatalities_low=3",
        "fatalities_high=5",
        "injuries=12",
    ]


def test_acled_csv_missing_values_are_empty_not_guessed() -> None:
    row = event_row(unlocated_event())
    for column in (
        "event_date",
        "year",
        "actor1",
        "actor2",
        "inter1",
        "iso",
        "latitude",
        "longitude",
        "source_scale",
        "timestamp",
        "fatalities_low",
        "injuries",
    ):
        assert row[column] == "", column
    assert row["fatalities"] == "0"
    assert row["tags"] == "certainty=reported"


def test_acled_csv_region_from_country() -> None:
    assert event_row(located_event())["region"] == "Middle East"
    assert event_row(unlocated_event(country="Democratic Republic of Congo"))["region"] == (
        "Middle Africa"
    )


@pytest.mark.parametrize(
    ("country", "iso", "region"),
    [
        ("Syria", None, "Middle East"),
        ("Syrian Arab Republic", None, "Middle East"),
        ("", 804, "Europe"),
        ("Ukraine", 804, "Europe"),
        ("Sudan", None, "Northern Africa"),
        ("Myanmar", None, "Southeast Asia"),
        ("Afghanistan", None, "South Asia"),
        ("Kosovo", 0, "Europe"),
        ("Atlantis", None, ""),
        ("", None, ""),
    ],
)
def test_acled_csv_region_lookup(country: str, iso: int | None, region: str) -> None:
    assert acled_region(country, iso) == region


def test_acled_csv_source_falls_back_to_document() -> None:
    doc = document()
    rows = _read(_write([("doc-1", unlocated_event())], documents={"doc-1": doc}))
    assert rows[0]["source"] == "Outlet A"
    assert rows[0]["doc_id"] == "doc-1"


def test_acled_csv_text_with_commas_quotes_and_newlines_survives() -> None:
    notes = 'He said "they fled", then\nleft; others stayed.'
    rows = _read(_write([("d", located_event(notes=notes))]))
    assert rows[0]["notes"] == notes


def test_acled_csv_cells_a_spreadsheet_would_run_are_made_inert() -> None:
    event = located_event().model_copy(
        update={"source": '=HYPERLINK("http://evil.example","click")', "according_to": ["@SUM(1)"]}
    )
    [row] = _read(_write([("doc-1", event)]))
    assert row["source"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["according_to"] == "'@SUM(1)"
    assert float(row["longitude"]) == event.longitude  # numbers, negative ones too, unchanged
    west = located_event().model_copy(update={"longitude": -3.7})
    [row] = _read(_write([("doc-1", west)]))
    assert row["longitude"] == "-3.7"
