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
from conflictlens.knowledge.normalize import ARTICLES, STANCE_BEFORE, name_key

__all__ = ["Candidate", "recognize"]

#: Kinds that are names of large areas: modifiers ("US Army", "California Department of
#: Public Health") still name the place, so they are kept before a capitalised word.
AREA_KINDS = frozenset({"country", "admin1", "continent", "region", "desert_region", "water"})


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
def _outlet_pattern() -> re.Pattern[str]:
    """The names of ``geo/data/outlets.txt`` as one pattern, longest first, whole words only."""
    raw = resources.files("conflictlens.geo").joinpath("data", "outlets.txt")
    names = [
        line.strip()
        for line in raw.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # Each name's words joined by "a space or a hyphen": "Al-Mayadeen", "Al Mayadeen".
    forms = ["[- ]".join(map(re.escape, name.split())) for name in sorted(names, key=len)[::-1]]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])")


def outlet_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a news outlet or agency of ``outlets.txt`` (not a place there)."""
    return [m.span() for m in _outlet_pattern().finditer(text)]


#: "Fars news agency", "the Petra news agency": a place name starting an agency's name.
_AGENCY_AFTER = re.compile(r"[ \t]+news agency\b")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-cased one-word place names that are frequent English words (built with the data)."""
    raw = resources.files("conflictlens.geo").joinpath("data", "common_words.txt")
    return frozenset(line.strip() for line in raw.read_text("utf-8").splitlines() if line.strip())


_ARTICLES = frozenset(a.casefold() for a in ARTICLES)
_DESIGNATOR = re.compile(r"\s+(?:state|province|region|district|governorate|county|city)$")
_WORD_BEFORE = re.compile(r"([A-Z][\w'’.-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([A-Z][\w'’-]*)")
_OPENS_WITH_ARTICLE = re.compile(r"(?:al|el|as|ash|ad|ar|at|az|an|ath)-")


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
    if previous.endswith(".") and len(previous) > 2:
        return False  # "... Nature Reserves. Esperance recorded": a new sentence, not a name
    if previous.casefold() in _ARTICLES:
        return False  # "near As Sukhnah", "El Fasher": the Arabic article of the name itself
    if (
        _OPENS_WITH_ARTICLE.match(match.surface)
        and previous not in lexicon["place_intros"]
        and previous.rstrip(".") not in lexicon["place_words"]
    ):
        # "Liwa al-Quds", "Ahrar al-Sham", "Abu al-Fadl": a name opening with a lowercase
        # article after a capitalised word ends a longer name, a group's or a man's, even at a
        # sentence's start (a place's own first word would have been matched with it).
        return True
    # "Nelson Mandela", "Tim Whitley": a capitalised word glued before a one-word small place.
    if " " in match.surface or any(p.kind in AREA_KINDS for p in places):
        return False
    if previous in lexicon["place_intros"] or previous.rstrip(".") in lexicon["place_words"]:
        return False
    # "Tim Whitley, a city official": a first name makes a surname even at a sentence's start,
    # where any capitalised word may stand ("Residents Whitley" is not said; "Mohammed Ali" is).
    if previous in given_names() or previous.split("-")[0] in given_names():
        return True
    start_of_previous = match.start - len(previous) - 1
    return not _sentence_initial(text, start_of_previous)


def _sentence_initial(text: str, start: int) -> bool:
    window = text[max(0, start - 4) : start]
    return start <= 0 or not window.strip() or window.rstrip()[-1:] in '.!?:;"“”(\n'


_ARTICLE_AFTER = re.compile(r"[ \t]+(?:al|el|as|ash|ad|ar|at|az|an|ath)-[A-Z]")


def _small_word(match: PlaceMatch, places: Sequence[Place]) -> bool:
    return " " not in match.surface and not any(p.kind in AREA_KINDS or p.curated for p in places)


def _glued_to_longer_name(text: str, match: PlaceMatch, places: Sequence[Place]) -> bool:
    lexicon = _lexicon()
    if _AGENCY_AFTER.match(text, match.end):
        return True
    following = _WORD_AFTER.match(text, match.end)
    if following is None:
        # "Liwa al-Quds", "Jaysh al-Islam": a word before a lowercase Arabic article starts a
        # longer name the gazetteer does not hold (an armed group's, most often).
        return bool(_ARTICLE_AFTER.match(text, match.end)) and _small_word(match, places)
    word = following.group(1)
    if word in lexicon["place_words"]:
        return False
    if word in lexicon["name_words"]:  # "New York Times", "Taco Bell", "White House"
        return True
    if match.surface in given_names():  # "Paul Kemp", "Michael Worobey"
        return True
    if any(p.kind in AREA_KINDS for p in places) or any(p.curated for p in places):
        return False
    return " " not in match.surface


