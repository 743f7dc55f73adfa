"""The geoparser on short texts: what counts as a toponym, and which place each one is."""

from __future__ import annotations

from conflictlens.geo.geoparser import Toponym, geoparse
from conflictlens.knowledge.gazetteer import Gazetteer


def _by_name(toponyms: list[Toponym]) -> dict[str, Toponym]:
    return {t.name: t for t in toponyms}


SEED = (
    "Killed: 20 fighters from Liwa al-Quds were killed, likely by ISIS, in the eastern "
    "countryside of Homs Governorate in Syria. Russian jets then struck the Al-Amur mountain "
    "range near Al-Suknah and the Badia desert, while clashes went on 10 km north of Aleppo."
)


def test_geoparser_seed_places_and_precision(gaz: Gazetteer) -> None:
    found = _by_name(geoparse(SEED, gaz))
    homs = found["Homs Governorate"]
    assert homs.place is not None and homs.place.kind == "admin1"
    assert homs.cue is not None and homs.cue.kind == "countryside" and homs.geo_precision == 3
    suknah = found["Al-Suknah"]
    assert suknah.place is not None and suknah.place.admin1 == "Homs"
    assert suknah.geo_precision == 2, "near a town is ACLED precision 2"
    badia = found["Badia desert"]
    assert badia.place is not None and badia.place.lat is None, "a region gets no invented point"
    aleppo = found["Aleppo"]
    assert aleppo.cue is not None and aleppo.cue.kind == "direction" and aleppo.geo_precision == 2


def test_geoparser_offsets_index_the_text(gaz: Gazetteer) -> None:
    for toponym in geoparse(SEED, gaz):
        assert SEED[toponym.start : toponym.end] == toponym.name


def test_geoparser_container_picks_the_homonym(gaz: Gazetteer) -> None:
    text = "The outbreak began in Aurora, Illinois, and spread to Paris, Texas."
    found = _by_name(geoparse(text, gaz))
    assert found["Aurora"].place is not None and found["Aurora"].place.admin1 == "Illinois"
    paris = found["Paris"].place
    assert paris is not None and paris.country == "United States"


def test_geoparser_country_context_decides(gaz: Gazetteer) -> None:
    us = "Officials in Atlanta and Savannah said Georgia will test every US poultry farm."
    caucasus = "Russia and Georgia traded accusations near Tbilisi and the Armenian border."
    assert _by_name(geoparse(us, gaz))["Georgia"].place.kind == "admin1"  # type: ignore[union-attr]
    assert _by_name(geoparse(caucasus, gaz))["Georgia"].place.kind == "country"  # type: ignore[union-attr]


def test_geoparser_skips_people_titles_and_common_words(gaz: Gazetteer) -> None:
    text = (
        'The New York Times quoted Mr. Corby and Tim Whitley. "Since the Valley was hit," '
        "said the officer."
    )
    assert [t.name for t in geoparse(text, gaz)] == []


def test_geoparser_keeps_places_used_as_modifiers_and_possessives(gaz: Gazetteer) -> None:
    text = "China's health ministry and the US Army said the California Department agreed."
    assert [t.name for t in geoparse(text, gaz)] == ["China", "US", "California"]


def test_geoparser_countries_have_points(gaz: Gazetteer) -> None:
    (kenya,) = geoparse("Cholera spread in Kenya.", gaz)
    assert kenya.place is not None and kenya.place.kind == "country"
    assert kenya.place.lat is not None and kenya.place.lon is not None
