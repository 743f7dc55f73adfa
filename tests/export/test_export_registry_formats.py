"""Format names: the three contract formats, and a usage error for anything else."""

from __future__ import annotations

import io

import pytest
from export_records import document

from conflictlens.errors import UsageError
from conflictlens.export import FORMATS, write_documents, write_events


def test_export_registry_lists_contract_formats() -> None:
    assert FORMATS == ("jsonl", "acled-csv", "geojson")


@pytest.mark.parametrize("fmt", ["csv", "JSONL", "parquet", ""])
def test_export_registry_unknown_format_is_usage_error(fmt: str) -> None:
    with pytest.raises(UsageError) as info:
        write_documents([document()], fmt, io.StringIO())
    assert info.value.exit_code == 2
    assert "acled-csv" in str(info.value)
    with pytest.raises(UsageError):
        write_events([], fmt, io.StringIO())


def test_export_registry_csv_from_documents_counts_event_rows() -> None:
    out = io.StringIO()
    assert write_documents([document("a"), document("b", events=[])], "acled-csv", out) == 2
    assert len(out.getvalue().splitlines()) == 3
