"""Spatial cues around a toponym: what the words next to a place name say about the place.

"The eastern countryside of Homs Governorate" is the governorate, not Homs city, and the event
is somewhere in it: ACLED codes it at admin1 level (geo_precision 3). "20 km north of Palmyra",
"near Manbij", "the outskirts of Aleppo" put the event near the town (geo_precision 2). "Near
the border with Turkey" names the country as a border area. "Austin, Texas" says which Austin.
The cue words live in ``geo/data/cues.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Cue", "container_after", "cue_at"]


@dataclass(frozen=True)
class Cue:
    """A cue for one toponym: its kind and the geo_precision it implies (1 exact .. 3 region)."""

    kind: str  # "countryside" | "direction" | "near" | "border" | ""
    precision: int
    start: int
    end: int


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    raw = resources.files("conflictlens.geo").joinpath("data", "cues.json").read_text("utf-8")
    data = json.loads(raw)

    def words(key: str) -> str:
        return "|".join(sorted((re.escape(w) for w in data[key]), key=len, reverse=True))

    directions = words("directions")
    return {
        # "the eastern countryside of", "rural", "the outskirts of": before the name
        "countryside_before": re.compile(
            rf"(?:(?:{directions})(?:ern)?\s+)?(?:{words('countryside_before')})\s+(?:the\s+)?$",
            re.I,
        ),
        # "Homs countryside", "Idlib's southern countryside": after the name
        "countryside_after": re.compile(
            rf"^(?:['’]s)?\s+(?:(?:{directions})(?:ern)?\s+)?(?:{words('countryside_after')})\b",
            re.I,
        ),
        # "20 km north of", "north-west of", "south of"
        "direction": re.compile(
            rf"(?:\d[\d.,]*\s*(?:km|kilometers|kilometres|miles|mi)\s+)?"
            rf"(?:{directions})(?:ern)?\s+of\s+(?:the\s+)?$",
            re.I,
        ),
        "near": re.compile(rf"\b(?:{words('near')})\s+(?:the\s+)?(?:town\s+of\s+)?$", re.I),
        "border_before": re.compile(
            rf"\b(?:{words('border_before')})\s+(?:the\s+)?(?:\w+\s+)?$", re.I
        ),
        "border_after": re.compile(r"^(?:['’]s)?\s*(?:-\w+\s+)?border\b", re.I),
        # Every "before" pattern needs one of these words: when the 60 characters before a
        # name hold none, the four end-anchored searches (each tried at every position) are
        # skipped. Substrings, no word boundaries: a superset, so nothing is missed.
        "any_before": re.compile(
            "|".join(
                words(key) for key in ("countryside_before", "directions", "near", "border_before")
            ),
            re.I,
        ),
    }


def cue_at(text: str, start: int, end: int, is_area: bool) -> Cue | None:
    """The cue around ``text[start:end]``; ``is_area`` for an admin unit or region name."""
    patterns = _patterns()
    precision = 3 if is_area else 2
    before = text[max(0, start - 60) : start]
    after = text[end : end + 40]
    words_before = bool(patterns["any_before"].search(before))

    def before_cue(kind: str, name: str) -> Cue | None:
        found = patterns[name].search(before) if words_before else None
        return Cue(kind, precision, start - len(before) + found.start(), end) if found else None

    def after_cue(kind: str, name: str) -> Cue | None:
        found = patterns[name].match(after)
        return Cue(kind, precision, start, end + found.end()) if found else None

    return (
        before_cue("countryside", "countryside_before")
        or after_cue("countryside", "countryside_after")
        or before_cue("border", "border_before")
        or after_cue("border", "border_after")
        or before_cue("direction", "direction")
        or before_cue("near", "near")
    )


_CONTAINER = re.compile(r"^,\s+(?:in\s+)?(?=[A-Z])")


def container_after(text: str, end: int) -> int | None:
    """Where a containing place's name would start in "Austin, Texas" ("X, Y"), else None."""
    found = _CONTAINER.match(text[end : end + 12])
    return end + found.end() if found else None
