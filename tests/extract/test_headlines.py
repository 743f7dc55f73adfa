"""Headlines tell past events in the present tense, or with no verb: a line with no full stop
is read so, a sentence of body text is not."""

from __future__ import annotations

import pytest

from conflictlens import analyze
from conflictlens.nlp import is_headline


def _events(text: str):
    return analyze(text, published="2024-05-10", source="Test Wire").events


def test_headlines_a_line_without_full_stop_is_a_headline_a_sentence_is_not():
    text = "Rebels shell Aleppo\n\nRebels shelled Aleppo on Monday. Five died"
    assert is_headline(text, 0, 19)
    first_body = text.index("Rebels shelled")
    assert not is_headline(text, first_body, text.index(".") + 1)
    # the last sentence of a paragraph shares its line with the one before it
    assert not is_headline(text, text.index("Five"), len(text))
    assert not is_headline("Rebels shell Aleppo:", 0, 20)


def test_headlines_present_tense_reports_the_event():
    (event,) = _events("Warplanes target the water crossings in Deir ez-Zor, killing 16 civilians")
    assert event.sub_event_type == "Air/drone strike"  # the warplanes are the weapon
    assert event.location == "Deir ez-Zor"
    assert event.actor2 == "Civilians (Syria)"
    assert event.fatalities == 16


def test_headlines_a_verbless_headline_names_its_event_and_its_sides():
    (event,) = _events("Continued clashes between regime forces and ISIS around Palmyra")
    assert event.sub_event_type == "Armed clash"
    assert event.actor1.startswith("Military Forces of Syria")
    assert event.actor2 == "Islamic State (Syria)"
    assert event.admin1 == "Homs"


def test_headlines_the_same_words_as_body_text_stay_habitual():
    assert _events("Rebels attack checkpoints in Idlib.") == []
    (event,) = _events("Rebels attack checkpoints in Idlib")
    assert event.location == "Idlib"


@pytest.mark.parametrize(
    "text",
    [
        "US to strike Syria over chemical attack",  # announced
        "Fears of new attacks in Idlib",
        "No clashes in Idlib after truce",
        "Russia warns of attacks on its bases in Syria",
    ],
)
def test_headlines_plans_fears_denials_and_warnings_are_no_events(text):
    assert _events(text) == []


def test_headlines_a_headline_and_its_story_are_one_event():
    text = (
        "Rebels shell Aleppo neighbourhoods\n\nRebels shelled the Hamdaniyeh neighbourhood of "
        "Aleppo on Monday, killing three civilians, the Syrian Observatory for Human Rights said."
    )
    (event,) = _events(text)
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.event_date == "2024-05-06"
    assert event.fatalities == 3


def test_headlines_a_headline_word_for_the_event_is_no_place():
    (event,) = _events("Massacre by warplanes in a village kills 16 people")
    assert event.location == ""  # not "Massacre", a quarter of Saint Lucia
    assert event.country == ""


def test_headlines_a_tally_over_a_span_of_time_is_no_event():
    assert _events("Israeli strikes kill more than 80 regime fighters since mid-April") == []
    assert _events("Clashes continue in Lattakia countryside") != []
    # "since" as a comparison, and a tally in another clause, leave the event alone
    assert _events("ISIS attacks Mayadin for the first time since its loss and kills 18 soldiers")
    assert _events("Airstrike kills 16 in Raqqa and raises the toll to 193 in the last 27 days")


def test_headlines_a_subheading_that_names_no_place_or_actor_is_no_event():
    text = "Attacks on hospitals\n\nHospitals are often hit in wars, the report said."
    assert _events(text) == []
