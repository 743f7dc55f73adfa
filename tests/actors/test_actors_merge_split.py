"""Merges join two actors until a split takes them apart again; every merge is listed."""

from __future__ import annotations

import pytest

from conflictlens.actors import (
    RegistryRefusal,
    actor_profile,
    list_actors,
    list_merges,
    merge_actors,
    split_actor,
)

from .conftest import relation


def test_merge_then_split_restores_both_actors(store, register) -> None:  # type: ignore[no-untyped-def]
    text = "Jaysh al-Nukhba fought alongside Hezbollah. Liwa al-Quds fought alongside Hezbollah."
    register(
        "d1",
        text,
        source="SANA",
        published="2017-03-01",
        relations=[
            relation(text, "Jaysh al-Nukhba", "allied_with", "Hezbollah", "fought alongside"),
        ],
    )
    assert any(r.name == "Jaysh al-Nukhba" and r.provisional for r in list_actors(store))

    merge = merge_actors(store, "Liwa al-Quds", "Jaysh al-Nukhba", note="same unit")
    assert (merge.kept_name, merge.merged_name) == ("Liwa al-Quds", "Jaysh al-Nukhba")
    merged = actor_profile(store, "Jaysh al-Nukhba")  # the old name leads to the kept actor
    assert merged.actor.name == "Liwa al-Quds"
    assert "Jaysh al-Nukhba" in merged.aliases
    assert ("allied_with", "Hezbollah") in merged.grouped()
    assert all(r.name != "Jaysh al-Nukhba" for r in list_actors(store))

    undone = split_actor(store, "Jaysh al-Nukhba")
    assert undone.merge_id == merge.merge_id and undone.undone_at
    assert actor_profile(store, "Liwa al-Quds").grouped() == {}
    assert actor_profile(store, "Jaysh al-Nukhba").actor.name == "Jaysh al-Nukhba"
    log = list_merges(store)
    assert [(m.merged_name, m.note, bool(m.undone_at)) for m in log] == [
        ("Jaysh al-Nukhba", "same unit", True)
    ]


def test_merging_an_actor_with_itself_or_an_unknown_name_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RegistryRefusal, match="self-loop"):
        merge_actors(store, "Liwa al-Quds", "Al-Quds Brigade")
    with pytest.raises(RegistryRefusal, match="no actor of that name"):
        merge_actors(store, "Liwa al-Quds", "Nobody Brigade")
    merge_actors(store, "Hezbollah", "Amal Movement")
    with pytest.raises(RegistryRefusal, match="self-loop"):  # a cycle back is the same actor now
        merge_actors(store, "Amal Movement", "Hezbollah")
    with pytest.raises(RegistryRefusal, match="not part of any merge"):
        split_actor(store, "Liwa al-Quds")
