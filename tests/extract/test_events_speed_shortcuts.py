"""The shortcuts that make event and relation extraction fast must not change what they find.

Each shortcut (a cue pre-check, a skip of texts that cannot name a referenced actor, memoised
lemmas) is checked against the slow path it replaces, on the inputs where they could disagree.
"""

from __future__ import annotations

import re
import sys

import pytest
import spacy
from spacy.tokens import Doc

from conflictlens.actors.referenced import find_referenced, referenced_kb
from conflictlens.extract import relations, triggers
from conflictlens.knowledge.actors import ActorKB
from conflictlens.knowledge.normalize import CASE_FOLD_TRAPS


def test_case_traps_list_every_character_that_lowercasing_and_ignorecase_disagree_on() -> None:
    # Outside these characters, an ASCII cue occurs in any case exactly when its lower case
    # occurs in text.lower(): no other non-ASCII character matches or lower-cases to ASCII.
    ascii_ignorecase = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    missed = [
        hex(code)
        for code in range(0x80, sys.maxunicode + 1)
        if (ascii_ignorecase.match(chr(code)) or any(ch.isascii() for ch in chr(code).lower()))
        and not CASE_FOLD_TRAPS.search(chr(code))
    ]
    assert missed == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Army of Islam, BACKED BY Saudi Arabia, advanced.",
        "Jaysh al-Izza, ſupported by Turkey, advanced.",  # long s: IGNORECASE reads an s
        "İdlib rebels, Backed by Turkey, advanced.",
        "The offensive on the town continued on Monday.",
        "Nothing here.",
    ],
)
def test_cue_check_agrees_with_the_cue_regex(sentence: str) -> None:
    present = relations._cues_present(sentence)
    expected = relations._cue_possible(sentence)
    if present is None:
        assert CASE_FOLD_TRAPS.search(sentence)
    else:
        assert bool(present) == expected
        slow = {
            cue.lower()
            for _, _, cue, pattern in relations._cues()["compiled"]
            if pattern.search(sentence)
        }
        assert slow <= present  # no cue whose pattern matches is skipped


def _relations(text: str) -> set[tuple[str, str, str]]:
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^ .][^.]*\.", text)]
    found = relations.find_relations(text, sentences, ActorKB.default().find(text), [], [])
    return {(r.subject, r.predicate, r.object) for r in found}


def test_upper_case_cues_and_odd_letters_still_give_relations() -> None:
    alias = ("Quwat al-Nayrab", "alias_of", "Liwa al-Quds")
    assert alias in _relations("Liwa al-Quds, KNOWN LOCALLY AS Quwat al-Nayrab, took part.")
    # A dotted capital I elsewhere in the sentence sends it down the regex path.
    assert alias in _relations("In İdlib, Liwa al-Quds, known locally as Quwat al-Nayrab, held.")
    # re.IGNORECASE reads the long s as an s, and so does the extractor.
    assert ("Liwa al-Quds", "supported_by", "Hezbollah") in _relations(
        "Liwa al-Quds, ſupported by Hezbollah, took part."
    )


@pytest.mark.parametrize(
    "text",
    [
        "The al-Qaeda-linked Nusra Front attacked the town.",
        "Al Qaida's Syria affiliate and al-Qa'ida fighters were there.",
        "Fighters of Al-Qaedas branch.",
        "The army shelled the village; no group claimed it.",
        "",
    ],
)
def test_referenced_actors_found_as_by_the_full_matcher(text: str) -> None:
    assert find_referenced(text) == referenced_kb().find(text)


def _doc(words: list[str], tags: list[str], pos: list[str]) -> Doc:
    # A hand-built parse: every word hangs off the first (enough for lemma and trigger lookup).
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        tags=tags,
        pos=pos,
        deps=["ROOT"] + ["dep"] * (len(words) - 1),
        heads=[0] * len(words),
    )


def test_memoised_lemmas_depend_on_the_tag_not_on_the_first_reading() -> None:
    # The same word as a verb and as a plural noun has two lemmas; the memo keeps both apart.
    verb = _doc(["Rebels", "attacks", "towns"], ["NNS", "VBZ", "NNS"], ["NOUN", "VERB", "NOUN"])
    noun = _doc(["The", "attacks", "ended"], ["DT", "NNS", "VBD"], ["DET", "NOUN", "VERB"])
    other = _doc(["strikes", "strikes"], ["NNS", "VBZ"], ["NOUN", "VERB"])
    for doc in (verb, noun, other, verb):
        for token in doc:
            assert triggers._memo_lemma(token) == triggers._lemma(token)
    specs, _ = triggers.trigger_lexicon()
    for doc in (verb, noun, other):
        for token in doc:
            if triggers._lemma(token) in specs:
                assert triggers._MAY_TRIGGER.get(token.lower, True)
    found = triggers.find_triggers(verb, 0)
    assert [(t.token.text, t.spec.lemma, t.is_verb) for t in found] == [("attacks", "attack", True)]
