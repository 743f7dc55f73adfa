"""Toponym recognition: which gazetteer matches in a text really name a place.

A gazetteer match is only a candidate: "Obama" is a town in Japan, "Since" one in the US,
"Reston" a virus as well as a town, "New York" is the place in "New York state" but not in "the
New York Times". The tests here are spaCy-free and cheap (they look at the words around a
match), so the geoparser can run on every sentence: honorifics and first names before a
one-word match make it a person, a following capitalised word makes it part of a longer name
(unless that word is a place word: "Homs Governorate", "Scott County"), a one-word match that is
a frequent English word ("Valley", "Media") needs a place name right after it to count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from conflictlens.knowledge.gazetteer import Place, PlaceMatch
from conflictlens.knowledge.normalize import name_key

__all__ = ["Candidate", "recognize"]

#: Kinds that are names of large areas: modifiers ("US Army", "California Department of
#: Public Health") still name the place, so they are kept before a capitalised word.
AREA_KINDS = frozenset({"country", "admin1", "continent", "region", "desert_region"})


@dataclass(frozen=True)
class Candidate:
    """A recognised toponym: its span and the gazetteer places it may be."""

    start: int
    end: int
    surface: str
    places: tuple[Place, ...]


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    """Word lists of ``geo/data/recognition.json``, keyed by list name."""
    import json

    raw = resources.files("conflictlens.geo").joinpath("data", "recognition.json")
    data = json.loads(raw.read_text("utf-8"))
    return {key: frozenset(value) for key, value in data.items() if not key.startswith("_")}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-cased one-word place names that are frequent English words (built with the data)."""
    raw = resources.files("conflictlens.geo").joinpath("data", "common_words.txt")
    return frozenset(line.strip() for line in raw.read_text("utf-8").splitlines() if line.strip())


_WORD_BEFORE = re.compile(r"([A-Z][\w'’.-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([A-Z][\w'’-]*)")


def _previous_word(text: str, start: int) -> str | None:
    found = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return found.group(1) if found else None


def _is_person(text: str, match: PlaceMatch, places: Sequence[Place]) -> bool:
    lexicon = _lexicon()
    previous = _previous_word(text, match.start)
    if previous is None:
        return False
    if previous.rstrip(".") in lexicon["honorifics"]:
        return True
    # "Nelson Mandela", "Tim Whitley": a capitalised word glued before a one-word small place.
    if " " in match.surface or any(p.kind in AREA_KINDS for p in places):
        return False
    if previous in lexicon["place_intros"] or previous.rstrip(".") in lexicon["place_words"]:
        return False
    start_of_previous = match.start - len(previous) - 1
    return not _sentence_initial(text, start_of_previous)


def _sentence_initial(text: str, start: int) -> bool:
    window = text[max(0, start - 4) : start]
    return start <= 0 or not window.strip() or window.rstrip()[-1:] in '.!?:;"“”(\n'


def _glued_to_longer_name(text: str, match: PlaceMatch, places: Sequence[Place]) -> bool:
    lexicon = _lexicon()
    following = _WORD_AFTER.match(text, match.end)
    if following is None:
        return False
    word = following.group(1)
    if word in lexicon["place_words"]:
        return False
    if word in lexicon["name_words"]:  # "New York Times", "Taco Bell", "White House"
        return True
    if any(p.kind in AREA_KINDS for p in places) or any(p.curated for p in places):
        return False
    return " " not in match.surface


def _common_word(text: str, match: PlaceMatch, places: Sequence[Place]) -> bool:
    if " " in match.surface:
        return False
    if match.surface in _lexicon()["generic_words"]:
        return True
    if any(p.kind in AREA_KINDS or p.curated for p in places):
        return False
    if name_key(match.surface).replace(" ", "") not in common_words() and (
        match.surface.lower() not in common_words()
    ):
        return False
    # "Austin, Texas": a place right after it vouches for it.
    return not re.match(r",\s+[A-Z]", text[match.end : match.end + 3])


def _acronym(match: PlaceMatch, places: Sequence[Place]) -> bool:
    """ "SAA", "IDF", "UN": an all-capitals word is an acronym unless a place is written so."""
    letters = match.surface.replace(".", "")
    if len(letters) < 2 or not letters.isupper() or " " in match.surface:
        return False
    return not any(p.kind in AREA_KINDS or p.curated or p.name.isupper() for p in places)


def recognize(
    text: str,
    matches: Iterable[PlaceMatch],
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Candidate]:
    """The matches that name places, without those inside ``exclude`` spans (actor names)."""
    out = []
    for match in matches:
        if any(s <= match.start < e or match.start <= s < match.end for s, e in exclude):
            continue
        places = match.candidates
        if _acronym(match, places):
            continue
        if (
            _is_person(text, match, places)
            or _glued_to_longer_name(text, match, places)
            or _common_word(text, match, places)
        ):
            continue
        out.append(Candidate(match.start, match.end, match.surface, places))
    return out