#: A date after a day's name: "Mon Aug 29 2016", "Sun, 12 May".
_DATE_AFTER = re.compile(
    r",?[ \t]+(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
)


_WEEKDAYS = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)


def _common_word(text: str, match: PlaceMatch, places: Sequence[Place]) -> bool:
    generic = _lexicon()["generic_words"]
    # "SOUTHEAST", "SOUTH AFRICAN UNREST": a headline in capitals hides the same words.
    if match.surface in generic or (match.surface.isupper() and match.surface.title() in generic):
        return True
    if match.surface in _lexicon()["day_names"] and _DATE_AFTER.match(text, match.end):
        return True
    if match.surface in _WEEKDAYS and _small_word(match, places):
        return True  # "Last Thursday" is no Thursday Island
    if " " in match.surface:
        return False
    if any(p.kind in AREA_KINDS or p.curated for p in places):
        return False
    if name_key(match.surface).replace(" ", "") not in common_words() and (
        match.surface.lower() not in common_words()
    ):
        return False
    return not _place_after(text, match.end)


def _place_after(text: str, end: int) -> bool:
    """ "Austin, Texas", "Alfred, New York": a place right after a name vouches for it."""
    return bool(re.match(r",\s+[A-Z]", text[end : end + 3]))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common first names that are no English word and no large place's name ("Tim", "Alison";
    not "Will", "Austin"; built by ``python -m conflictlens.geo.build_given_names``)."""
    raw = resources.files("conflictlens.geo").joinpath("data", "given_names.txt")
    lines = raw.read_text("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Countries' demonyms that are no place's name ("German", "Somali"; built with the data)."""
    raw = resources.files("conflictlens.geo").joinpath("data", "demonyms.txt")
    return frozenset(line.strip() for line in raw.read_text("utf-8").splitlines() if line.strip())


# "US$5 million", "$US 1.5 billion": a currency, not the country.
_CURRENCY_AFTER = re.compile(r"\$")
_CURRENCY_BEFORE = re.compile(r"\$\s?$")
# "the Reston ebolavirus", "Marburg virus", "West Nile fever": a disease named after a place.
_DISEASE_AFTER = re.compile(
    r"[ -](?:virus|viruses|ebolavirus|fever|disease|haemorrhagic|hemorrhagic|strain|flu)\b", re.I
)
# "Operation Olive Branch", "the “Olive Branch” Operation", "Euphrates Shield Operation": a
# military operation's name ("the Afrin operation" is still Afrin's).
_OPERATION_BEFORE = re.compile(r"\bOperation[ \t]+[\"“']?$")
_OPERATION_AFTER = re.compile(r"(?:[\"”’'][ \t]*(?:[Oo]peration|offensive)|[ \t]+Operation)\b")
# "Ebola-Reston", "Agence France-Presse": one part of a hyphenated name.
_HYPHEN_BEFORE = re.compile(r"[A-Z][a-z]{2,}-$")
_HYPHEN_AFTER = re.compile(r"-[A-Z][a-z]")


def _part_of_other_name(text: str, match: PlaceMatch, bounds: frozenset[int] = frozenset()) -> bool:
    """A currency, a disease, a stance ("pro-Ankara"), a military operation or one half of a
    hyphenated name of something else.

    ``bounds`` are the starts and ends of the text's other matches: "Asia-Pacific" and
    "Syria-Turkey border" join two places, not a place and a name.
    """
    before = text[max(0, match.start - 12) : match.start]
    after = text[match.end : match.end + 20]
    if _CURRENCY_AFTER.match(after) or _CURRENCY_BEFORE.search(before):
        return True
    if _DISEASE_AFTER.match(after) or STANCE_BEFORE.search(before):
        return True
    if _OPERATION_AFTER.match(after) or _OPERATION_BEFORE.search(before):
        return True
    found = _HYPHEN_BEFORE.search(before)
    if (
        found
        and found.group().rstrip("-").casefold() not in _ARTICLES
        and match.start - 1 not in bounds
    ):
        return True
    return (
        bool(_HYPHEN_AFTER.match(after))
        and " " not in match.surface
        and match.end + 1 not in bounds
    )


#: A dateline's place: "MOSUL, Iraq (AP) —", "ATLANTA —", "ALEPPO (Reuters) -" at a line's start.
_DATELINE_AFTER = re.compile(r"[ \t]*(?:,|\(|—|–|--?[ \t])")


def _acronym(text: str, match: PlaceMatch, places: Sequence[Place]) -> bool:
    """ "SAA", "IDF", "UN": an all-capitals word is an acronym unless a place is written so,
    or it opens a dateline."""
    letters = match.surface.replace(".", "")
    if len(letters) < 2 or not letters.isupper() or " " in match.surface:
        return False
    if any(p.kind in AREA_KINDS or p.curated or p.name.isupper() for p in places):
        return False
    line_start = not text[text.rfind("\n", 0, match.start) + 1 : match.start].strip(" \t")
    return not (line_start and _DATELINE_AFTER.match(text, match.end))


