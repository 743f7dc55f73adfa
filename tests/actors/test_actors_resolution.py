"""Linking a surface form to a registered actor only when the evidence is strong."""

from __future__ import annotations

from conflictlens.actors import AliasIndex


def _index() -> AliasIndex:
    index = AliasIndex()
    index.add_actor("liwa-al-quds", "Liwa al-Quds")
    index.add_alias("liwa-al-quds", "Al-Quds Brigade")
    index.add_actor("pij", "Palestinian Islamic Jihad")
    index.add_alias("pij", "Al-Quds Brigades")
    index.add_actor("zinki", "Nour al-Din al-Zinki Movement")
    return index


def test_transliterations_resolve_exactly() -> None:
    found = _index().resolve("Liwaa al Quds")
    assert (found.actor_id, found.how) == ("liwa-al-quds", "exact")


def test_near_namesakes_stay_apart() -> None:
    index = _index()
    assert index.resolve("Al-Quds Brigades").actor_id == "pij"
    assert index.resolve("Al-Quds Brigade").actor_id == "liwa-al-quds"


def test_a_fuzzy_match_needs_context_when_it_is_not_close_enough() -> None:
    index = _index()
    surface = "Nour Zinki Movement"
    assert index.resolve(surface).actor_id is None  # alone: a new, provisional actor
    found = index.resolve(surface, context=["zinki"])
    assert (found.actor_id, found.how) == ("zinki", "context")


def test_unknown_names_are_new() -> None:
    assert _index().resolve("Jaysh al-Nukhba").how == "new"
    assert _index().resolve("LQ").how == "new"  # too short to match fuzzily
