"""Countries sit at GeoNames' own points, the ones GeoNames-coded corpora mean by the id."""

from __future__ import annotations

import pytest

from conflictlens.geo.build_default import apply_country_points, geonames_country_points


def test_country_points_cover_the_conflict_countries() -> None:
    points = geonames_country_points()
    for code in ("SY", "IQ", "YE", "LB", "IL", "LY", "SD", "SO", "AF", "UA", "MM", "ML", "CD"):
        lat, lon = points[code]
        assert -90 <= lat <= 90 and -180 <= lon <= 180
    assert points["US"] == (39.76, -98.5)


def test_apply_changes_only_country_rows() -> None:
    rows = [
        {"kind": "country", "country_code": "US", "lat": "38", "lon": "-97", "source": "x"},
        {"kind": "city", "country_code": "US", "lat": "40.7", "lon": "-74", "source": "y"},
    ]
    assert apply_country_points(rows) == 1
    assert (rows[0]["lat"], rows[0]["lon"], rows[0]["source"]) == (
        "39.76",
        "-98.5",
        "geonames-country",
    )
    assert rows[1]["lat"] == "40.7"


@pytest.mark.slow
def test_the_united_states_resolve_to_geonames_point() -> None:
    from conflictlens.knowledge import Gazetteer

    (match,) = Gazetteer.default().find("Officials in the United States said")
    place = match.candidates[0]
    assert place.kind == "country"
    assert (place.lat, place.lon) == (39.76, -98.5)
