"""The geoparser: toponyms in a text, each resolved to one gazetteer place using the document.

Recognition (``recognize``) keeps the gazetteer matches that name places. Resolution scores
every candidate place of a toponym by what it is (a country or province before a homonymous
village; a city by its population) and by what the rest of the document says: countries and
provinces it mentions, the place named right after it ("Austin, Texas"), and how close it lies
to the other places of the text. It runs twice: the first pass picks with the explicit context,
the second with the places picked in the first. Spatial cues ("the countryside of", "north
of", "near the border with") set each toponym's ACLED geo_precision; a region keeps the
gazetteer's point or none, never an invented one.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from conflictlens.geo.cues import Cue, container_after, cue_at
from conflictlens.geo.recognize import AREA_KINDS, Candidate, recognize
from conflictlens.knowledge.gazetteer import Gazetteer, Place, PlaceMatch
from conflictlens.knowledge.normalize import ARTICLES, name_key

__all__ = ["Toponym", "find_places", "geoparse", "resolve"]


@dataclass(frozen=True)
class Toponym:
    """A place name in a text and the place it resolves to (None when no candidate fits)."""

    start: int
    end: int
    name: str
    place: Place | None
    candidates: tuple[Place, ...] = ()
    cue: Cue | None = None

    @property
    def geo_precision(self) -> int:
        """ACLED geo_precision of this mention: the place's own, lowered by a spatial cue."""
        own = self.place.geo_precision if self.place is not None else 3
        return max(own, self.cue.precision) if self.cue is not None else own


# Prior of a place when a name is ambiguous, on a log10-of-population scale: a city scores
# log10(population), an area kind the score of a city it usually outranks (a country that of a
# city of 100 million, a province that of a city of a million), so "Georgia" in a text about
# Atlanta and Texas is the state and "Cairo" the Egyptian capital, not the town in Illinois.
_KIND_PRIOR = {
    "country": 8.0,
    "continent": 8.5,
    "admin1": 6.0,
    "region": 5.0,
    "desert_region": 5.0,
    # Above a province: "the Red Sea" in the news is the sea more often than Egypt's or Sudan's
    # Red Sea province, unless the text is about that country (see the shores in ``_score``).
    "water": 6.5,
    "district": 3.5,
    "mountain": 3.5,
    "camp": 3.5,
    "military_base": 3.0,
    "border_crossing": 3.0,
    "hospital": 3.0,
    "neighbourhood": 3.0,
}
_CITY_KINDS = frozenset({"city", "town", "village"})
_NEAR_KM = 400.0
# A small place in a country nothing else in the text points to is more often a homonym
# ("Mahas" in a Somali story read as the Jordanian village) than the place meant.
_STRAY_POPULATION = 50_000
# ... and one reached through another of its names, or an article its name lacks, up to this.
_STRAY_POPULATION_LOOSE = 1_000_000
_FIRST_WORD = re.compile(r"[^\s-]+")
# Cities this large are named in news from anywhere ("Moscow", "Cairo").
_WORLD_CITY = 1_000_000
# A town this large, named by another of its names, is still its province's seat ("Mecca"
# for Makkah, "Quneitra" for Al Qunaytirah); a village is not ("Minneota", also "Minnesota").
_KNOWN_SEAT_POPULATION = 5_000
# A name that is only one of a small place's alternate names ("Canada" for La Cañada,
# "Lebanon" for a former name of a US town) is weaker evidence than its own name.
_ALIAS_PENALTY = 1.5


def _prior(place: Place, surface_key: str) -> float:
    if place.kind in _CITY_KINDS:
        base = math.log10(place.population + 10)
    else:
        base = _KIND_PRIOR.get(place.kind, 3.5)
        if place.kind == "district" and place.population:
            base = max(base, math.log10(place.population + 10))
    if (
        place.kind not in ("country", "continent")
        and not place.curated
        and surface_key
        and _bare_key(place.name) != surface_key
    ):
        base -= _ALIAS_PENALTY
    return base + (0.5 if place.curated else 0.0)


_DESIGNATORS = frozenset(
    {"state", "province", "region", "district", "governorate", "county", "oblast", "city"}
)


