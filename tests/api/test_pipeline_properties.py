"""Invariants every event keeps, over short hand-written conflict snippets and random junk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

SNIPPETS = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "api" / "snippets.json").read_text("utf-8")
)
NON_EVENTS = ("aggregate", "history", "conditional", "quiet")


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_pipeline_properties_every_event_keeps_the_invariants(
    name, snippet_docs, document_problems
):
    assert document_problems(SNIPPETS[name], snippet_docs[name]) == []


@pytest.mark.parametrize("name", NON_EVENTS)
def test_pipeline_properties_aggregates_history_and_conditionals_are_not_events(name, snippet_docs):
    assert snippet_docs[name].events == []


@pytest.mark.parametrize(
    ("name", "sub_event_type"),
    [
        ("airstrike", "Air/drone strike"),
        ("ied", "Remote explosive/landmine/IED"),
        ("abduction", "Abduction/forced disappearance"),
        ("capture", "Non-state actor overtakes territory"),
        ("arrest", "Arrests"),
        ("hedged", "Air/drone strike"),
        ("clash", "Armed clash"),
        ("shelling", "Shelling/artillery/missile attack"),
        ("suicide", "Suicide bomb"),
        # Tear gas and rubber bullets with no one hurt: ACLED's "intervention", not the
        # lethal or injuring force of "Excessive force against protesters".
        ("protest", "Protest with intervention"),
    ],
)
def test_pipeline_properties_reported_event_is_one_record_of_its_type(
    name, sub_event_type, snippet_docs
):
    assert [e.sub_event_type for e in snippet_docs[name].events] == [sub_event_type]


def test_pipeline_properties_fatality_range_keeps_both_bounds(snippet_docs):
    (event,) = snippet_docs["range"].events
    assert (event.fatalities_low, event.fatalities, event.fatalities_high) == (30, 30, 40)


def test_pipeline_properties_fatalities_and_place_point_at_their_words(snippet_docs):
    text = SNIPPETS["suicide"]
    (event,) = snippet_docs["suicide"].events
    assert event.fatalities == 10 and event.location == "Mogadishu"
    assert "10" in " ".join(text[s:e] for s, e in event.evidence["fatalities"])
    assert "Mogadishu" in " ".join(text[s:e] for s, e in event.evidence["location"])


def test_pipeline_properties_outlet_labels_never_become_actor_names(snippet_docs):
    document = snippet_docs["labels"]
    assert document.events, "the bombing of Douma is an event"
    names = [document.events[0].actor1, document.events[0].actor2]
    names += [actor.name for actor in document.actors]
    assert not any(
        word in name.lower() for name in names for word in ("terror", "martyr", "regime")
    )


def test_pipeline_properties_territory_capture_names_the_armed_group(snippet_docs):
    (event,) = snippet_docs["capture"].events
    assert event.actor1 == "Al Shabaab" and event.interaction == 20


def test_pipeline_properties_capture_is_placed_where_the_armed_group_operates(snippet_docs):
    (event,) = snippet_docs["capture"].events
    assert event.country == "Somalia"


def test_pipeline_properties_abduction_by_gunmen_targets_civilians(snippet_docs):
    (event,) = snippet_docs["abduction"].events
    assert event.actor1 != event.actor2
    assert event.actor2.startswith("Civilians") and event.interaction == 37


def test_pipeline_properties_government_airstrike_names_the_government(snippet_docs):
    (event,) = snippet_docs["airstrike"].events
    assert event.actor1.startswith("Military Forces of Syria")


def test_pipeline_properties_airstrike_on_civilians_is_civilian_targeting(snippet_docs):
    (event,) = snippet_docs["airstrike"].events
    assert event.actor2 == "Civilians (Syria)" and event.civilian_targeting == "Civilian targeting"
    assert event.fatalities == 12 and event.location == "Saraqib"


def test_pipeline_properties_shelling_names_the_shelling_state(snippet_docs):
    (event,) = snippet_docs["shelling"].events
    assert event.actor1.startswith("Military Forces of Russia")


def test_pipeline_properties_suspected_members_do_not_hedge_the_arrest(snippet_docs):
    (event,) = snippet_docs["arrest"].events
    assert event.certainty == "reported"


def test_pipeline_properties_clash_names_both_sides(snippet_docs):
    (event,) = snippet_docs["clash"].events
    assert event.actor1 and event.actor2


_WORDS = st.sampled_from(
    [
        *("killed", "wounded", "bomb", "airstrike", "protesters", "police", "gunmen"),
        *("abducted", "seized", "Aleppo", "Kabul", "Mogadishu", "Monday", "yesterday"),
        *("12", "three", "5,000", "1982", "since", "reportedly", "would", "if"),
        *("terrorists", "regime", "at least", "between", "and"),
        *(".", ",", ";", "\n", "\n\n", '"', "'", "(", ")", "-"),
    ]
)
_JUNK = st.one_of(
    st.text(max_size=300),
    st.lists(_WORDS, max_size=60).map(" ".join),
)


# Derandomized: the known crashes below are pinned by their own xfail tests, so this one stays a
# deterministic guard against new ones instead of failing at random on those.
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=_JUNK)
def test_pipeline_properties_random_text_never_crashes_and_keeps_invariants(
    text, document_problems
):
    from conflictlens import analyze

    document = analyze(text, published="2024-03-08")
    assert document_problems(text, document) == []


@pytest.mark.parametrize(
    "text", ["Protesters killed a policeman in Lagos on Monday.", "Protest killed"]
)
def test_pipeline_properties_protesters_as_perpetrators_do_not_crash(text, document_problems):
    from conflictlens import analyze

    document = analyze(text, published="2024-03-08")
    assert document_problems(text, document) == []
