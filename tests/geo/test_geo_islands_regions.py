"""Islands and large regions news names (Mindanao, Java, the Golan Heights, Siberia): curated
rows with their cited points, coded as regions (geo_precision 3), never as a homonymous town."""

from __future__ import annotations

import pytest

from conflictlens.geo.geoparser import geoparse
from conflictlens.pipeline import analyze


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Troops clashed with rebels on Mindanao.", "Mindanao", "Philippines"),
        ("Fighting spread across Luzon.", "Luzon", "Philippines"),  # not the village Luzon
        ("Cases were found in Java and Sumatra.", "Java", "Indonesia"),
        ("Fires spread across Siberia.", "Siberia", "Russia"),
        ("Storms hit the Urals.", "Urals", "Russia"),
        ("In Borneo, orangutans died.", "Borneo", ""),  # three countries: none
    ],
)
def test_an_island_or_region_is_a_region_with_its_point(text: str, name: str, country: str) -> None:
    found = {t.name: t for t in geoparse(text)}
    place = found[name].place
    assert place is not None and place.kind == "region" and place.curated
    assert place.country == country and place.lat is not None
    assert found[name].geo_precision == 3


def test_golan_heights_is_coded_to_syria_and_sinai_to_egypt_without_a_point() -> None:
    doc = analyze("Israeli jets struck targets in the Golan Heights on Monday, killing two.")
    assert doc.events and doc.events[0].location == "Golan Heights"
    assert doc.events[0].country == "Syria" and doc.events[0].geo_precision == 3
    sinai = {t.name: t for t in geoparse("Militants attacked a checkpoint in the Sinai.")}["Sinai"]
    assert sinai.place is not None and sinai.place.country == "Egypt" and sinai.place.lat is None