@lru_cache(maxsize=65_536)  # called for every candidate place's name in every score
def _bare_key(name: str) -> str:
    """The name key without a trailing designator: "Homs Governorate" and "Homs" agree."""
    key = name_key(name)
    head, _, last = key.rpartition(" ")
    return head if head and last in _DESIGNATORS else key


def _is_seat(city: Place, surface: str) -> bool:
    """Whether ``city`` is what a province's bare name means: a city of that very name
    ("Aleppo"); an "X City" of a million ("New York", not "Oklahoma" or "Maryland", whose
    Maryland City has 16,000 people); a town reached by another spelling of its name ("Mecca"
    for Makkah, "Quneitra" for Al Qunaytirah), not a village ("Minneota", also spelt
    "Minnesota")."""
    own, said = name_key(city.name), name_key(surface)
    if own == said:
        return True
    if _bare_key(city.name) == _bare_key(surface):
        return city.population >= _WORLD_CITY
    # another spelling, word for word: not "Bihar" for Bihar Sharif, a city of Bihar state
    return own.count(" ") == said.count(" ") and city.population >= _KNOWN_SEAT_POPULATION


def _province(place: Place) -> tuple[str, str]:
    return (place.country, place.admin1 or place.name)


@dataclass
class _Context:
    """What the document says about where it is, with each toponym's own share removable."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[tuple[str, str]] = field(default_factory=Counter)
    points: list[Place] = field(default_factory=list)
    # (id(place), ids of points left out) -> how many ``points`` lie near it (at most 3
    # count). The places scored are the candidates' and live as long as the context, so
    # their ids stay theirs.
    near: dict[tuple[int, frozenset[int]], int] = field(default_factory=dict)


def _explicit_context(candidates: Sequence[Candidate], extra: Counter[str]) -> _Context:
    context = _Context(countries=Counter(extra))
    for candidate in candidates:
        # A place of no country among them ("the Levant", also a village in Maine) leaves
        # the name's country open.
        countries = {p.country for p in candidate.places}
        if len(countries) == 1 and (country := next(iter(countries))):
            weight = 2 if any(p.kind == "country" for p in candidate.places) else 1
            context.countries[country] += weight
        admin1s = {(p.country, p.admin1 or p.name) for p in candidate.places if p.kind == "admin1"}
        if len(admin1s) == 1 and len(candidate.places) == 1:
            context.admin1s[next(iter(admin1s))] += 1
    return context


def _chosen_context(chosen: Sequence[Place | None], extra: Counter[str]) -> _Context:
    context = _Context(countries=Counter(extra))
    for place in chosen:
        if place is None:
            continue
        if place.country:
            context.countries[place.country] += 2 if place.kind == "country" else 1
        if place.admin1 and place.kind not in ("country", "continent"):
            context.admin1s[(place.country, place.admin1)] += 1
        # A sea's point says nothing about which towns are near (nor should the Red Sea
        # vote, through its point, for the Red Sea province beside it).
        if place.lat is not None and place.kind not in ("country", "continent", "water"):
            context.points.append(place)
    return context


def _own_share(places: Sequence[Place]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """What a toponym itself adds to the first pass's context (so it does not vote for itself).

    Provinces: any of its candidates' (the contexts may hold either). Countries: its country
    when all its candidates lie in one, as ``_explicit_context`` counts it (the second pass
    subtracts the place chosen for it instead). A candidate's country is not subtracted
    otherwise: "Israeli jets struck Gaza" keeps Israel's vote for Gaza, Palestine, though a
    "Gaza" district of Israel is among the candidates.
    """
    admin1s: Counter[tuple[str, str]] = Counter()
    for place in places:
        if place.admin1:
            admin1s[(place.country, place.admin1)] = 1
    countries = _explicit_context([Candidate(0, 0, "", tuple(places))], Counter()).countries
    return countries, admin1s


@dataclass(frozen=True)
class _Others:
    """What the context holds beyond a toponym's own share: the same for all its candidates."""

    elsewhere: bool  # some country is mentioned by other toponyms
    admin1_countries: frozenset[str]  # countries with a province mentioned by others


