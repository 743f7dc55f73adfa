"""Villages of one to five thousand people abroad: local news names them, and their names are
often people's, words' or a province's spelt another way.

The default gazetteer holds them (GeoNames cities500, 1,000 people and up) with their own name's
spellings only; a first name alone, a weekday, or a province's name that a village bears as an
alias does not become that village.
"""

from __future__ import annotations

from conflictlens.geo.compact import read_rows
from conflictlens.geo.geoparser import Toponym, geoparse
from conflictlens.knowledge.gazetteer import Gazetteer


def _found(text: str, gaz: Gazetteer) -> dict[str, Toponym]:
    return {t.name: t for t in geoparse(text, gaz)}


def test_small_villages_abroad_are_found_and_placed(gaz: Gazetteer) -> None:
    found = _found(
        "Investigators visited the laboratory at Pirbright in Surrey, England. In Australia, "
        "horses were quarantined in Moonbi and Wyong in regional New South Wales.",
        gaz,
    )
    pirbright = found["Pirbright"].place
    assert pirbright is not None and pirbright.country == "United Kingdom"
    for name in ("Moonbi", "Wyong"):
        place = found[name].place
        assert place is not None and place.country == "Australia", name
        assert place.admin1 == "New South Wales", name


def test_a_village_keeps_its_own_spellings_not_stray_names() -> None:
    names = {
        r["geonameid"]: set(r["names"].split("|"))
        for r in read_rows()
        if r["kind"] == "city" and r["country_code"] in ("US", "AE", "PH")
    }
    assert "Four persons" not in names["5644844"]  # Choteau, Montana: a translation
    assert "Mleiha" not in names["13117825"]  # a village of Sharjah: the Damascus suburb's name
    assert "Pongpong" in names["1693018"]  # Pung-Pang: another spelling of its own name


def test_a_first_name_alone_is_a_person_not_a_village(gaz: Gazetteer) -> None:
    text = (
        "The victims were Audrey Cook, aged 86, her husband Alfred, aged 90, and their "
        "daughter. Laura and I will travel to Cornwall, England."
    )
    found = _found(text, gaz)
    assert "Alfred" not in found and "Laura" not in found
    assert "Cornwall" in found
    placed = _found("Flooding closed the college in Alfred, New York, on Monday.", gaz)
    alfred = placed["Alfred"].place
    assert alfred is not None and alfred.admin1 == "New York"


def test_a_weekday_is_not_thursday_island(gaz: Gazetteer) -> None:
    found = _found("Last Thursday, officials in Harare said cholera had spread.", gaz)
    assert "Thursday" not in found and "Harare" in found
    island = _found("Ships were held at Thursday Island in Queensland.", gaz)
    assert "Thursday Island" in island


def test_a_province_is_not_the_village_that_also_bears_its_name(gaz: Gazetteer) -> None:
    found = _found("In Minnesota, the state's Health Department confirmed two cases.", gaz)
    minnesota = found["Minnesota"].place
    assert minnesota is not None and minnesota.kind == "admin1"
    mecca = _found("Pilgrims travelled to Mecca in Saudi Arabia.", gaz)["Mecca"].place
    assert mecca is not None and mecca.kind == "city" and mecca.country == "Saudi Arabia"


def test_a_list_of_states_is_not_town_comma_state(gaz: Gazetteer) -> None:
    text = "Cases were reported in Texas, Utah, Virginia, Washington, West Virginia and Wyoming."
    washington = _found(text, gaz)["Washington"].place
    assert washington is not None and washington.kind == "admin1"
    assert washington.name == "Washington"
    town = _found("The plant in Washington, West Virginia, was closed.", gaz)["Washington"]
    assert town.place is not None and town.place.admin1 == "West Virginia"


def test_a_region_without_a_country_does_not_vote_for_a_villages_country(gaz: Gazetteer) -> None:
    text = (
        "Talks on the Levant resumed in Geneva. Pilgrims returned from Mecca and Medina, "
        "the Hajj authorities said."
    )
    found = _found(text, gaz)
    geneva, mecca = found["Geneva"].place, found["Mecca"].place
    assert geneva is not None and geneva.country == "Switzerland"
    assert mecca is not None and mecca.country == "Saudi Arabia"


def test_a_world_region_is_not_the_village_named_after_it(gaz: Gazetteer) -> None:
    # Middle East, Pennsylvania (about 1,900 people) came in with the villages abroad.
    found = _found("Violence in the Middle East worried voters in Ohio and Texas.", gaz)
    region = found["Middle East"].place
    assert region is not None and region.kind == "region" and region.country == ""


def test_a_small_place_that_speaks_is_a_person(gaz: Gazetteer) -> None:
    found = _found("The plan, Anderson said, was sound. Later Anderson left for Chicago.", gaz)
    assert "Anderson" not in found and "Chicago" in found
    assert "Anderson" in _found("Officials in Anderson said the plant closed.", gaz)
    assert "Moscow" in _found("Moscow said the talks had failed.", gaz)  # a government
    assert "Devon" in _found("Eldridge said Devon and Cornwall police were alerted.", gaz)
