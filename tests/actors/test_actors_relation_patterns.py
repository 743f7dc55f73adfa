"""Alias and relation patterns read from sentences (KB matcher only, no parser)."""

from __future__ import annotations

import re
from types import SimpleNamespace

from conflictlens.extract.relations import find_relations
from conflictlens.knowledge.actors import ActorKB


def _relations(text: str, quotes: list[SimpleNamespace] | None = None) -> set[tuple[str, ...]]:
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^ .][^.]*\.", text)]
    found = find_relations(text, sentences, ActorKB.default().find(text), [], quotes or [])
    return {(r.subject, r.predicate, r.object, r.voice) for r in found}


def test_armed_wing_known_locally_and_former_names() -> None:
    got = _relations(
        "The Qassam Brigades, the Hamas's armed wing, fired rockets. "
        "Hamas's armed wing, Jaysh al-Asifa, denied it. "
        "Liwa al-Quds, known locally as Quwat al-Nayrab, took part. "
        "An official with Fatah al-Sham Front, formerly known as Nusra Front, spoke."
    )
    assert ("Qassam Brigades", "alias_of", "Hamas Movement", "outlet") in got
    assert ("Jaysh al-Asifa", "alias_of", "Hamas Movement", "outlet") in got
    assert ("Quwat al-Nayrab", "alias_of", "Liwa al-Quds", "outlet") in got
    assert ("Nusra Front", "formerly_alias_of", "Jabhat al Nusra", "outlet") in got
    assert not any(p == "alias_of" and s == "Nusra Front" for s, p, _, _ in got)


def test_an_alias_stands_next_to_its_actor() -> None:
    got = _relations(
        "Liwa al-Quds fought in Aleppo. The brigade, also known as Quwat al-Nayrab, held. "
        "Ahrar al-Sham said its council appointed Hashem al-Sheikh also known as Abu Jaber."
    )
    assert {(s, p, o) for s, p, o, _ in got} == {("Quwat al-Nayrab", "alias_of", "Liwa al-Quds")}


def test_leaders_founders_and_affiliates() -> None:
    got = _relations(
        "Jaysh al-Islam is led by Essam al-Buwaydhani. "
        "Liwa al-Quds was set up by engineer Muhammad al-Sa'eed. "
        "Rebels clashed with Al-Nusra Front, Al-Qaeda's Syria affiliate, at dawn. "
        "Jaysh al-Fatah, led by Ahrar al-Sham, took Idlib."
    )
    assert ("Jaysh al-Islam", "led_by", "Essam al-Buwaydhani", "outlet") in got
    assert ("Liwa al-Quds", "founded_by", "Muhammad al-Sa'eed", "outlet") in got
    assert ("Jabhat al Nusra", "affiliated_with", "Al Qaeda", "outlet") in got
    assert not any(p == "led_by" and s == "Jaysh al-Fatah" for s, p, _, _ in got)  # no person


def test_a_modifier_is_no_side_and_new_groups_are_sides() -> None:
    got = _relations(
        "Syrian Army troops clashed with al-Qaeda-affiliated al-Nusra Front near Rastan. "
        "The Shuhada al-Yarmouk Brigade fought alongside Jaysh al-Islam."
    )
    relations = {(s, p, o) for s, p, o, _ in got}
    assert ("Military Forces of Syria (2000-2024)", "fights", "Jabhat al Nusra") in relations
    assert not any("Qaeda" in s and p == "fights" for s, p, _ in relations)
    assert not any("Qaeda" in o and p == "fights" for _, p, o in relations)
    assert ("Shuhada al-Yarmouk Brigade", "allied_with", "Jaysh al-Islam") in relations


def test_a_quoted_claim_has_the_speaker_as_voice() -> None:
    text = 'He said: "Liwa al-Quds fought alongside Hezbollah." The army was quiet.'
    quote = SimpleNamespace(start=text.index('"'), end=text.index('." ') + 2, speaker="Abu Ali")
    got = _relations(text, [quote])
    assert ("Liwa al-Quds", "allied_with", "Hezbollah", "Abu Ali") in got