def _others(context: _Context, own: tuple[Counter[str], Counter[tuple[str, str]]]) -> _Others:
    return _Others(
        any(n - own[0].get(c, 0) > 0 for c, n in context.countries.items()),
        frozenset(
            country
            for (country, name), n in context.admin1s.items()
            if n - own[1].get((country, name), 0) > 0
        ),
    )


@lru_cache(maxsize=1)
def _linked_countries() -> dict[str, tuple[str, ...]]:
    """Countries whose mentions count for each other's places (``data/resolution.json``)."""
    raw = resources.files("conflictlens.geo").joinpath("data", "resolution.json").read_text("utf-8")
    linked = json.loads(raw)["linked_countries"]
    return {country: tuple(others) for country, others in linked.items()}


def _score(
    place: Place,
    context: _Context,
    own: tuple[Counter[str], Counter[tuple[str, str]]],
    container: Sequence[Place],
    surface_key: str = "",
    inner: Sequence[Place] = (),
    others: _Others | None = None,
    skip: frozenset[int] = frozenset(),
) -> float:
    if others is None:
        others = _others(context, own)
    score = _prior(place, surface_key)
    mentions = sum(
        max(context.countries.get(country, 0) - own[0].get(country, 0), 0)
        for country in (
            place.shores or (place.country, *_linked_countries().get(place.country, ()))
        )
    )
    if place.kind != "continent" and mentions > 0:
        score += 1.0 + 0.25 * math.log1p(mentions)
    elif (
        place.kind not in ("country", "continent")
        and place.country  # a region of no one country ("the Middle East") is not elsewhere
        and place.population < _WORLD_CITY
        and others.elsewhere
    ):
        score -= 1.0  # the document is about somewhere else
    if place.kind == "admin1" and place.country in others.admin1_countries:
        score += 1.0  # "California, Oregon and Georgia": provinces of one country together
    if place.kind not in ("country", "admin1", "continent"):
        key = (place.country, place.admin1)
        if place.admin1 and context.admin1s.get(key, 0) - own[1].get(key, 0) > 0:
            score += 1.0
    if container and any(_contains(outer, place) for outer in container):
        score += 4.0
    if inner and any(_contains(place, other) for other in inner):
        score += 4.0  # "Atlanta, Georgia": Georgia is the one that holds an Atlanta
    if context.points and place.kind not in ("country", "continent"):
        near = context.near.get((id(place), skip))
        if near is None:
            near = min(_near_count(place, context.points, skip), 3)
            context.near[(id(place), skip)] = near
        score += near * 0.5
    return score


# Two places more than this many degrees of latitude apart are further than _NEAR_KM apart
# (a great circle is at least as long as its latitude difference: 4 degrees = 444.8 km), so
# their distance need not be computed.
_NEAR_DEGREES = 4.0


def _near_count(place: Place, points: Sequence[Place], skip: frozenset[int] = frozenset()) -> int:
    """How many other ``points`` lie under _NEAR_KM from ``place`` (haversine distance),
    leaving out those whose id is in ``skip``.

    Far-apart pairs are skipped by latitude alone, and ``place``'s own terms are computed
    once; the arithmetic is the plain haversine's, term for term, so the floats are too.
    """
    lat, lon = place.lat, place.lon
    if lat is None or lon is None:
        return 0  # no point: no distance
    p1 = math.radians(lat)
    cos_p1 = math.cos(p1)
    count = 0
    for other in points:
        if other is place or other.lat is None or other.lon is None or id(other) in skip:
            continue
        if abs(lat - other.lat) > _NEAR_DEGREES:
            continue
        p2 = math.radians(other.lat)
        dl = math.radians(other.lon - lon)
        h = math.sin((p2 - p1) / 2) ** 2 + cos_p1 * math.cos(p2) * math.sin(dl / 2) ** 2
        if 2 * 6371.009 * math.asin(min(1.0, math.sqrt(h))) < _NEAR_KM:
            count += 1
    return count


