"""``analyze --format acled-csv|geojson``: outputs that spreadsheet and GIS tools can open."""

from __future__ import annotations

import csv
import io
import json

import pytest

pytestmark = pytest.mark.slow  # runs whole commands (most load the spaCy model)

#: ACLED's export columns in the codebook's order: our CSV must start with exactly these.
ACLED_LEADING_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


@pytest.fixture
def analysed(cli, fixtures):
    """The three-document fixture as JSONL documents (the reference for the other formats)."""
    result = cli("analyze", fixtures / "three_documents.jsonl", "--no-store")
    assert result.code == 0, result.err
    return result.lines()


def test_cli_analyze_acled_csv_parses_with_acled_columns_first(cli, fixtures, analysed):
    result = cli(
        "analyze", fixtures / "three_documents.jsonl", "--format", "acled-csv", "--no-store"
    )
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    header = next(csv.reader(io.StringIO(result.out)))
    assert header[: len(ACLED_LEADING_COLUMNS)] == ACLED_LEADING_COLUMNS
    events = [e for d in analysed for e in d["events"]]
    assert [r["event_id_cnty"] for r in rows] == [e["event_id"] for e in events]
    for row, event in zip(rows, events, strict=True):
        assert row["event_type"] == event["event_type"]
        assert int(row["fatalities"]) == event["fatalities"]
        assert row["year"] == event["event_date"][:4]


def test_cli_analyze_geojson_is_a_feature_collection(cli, fixtures, analysed):
    result = cli("analyze", fixtures / "three_documents.jsonl", "--format", "geojson", "--no-store")
    assert result.code == 0, result.err
    collection = json.loads(result.out)
    assert collection["type"] == "FeatureCollection"
    located = [e for d in analysed for e in d["events"] if e["latitude"] is not None]
    assert len(collection["features"]) == len(located) > 0
    for feature, event in zip(collection["features"], located, strict=True):
        assert feature["geometry"]["type"] == "Point"
        assert feature["geometry"]["coordinates"] == [event["longitude"], event["latitude"]]
        props = list(feature["properties"])
        assert props[props.index("event_id") :][:3] == ["event_id", "event_date", "date_start"]


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl"])
def test_cli_analyze_output_file_in_each_format(cli, tmp_path, fixtures, fmt):
    target = tmp_path / f"events.{fmt}"
    result = cli(
        "analyze", fixtures / "idlib_attack.txt", "--format", fmt, "-o", target, "--no-store"
    )
    assert result.code == 0, result.err
    assert result.out == ""
    text = target.read_text(encoding="utf-8")
    if fmt == "acled-csv":
        assert next(csv.reader(io.StringIO(text)))[0] == "event_id_cnty"
    else:
        json.loads(text.splitlines()[0] if fmt == "jsonl" else text)


def test_cli_analyze_unwritable_output_is_a_usage_error(cli, tmp_path, fixtures):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = cli(
        "analyze", fixtures / "idlib_attack.txt", "-o", blocker / "out.jsonl", "--no-store"
    )
    assert result.code == 2
    lines = result.err_lines()
    assert len(lines) == 1 and "out.jsonl" in lines[0] and "cannot write" in lines[0]