def _short_form_in_lower_case(match: PlaceMatch, places: Sequence[Place]) -> bool:
    """ "Car bomb kills 34": a country's short form ("CAR", "UAE", "DRC") is written in
    capitals; a word of four letters or fewer that is none of its places' own names is not it."""
    surface = match.surface
    return (
        len(surface.replace(".", "")) <= 4
        and not surface.isupper()
        and all(p.kind == "country" for p in places)
        and all(name_key(surface) != name_key(p.name) for p in places)
    )


#: A name with a place this large keeps its place sense even after a person's use of it.
_KNOWN_POPULATION = 100_000
#: A first name alone ("her husband Alfred", "Laura and I") is a person's, not a village's of
#: fewer people than this, unless the text says it is a place (``_first_name_alone``).
_VILLAGE_POPULATION = 5_000
#: "in Alfred", "near Dennis", "the village of Laura": words before a place.
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|from|(?<!according )to|outside|toward|towards)"
    r"|\b(?:[Tt]own|[Vv]illage|[Cc]ity) of)[ \t]+$"
)


_SPEECH_AFTER = re.compile(
    r",?[ \t]+(?:said|says|told|added|explained|noted|wrote|argued|asked|replied|stated)\b"
)
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|according to)[ \t]+$")


def _speaker(text: str, match: PlaceMatch, places: Sequence[Place]) -> bool:
    """ "Anderson said", "said Anderson": a small place's one-word name speaking is a person's
    (a country or a large city speaking is its government: "Moscow said"), unless a
    preposition puts it somewhere ("officials in Anderson said")."""
    if not _single_small_place(match, places) or any(p.kind == "district" for p in places):
        return False  # a county may be the subject: "said Devon and Cornwall police were"
    before = text[max(0, match.start - 16) : match.start]
    if _PLACE_BEFORE.search(before):
        return False  # "officials in Anderson said"
    return bool(_SPEECH_AFTER.match(text, match.end) or _SPEECH_BEFORE.search(before))


def _first_name_alone(text: str, match: PlaceMatch, places: Sequence[Place]) -> bool:
    """A one-word village's name that is a common first name, with nothing saying it is a place
    (a preposition before it, a place after it: "Alfred, New York")."""
    if " " in match.surface or match.surface not in given_names():
        return False
    if any(
        p.kind in AREA_KINDS or p.curated or p.population >= _VILLAGE_POPULATION for p in places
    ):
        return False
    before = text[max(0, match.start - 16) : match.start]
    return not (_PLACE_BEFORE.search(before) or _place_after(text, match.end))


def _single_small_place(match: PlaceMatch, places: Sequence[Place]) -> bool:
    return " " not in match.surface and not any(
        p.kind in AREA_KINDS or p.curated or p.population >= _KNOWN_POPULATION for p in places
    )


def recognize(
    text: str,
    matches: Iterable[PlaceMatch],
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Candidate]:
    """The matches that name places, without those inside ``exclude`` spans (actor names) or
    inside the name of a news outlet ("Al Jazeera", "SANA": ``outlets.txt``).

    One sense per text: a one-word name seen as a person's ("Tim Whitley", "Mohammed Ali") or
    a disease's ("the Marburg virus") is that elsewhere in the text too ("Whitley said").
    """
    matches = list(matches)
    exclude = [*exclude, *outlet_spans(text)]
    bounds = frozenset(m.start for m in matches) | frozenset(m.end for m in matches)
    kept: list[PlaceMatch] = []
    other_sense: set[str] = set()
    for match in matches:
        if any(s <= match.start < e or match.start <= s < match.end for s, e in exclude):
            continue
        places = match.candidates
        if len(match.surface) < 2 or _acronym(text, match, places) or match.surface in demonyms():
            continue
        if _short_form_in_lower_case(match, places):
            continue
        if _part_of_other_name(text, match, bounds) or _is_person(text, match, places):
            if _single_small_place(match, places):
                other_sense.add(match.surface)
            continue
        if _glued_to_longer_name(text, match, places) or _common_word(text, match, places):
            continue
        if _first_name_alone(text, match, places) or _speaker(text, match, places):
            other_sense.add(match.surface)
            continue
        kept.append(match)
    out = []
    for match in kept:
        if match.surface in other_sense:
            continue
        start, end, surface = match.start, match.end, match.surface
        # "New York state", "Nyanza province": the name is the toponym, the designator is not
        # (a capitalised one is part of the name: "Nyanza Province", "Dallas County").
        trimmed = _DESIGNATOR.search(surface)
        if trimmed:
            surface = surface[: trimmed.start()]
            end = start + len(surface)
        out.append(Candidate(start, end, surface, match.candidates))
    return out