def _close(a: Place, b: Place) -> bool:
    """Within about 50 km: a borough and its city (Queens and New York City are 15 km apart)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return abs(a.lat - b.lat) < 0.5 and abs(a.lon - b.lon) < 0.6


def _contains(outer: Place, inner: Place) -> bool:
    if outer is inner or not outer.country or outer.country != inner.country:
        return False
    if outer.kind == "country":
        return inner.kind != "country"
    if outer.kind == "admin1":
        return inner.admin1 == (outer.admin1 or outer.name) and inner.kind != "admin1"
    return False


def _first_word(name: str) -> str:
    found = _FIRST_WORD.match(name)
    return found.group().casefold() if found else ""


# "in Jarablus", "the town of Marea": what only a place comes after.
_PLACE_WORD_BEFORE = re.compile(
    r"(?:\b(?:in|on|at|around|outside)|\b(?:towns?|villages?|city|district|townships?|countryside|"
    r"outskirts|area|vicinity) of)\s+(?:the\s+)?$"
)


def _placed_by_its_words(
    text: str, candidate: Candidate, place: Place, context: _Context, actors: Counter[str]
) -> bool:
    """A town the words around it say is a place ("near Jarablus", "in Jarablus", "the town
    of Marea") in a text whose other places point nowhere else: only its actors' home country
    does ("Turkish airstrikes killed 40 civilians near Jarablus"). Where places point elsewhere
    ("the town of Milis in Idlib province"), the town is a homonym of the one meant."""
    places_elsewhere = any(
        n - actors.get(c, 0) > 0 for c, n in context.countries.items() if c != place.country
    )
    if places_elsewhere:
        return False
    start = candidate.start
    return bool(
        cue_at(text, start, candidate.end, False)
        or _PLACE_WORD_BEFORE.search(text, max(0, start - 24), start)
    )


def _stray(
    place: Place, surface: str, context: _Context, own: tuple[Counter[str], Counter[Any]]
) -> bool:
    """A town in a country nothing else in the text points to, when other countries are.

    Up to ``_STRAY_POPULATION`` people when the text writes the town's own name; up to
    ``_STRAY_POPULATION_LOOSE`` when it reached the town through another name or an Arabic
    article the town's name lacks ("Barna" is Varna in Bulgarian, "al-Serian" is no Serian of
    Malaysia in a text about Aleppo).
    """
    if place.kind in AREA_KINDS or place.curated:
        return False
    loose = name_key(surface) != name_key(place.name) or (
        _first_word(surface) in ARTICLES and _first_word(place.name) not in ARTICLES
    )
    if place.population >= (_STRAY_POPULATION_LOOSE if loose else _STRAY_POPULATION):
        return False
    here = context.countries.get(place.country, 0) - own[0].get(place.country, 0)
    elsewhere = any(n - own[0].get(c, 0) > 0 for c, n in context.countries.items())
    return here <= 0 and elsewhere


def _in_list(text: str, candidates: Sequence[Candidate], i: int) -> bool:
    """ "Utah, Virginia, Washington, West Virginia": a province's name after another's and a
    comma is an item of a list of provinces, not "Washington" in West Virginia."""
    if i == 0 or not any(p.kind == "admin1" for p in candidates[i].places):
        return False
    previous = candidates[i - 1]
    return text[previous.end : candidates[i].start] == ", " and any(
        p.kind in ("admin1", "country") for p in previous.places
    )


def _countries_listed(inner: Candidate, outer: Candidate) -> bool:
    """ "Mexico, China, Japan and Brazil": a country's name before another country's is an item
    of a list of countries, not China, a town in Japan. (A town named after a country is put
    in a province: "Lebanon, Pa.", "Peru, Indiana".)"""
    return any(p.kind == "country" for p in inner.places) and any(
        p.kind in ("country", "continent") for p in outer.places
    )


_LIST_JOINT = re.compile(r",? and |, |,? or ")


def _among_provinces(
    text: str, candidates: Sequence[Candidate], chosen: Sequence[Place | None]
) -> set[int]:
    """Toponyms listed next to a province read as nothing but a province ("Michigan, Oregon,
    New York, Indiana"): they are provinces too, not the city of the same name. A neighbour
    read as a city ("Aleppo, Idlib and Homs") decides nothing."""
    kinds = [place.kind if place is not None else None for place in chosen]
    out: set[int] = set()
    for i in range(len(candidates) - 1):
        a, b = candidates[i], candidates[i + 1]
        if not _LIST_JOINT.fullmatch(text[a.end : b.start]):
            continue
        if kinds[i + 1] == "admin1":
            out.add(i)
        if kinds[i] == "admin1":
            out.add(i + 1)
    return out


def resolve(
    text: str,
    candidates: Sequence[Candidate],
    extra_countries: Counter[str] | None = None,
    drop_strays: bool = False,
) -> list[Toponym]:
    """One place per recognised toponym, chosen with the document's context (two passes)."""
    extra = extra_countries or Counter()
    containers: list[tuple[Place, ...]] = []
    inners: list[tuple[Place, ...]] = [() for _ in candidates]
    index_of = {c.start: i for i, c in enumerate(candidates)}
    for i, candidate in enumerate(candidates):
        at = container_after(text, candidate.end)
        j = index_of.get(at) if at is not None and not _in_list(text, candidates, i) else None
        if j is not None and _countries_listed(candidate, candidates[j]):
            j = None
        containers.append(candidates[j].places if j is not None else ())
        if j is not None:
            inners[j] = candidate.places

    owns = [_own_share(c.places) for c in candidates]
    keys = [_bare_key(c.surface) for c in candidates]
    # "Buffalo, New York": a province that holds the town before it is the province, not its city
    provinces: set[int] = {i for i, inner in enumerate(inners) if inner}
    skips: list[frozenset[int]] = [frozenset()] * len(candidates)

    def best(places: Sequence[Place], i: int, context: _Context) -> Place:
        # "Mexico", "Djibouti": a country's name is the country before its homonymous
        # province or capital.
        countries = {p.country for p in places if p.kind == "country"}
        if countries and len(places) > 1:
            places = [p for p in places if p.kind == "country" or p.country not in countries]
        # "Lebanon", "Asia": a country's or continent's name is not a town's that happens to
        # share it (Lebanon, Pennsylvania; Asia, Philippines), unless the town is a metropolis.
        # A town the text puts in a province is kept: "Lebanon, Pa.", "Jordan, Minnesota".
        if any(p.kind in ("country", "continent") for p in places):
            places = [
                p
                for p in places
                if p.kind not in _CITY_KINDS
                or p.population >= _WORLD_CITY
                or any(_contains(outer, p) for outer in containers[i])
            ]
        others = _others(context, owns[i])

        def score(p: Place) -> float:
            return _score(p, context, owns[i], containers[i], keys[i], inners[i], others, skips[i])

        top = max(places, key=score)
        # "Aleppo", "New York", "Gaza": a bare name shared by a province and its own city is
        # the city, when the province is the reading the text supports ("Aleppo province",
        # "the countryside of Aleppo" take the province, see below; which city: ``_is_seat``).
        # The province is scored, not dropped: Gaza, Palestine outranks Mozambique's Gaza
        # province as a province, not as a city of 410,000.
        if top.kind == "admin1":
            seats = [
                p
                for p in places
                if p.kind in _CITY_KINDS
                and (p.country, p.admin1) == _province(top)
                and _is_seat(p, candidates[i].surface)
                # a province in a list of provinces or holding a town ("Buffalo, New York")
                # stays the province, unless the town is in the city ("Queens, New York")
                and (i not in provinces or any(_close(p, q) for q in inners[i]))
            ]
            if seats:
                return max(seats, key=score)
        return top

    context = _explicit_context(candidates, extra)
    chosen: list[Place | None] = [
        best(c.places, i, context) if c.places else None for i, c in enumerate(candidates)
    ]
    context = _chosen_context(chosen, extra)
    provinces |= _among_provinces(text, candidates, chosen)
    # Repeating a name is no evidence for its own reading: the other mentions of the same
    # name ("Gaza" three times) are left out of its context, as its own mention is.
    by_key: dict[str, list[Place | None]] = {}
    for key, picked in zip(keys, chosen, strict=True):
        by_key.setdefault(key, []).append(picked)
    same_by_key = {key: _chosen_context(picked, Counter()) for key, picked in by_key.items()}
    for i in range(len(candidates)):
        same = same_by_key[keys[i]]
        owns[i] = (same.countries, owns[i][1] | same.admin1s)
        # nor is its own reading's point a neighbour that votes for a rival reading ("Punjab"
        # of Pakistan made Punjab of India "near" a place of the text)
        skips[i] = frozenset(id(p) for p in by_key[keys[i]] if p is not None)
    out: list[Toponym] = []
    for i, candidate in enumerate(candidates):
        place: Place | None = None
        early: Cue | None = None  # the cue read as for an area, when it was needed
        if candidate.places:
            top = best(candidate.places, i, context)
            areas = [p for p in candidate.places if p.kind in ("admin1", "district")]
            if (
                top.kind in _CITY_KINDS
                and areas
                and (early := cue_at(text, candidate.start, candidate.end, True))
                and early.kind == "countryside"
            ):
                # "the countryside of Aleppo", "Idlib province": the province, not the city
                place = best(areas, i, context)
            elif not (
                drop_strays
                and _stray(top, candidate.surface, context, owns[i])
                and not _placed_by_its_words(text, candidate, top, context, extra)
            ):
                place = top
        is_area = place is not None and place.kind in AREA_KINDS | {"district"}
        if early is not None and is_area:
            cue: Cue | None = early  # same arguments as its call above
        else:
            cue = cue_at(text, candidate.start, candidate.end, is_area)
        out.append(
            Toponym(candidate.start, candidate.end, candidate.surface, place, candidate.places, cue)
        )
    return _other_names(text, out)


# "Ras al-Ayn (Sari Kani)", "Kobani (Ayn al-Arab)": a short name in brackets right after a
# town's is that town's other name.
_BRACKET_OPEN = re.compile(r"[ \t]*\((?:[\w'’-]+[ \t]+){0,2}")
_BRACKET_CLOSE = re.compile(r"(?:[ \t]+[\w'’-]+){0,2}[ \t]*\)")


def _other_names(text: str, toponyms: list[Toponym]) -> list[Toponym]:
    """A town named in brackets after another town, but found in another country ("Kani",
    Japan, in "Ras al-Ayn (Sari Kani)"), is the first town under another name."""
    out = list(toponyms)
    for i in range(1, len(out)):
        first, other = out[i - 1], out[i]
        if (
            first.place is not None
            and other.place is not None
            and first.place.kind in _CITY_KINDS
            and other.place.kind in _CITY_KINDS
            and other.place.country != first.place.country
            and _BRACKET_OPEN.fullmatch(text, first.end, other.start)
            and _BRACKET_CLOSE.match(text, other.end)
        ):
            out[i] = replace(other, place=first.place)
    return out


# "east Africa", "northern Iraq": a lowercase direction before a capitalised name.
_DIRECTION_BEFORE = re.compile(
    r"\b(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"(?:north|south)-?(?:east|west)(?:ern)?)\s+(?=[A-Z])"
)


