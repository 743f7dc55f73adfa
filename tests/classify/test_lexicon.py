from conflictlens.classify.lexicon import TriggerLexicon
from conflictlens.classify.vocabulary import LABELS


def _top(text: str) -> str:
    scores = TriggerLexicon.default().scores(text)
    return LABELS[max(range(len(LABELS)), key=scores.__getitem__)]


def test_lexicon_suicide_beats_explosion():
    assert (
        _top("A suicide bomber set off a huge explosion at the gate of the barracks.")
        == "SUIC_BOMB"
    )


def test_lexicon_tear_gas_at_peaceful_protest_is_intervention():
    text = "Police fired tear gas to disperse a peaceful protest by nurses in Lilongwe."
    assert _top(text) == "PROTEST_WITH_INTER"


def test_lexicon_protest_over_arrests_is_not_an_intervention():
    scores = TriggerLexicon.default().scores("Crowds marched to decry the arrests of two editors.")
    assert scores[LABELS.index("PROTEST_WITH_INTER")] == 0.0


def test_lexicon_defused_device_is_disrupted_weapons_use():
    text = "Army engineers defused a roadside bomb planted near the bridge at Gao."
    assert _top(text) == "DISR_WEAP"


def test_lexicon_actor_decides_who_takes_territory():
    assert (
        _top("Government troops recaptured the town of Ouri from the rebels.")
        == "GOV_REGAINS_TERIT"
    )
    assert (
        _top("Rebel fighters captured the town of Ouri after the soldiers fled.")
        == "NON_STATE_ACTOR_OVERTAKES_TER"
    )


def test_lexicon_matches_are_evidence_spans_into_the_text():
    text = "Unknown men hurled a grenade into a bar in Gitega."
    matches = TriggerLexicon.default().matches(text)
    assert ("GRENADE", text.index("grenade"), text.index("grenade") + 7, 3.0) in matches
    for _label, start, end, weight in matches:
        assert 0 <= start < end <= len(text) and weight > 0


def test_lexicon_no_cue_in_unrelated_text():
    assert not any(TriggerLexicon.default().scores("The museum reopened its modern art wing."))


def test_the_month_of_march_is_not_a_protest() -> None:
    from conflictlens.classify import type_sentence

    attack = (
        "On March 3, 2024, ISIS militants attacked a position of Liwa al-Quds near Palmyra, "
        "killing 7 fighters, a local source said."
    )
    typed = type_sentence(attack)
    assert typed is None or typed[0] not in ("PEACE_PROTEST", "PROTEST_WITH_INTER")
    march = type_sentence("Thousands joined a march through the capital on Friday.")
    assert march is not None and march[0] == "PEACE_PROTEST"
