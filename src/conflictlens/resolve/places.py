"""Pick one gazetteer place per toponym using what the rest of the document says.

The work is the geoparser's (``conflictlens.geo``): recognition drops matches that are people,
parts of longer names or common words, and resolution weighs each candidate by kind,
population, the countries and provinces the document mentions (directly, through its places
and through its actors' home countries), the place named right after it and its distance to
the other places: "As Sukhnah" in an article about Homs is the Syrian town, not the Yemeni
district of the same name. Spatial cues ("the eastern countryside of Homs Governorate", "north
of Palmyra") lower the mention's geo_precision; regions keep their point or none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from conflictlens.extract.facts import PlaceMention
from conflictlens.geo.geoparser import resolve, with_precision
from conflictlens.geo.recognize import recognize

# "UK-based", "US-backed", "Ankara-loyal", "pro-Ankara", "anti-Damascus": the place is glued
# into an adjective about an actor's side or origin; it is not where anything happens.
# ("Syria-Turkey border" is two places: a capital after the hyphen.)
_COMPOUND_MODIFIER = re.compile(r"-[a-z]")
_SIDE_PREFIX = re.compile(r"(?:^|[^\w-])(?:pro|anti)-$", re.IGNORECASE)


def resolve_places(
    text: str,
    matches: Sequence[Any],
    actor_spans: Sequence[tuple[int, int]],
    actor_countries: Counter[str],
) -> tuple[list[PlaceMention], Counter[str]]:
    """Resolved mentions (place None when no candidate fits) and the document's country counts.

    A toponym inside an actor name ("Quds" in "Liwa al-Quds") is dropped: it names the actor.
    A small place in a country nothing else in the text points to stays unresolved: better no
    point than a wrong one.
    """
    kept = [
        m
        for m in matches
        if not _COMPOUND_MODIFIER.match(text, m.end)
        and not _SIDE_PREFIX.search(text, max(0, m.start - 6), m.start)
    ]
    candidates = recognize(text, kept, exclude=actor_spans)
    toponyms = resolve(text, candidates, Counter(actor_countries), drop_strays=True)
    countries: Counter[str] = Counter()
    for candidate, toponym in zip(candidates, toponyms, strict=True):
        if toponym.place is None:
            continue  # dropped as a homonym far from the rest ("Al-Hassan", a man): no vote
        candidate_countries = {p.country for p in candidate.places if p.country}
        if len(candidate_countries) == 1:
            countries[next(iter(candidate_countries))] += 2
    countries.update(actor_countries)
    resolved = [PlaceMention(t.start, t.end, t.name, with_precision(t)) for t in toponyms]
    return resolved, countries