def find_places(text: str, gazetteer: Gazetteer) -> list[PlaceMatch]:
    """The gazetteer's matches, the names a lowercase direction word hid, and the provinces
    abbreviated after a town ("Rome, Ga.", see ``_abbreviated_provinces``).

    The matcher is case-insensitive and longest-first, and drops a match that does not start
    with a capital: "east Africa" matched the region East Africa and lost Africa with it.
    """
    matches = gazetteer.find(text)
    by_span = {(m.start, m.end): i for i, m in enumerate(matches)}
    extra: list[PlaceMatch] = []
    for found in _DIRECTION_BEFORE.finditer(text):
        at = found.end()
        window = text.find(".", at)
        following = gazetteer.find(text, at, window if window != -1 else len(text))
        if not following or following[0].start != at:
            continue
        tail = following[0]
        same = by_span.get((tail.start, tail.end))
        if same is not None:  # an imported dump found the name alone: add the packaged places
            known = matches[same]
            places = known.candidates + tuple(
                p for p in tail.candidates if p not in known.candidates
            )
            matches[same] = PlaceMatch(known.start, known.end, known.surface, places)
        elif not any(m.start <= at < m.end for m in matches):
            extra.append(tail)
    if extra:
        matches = sorted(matches + extra, key=lambda m: m.start)
    return _abbreviated_provinces(text, matches, gazetteer)


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, tuple[tuple[str, str], ...]]:
    """Abbreviation -> (province, ISO country) pairs of ``data/province_abbreviations.tsv``."""
    raw = resources.files("conflictlens.geo").joinpath("data", "province_abbreviations.tsv")
    table: dict[str, tuple[tuple[str, str], ...]] = {}
    for line in raw.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#") and not line.startswith("abbreviation\t"):
            abbreviation, province, country = line.split("\t")[:3]
            table[abbreviation] = (*table.get(abbreviation, ()), (province, country))
    return table


