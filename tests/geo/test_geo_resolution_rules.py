"""What the geoparser counts as a toponym and which place it picks, on the annotation
conventions of news geoparsing corpora (GeoVirus, LGL): demonyms, currencies, diseases and
people named like places are not toponyms; provinces, counties and countries win over the
small towns that share their names."""

from __future__ import annotations

import pytest

from conflictlens.geo.geoparser import Toponym, geoparse
from conflictlens.knowledge.gazetteer import Gazetteer


def _names(text: str, gaz: Gazetteer) -> dict[str, Toponym]:
    return {t.name: t for t in geoparse(text, gaz)}


def test_demonyms_currencies_and_diseases_are_not_toponyms(gaz: Gazetteer) -> None:
    text = (
        "German scientists found the Marburg virus in Angola. Marburg kills slowly. "
        "The fine was US$1,800, paid in France."
    )
    found = _names(text, gaz)
    assert "German" not in found
    assert "Marburg" not in found, "a disease named after a town, here and later in the text"
    assert "US" not in found
    assert {"Angola", "France"} <= set(found)


def test_a_person_named_like_a_town_stays_a_person(gaz: Gazetteer) -> None:
    text = (
        "The city official Tim Whitley said in Malakoff, Texas, that spraying began. "
        "Whitley added that Dallas County declared an emergency."
    )
    found = _names(text, gaz)
    assert "Whitley" not in found
    county = found["Dallas County"].place
    assert county is not None and county.kind == "district" and county.admin1 == "Texas"


def test_a_town_written_with_a_separate_arabic_article_is_not_a_person(gaz: Gazetteer) -> None:
    text = "Islamic State militants attacked an army checkpoint near As Sukhnah, in Syria."
    town = _names(text, gaz)["Sukhnah"].place
    assert town is not None and town.name == "As Sukhnah" and town.admin1 == "Homs"


def test_news_outlets_named_like_places_are_not_toponyms(gaz: Gazetteer) -> None:
    text = (
        "Al Jazeera and the pan-Arab daily Asharq Al-Awsat reported it, as did Daily Sabah, the "
        "official news agency SANA, Kurdistan 24 and the Fars news agency. The White Helmets "
        "said clashes in al-Mayadeen and Deir ez-Zor killed five."
    )
    assert set(_names(text, gaz)) == {"al-Mayadeen", "Deir ez-Zor"}


def test_a_day_before_a_date_or_a_number_is_not_a_place(gaz: Gazetteer) -> None:
    assert _names("Mon Aug 29 2016 40 civilians were killed.", gaz) == {}
    assert _names("Ten civilians were killed and another 17 injured.", gaz) == {}
    assert "Mon State" in _names("Fighting spread in Mon State on Monday.", gaz)


def test_compass_words_are_directions_not_foreign_provinces(gaz: Gazetteer) -> None:
    text = "SEVEN KILLED IN SOUTHEAST. Separatists were killed in Northwest Cameroon."
    found = _names(text, gaz)
    assert set(found) == {"Cameroon"}
    assert _names("FOUR KILLED IN SOUTH AFRICAN UNREST", gaz) == {}


def test_palmyra_in_conflict_news_is_the_syrian_city(gaz: Gazetteer) -> None:
    place = _names("Islamic State executed two men in Palmyra.", gaz)["Palmyra"].place
    assert place is not None and place.country == "Syria" and place.admin1 == "Homs"


@pytest.mark.parametrize("name", ["Ras al-Ayn", "Ras al-Ain", "Serekaniye"])
def test_ras_al_ayn_is_the_syrian_border_town_not_rosh_haayin(gaz: Gazetteer, name: str) -> None:
    text = f"Turkish forces shelled {name} on Monday."
    place = _names(text, gaz)[name].place
    assert place is not None and (place.country, place.admin1) == ("Syria", "Al Hasakeh")


@pytest.mark.parametrize(("name", "town"), [("Marea", "Māri‘"), ("al-Shaddadi", "Ash Shaddādah")])
def test_news_spellings_of_syrian_towns(gaz: Gazetteer, name: str, town: str) -> None:
    # geo/data/aliases.tsv: how the wires spell towns GeoNames writes otherwise
    place = _names(f"Warplanes struck {name} in Syria on Monday.", gaz)[name].place
    assert place is not None and (place.name, place.country) == (town, "Syria")


def test_a_towns_other_name_in_brackets_is_that_town(gaz: Gazetteer) -> None:
    found = _names("The offensive stalled in Ras al-Ayn (Sari Kani) city on Monday.", gaz)
    assert found["Kani"].place == found["Ras al-Ayn"].place  # not Kani in Japan


def test_a_military_operations_name_is_not_a_place(gaz: Gazetteer) -> None:
    text = "Turkish shelling on Afrin during the “Olive Branch” Operation killed 42 people."
    assert set(_names(text, gaz)) == {"Afrin"}
    assert set(_names("Turkey launched Operation Olive Branch on Saturday.", gaz)) == {"Turkey"}
    # the operation's place is still a place, and a dateline after a title still counts
    assert set(_names("The Afrin operation began in January.", gaz)) == {"Afrin"}
    assert "CHICAGO" in _names("ICE Arrests 22 During 3-Day Operation\n\nCHICAGO — Officers", gaz)


