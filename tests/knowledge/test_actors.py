import pytest

from conflictlens.knowledge import ActorKB, load_labels


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.default()


def test_find_maps_aliases_to_one_neutral_actor(kb: ActorKB) -> None:
    text = "Liwa al-Quds (Al-Quds Brigade), also known as Syrian Arab Army Fedayeen, fought."
    matches = kb.find(text)
    assert [m.surface for m in matches] == [
        "Liwa al-Quds",
        "Al-Quds Brigade",
        "Syrian Arab Army Fedayeen",
    ]
    assert {m.actor.name for m in matches} == {"Liwa al-Quds"}
    for m in matches:
        assert text[m.start : m.end] == m.surface


def test_find_prefers_longest_match(kb: ActorKB) -> None:
    (match,) = kb.find("the Free Syrian Army attacked")
    assert match.actor.name == "Free Syrian Army"


def test_find_handles_transliteration_variants(kb: ActorKB) -> None:
    names = {m.actor.name for m in kb.find("Liwaa Al Quds and Nur ad-Din al-Zenki clashed")}
    assert names == {"Liwa al-Quds", "Nour al-Din al-Zinki Movement"}


def test_short_acronyms_are_case_sensitive(kb: ActorKB) -> None:
    assert [m.actor.actor_id for m in kb.find("IS fighters")] == ["islamic-state"]
    assert kb.find("it is what it is, us and them") == []


def test_demonym_phrases_mean_state_forces(kb: ActorKB) -> None:
    text = "backed by Russian warplanes and US forces, the Syrian army advanced"
    ids = [m.actor.actor_id for m in kb.find(text)]
    assert ids == ["russia-military", "usa-military", "syria-military"]


def test_government_forces_is_contextual(kb: ActorKB) -> None:
    (match,) = kb.find("government forces shelled the town")
    assert match.contextual and match.actor.country is None
    assert kb.state_forces("Syria").name == "Military Forces of Syria (2000-2024)"


def test_state_forces_follow_the_date(kb: ActorKB) -> None:
    assert kb.state_forces("Syria", "2025-03-01").name == "Military Forces of Syria (2024-)"
    assert kb.state_forces("Syria", "2016-09-24").name == "Military Forces of Syria (2000-2024)"


def test_inter_for_foreign_state_forces_is_external(kb: ActorKB) -> None:
    russia = kb.get("russia-military")
    assert russia is not None
    assert kb.inter_for(russia, "Syria") == 8
    assert kb.inter_for(russia, "Russia") == 1


def test_generic_actors_are_made_per_country(kb: ActorKB) -> None:
    actor = kb.generic("unidentified_armed_group", "Syria")
    assert actor.name == "Unidentified Armed Group (Syria)" and actor.inter == 3
    assert kb.generic("civilians", "Yemen").name == "Civilians (Yemen)"
    with pytest.raises(ValueError):
        kb.generic("aliens", "Syria")


def test_by_name_finds_canonical_and_aliases(kb: ActorKB) -> None:
    assert kb.by_name("Daesh").name == "Islamic State (Syria)"
    assert kb.by_name("Ansar Allah").actor_id == "houthis"
    assert kb.by_name("Liwa Al Quds").actor_id == "liwa-al-quds"


def test_loaded_labels_are_not_aliases(kb: ActorKB) -> None:
    labels = load_labels()
    assert any(label.label == "Takfiri" and label.loaded for label in labels)
    assert kb.find("Takfiri terrorists attacked") == []


def test_patterns_are_entity_ruler_token_patterns(kb: ActorKB) -> None:
    patterns = kb.patterns()
    quds = [p for p in patterns if p["id"] == "liwa-al-quds"]
    assert {
        "label": "ORG",
        "pattern": [{"LOWER": "liwa"}, {"LOWER": "al"}, {"LOWER": "-"}, {"LOWER": "quds"}],
        "id": "liwa-al-quds",
    } in quds
    assert any(p["pattern"] == [{"ORTH": "SAA"}] for p in patterns)


def test_actors_an_english_word_alias_has_one_spelling():
    # transliteration folds are for names: "Reuters" folds like "rioters" but is no mob
    kb = ActorKB.default()
    assert kb.find("An activist told Reuters that 300 men were executed.") == []
    found = [(m.surface, m.actor.actor_id) for m in kb.find("Rioters and protestors gathered.")]
    assert found == [("Rioters", "rioters"), ("protestors", "protesters")]


@pytest.mark.parametrize(
    "text",
    [
        "President Bashar al-Assads air force attacked a crowded market in Aleppo.",
        "Syrian activists accused Assad's forces of launching a nerve gas attack.",
    ],
)
def test_assads_forces_are_the_syrian_military(kb: ActorKB, text: str) -> None:
    # scraped copy often loses the apostrophe: "Assads air force"
    names = {m.actor.name for m in kb.find(text)}
    assert "Military Forces of Syria (2000-2024)" in names


def test_coordinated_demonyms_share_the_force_noun(kb: ActorKB) -> None:
    text = "Russian and Syrian warplanes struck; U.S., British and Iraqi forces advanced."
    found = [(m.surface, m.actor.actor_id) for m in kb.find(text)]
    assert found == [
        ("Russian", "russia-military"),
        ("Syrian warplanes", "syria-military"),
        ("U.S.", "usa-military"),
        ("British", "state-forces-united-kingdom"),
        ("Iraqi forces", "iraq-military"),
    ]
    # a place or a group listed before a force is no demonym of it
    assert [m.surface for m in kb.find("In Aleppo and Syrian forces advanced.")] == [
        "Syrian forces"
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("French troops", "Military Forces of France"),
        ("British forces", "Military Forces of the United Kingdom"),
        ("Saudi warplanes", "Military Forces of Saudi Arabia"),
        ("Sri Lankan army", "Military Forces of Sri Lanka"),
        ("Kenyan police", "Police Forces of Kenya"),
    ],
)
def test_every_countrys_demonym_names_its_state_forces(kb: ActorKB, text: str, name: str) -> None:
    (match,) = kb.find(text)
    assert match.actor.name == name and match.actor.type == "state_force"
    # the same actor as the one made for the country's "government forces"
    country = match.actor.country
    assert country is not None
    kind = "police-forces" if "Police" in name else "state-forces"
    assert kb.resolve(kb.get(kind) or match.actor, country).actor_id == match.actor.actor_id


def test_state_demonyms_name_countries_as_the_gazetteer_does() -> None:
    # A force's country must be the one its events get, or "French troops in France" would be
    # foreign forces (inter 8) at home.
    from importlib import resources

    from conflictlens.knowledge.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    rows = (
        resources.files("conflictlens.knowledge")
        .joinpath("data", "state_demonyms.tsv")
        .read_text("utf-8")
        .splitlines()
    )
    pairs = [line.split("\t") for line in rows if line and not line.startswith("#")]
    assert len(pairs) > 200
    for demonym, country in pairs:
        place = gazetteer.country(country)
        assert place is not None and place.country == country, (demonym, country)