@lru_cache(maxsize=1)
def _abbreviation_after() -> re.Pattern[str]:
    """ ", Ga." / ", CA" right after a name: the abbreviations, longest first, case as written."""
    forms = sorted(_abbreviations(), key=len, reverse=True)
    return re.compile(rf",[ \t]+({'|'.join(map(re.escape, forms))})(?!\w)")


@lru_cache(maxsize=4)
def _provinces_for(gazetteer: Gazetteer, abbreviation: str) -> tuple[Place, ...]:
    return tuple(
        place
        for province, country in _abbreviations()[abbreviation]
        for place in gazetteer.lookup(province)
        if place.kind == "admin1" and place.country_code == country
    )


def _abbreviated_provinces(
    text: str, matches: list[PlaceMatch], gazetteer: Gazetteer
) -> list[PlaceMatch]:
    """ "Rome, Ga.", "Athens, Tenn.", "Fresno, CA", "Wyong, NSW": local news abbreviates the
    province after a town. Read only there (alone, "Ga.", "Miss." and "IN" are other words),
    each as the provinces it may stand for; the town decides which ("WA" after Perth is
    Western Australia), as a province spelt out would. It replaces what the gazetteer made of
    the same letters ("Del" as Delle, France; "Ore" as Auray).
    """
    pattern = _abbreviation_after()
    added: list[PlaceMatch] = []
    for match in matches:
        after = pattern.match(text, match.end)
        if after is None:
            continue
        start, end = after.span(1)
        places = _provinces_for(gazetteer, after.group(1))
        if places and not any(m.start == start and m.end == end for m in matches):
            added.append(PlaceMatch(start, end, after.group(1), places))
    if not added:
        return matches
    kept = [m for m in matches if not any(a.start < m.end and m.start < a.end for a in added)]
    return sorted(kept + added, key=lambda m: m.start)