def test_a_stance_towards_a_state_is_not_a_place(gaz: Gazetteer) -> None:
    text = "Turkish forces and pro-Ankara factions took a village near Afrin, Syria."
    assert set(_names(text, gaz)) == {"Afrin", "Syria"}


def test_a_new_sentence_after_an_abbreviation_keeps_its_place(gaz: Gazetteer) -> None:
    text = "Birds died near the Lakes Nature Reserves. Esperance recorded little rain."
    assert "Esperance" in _names(text, gaz)


def test_a_lowercase_designator_is_not_part_of_the_toponym(gaz: Gazetteer) -> None:
    text = "A New York state governor declared an emergency in Nyanza province."
    found = _names(text, gaz)
    assert found["New York"].place is not None and found["New York"].place.kind == "admin1"
    assert "Nyanza" in found and "Nyanza province" not in found


def test_provinces_and_countries_beat_homonymous_towns(gaz: Gazetteer) -> None:
    text = (
        "Cases were confirmed in California, Oregon and Wisconsin, and one traveller had "
        "returned from Mexico; another flew in from Cairo."
    )
    found = _names(text, gaz)
    for state in ("California", "Oregon", "Wisconsin"):
        place = found[state].place
        assert place is not None and place.kind == "admin1", state
    mexico = found["Mexico"].place
    assert mexico is not None and mexico.kind == "country"
    cairo = found["Cairo"].place
    assert cairo is not None and cairo.country == "Egypt"


def test_a_bare_provincial_capital_is_the_city(gaz: Gazetteer) -> None:
    text = "Clashes went on in Homs Governorate and Hama Governorate and 10 km north of Aleppo."
    aleppo = _names(text, gaz)["Aleppo"].place
    assert aleppo is not None and aleppo.kind == "city"


def test_world_and_conflict_regions_resolve_at_region_level(gaz: Gazetteer) -> None:
    text = "Cholera spread from Kenya, east Africa, to the Middle East and Darfur."
    found = _names(text, gaz)
    assert found["Africa"].place is not None and found["Africa"].place.kind == "continent"
    for name in ("Middle East", "Darfur"):
        region = found[name]
        assert region.place is not None and region.place.kind == "region", name
        assert region.place.lat is not None and region.geo_precision == 3, name
    assert found["Darfur"].place.country == "Sudan"  # type: ignore[union-attr]


def test_a_state_after_a_city_is_the_state_that_holds_it(gaz: Gazetteer) -> None:
    text = "The samples went to the CDC in Atlanta, Georgia, and to Tbilisi."
    georgia = _names(text, gaz)["Georgia"].place
    assert georgia is not None and georgia.kind == "admin1" and georgia.country == "United States"


def test_the_first_word_of_an_arabic_group_name_is_not_a_place(gaz: Gazetteer) -> None:
    text = "Fighters of Liwa al-Quds were ambushed near Palmyra in Homs Governorate."
    found = _names(text, gaz)
    assert "Liwa" not in found
    assert {"Palmyra", "Homs Governorate"} <= set(found)


def test_a_first_name_at_a_sentence_start_makes_the_next_word_a_surname(gaz: Gazetteer) -> None:
    text = (
        "Tim Whitley, a city official in Malakoff, Texas, said spraying began. "
        "Alison Patti, a spokesperson, agreed. Whitley added that Dallas County was hit."
    )
    found = _names(text, gaz)
    assert "Whitley" not in found and "Patti" not in found
    assert {"Malakoff", "Texas", "Dallas County"} <= set(found)


def test_a_first_name_before_a_surname_is_no_place(gaz: Gazetteer) -> None:
    text = "Nelson Mandela spoke in Johannesburg; Paul Kemp, his lawyer, was in Nelson too."
    found = _names(text, gaz)
    assert "Paul" not in found and "Johannesburg" in found


def test_a_province_named_like_a_person_keeps_its_place_sense(gaz: Gazetteer) -> None:
    text = "The Texas Department of Health and Victoria Police said cases rose in Georgia Avenue."
    found = _names(text, gaz)
    assert {"Texas", "Victoria"} <= set(found)


@pytest.mark.parametrize("text", ["Gaza", "Protests over Gaza spread to Europe.", "GAZA"])
def test_gaza_alone_is_the_city_in_palestine_not_mozambiques_province(
    gaz: Gazetteer, text: str
) -> None:
    # the Gaza Strip (a province) outranks Mozambique's Gaza province; its city stands for it
    place = next(iter(_names(text, gaz).values())).place
    assert place is not None and (place.name, place.country) == ("Gaza", "Palestine")
    mozambique = _names("Floods hit Xai-Xai, Gaza, in southern Mozambique.", gaz)["Gaza"]
    assert mozambique.place is not None and mozambique.place.country == "Mozambique"


def test_a_name_ending_in_a_lowercase_word_is_not_read_across_a_sentence(gaz: Gazetteer) -> None:
    found = _names("She is led to Gaza by the sons of death.", gaz)
    assert list(found) == ["Gaza"], "'Gaza by' is Danish for Gaza City, not English"


