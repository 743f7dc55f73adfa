"""Which sentences are events, and who is on which side: rules an ACLED coder applies."""

from __future__ import annotations

import pytest

from conflictlens import analyze


def _events(text: str, published: str = "2024-05-10"):
    return analyze(text, published=published, source="Test Wire").events


@pytest.mark.parametrize(
    "text",
    [
        "Pro-government forces are even bombed by US warplanes if they attempt to cross the zone.",
        "The army will attack the town next week, a commander said.",
        "Rebels did not attack the checkpoint on Monday.",
        "Over the past year, the militia has fought alongside the army in Aleppo.",
        "In 1982, government troops killed thousands of people in Hama.",
        "The war has killed more than 500,000 people since 2011.",
        "The group is expected to continue attacking convoys in the desert.",
        # a war's toll, whatever its wording, and a figure no single event reaches
        "More than 170000 people have been killed in Syrias civil war.",
        "More than 300000 people have been killed and millions forced to flee their homes.",
        # filmed, not fired
        "A video purportedly shot in the Kafr Batna neighborhood showed a room of bodies.",
        "The footage was shot in Douma on Monday.",
    ],
)
def test_event_rules_no_event_for_habits_plans_negations_history_totals(text):
    assert _events(text) == []


def test_event_rules_passive_agent_is_actor1_and_victims_actor2():
    text = "Five soldiers were killed by Islamic State militants near Palmyra on Tuesday."
    (event,) = _events(text)
    assert event.actor1 == "Islamic State (Syria)"
    assert event.actor2.startswith("Military Forces of Syria")
    assert event.fatalities == 5
    assert event.event_type == "Battles"


def test_event_rules_civilian_victims_make_violence_against_civilians():
    text = "Gunmen shot dead three farmers in the village of Kafr Nabl in Idlib province on Monday."
    (event,) = _events(text)
    assert event.event_type == "Violence against civilians"
    assert event.actor2 == "Civilians (Syria)"
    assert event.civilian_targeting == "Civilian targeting"
    assert event.fatalities == 3
    assert event.event_date == "2024-05-06"  # the Monday before publication


def test_event_rules_claims_by_a_party_are_claimed_and_monitors_report():
    claimed = _events(
        "The Syrian army said its forces killed 20 militants near Palmyra on Tuesday."
    )
    reported = _events(
        "Airstrikes killed 12 civilians in Idlib on Tuesday, the Syrian Observatory for Human "
        "Rights said."
    )
    assert claimed and claimed[0].certainty == "claimed"
    assert reported and reported[0].certainty == "reported"
    assert reported[0].according_to == ["Syrian Observatory for Human Rights"]


def test_event_rules_two_sentences_about_one_attack_merge():
    text = (
        "Gunmen attacked a bus carrying soldiers near Palmyra on Tuesday, killing 7 of them. "
        "The attack also wounded 4 others."
    )
    (event,) = _events(text)
    assert event.fatalities == 7
    assert event.injuries == 4


def test_event_rules_different_days_and_places_stay_apart():
    text = (
        "Airstrikes hit the town of Saraqib in Idlib province on Monday, killing 4 people. "
        "On Wednesday, shelling killed 2 civilians in Daraa."
    )
    events = _events(text)
    assert len(events) == 2
    assert {e.event_date for e in events} == {"2024-05-06", "2024-05-08"}


def test_event_rules_a_capital_speaking_for_its_government_is_not_the_place():
    text = "Moscow denied any involvement in the raids on a market that killed 12 people."
    events = _events(text, published="2016-10-27")
    assert events and all(e.location != "Moscow" for e in events)


def test_event_rules_a_foreign_dateline_is_the_bureau_a_local_one_the_place():
    bureau = (
        "MOSCOW (Sputnik) Russian jets struck an Islamic State convoy near Deir ez-Zor, Syria, "
        "killing 24 militants, the ministry said."
    )
    (event,) = _events(bureau, published="2017-10-02")
    assert event.country == "Syria" and event.location != "Moscow"
    local = "ALEPPO (AP) - Government shelling killed five civilians in Syria on Monday."
    (event,) = _events(local, published="2017-10-02")
    assert event.location == "Aleppo"
    lost = "Jul 26 2016 BEIRUT Syrian government forces seized a rebel-held district of Aleppo."
    (event,) = _events(lost, published="2016-07-26")
    assert event.location == "Aleppo" and event.country == "Syria"