def geoparse(
    text: str,
    gazetteer: Gazetteer | None = None,
    exclude: Sequence[tuple[int, int]] = (),
    extra_countries: Counter[str] | None = None,
    drop_strays: bool = False,
) -> list[Toponym]:
    """Toponyms of ``text`` resolved in context; ``exclude`` spans (actor names) are skipped."""
    gazetteer = gazetteer or Gazetteer.default()
    candidates = recognize(text, find_places(text, gazetteer), exclude)
    return resolve(text, candidates, extra_countries, drop_strays)


def with_precision(toponym: Toponym) -> Place | None:
    """The toponym's place with the mention's geo_precision (a cue can lower it)."""
    if toponym.place is None:
        return None
    precision = toponym.geo_precision
    if precision == toponym.place.geo_precision:
        return toponym.place
    return replace(toponym.place, geo_precision=precision)


def toponym_record(toponym: Toponym, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """The CONTRACT's geoparse toponym: span, name, point, and what the place is.

    With ``gazetteer``, a place with no point of its own gets its district's or province's
    and the coarser geo_precision that goes with it (``Gazetteer.point_for``).
    """
    place = toponym.place
    record: dict[str, Any] = {
        "start": toponym.start,
        "end": toponym.end,
        "name": toponym.name,
        "lat": place.lat if place is not None else None,
        "lon": place.lon if place is not None else None,
    }
    if place is not None:
        if place.geonameid:
            record["geonameid"] = str(place.geonameid)
        record["country"] = place.country or None
        record["admin1"] = place.admin1 or (place.name if place.kind == "admin1" else None)
        record["feature"] = place.feature or None
        record["geo_precision"] = toponym.geo_precision
        if gazetteer is not None:
            record["lat"], record["lon"], record["geo_precision"] = gazetteer.point_for(
                place, toponym.geo_precision
            )
    return record
