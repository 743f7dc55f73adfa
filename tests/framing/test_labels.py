"""Actor labels: outlet characterisations next to actor mentions, with voice."""

from conflictlens.extract.attribution import QuoteSpan
from conflictlens.framing.labels import find_labels


def _spans(text: str, *names: str) -> list[tuple[int, int, str]]:
    out = []
    for name in names:
        start = text.find(name)
        while start != -1:
            out.append((start, start + len(name), name))
            start = text.find(name, start + 1)
    return out


def _labels(text: str, *names: str, quotes=()) -> list[tuple[str, str, bool, str]]:
    found = find_labels(text, _spans(text, *names), list(quotes))
    return [(x.actor_name, x.label, x.loaded, x.voice) for x in found]


def test_labels_copula_after_alias_in_brackets():
    text = "Liwa al-Quds (Al-Quds Brigade) is a Palestinian resistance movement which fights."
    assert _labels(text, "Liwa al-Quds") == [
        ("Liwa al-Quds", "resistance movement", True, "outlet")
    ]


def test_labels_modifier_after_and_before_the_name():
    text = "Fighters from the Nour al-Din al-Zinki terrorist group and the notorious ISIS group."
    assert _labels(text, "Nour al-Din al-Zinki", "ISIS") == [
        ("Nour al-Din al-Zinki", "terrorist group", True, "outlet"),
        ("ISIS", "notorious", True, "outlet"),
    ]


def test_labels_neutral_apposition_is_not_loaded():
    text = "20 fighters from Liwa al-Quds, a Palestinian armed group affiliated with the army."
    [(actor, label, loaded, _)] = _labels(text, "Liwa al-Quds")
    assert (actor, loaded) == ("Liwa al-Quds", False)
    assert "armed group" in label


def test_labels_offsets_point_at_the_label():
    text = "They were killed, likely by the terrorist ISIS organization."
    [label] = find_labels(text, _spans(text, "ISIS"), [])
    assert text[label.start : label.end] == label.label == "terrorist"


def test_labels_unattached_labels_are_skipped():
    text = "Palestinians fight foreign-backed Takfiri terrorist groups in Aleppo."
    assert _labels(text, "Aleppo") == []
    assert _labels("ISIS, Nusra and others attacked.", "ISIS") == []


def test_labels_heading_does_not_take_the_next_paragraph():
    text = "Anti-Assad Allies Abhor Liwa al-Quds\n\nTakfiri terrorist groups hate the movement."
    assert _labels(text, "Liwa al-Quds") == []


def test_labels_inside_a_quote_take_the_speaker_voice():
    text = 'The minister said, "The terrorist ISIS organization must be defeated."'
    quote = QuoteSpan("minister", text.index("The terrorist"), len(text) - 1, 4, 12)
    assert _labels(text, "ISIS", quotes=[quote]) == [("ISIS", "terrorist", True, "minister")]


def test_labels_a_name_in_a_list_is_not_a_label():
    text = "Groups include Fatah al-Intifada, the Palestine Liberation Army and the NDF."
    assert _labels(text, "Fatah al-Intifada") == []


def test_hedges_say_which_event_field_they_qualify():
    from conflictlens.framing.hedge_targets import link_hedges
    from conflictlens.records import Event, Hedge

    text = "Twenty fighters were killed, likely by ISIS. The death toll is expected to rise."
    event = Event(
        event_id="e1",
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Islamic State (Syria)",
        fatalities=20,
        evidence={
            "actor1": [[40, 44]],
            "fatalities": [[0, 6]],
            "certainty": [[29, 35], [64, 80]],
        },
    )
    likely = Hedge(cue="likely", start=29, end=35, scope=(29, 44))
    rising = Hedge(cue="expected to rise", start=64, end=80, scope=(46, 80))
    unrelated = Hedge(cue="may", start=0, end=3, scope=(81, 81))
    linked = link_hedges([likely, rising, unrelated], [event], [], text)
    assert [(t.id, t.field) for t in linked[0].qualifies] == [("e1", "actor1")]
    assert [(t.id, t.field) for t in linked[1].qualifies] == [("e1", "fatalities")]
    assert linked[2].qualifies == []


def test_labels_the_outlets_word_inside_a_mention_is_a_label_but_a_name_is_not():
    text = "Assad regime forces shelled Douma. The Islamic Resistance in Iraq claimed a strike."
    assert _labels(text, "Assad regime forces", "Islamic Resistance in Iraq") == [
        ("Assad regime forces", "regime", True, "outlet")
    ]