def test_event_rules_a_man_named_like_a_foreign_town_moves_nothing_abroad():
    text = (
        "A surface-to-surface missile fired by the Syrian military slammed into the town of Marea "
        "killing 23 people. A local activist who uses the name Abu al-Hassan said the attack took "
        "place overnight. Al-Hassan says he wasnt aware of any fighting in the area."
    )
    events = _events(text, published="2014-05-20")
    assert events and {e.country for e in events} == {"Syria"}


def test_event_rules_a_state_as_the_agent_is_the_place_only_as_a_last_resort():
    text = (
        "Russia bombed a popular market, killing 50 people. The market lies in the town of "
        "Atareb, in the countryside of Aleppo."
    )
    (event,) = _events(text, published="2017-11-13")
    assert event.country == "Syria" and event.admin1 == "Aleppo"
    (event,) = _events("Ukraine shot down 20 drones overnight, wounding 3 people.")
    assert event.country == "Ukraine"
    text = (
        "Washington is leading an international coalition fighting Islamic State militants, "
        "who killed 20 people in Raqqa on Sunday."
    )
    (event,) = _events(text, published="2015-07-05")
    assert event.country == "Syria"  # not the state of Washington


@pytest.mark.parametrize(
    ("abroad", "published", "local", "location"),
    [
        (  # where a speaker spoke from abroad
            "Government forces shelled the Damascus suburbs on Wednesday. Opposition figure "
            "George Sabra said in Turkey the chemical attack had killed 1,300 people.",
            "2013-08-21",
            "Rebels said in Aleppo that the army killed five civilians.",
            "Aleppo",
        ),
        (  # where fighters come from
            "About 40 militants from the North Caucasus were killed in an airstrike on a training "
            "camp. The camp lay in the countryside of Deir ez-Zor.",
            "2017-10-02",
            "Rebels fired rockets at a village 10 km from Aleppo, killing 5 civilians.",
            "Aleppo",
        ),
    ],
)
def test_event_rules_a_speaker_abroad_or_a_fighters_origin_is_not_the_place(
    abroad, published, local, location
):
    events = _events(abroad, published=published)
    assert events and all(e.country == "Syria" for e in events)
    (event,) = _events(local, published=published)
    assert event.location == location


def test_event_rules_who_died_is_the_victim_not_the_attacker():
    (event,) = _events("The Syrian National Coalition said 650 people died in Douma on Wednesday.")
    assert event.actor1 != "Civilians (Syria)"
    assert event.actor2 == "Civilians (Syria)"
    assert event.fatalities == 650


def test_event_rules_civilians_are_never_the_acting_side():
    # ACLED codes civilians as actor 2 only; the parser read "civilians" as the subject
    text = "10 civilians killed 15 injured in terrorist rocket attacks on Aleppo 6 September 2016"
    (event,) = _events(text, published="2016-09-06")
    assert event.actor2 == "Civilians (Syria)"
    assert not event.actor1.startswith("Civilians")


def test_event_rules_groups_killed_together_add_up():
    (event,) = _events("Airstrikes killed 20 fighters and 3 civilians in Idlib on Monday.")
    assert event.fatalities == 23


def test_event_rules_a_headline_total_over_two_provinces_gives_way_to_one_place_toll():
    text = (
        "10 civilians killed in terrorist rocket attacks on Aleppo and Deir Ezzor. SANA "
        "reporter in Aleppo said that 6 civilians were killed when terrorists fired rockets "
        "on the Sheikh Maqsoud neighborhood on Tuesday."
    )
    (event,) = _events(text, published="2016-09-06")
    assert (event.admin1, event.fatalities) == ("Aleppo", 6)


