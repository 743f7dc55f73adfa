"""The geoparser's count of nearby places, a speed-up of the plain haversine count."""

from __future__ import annotations

import math
import random

from conflictlens.geo.geoparser import _NEAR_KM, _near_count
from conflictlens.knowledge.gazetteer import Place


def _haversine_km(a: Place, b: Place) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.009 * math.asin(min(1.0, math.sqrt(h)))


def _place(lat: float | None, lon: float | None) -> Place:
    return Place("X", "town", "Syria", "", "", lat, lon, None, 0, "P.PPL", 1)


def test_near_count_is_the_haversine_count_including_the_400_km_edge() -> None:
    rng = random.Random(7)
    centre = _place(35.0, 38.0)
    # ~3.6 degrees of latitude is 400 km: put points on both sides of the edge, and far away.
    points = [_place(35.0 + rng.uniform(-4.2, 4.2), 38.0 + rng.uniform(-5, 5)) for _ in range(400)]
    points += [_place(35.0 + d, 38.0) for d in (3.597, 3.5971, 3.598, -3.5975, 4.0, 4.0001)]
    points += [_place(-60.0, 38.0), _place(None, None), _place(35.1, None), centre]
    for place in (centre, *points[:50]):
        if place.lat is None or place.lon is None:
            continue
        expected = sum(
            1
            for other in points
            if other is not place
            and other.lat is not None
            and other.lon is not None
            and _haversine_km(place, other) < _NEAR_KM
        )
        assert _near_count(place, points) == expected
    assert _near_count(_place(None, 38.0), points) == 0
