"""Local news abbreviates the state or province after a town ("Rome, Ga.", "Fresno, CA",
"Perth, WA"): the abbreviation is read there, and only there, and places the town."""

from __future__ import annotations

from conflictlens.geo.geoparser import Toponym, geoparse
from conflictlens.knowledge.gazetteer import Gazetteer


def _found(text: str, gaz: Gazetteer) -> list[Toponym]:
    return geoparse(text, gaz)


def _where(toponym: Toponym) -> tuple[str, str, str]:
    place = toponym.place
    assert place is not None, toponym.name
    return (place.kind, place.admin1 or place.name, place.country)


def test_an_ap_abbreviation_places_the_town_before_it(gaz: Gazetteer) -> None:
    rome, georgia = _found("The fire in Rome, Ga., destroyed two homes.", gaz)
    assert (rome.name, georgia.name) == ("Rome", "Ga.")
    assert _where(rome) == ("city", "Georgia", "United States"), "not Rome, Italy"
    assert _where(georgia) == ("admin1", "Georgia", "United States"), "not the country"
    dover, delaware, salem, oregon = _found("Residents of Dover, Del. and Salem, Ore. met.", gaz)
    assert _where(dover)[1:] == ("Delaware", "United States")
    assert _where(salem)[1:] == ("Oregon", "United States"), "not Salem, Tamil Nadu"
    assert (delaware.name, oregon.name) == ("Del.", "Ore."), "not Delle or Auray, France"


def test_a_postal_code_shared_by_two_countries_is_decided_by_the_town(gaz: Gazetteer) -> None:
    found = _found("He lives in Perth, WA and works in Seattle, WA.", gaz)
    assert [_where(t)[1:] for t in found] == [
        ("Western Australia", "Australia"),
        ("Western Australia", "Australia"),
        ("Washington", "United States"),
        ("Washington", "United States"),
    ]


def test_a_town_named_like_a_country_is_the_town_in_the_province_given(gaz: Gazetteer) -> None:
    lebanon = _found("A crash near Lebanon, Pa., killed two.", gaz)[0]
    assert _where(lebanon) == ("city", "Pennsylvania", "United States")
    countries = _found("Fighting spread to Lebanon, Syria and Jordan.", gaz)
    assert [t.place.kind for t in countries if t.place] == ["country"] * 3


def test_an_abbreviation_alone_is_not_a_place(gaz: Gazetteer) -> None:
    found = _found("Miss. Ida Wells spoke; IN ADDITION, Ga. farmers and Pa. left.", gaz)
    assert not [t.name for t in found]
