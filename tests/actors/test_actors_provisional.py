"""New surface forms become provisional actors with evidence, mentions and outlets."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictlens.actors import actor_profile, list_actors, merge_actors, split_actor
from conflictlens.cli import main
from conflictlens.records import Toponym
from conflictlens.store import Store

from .conftest import mention

FIRST = (
    "The terrorist Jaysh al-Tahrir attacked Manbij. "
    "Jaysh al-Tahrir later withdrew towards Jarabulus."
)
SECOND = "Fighters of Jaysh al-Tahrir and Liwa al-Quds clashed near Aleppo."


def _provisional(store):  # type: ignore[no-untyped-def]
    return {r.name: r for r in list_actors(store) if r.provisional}


def test_an_unknown_group_becomes_a_provisional_actor_with_neutral_name(store, register) -> None:  # type: ignore[no-untyped-def]
    result = register("a1", FIRST, source="SANA", published="2016-08-01")
    assert result.provisional == 1
    row = _provisional(store)["Jaysh al-Tahrir"]  # "the terrorist" is the outlet's label
    assert (row.mentions, row.outlets) == (2, ("SANA",))
    register(
        "a2",
        SECOND,
        source="Enab Baladi",
        published="2016-08-02",
        actors=[mention(SECOND, "Liwa al-Quds", "Liwa al-Quds", "liwa-al-quds")],
    )
    row = _provisional(store)["Jaysh al-Tahrir"]
    assert (row.mentions, row.outlets) == (3, ("SANA", "Enab Baladi"))
    assert "Liwa al-Quds" not in _provisional(store)  # the KB knows it
    profile = actor_profile(store, "Jaysh al Tahrir")
    assert profile.actor.provisional
    evidence = [c.evidence for c in profile.aliases["Jaysh al-Tahrir"]]
    assert "The terrorist Jaysh al-Tahrir attacked Manbij." in evidence


def test_a_provisional_actor_merges_into_a_known_one_and_splits_back(store, register) -> None:  # type: ignore[no-untyped-def]
    register("a1", FIRST, source="SANA", published="2016-08-01")
    merge_actors(store, "Free Syrian Army", "Jaysh al-Tahrir", note="an FSA faction")
    assert "Jaysh al-Tahrir" not in _provisional(store)
    assert actor_profile(store, "Jaysh al-Tahrir").actor.name == "Free Syrian Army"
    split_actor(store, "Jaysh al-Tahrir")
    assert actor_profile(store, "Jaysh al-Tahrir").actor.provisional


def _save(store, doc_id: str, text: str, country: str) -> None:  # type: ignore[no-untyped-def]
    from conflictlens.actors import update_registry
    from conflictlens.records import Document

    place = Toponym(start=0, end=1, name="x", lat=None, lon=None, country=country)
    document = Document(doc_id=doc_id, source="X", published="2016-01-01", places=[place])
    store.save(document, text=text, content_hash=doc_id)
    update_registry(store, document, text)


def test_a_close_spelling_links_to_a_known_actor_only_in_its_country(store) -> None:  # type: ignore[no-untyped-def]
    text = "Fighters of the Nour al-Din al-Zinky Movement entered the town."
    _save(store, "syria", text, "Syria")
    assert _provisional(store) == {}  # a new spelling of the Syrian group, kept as its alias
    profile = actor_profile(store, "Nour al-Din al-Zinki Movement")
    assert [c.outlet for c in profile.aliases["Nour al-Din al-Zinky Movement"]] == ["X"]
    _save(store, "iraq", text.replace("Zinky", "Zanki"), "Iraq")
    assert list(_provisional(store)) == ["Nour al-Din al-Zanki Movement"]


def test_actors_list_provisional_shows_outlets(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from conflictlens.actors import update_registry
    from conflictlens.records import Document

    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    with Store(db, pipeline_version="test") as store:
        document = Document(doc_id="a1", source="SANA", published="2016-08-01")
        store.save(document, text=FIRST, content_hash="a1")
        update_registry(store, document, FIRST)
    with pytest.raises(SystemExit) as done:
        main(["actors", "list", "--provisional", "--db", db])
    out = capsys.readouterr().out
    assert done.value.code in (0, None)
    assert "Jaysh al-Tahrir (provisional)" in out and "SANA" in out
    assert "Liwa al-Quds" not in out
