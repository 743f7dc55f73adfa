"""Seas, gulfs, straits and lakes: where attacks on ships and naval strikes happen.

An event at sea is coded at the water body (geo_precision 3, its cited point or none) and to the
shore country the report points to, not to the country that owns the ship.
"""

from __future__ import annotations

from pathlib import Path

from conflictlens.geo.database import GeonamesDB, import_geonames
from conflictlens.geo.geoparser import Toponym, geoparse
from conflictlens.knowledge.gazetteer import Gazetteer
from conflictlens.knowledge.normalize import name_key
from conflictlens.pipeline import analyze


def _names(text: str, gaz: Gazetteer) -> dict[str, Toponym]:
    return {t.name: t for t in geoparse(text, gaz)}


def test_a_gulf_is_one_place_not_a_province_and_a_port(gaz: Gazetteer) -> None:
    found = _names("Pirates hijacked a bulk carrier in the Gulf of Aden on Monday.", gaz)
    assert set(found) == {"Gulf of Aden"}, "not Gulf (Papua New Guinea) and Aden"
    gulf = found["Gulf of Aden"].place
    assert gulf is not None and gulf.kind == "water" and gulf.feature == "H.GULF"
    assert (gulf.lat, gulf.lon) == (12.0, 48.0)


def test_a_strait_is_not_the_island_town_it_is_named_after(gaz: Gazetteer) -> None:
    strait = _names("Iran seized an oil tanker in the Strait of Hormuz.", gaz)["Strait of Hormuz"]
    assert strait.place is not None and strait.place.kind == "water"
    assert strait.place.shores == ("Iran", "Oman")


def test_red_sea_is_the_sea_unless_the_text_names_the_province(gaz: Gazetteer) -> None:
    sea = _names("Houthi rebels attacked a cargo ship in the Red Sea.", gaz)["Red Sea"].place
    assert sea is not None and sea.kind == "water"
    province = _names("Egypt's Red Sea governorate reported no damage.", gaz)["Red Sea"].place
    assert province is not None and province.kind == "admin1" and province.country == "Egypt"


def test_a_sea_without_a_verified_point_has_none(gaz: Gazetteer) -> None:
    sea = _names("Migrants drowned in the Mediterranean on Friday.", gaz)["Mediterranean"].place
    assert sea is not None and sea.kind == "water"
    assert sea.lat is None and sea.lon is None, "no coordinates were found: none invented"


def test_an_attack_on_a_ship_is_coded_at_sea_in_the_attackers_shore_country() -> None:
    doc = analyze(
        "Houthi rebels attacked a US destroyer in the Red Sea on Tuesday, the Pentagon said.",
        published="2024-01-10",
    )
    (event,) = doc.events
    assert event.location == "Red Sea" and event.geo_precision == 3
    assert (event.latitude, event.longitude) == (22.0, 38.0)
    assert event.country == "Yemen", "the destroyer's flag is not where it happened"
    assert event.admin1 == ""


def test_the_document_names_the_shore_country() -> None:
    doc = analyze(
        "Ukrainian naval drones struck a Russian warship in the Black Sea on Sunday, "
        "Ukraine's military intelligence said.",
        published="2024-02-12",
    )
    (event,) = doc.events
    assert (event.location, event.country, event.geo_precision) == ("Black Sea", "Ukraine", 3)


def test_a_lake_event_takes_the_shore_country_of_the_actor() -> None:
    doc = analyze(
        "Boko Haram fighters killed 12 fishermen on an island in Lake Chad on Saturday.",
        published="2024-03-02",
    )
    (event,) = doc.events
    assert (event.location, event.country) == ("Lake Chad", "Nigeria")


_SEA_ROW = (
    "9000009\tTest Sea\tTest Sea\tSea of Tests\t35.0\t34.0\tH\tSEA\t\t\t\t\t\t\t0\t\t-1"
    "\t\t2024-01-01"
)


def test_an_imported_dump_knows_its_seas(geonames_dir: Path, tmp_path: Path) -> None:
    dump = geonames_dir / "no-country.txt"
    dump.write_text(_SEA_ROW + "\n", encoding="utf-8")
    target = tmp_path / "gazetteer.sqlite"
    import_geonames([dump], target)
    db = GeonamesDB(target)
    (sea,) = db.lookup([name_key("Sea of Tests")])[name_key("Sea of Tests")]
    assert (sea.kind, sea.feature, sea.country_code) == ("water", "H.SEA", "")
    db.close()


def test_the_gulf_is_the_one_whose_shores_the_text_names(gaz: Gazetteer) -> None:
    persian = _names("Tensions rose in the Gulf after Iran seized a tanker.", gaz)["Gulf"].place
    assert persian is not None and persian.name == "Persian Gulf"
    text = "Hurricane Katrina hit the Gulf coast of the United States."
    mexico = _names(text, gaz)["Gulf"].place
    assert mexico is not None and mexico.name == "Gulf of Mexico"
    text = "Flooding hit Kerema in Gulf Province, Papua New Guinea."
    province = _names(text, gaz)["Gulf Province"].place
    assert province is not None and province.kind == "admin1"


def test_gulf_states_are_a_region_not_a_gulf(gaz: Gazetteer) -> None:
    region = _names("Gulf states condemned the attack.", gaz)["Gulf states"].place
    assert region is not None and region.kind == "region" and region.lat is None


def test_the_black_sea_fleet_is_russias_navy_not_a_place() -> None:
    doc = analyze(
        "Ukrainian missiles struck the Black Sea Fleet headquarters in Sevastopol on Friday, "
        "killing one serviceman.",
        published="2023-09-22",
    )
    (event,) = doc.events
    assert event.actor2 == "Military Forces of Russia (2000-)"
    assert event.location == "Sevastopol"
    assert all(place.name != "Black Sea" for place in doc.places)
