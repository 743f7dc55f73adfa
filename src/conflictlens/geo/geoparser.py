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

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from conflictlens.geo.cues import Cue, container_after, cue_at
from conflictlens.geo.recognize import AREA_KINDS, Candidate, recognize
from conflictlens.knowledge.gazetteer import Gazetteer, Place

__all__ = ["Toponym", "geoparse", "resolve"]


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


# Prior of a kind of place when a name is ambiguous; cities score by population instead.
_KIND_PRIOR = {
    "country": 9.0,
    "continent": 9.0,
    "admin1": 4.5,
    "region": 3.0,
    "desert_region": 3.0,
    "district": 1.5,
    "mountain": 2.5,
    "camp": 2.5,
    "military_base": 2.0,
    "border_crossing": 2.0,
    "hospital": 2.0,
    "neighbourhood": 2.0,
}
_NEAR_KM = 400.0
# A small place in a country nothing else in the text points to is more often a homonym
# ("Mahas" in a Somali story read as the Jordanian village) than the place meant.
_STRAY_POPULATION = 50_000


def _prior(place: Place) -> float:
    if place.kind in ("city", "town", "village"):
        base = 1.0 + 0.5 * math.log10(place.population + 1)
    else:
        base = _KIND_PRIOR.get(place.kind, 1.5)
    return base + (0.5 if place.curated else 0.0)


def _km(a: Place, b: Place) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.009 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class _Context:
    """What the document says about where it is, with each toponym's own share removable."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[tuple[str, str]] = field(default_factory=Counter)
    points: list[Place] = field(default_factory=list)


def _explicit_context(candidates: Sequence[Candidate], extra: Counter[str]) -> _Context:
    context = _Context(countries=Counter(extra))
    for candidate in candidates:
        countries = {p.country for p in candidate.places if p.country}
        if len(countries) == 1:
            country = next(iter(countries))
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
        if place.lat is not None and place.kind not in ("country", "continent"):
            context.points.append(place)
    return context


def _own_share(places: Iterable[Place]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """What a toponym itself adds to the context (so it does not vote for itself)."""
    countries: Counter[str] = Counter()
    admin1s: Counter[tuple[str, str]] = Counter()
    for place in places:
        if place.country:
            countries[place.country] = max(countries[place.country], 2)
        if place.admin1:
            admin1s[(place.country, place.admin1)] = 1
    return countries, admin1s


def _score(
    place: Place,
    context: _Context,
    own: tuple[Counter[str], Counter[tuple[str, str]]],
    container: Sequence[Place],
) -> float:
    score = _prior(place)
    mentions = context.countries.get(place.country, 0) - own[0].get(place.country, 0)
    if place.kind != "continent" and mentions > 0:
        score += 2.0 + 0.5 * math.log1p(mentions)
    elif place.kind not in ("country", "continent") and any(
        n - own[0].get(c, 0) > 0 for c, n in context.countries.items()
    ):
        score -= 1.0  # the document is about somewhere else
    if place.kind not in ("country", "admin1", "continent"):
        key = (place.country, place.admin1)
        if place.admin1 and context.admin1s.get(key, 0) - own[1].get(key, 0) > 0:
            score += 1.5
    if container and any(_contains(outer, place) for outer in container):
        score += 5.0
    if context.points and place.kind not in ("country", "continent"):
        near = sum(
            1 for other in context.points if other is not place and _km(place, other) < _NEAR_KM
        )
        score += min(near, 3) * 1.0
    return score


def _contains(outer: Place, inner: Place) -> bool:
    if outer is inner or not outer.country or outer.country != inner.country:
        return False
    if outer.kind == "country":
        return inner.kind != "country"
    if outer.kind == "admin1":
        return inner.admin1 == (outer.admin1 or outer.name) and inner.kind != "admin1"
    return False


def _stray(place: Place, context: _Context, own: tuple[Counter[str], Counter[Any]]) -> bool:
    if place.kind in AREA_KINDS or place.curated or place.population >= _STRAY_POPULATION:
        return False
    here = context.countries.get(place.country, 0) - own[0].get(place.country, 0)
    elsewhere = any(n - own[0].get(c, 0) > 0 for c, n in context.countries.items())
    return here <= 0 and elsewhere


def resolve(
    text: str,
    candidates: Sequence[Candidate],
    extra_countries: Counter[str] | None = None,
    drop_strays: bool = False,
) -> list[Toponym]:
    """One place per recognised toponym, chosen with the document's context (two passes)."""
    extra = extra_countries or Counter()
    containers: list[tuple[Place, ...]] = []
    by_start = {c.start: c for c in candidates}
    for candidate in candidates:
        at = container_after(text, candidate.end)
        outer = by_start.get(at) if at is not None else None
        containers.append(outer.places if outer is not None else ())

    owns = [_own_share(c.places) for c in candidates]
    context = _explicit_context(candidates, extra)
    chosen: list[Place | None] = [
        max(c.places, key=lambda p, i=i: _score(p, context, owns[i], containers[i]))  # type: ignore[misc]
        if c.places
        else None
        for i, c in enumerate(candidates)
    ]
    context = _chosen_context(chosen, extra)
    out: list[Toponym] = []
    for i, candidate in enumerate(candidates):
        place: Place | None = None
        areas = [p for p in candidate.places if p.kind in ("admin1", "district")]
        early = cue_at(text, candidate.start, candidate.end, True)
        if areas and early is not None and early.kind == "countryside":
            # "the countryside of Aleppo", "Idlib province": the province, not the city
            place = max(areas, key=lambda p, i=i: _score(p, context, owns[i], containers[i]))  # type: ignore[misc]
        elif candidate.places:
            place = max(
                candidate.places,
                key=lambda p, i=i: _score(p, context, owns[i], containers[i]),  # type: ignore[misc]
            )
            if drop_strays and _stray(place, context, owns[i]):
                place = None
        is_area = place is not None and place.kind in AREA_KINDS | {"district"}
        cue = cue_at(text, candidate.start, candidate.end, is_area)
        out.append(
            Toponym(candidate.start, candidate.end, candidate.surface, place, candidate.places, cue)
        )
    return out


def geoparse(
    text: str,
    gazetteer: Gazetteer | None = None,
    exclude: Sequence[tuple[int, int]] = (),
    extra_countries: Counter[str] | None = None,
    drop_strays: bool = False,
) -> list[Toponym]:
    """Toponyms of ``text`` resolved in context; ``exclude`` spans (actor names) are skipped."""
    gazetteer = gazetteer or Gazetteer.default()
    candidates = recognize(text, gazetteer.find(text), exclude)
    return resolve(text, candidates, extra_countries, drop_strays)


def with_precision(toponym: Toponym) -> Place | None:
    """The toponym's place with the mention's geo_precision (a cue can lower it)."""
    if toponym.place is None:
        return None
    precision = toponym.geo_precision
    if precision == toponym.place.geo_precision:
        return toponym.place
    return replace(toponym.place, geo_precision=precision)


def toponym_record(toponym: Toponym) -> dict[str, Any]:
    """The CONTRACT's geoparse toponym: span, name, point, and what the place is."""
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
    return record