@pytest.mark.parametrize(
    "text, fatalities",
    [
        (
            "The death toll from a bomb blast on a bus convoy outside Aleppo reached at least "
            "112 people, the Observatory said on Sunday.",
            112,
        ),
        ("A double terrorist attack in Homs has claimed the lives of 18 civilians.", 18),
    ],
)
def test_event_rules_a_toll_from_an_attack_and_an_attack_that_has_killed_are_events(
    text, fatalities
):
    (event,) = _events(text)
    assert event.fatalities == fatalities


def test_event_rules_the_regime_is_the_state_its_label_the_outlets():
    # "Syrian regime forces", "regime warplanes": the Syrian state forces, named neutrally; the
    # outlet's word is kept as a label in its voice; "Israeli regime" is Israel's
    document = analyze(
        "Syrian regime forces shelled Douma on Monday, killing 5 civilians.",
        published="2016-01-04",
        source="Test Wire",
    )
    (event,) = document.events
    assert event.actor1 == "Military Forces of Syria (2000-2024)"
    assert [(a.label, a.voice) for a in document.framing.labels] == [("regime", "outlet")]
    (strike,) = _events(
        "Syrian regime airstrikes killed at least 22 civilians in Douma on Monday.", "2016-01-04"
    )
    assert (strike.actor1, strike.actor2) == (
        "Military Forces of Syria (2000-2024)",
        "Civilians (Syria)",
    )
    other = analyze("Their land suffers under Israeli regime occupation, Damascus said.")
    assert [a.name for a in other.actors] == ["Military Forces of Israel (2022-)"]


def test_event_rules_civilians_who_protest_are_protesters():
    (event,) = _events("Civilians protested in Aleppo on Friday against the siege.")
    assert (event.sub_event_type, event.actor1) == ("Peaceful protest", "Protesters (Syria)")


@pytest.mark.parametrize(
    "text, actor1",
    [
        (
            "Four soldiers were killed in an attack by Islamic State militants near Palmyra.",
            "Islamic State (Syria)",
        ),
        # no country named but the place's: the contextual forces take the event's country
        (
            "Four children were killed in shelling by regime forces on Homs on Monday.",
            "Military Forces of Syria (2000-2024)",
        ),
        (
            "At least eight people were killed on Thursday in government shelling on Douma.",
            "Military Forces of Syria (2000-2024)",
        ),
        # a demonym before a force, weapon or vessel, singular or plural: that state's forces
        (
            "A Russian submarine fired cruise missiles at Odesa on Thursday, killing four people.",
            "Military Forces of Russia (2000-)",
        ),
        (
            "Russian bombers struck Kharkiv on Friday, killing five civilians.",
            "Military Forces of Russia (2000-)",
        ),
        (
            "Ukrainian naval drones struck a ship near Sevastopol on Tuesday, killing 3 sailors.",
            "Military Forces of Ukraine (2019-)",
        ),
        (
            "A Syrian air strike on a training camp killed 17 militants near Raqqa on Sunday.",
            "Military Forces of Syria (2000-2024)",
        ),
        # a state named as the one who acted acts through its military
        ("Israel struck Gaza on Monday, killing 12 people.", "Military Forces of Israel (2022-)"),
        (
            "Turkey shelled Kurdish positions in northern Syria, killing five fighters.",
            "Military Forces of Turkey (2016-)",
        ),
        # ", killing ...": the main clause's subject, not the maker of the weapon it used
        (
            "Russia launched 40 Iranian drones at Kyiv overnight, killing three civilians, "
            "Ukrainian officials said.",
            "Military Forces of Russia (2000-)",
        ),
    ],
)
def test_event_rules_whoever_carried_out_the_attack_that_killed_acted(text, actor1):
    (event,) = _events(text)
    assert event.actor1 == actor1


def test_event_rules_a_bombing_stays_a_bombing_beside_a_sentence_about_territory():
    text = (
        "Syrian state TV says 22 killed in car bomb in northern Syria. The SDF have captured "
        "wide areas from the extremists."
    )
    (event,) = _events(text)
    assert (event.sub_event_type, event.fatalities) == ("Remote explosive/landmine/IED", 22)


