"""Pick one gazetteer place per toponym using what the rest of the document says.

Until the full geoparser lands, the context used is the set of countries the document mentions
(directly, through its places, and through its actors' home countries) and the admin1 areas of
its unambiguous places: "As Sukhnah" in an article about Homs is the Syrian town, not the Yemeni
district of the same name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from conflictlens.extract.facts import PlaceMention


def resolve_places(
    text: str,
    matches: Sequence[Any],
    actor_spans: Sequence[tuple[int, int]],
    actor_countries: Counter[str],
) -> tuple[list[PlaceMention], Counter[str]]:
    """Resolved mentions (place None when no candidate fits) and the document's country counts.

    A toponym inside an actor name ("Quds" in "Liwa al-Quds") is dropped: it names the actor.
    So is an uncurated one-word name glued to a following capitalised word ("Yuri Popov"):
    that is a longer proper name, most often a person's.
    """
    kept = [
        m
        for m in matches
        if not any(s <= m.start < e or m.start <= s < m.end for s, e in actor_spans)
        and not _part_of_longer_name(text, m)
        and not _COMPOUND_MODIFIER.match(text, m.end)
    ]
    countries: Counter[str] = Counter()
    for match in kept:
        candidate_countries = {p.country for p in match.candidates}
        if len(candidate_countries) == 1:
            countries[next(iter(candidate_countries))] += 2
    countries.update(actor_countries)
    admin1s = Counter(
        match.candidates[0].admin1
        for match in kept
        if len(match.candidates) == 1 and match.candidates[0].admin1
    )
    resolved = []
    for match in kept:
        place = _best(match.candidates, countries, admin1s)
        if place is not None and _stray(place, match, countries):
            place = None  # kept as an unresolved toponym: better no point than a wrong one
        resolved.append(PlaceMention(match.start, match.end, match.surface, place))
    return resolved, countries


# "UK-based", "US-backed", "Turkish-led": the place modifies an actor, it is not where it happens.
_COMPOUND_MODIFIER = re.compile(r"-(based|backed|led|funded|sponsored|supported|born|made)\b")
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)")


def _part_of_longer_name(text: str, match: Any) -> bool:
    if " " in match.surface or any(getattr(p, "curated", False) for p in match.candidates):
        return False
    following = _NEXT_WORD.match(text, match.end)
    return following is not None and following.group(1) not in _PLACE_WORDS


_PLACE_WORDS = frozenset(
    {
        "City",
        "Province",
        "Governorate",
        "District",
        "Camp",
        "Region",
        "Valley",
        "Mountains",
        "Airport",
        "Countryside",
        "Desert",
        "Border",
    }
)


# A small uncurated place in a country nothing else in the document points to is more likely a
# homonym ("Mahas" in Somalia read as the Jordanian village) than a real mention.
_STRAY_POPULATION = 50_000


def _stray(place: Any, match: Any, countries: Counter[str]) -> bool:
    if place.kind in ("country", "admin1") or getattr(place, "curated", False):
        return False
    if (place.population or 0) >= _STRAY_POPULATION:
        return False
    own = 2 if len({p.country for p in match.candidates}) == 1 else 0
    others = {c: n for c, n in countries.items() if n > 0}
    return countries.get(place.country, 0) - own <= 0 and bool(others.keys() - {place.country})


def _best(candidates: Sequence[Any], countries: Counter[str], admin1s: Counter[str]) -> Any:
    if not candidates:
        return None

    def score(place: Any) -> tuple[float, ...]:
        return (
            countries.get(place.country, 0),
            admin1s.get(place.admin1, 0) if place.admin1 else 0,
            -(place.geo_precision or 3),
            float(place.population or 0),
        )

    return max(candidates, key=score)