def test_a_name_inside_a_lowercase_alias_still_counts(gaz: Gazetteer) -> None:
    # "state of Washington" is a GeoNames name of the state; matched from "state", it hid
    # the capitalised name inside it
    found = _names("It was found in the state of Washington. Officials were told.", gaz)
    washington = found["Washington"].place
    assert washington is not None and washington.kind == "admin1"


def test_rural_damascus_in_lowercase_is_the_governorate(gaz: Gazetteer) -> None:
    found = _names("Air raids on the town of Zamalka in rural Damascus killed seven.", gaz)
    place = found["rural Damascus"].place
    assert place is not None and (place.name, place.kind) == ("Rural Damascus", "admin1")


def test_a_province_is_not_voted_down_by_its_own_other_reading(gaz: Gazetteer) -> None:
    # The first pass's pick of a name is no neighbour of its rivals: "Oklahoma" had become
    # Oklahoma City because the state's own point sat "near" the city.
    oklahoma = _names("Oklahoma voted on Tuesday.", gaz)["Oklahoma"].place
    assert oklahoma is not None and oklahoma.kind == "admin1"


def test_two_provinces_of_one_name_tie_to_the_one_with_more_people(gaz: Gazetteer) -> None:
    maryland = _names("Scientists in Maryland found it.", gaz)["Maryland"].place
    assert maryland is not None and maryland.kind == "admin1"
    assert maryland.country == "United States", "not Maryland County, Liberia"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Bihar", "admin1"), ("Oklahoma", "admin1"), ("Mecca", "city"), ("Quneitra", "city")],
)
def test_which_city_stands_for_its_province(gaz: Gazetteer, name: str, kind: str) -> None:
    # another spelling of the city's name (Makkah, Al Qunaytirah) is the city; a longer name
    # that starts with the province's is not (Bihar Sharif, Oklahoma City)
    place = _names(f"Officials in {name} said the outbreak was over.", gaz)[name].place
    assert place is not None and place.kind == kind


def test_a_country_name_folds_only_from_its_own_first_letter(gaz: Gazetteer) -> None:
    # the transliteration fold drops an h: "Itai" (a first name) had become Haiti
    assert "Itai" not in _names("Itai Engel met the families on Sunday.", gaz)
    found = _names("Turkiye, Türkiye and Haiti", gaz)
    assert [t.place.name for t in found.values() if t.place] == ["Turkey", "Turkey", "Haiti"]


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Mexico, China, Japan and Brazil report cases.",
        "Many countries, among them China, Japan, and the United Kingdom, warned the WHO.",
    ],
)
def test_a_country_before_another_in_a_list_is_the_country(gaz: Gazetteer, text: str) -> None:
    # "China, Japan" had been read as "Rome, Italy": China, a town of 6,000 in Japan
    china = _names(text, gaz)["China"].place
    assert china is not None and (china.kind, china.country) == ("country", "China")
    jordan = _names("A storm hit Jordan, Minnesota, on Monday.", gaz)["Jordan"].place
    assert jordan is not None and jordan.admin1 == "Minnesota", "a province still contains it"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Cases rose in Michigan, Oregon, New Mexico, New York, Indiana and Ohio.", "admin1"),
        ("It may be moved to Buffalo, New York in the United States.", "admin1"),
        ("Body parts were taken from funeral homes across Brooklyn, New York.", "city"),
        ("The mayor spoke in New York on Tuesday.", "city"),
    ],
)
def test_new_york_is_the_state_among_states_and_around_its_towns(
    gaz: Gazetteer, text: str, kind: str
) -> None:
    # a province listed with provinces, or holding a town outside its city, is the province;
    # a borough puts New York City around it
    place = _names(text, gaz)["New York"].place
    assert place is not None and place.kind == kind


def test_an_arabic_name_after_a_capitalised_word_ends_a_group_name(gaz: Gazetteer) -> None:
    text = (
        "Liwa al-Quds fought near Aleppo.\nAhrar al-Sham and Saraya al-Quds clashed in Idlib. "
        "In al-Quds, police arrested two men."
    )
    found = [(t.name, t.start) for t in geoparse(text, gaz)]
    assert ("al-Quds", text.index("In al-Quds") + 3) in found, "after a place intro it is a place"
    assert [name for name, _ in found].count("al-Quds") == 1
    assert "al-Sham" not in [name for name, _ in found]
    assert {"Aleppo", "Idlib"} <= {name for name, _ in found}


def test_a_countrys_short_form_in_lower_case_is_a_word(gaz: Gazetteer) -> None:
    found = _names("Car bomb kills 34 in Hama. Fighting went on in the CAR and the DRC.", gaz)
    assert "Car" not in found
    assert {"CAR", "DRC", "Hama"} <= set(found)


def test_a_contraction_or_a_capitalised_word_is_no_country(gaz: Gazetteer) -> None:
    found = _names("I've said it: Use the road to Paris. I’m sure I'll go.", gaz)
    assert set(found) == {"Paris"}