def test_event_rules_bare_soldiers_killed_in_a_strike_are_the_named_targets_not_the_attackers():
    # "soldiers" alone takes the document's country (Ukraine, from Bakhmut): the attacker's.
    text = "Ukrainian drones struck Russian troops near Bakhmut on Monday, killing ten soldiers."
    (event,) = _events(text)
    assert event.actor1.startswith("Military Forces of Ukraine")
    assert event.actor2.startswith("Military Forces of Russia")
    assert event.fatalities == 10


@pytest.mark.parametrize(
    "text",
    [
        "The two sides struck a deal in Geneva on Monday.",
        "A powerful earthquake struck the city of Hama on Monday.",
    ],
)
def test_event_rules_struck_without_a_weapon_or_military_target_is_no_attack(text):
    assert _events(text) == []


def test_event_rules_a_weapon_striking_a_military_target_is_an_attack():
    text = "Ukrainian drones struck a Russian warship near Sevastopol on Wednesday."
    (event,) = _events(text, published="2024-01-16")
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1.startswith("Military Forces of Ukraine")
    assert event.actor2.startswith("Military Forces of Russia")


def test_event_rules_a_strike_told_in_a_when_clause_keeps_the_tolls_victims():
    text = (
        "Ten civilians were killed on Tuesday when Russian warplanes struck a town in "
        "Aleppo province, local sources said."
    )
    (event,) = _events(text)
    assert event.actor1.startswith("Military Forces of Russia")
    assert event.actor2 == "Civilians (Syria)"
    assert event.fatalities == 10


@pytest.mark.parametrize(
    "text",
    [
        "Opposition forces in Syria exploded bombs in tunnels under Aleppo, killing 13 fighters.",
        "Cross-border fire from Syria killed two people in Kilis on Monday.",
    ],
)
def test_event_rules_a_country_inside_the_acting_phrase_is_not_its_state(text):
    (event,) = _events(text)
    assert event.actor1.startswith("Unidentified Armed Group")


def test_event_rules_gaza_in_an_israeli_strike_is_gaza_palestine():
    (event,) = _events("Israeli jets struck Gaza on Monday, killing 12 people.")
    assert (event.country, event.admin1, event.location) == ("Palestine", "Gaza Strip", "Gaza")
    (event,) = _events("Floods hit Gaza province in Mozambique, killing 12 people.")
    assert event.country == "Mozambique"


def test_event_rules_missiles_fired_at_a_ship_are_an_attack_by_whoever_fired():
    text = "Houthi rebels fired Iranian missiles at a tanker in the Red Sea on Friday."
    (event,) = _events(text)
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1.startswith("Military Forces of Yemen")
    assert event.actor2 == "", "the missiles' maker is not their target"
    assert (event.location, event.country) == ("Red Sea", "Yemen")


def test_event_rules_the_fired_at_village_and_the_killed_civilians_are_one_event():
    text = (
        "Two civilians were killed on Monday as ISIS terrorists fired rocket shells on the "
        "village of Um al-Serj in Homs countryside."
    )
    (event,) = _events(text)
    assert event.actor1 == "Islamic State (Syria)"
    assert event.actor2 == "Civilians (Syria)"


@pytest.mark.parametrize(
    "text",
    [
        "The company fired its chief executive on Monday.",
        "The minister fired a warning at his rivals in parliament on Monday.",
    ],
)
def test_event_rules_fired_without_a_projectile_is_no_attack(text):
    assert _events(text) == []


def test_event_rules_opening_fire_is_an_attack():
    (event,) = _events("Gunmen opened fire on a bus in Kirkuk on Monday, killing three passengers.")
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.location == "Kirkuk"


def test_event_rules_whose_base_it_was_is_not_where_it_happened():
    text = "Iranian drones struck a US base in Syria on Sunday, injuring four soldiers."
    (event,) = _events(text)
    assert event.country == "Syria"


