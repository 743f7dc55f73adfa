"""Aliases and relations learned from documents, each kept as a sourced claim."""

from __future__ import annotations

import pytest

from conflictlens.actors import (
    RegistryRefusal,
    actor_profile,
    add_relation,
    list_actors,
    rebuild_registry,
)

from .conftest import mention, relation

ALWAGHT = (
    "Liwa al-Quds (Al-Quds Brigade) is a Palestinian movement. "
    "The brigade was formed in 2013 by engineer Muhammad al-Sa'eed who is its current commander. "
    "Liwa al-Quds has fought alongside Hezbollah in Aleppo."
)
OTHER = "Liwa al-Quds is commanded by Adnan al-Sayyed, the group said."


def _alwaght(register):  # type: ignore[no-untyped-def]
    return register(
        "alwaght",
        ALWAGHT,
        source="Alwaght",
        published="2016-10-07",
        relations=[
            relation(ALWAGHT, "Al-Quds Brigade", "alias_of", "Liwa al-Quds", "Al-Quds Brigade"),
            relation(ALWAGHT, "Liwa al-Quds", "led_by", "Muhammad al-Sa'eed", "Muhammad al-Sa'eed"),
            relation(ALWAGHT, "Liwa al-Quds", "allied_with", "Hezbollah", "fought alongside"),
        ],
        actors=[mention(ALWAGHT, "Liwa al-Quds", "Liwa al-Quds", "liwa-al-quds")],
    )


def test_registry_is_seeded_from_the_knowledge_base(store) -> None:  # type: ignore[no-untyped-def]
    rows = {row.name: row for row in list_actors(store)}
    quds = rows["Liwa al-Quds"]
    assert (quds.type, quds.inter, quds.country, quds.origin) == (
        "political_militia",
        3,
        "Syria",
        "kb",
    )
    profile = actor_profile(store, "Liwaa al Quds")  # another transliteration finds it
    assert "Syrian Arab Army Fedayeen" in profile.aliases


def test_learned_alias_and_relations_carry_their_source(store, register) -> None:  # type: ignore[no-untyped-def]
    result = _alwaght(register)
    assert result.refused == []
    profile = actor_profile(store, "Al-Quds Brigade")
    sources = [c.source for c in profile.aliases["Al-Quds Brigade"]]
    assert "Alwaght 2016-10-07" in sources and "knowledge base" in sources
    grouped = profile.grouped()
    claims = grouped[("allied_with", "Hezbollah")]
    assert claims[0].outlet == "Alwaght" and claims[0].voice == "outlet"
    assert "fought alongside Hezbollah" in (claims[0].evidence or "")
    # Symmetric: Hezbollah's profile shows the claim too.
    assert ("allied_with", "Liwa al-Quds") in actor_profile(store, "Hezbollah").grouped(True)


def test_two_outlets_naming_two_commanders_are_both_kept(store, register) -> None:  # type: ignore[no-untyped-def]
    _alwaght(register)
    register(
        "other",
        OTHER,
        source="Enab Baladi",
        published="2020-01-02",
        relations=[
            relation(
                OTHER,
                "Liwa al-Quds",
                "led_by",
                "Adnan al-Sayyed",
                "Adnan al-Sayyed",
                voice="the group",
            )
        ],
    )
    profile = actor_profile(store, "Liwa al-Quds")
    assert profile.conflicts() == {"led_by": ["Muhammad al-Sa'eed", "Adnan al-Sayyed"]}
    leaders = {c.object: c.source for c in profile.relations if c.predicate == "led_by"}
    assert leaders["Adnan al-Sayyed"] == "Enab Baladi 2020-01-02, according to the group"


def test_reregistering_a_document_does_not_double_count(store, register) -> None:  # type: ignore[no-untyped-def]
    _alwaght(register)
    _alwaght(register)
    rebuild_registry(store)
    profile = actor_profile(store, "Liwa al-Quds")
    assert len(profile.relations) == 2
    assert len(profile.aliases["Al-Quds Brigade"]) == 2  # the KB and Alwaght, once each


def test_self_loops_unknown_predicates_and_alias_cycles_are_refused(store, register) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RegistryRefusal, match="self-loop"):
        add_relation(store, "Liwa al-Quds", "fights", "Liwa Al Quds")
    with pytest.raises(RegistryRefusal, match="unknown predicate 'commands'"):
        add_relation(store, "Liwa al-Quds", "commands", "Hezbollah")
    add_relation(store, "Hezbollah", "alias_of", "Amal Movement")
    with pytest.raises(RegistryRefusal, match="alias cycle: Amal Movement → Hezbollah"):
        add_relation(store, "Amal Movement", "alias_of", "Hezbollah")
    # From a document, a refused claim is reported and the others are kept.
    text = "Liwa al-Quds fights Liwa al-Quds and fought alongside Hezbollah."
    result = register(
        "loop",
        text,
        source="X",
        published="2020-01-01",
        relations=[
            relation(text, "Liwa al-Quds", "fights", "Liwa al-Quds", "fights"),
            relation(text, "Liwa al-Quds", "allied_with", "Hezbollah", "fought alongside"),
        ],
    )
    assert len(result.refused) == 1 and "self-loop" in result.refused[0]
    assert result.relations == 1
