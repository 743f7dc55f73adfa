"""``export``: stored events back out, with each filter returning the right subset."""

from __future__ import annotations

import csv
import io
import json

import pytest

pytestmark = pytest.mark.slow  # runs whole commands (most load the spaCy model)


@pytest.fixture
def filled(cli, db, fixtures) -> str:
    """A store holding the three-document fixture (dates 11-13 March 2024, two outlets)."""
    result = cli("analyze", fixtures / "three_documents.jsonl", "--db", db)
    assert result.code == 0, result.err
    return db


def _events(cli, db, *filters):
    result = cli("export", "--db", db, "--format", "jsonl", *filters)
    assert result.code == 0, result.err
    return [json.loads(line) for line in result.out.splitlines()]


def test_cli_export_everything_matches_what_was_analysed(cli, filled):
    events = _events(cli, filled)
    assert {e["doc_id"] for e in events} == {"idlib-1", "aleppo-1", "daraa-1"}
    assert [e["event_date"] for e in events] == sorted(e["event_date"] for e in events)


def test_cli_export_date_range(cli, filled):
    everything = _events(cli, filled)
    picked = _events(cli, filled, "--from", "2024-03-12", "--to", "2024-03-12")
    expected = [e for e in everything if e["event_date"] == "2024-03-12"]
    assert picked == expected and 0 < len(picked) < len(everything)
    assert _events(cli, filled, "--from", "2024-03-14") == []


@pytest.mark.parametrize(
    ("option", "field"),
    [("--country", "country"), ("--event-type", "event_type"), ("--source", "source")],
)
def test_cli_export_exact_filters_ignore_case(cli, filled, option, field):
    everything = _events(cli, filled)
    for value in sorted({e[field] for e in everything if e[field]}):
        picked = _events(cli, filled, option, value.upper())
        assert picked == [e for e in everything if e[field] == value], value


def test_cli_export_source_filter_splits_the_outlets(cli, filled):
    wire_a = {e["doc_id"] for e in _events(cli, filled, "--source", "Wire A")}
    assert wire_a == {"idlib-1", "daraa-1"}
    assert _events(cli, filled, "--source", "Nobody") == []


def test_cli_export_actor_matches_part_of_any_actor(cli, filled):
    everything = _events(cli, filled)
    actor = everything[0]["actor1"]
    part = actor.split()[0].lower()
    picked = _events(cli, filled, "--actor", part)
    expected = [
        e
        for e in everything
        if any(part in e[k].lower() for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"))
    ]
    assert picked == expected and everything[0] in picked


def test_cli_export_acled_csv_and_geojson_parse(cli, filled):
    rows = list(csv.DictReader(io.StringIO(cli("export", "--db", filled).out)))
    assert len(rows) == len(_events(cli, filled))
    assert list(rows[0])[:3] == ["event_id_cnty", "event_date", "year"]
    geo = json.loads(cli("export", "--db", filled, "--format", "geojson").out)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(rows)


def test_cli_export_empty_store_writes_just_the_header(cli, db):
    result = cli("export", "--db", db)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].startswith("event_id_cnty,event_date")
    assert len(result.out.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("--from", "March"), "--from"),
        (("--to", "2024-02-30"), "--to"),
        (("--format", "kml"), "--format"),
    ],
)
def test_cli_export_bad_option_is_one_line_exit_2(cli, db, args, name):
    result = cli("export", "--db", db, *args)
    assert result.code == 2
    lines = result.err_lines()
    assert len(lines) == 1 and name in lines[0]
    assert result.out == ""