def test_event_rules_a_country_before_an_event_word_is_where_it_happened():
    text = "Lebanese officials condemned the Syria bombing that killed five people on Monday."
    (event,) = _events(text)
    assert (event.country, event.location) == ("Syria", "Syria")


def test_event_rules_the_victims_of_the_killing_are_the_attacks_side_two():
    # "attacked Odesa": the object is a place; the people killed are who the attack was on.
    text = "Russian forces attacked Odesa with Iranian Shahed drones on Monday, killing two people."
    (event,) = _events(text)
    assert event.actor1 == "Military Forces of Russia (2000-)"
    assert event.actor2 == "Civilians (Ukraine)"
    # done with drones: an air/drone strike on civilians, not a violence-against-civilians attack
    assert (event.event_type, event.sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert event.civilian_targeting == "Civilian targeting"


def test_event_rules_an_attack_with_rifles_stays_an_attack():
    (event,) = _events("Gunmen attacked the village with rifles on Monday, killing three people.")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")


def test_event_rules_a_name_in_a_hyphenated_allegiance_is_no_place_of_the_event():
    (event,) = _events("Ankara-backed factions attacked Kurdish fighters near Afrin on Monday.")
    assert event.country == "Syria"  # Afrin, not Ankara
    assert event.admin1 == "Aleppo"
    (event,) = _events("Pro-Ankara factions clashed with Kurdish fighters on Monday.")
    assert event.country != "Turkey"


def test_event_rules_capturing_people_is_no_territory_taken():
    assert _events("Rebels captured six soldiers near Hama on Monday.") == []
    (event,) = _events("Rebels captured the town of Kafr Nabl in Idlib on Monday.")
    assert event.sub_event_type == "Non-state actor overtakes territory"


def test_event_rules_warplanes_that_target_a_town_carry_out_an_air_strike():
    (event,) = _events("Syrian warplanes targeted the town of Kafr Nabl in Idlib on Monday.")
    assert event.sub_event_type == "Air/drone strike"
    assert event.admin1 == "Idleb"  # ACLED's spelling of the governorate


@pytest.mark.parametrize(
    "text",
    [
        "An Ebola outbreak killed 17 people in Equateur province on Monday.",
        "The earthquake killed 40 people in Hatay on Monday.",
        "17 people were killed by the floods in Sindh on Monday.",
        "Two children died of cholera in a camp near Idlib on Monday.",
        "Floods kill 12 in Sindh",  # a headline
    ],
)
def test_event_rules_a_disease_or_a_disaster_is_no_political_violence(text):
    assert _events(text) == []


def test_event_rules_seizing_on_something_is_no_seizure():
    assert _events("Conspiracy Theorists Seize on Mesa Man Who Sold Ammo to Shooter") == []


@pytest.mark.parametrize(
    "text",
    [
        "The Last-Minute Character Assassination of Judge Kavanaugh",
        "The mayor died of a heart attack in Aleppo on Monday.",
        "A cyber attack hit the ministry's servers in Kyiv on Monday.",
        "The family lost a legal battle over the house in Homs on Monday.",
    ],
)
def test_event_rules_a_figure_of_speech_is_no_event(text):
    assert _events(text) == []


def test_event_rules_seizing_a_town_on_a_day_is_a_seizure():
    (event,) = _events("Al-Shabaab fighters seized the town of Mahas on Wednesday.")
    assert event.sub_event_type == "Non-state actor overtakes territory"


def test_event_rules_a_present_tense_killing_with_its_count_is_a_report_a_habit_is_not():
    (event,) = _events("Assad regime kills 18 civilians in Aleppo.")
    assert event.actor1.startswith("Military Forces of Syria")
    assert event.fatalities == 18
    assert _events("The regime kills dozens of people every day in Aleppo.") == []
    assert _events("Malaria kills 400,000 people every year in Africa.") == []


def test_event_rules_regime_air_raids_are_the_state_military_and_strikes_an_air_strike():
    (event,) = _events("Regime air raids killed 42 people near Damascus on Thursday.")
    assert event.actor1.startswith("Military Forces of Syria")
    assert event.sub_event_type == "Air/drone strike"
    (event,) = _events("Israeli strikes killed 12 fighters near Damascus on Monday.")
    assert event.actor1.startswith("Military Forces of Israel")
    assert event.sub_event_type == "Air/drone strike"


def test_event_rules_shelling_by_a_force_that_killed_names_the_force():
    (event,) = _events(
        "Shelling by Turkish forces killed five civilians in Afrin, Syria, on Friday."
    )
    assert event.actor1.startswith("Military Forces of Turkey")
    assert event.actor2 == "Civilians (Syria)"


@pytest.mark.parametrize(
    ("text", "actor1", "associate"),
    [
        (
            "Russian and Syrian warplanes killed 12 people in Idlib on Tuesday.",
            "Military Forces of Russia",
            "Military Forces of Syria",
        ),
        (
            "Russian and regime airstrikes killed 12 people in Idlib on Tuesday.",
            "Military Forces of Russia",
            "Military Forces of Syria",
        ),
        (
            "U.S., British and Iraqi forces killed 12 militants in Mosul on Tuesday.",
            "Military Forces of the United States",
            "Military Forces of the United Kingdom; Military Forces of Iraq",
        ),
    ],
)
def test_event_rules_coordinated_demonyms_share_the_force_noun(text, actor1, associate):
    (event,) = _events(text, published="2016-08-30")
    assert event.actor1.startswith(actor1)
    assert event.assoc_actor_1.startswith(associate)
    (span,) = event.evidence["actor1"]
    assert text[span[0] : span[1]] in ("Russian", "U.S.")


def test_event_rules_a_town_near_which_foreign_forces_struck_keeps_its_place():
    # Only "Turkish" points to a country, and Jarablus is in Syria: "near" says it is a place
    (event,) = _events("Turkish airstrikes killed 40 civilians near Jarablus on Monday.")
    assert (event.location, event.country) == ("Jarābulus", "Syria")
    assert event.actor2 == "Civilians (Syria)"
    # "shelling on", "the countryside of": the same
    for text in (
        "Turkish shelling on Afrin killed three civilians on Monday.",
        "Turkish shelling hit villages in the countryside of Afrin on Monday.",
    ):
        (event,) = _events(text)
        assert (event.location, event.country) == ("‘Afrīn", "Syria")


def test_event_rules_taking_a_town_is_a_territory_change():
    (event,) = _events("Hezbollah and Syrian forces took the town of Qusayr on Sunday.")
    assert event.sub_event_type == "Government regains territory"
    assert event.actor1.startswith("Military Forces of Syria")
    assert event.assoc_actor_1 == "Hezbollah"
    assert _events("The minister took the city's mayor to task on Sunday in Aleppo.") == []
    # a number or an article before the place noun
    (event,) = _events("Rebels took three villages near Hama on Monday.")
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.location == "Ḩamāh"


def test_event_rules_a_relative_pronoun_stands_for_its_noun():
    # "the British soldier who was murdered by ...": the soldier was the target, not the killer.
    (event,) = _events(
        "Sergeant Ali Hassan, the Iraqi soldier who was killed by gunmen in Kirkuk on Monday, "
        "was buried on Tuesday."
    )
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.actor2.startswith("Military Forces of Iraq")
    (event,) = _events("Two civilians who were killed by Russian airstrikes in Idlib were buried.")
    assert (event.actor1, event.actor2) == (
        "Military Forces of Russia (2000-)",
        "Civilians (Syria)",
    )
    assert event.fatalities == 2


def test_event_rules_a_monitors_daily_count_is_no_event():
    assert _events("199 were killed yesterday, including 78 civilians and 40 regime soldiers") == []


def test_event_rules_what_blows_up():
    (event,) = _events("A car bomb blew up in a market in Baghdad on Monday.")
    assert (event.sub_event_type, event.location) == ("Remote explosive/landmine/IED", "Baghdad")
    (event,) = _events("Militants blew up a bridge near Mosul on Monday.")
    assert event.location == "Mosul"
    for text in (
        "Talks blew up over the weekend in Geneva.",  # no car, bomb or device
        "They hatched a plot to blow up power stations in Florida.",  # planned
        "ISIS made threats to blow up the White House.",
        "They wanted to blow up the process in Geneva on Monday.",  # a figure of speech
    ):
        assert _events(text) == [], text


def test_event_rules_who_someone_is_is_no_event():
    # the complement of "be": a description ("the main force fighting IS"), not a battle
    assert _events("The SDF have been the main force fighting IS in northern Syria.") == []


def test_event_rules_the_source_is_no_side_unless_it_speaks_of_itself():
    (event,) = _events(
        "A source at Hasaka Police Command told SANA that a suicide terrorist blew himself up at "
        "a roundabout in Qamishli on Monday."
    )
    assert event.actor1 == "Unidentified Armed Group (Syria)"
    (event,) = _events(
        "The US-led coalition said it had carried out air strikes on Raqqa on Monday."
    )
    assert event.actor1 == "Global Coalition Against Daesh"


def test_event_rules_one_toll_told_twice_in_a_story_is_one_event():
    text = (
        "A missile fired by the Syrian army slammed into a residential area of Marea on Monday, "
        "killing 23 people. Residents said the town had been quiet for weeks. Abu Hassan, a "
        "local activist, said there had been no fighting there before. He said that among the 23 "
        "killed was a family of ten."
    )
    (event,) = _events(text)
    assert (event.location, event.fatalities) == ("Māri‘", 23)
    # the same toll at two places is two events, and so is the same toll said of no place
    text = (
        "Shelling killed two people in Douma on Monday. A sniper killed two people in Harasta "
        "on Monday."
    )
    assert len(_events(text)) == 2
    text = (
        "A roadside bomb killed two soldiers on Monday. Police said the road had been closed "
        "for a week. Residents said traffic was light. Separately, gunmen killed two "
        "civilians, the ministry said."
    )
    assert len(_events(text)) == 2
    # a large toll told twice is one event even where neither statement says where
    text = (
        "Air strikes that ripped through a market have killed at least 61 people, a monitor said "
        "on Tuesday. Residents were still searching the rubble. Shops were closed. Schools were "
        "closed too. The town had been calm for a month. Aid groups asked for access. Later, the "
        "monitor said warplanes had killed 61 people."
    )
    assert len(_events(text)) == 1


def test_event_rules_a_car_bomb_driven_by_a_suicide_bomber_is_a_suicide_bombing():
    text = (
        "Five civilians were killed in a terrorist car bomb attack in Qamishli on Saturday. A "
        "source at the police told SANA that a suicide terrorist driving a car packed with "
        "explosives blew himself up at a roundabout in central Qamishli."
    )
    (event,) = _events(text)
    assert (event.sub_event_type, event.fatalities) == ("Suicide bomb", 5)


def test_event_rules_a_state_named_among_the_agents_is_no_place():
    text = (
        "The raids that killed 61 people on Monday were carried out by Syrian government "
        "warplanes or those of its ally Russia, the monitor said."
    )
    (event,) = _events(text)
    assert (event.country, event.actor2) == ("Syria", "Civilians (Syria)")
    # "the people of Iran" are not its agents: Iran stays a place
    (event,) = _events("Residents of Aleppo fled after shelling killed five civilians on Monday.")
    assert event.country == "Syria"


def test_event_rules_participles_that_describe_are_no_events():
    text = (
        "Rescuers carried the dead and wounded from the remains of damaged and destroyed "
        "buildings in Qamishli on Wednesday."
    )
    assert _events(text) == []


def test_event_rules_the_country_across_the_border_is_not_where_it_happened():
    text = (
        "Syrian rebels fought the army in Idlib province on Sunday. On Monday, shelling killed "
        "three civilians in a village on the border with Turkey."
    )
    shelling = _events(text)[-1]
    assert (shelling.country, shelling.actor2) == ("Syria", "Civilians (Syria)")
