"""When two reports describe the same event: type, date, place and actors compatible.

Each field is compared within its own stated precision: a month-precise date or a
governorate-level place widens what it is compatible with, but a report too vague to place in
time (see ``CorroborateConfig.max_window_days``) or space corroborates nothing, so uncertainty
never forces a merge. Perpetrators that differ and fatality counts that differ are exactly what
outlets disagree about, so neither splits reports: the consensus keeps both versions.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib.resources import files

from conflictlens.corroborate.config import DEFAULT_CONFIG, CorroborateConfig
from conflictlens.records import Event

_UNKNOWN_PREFIX = "Unidentified"


@dataclass(frozen=True, slots=True)
class Report:
    """One event as one document reports it, with what corroboration needs of the document."""

    doc_id: str
    source: str
    published: str | None
    event: Event

    @property
    def key(self) -> tuple[str, str]:
        return self.doc_id, self.event.event_id


@dataclass(frozen=True, slots=True)
class Window:
    """The days a report can refer to, and how many days of disagreement it tolerates."""

    start: date
    end: date
    tolerance: int

    def gap(self, other: Window) -> int:
        """Days between the two windows (0 when they overlap)."""
        if self.end < other.start:
            return (other.start - self.end).days
        if other.end < self.start:
            return (self.start - other.end).days
        return 0

    def widened(self) -> tuple[date, date]:
        return self.start - timedelta(self.tolerance), self.end + timedelta(self.tolerance)


@cache
def compatible_types() -> frozenset[frozenset[str]]:
    """Pairs of event types outlets use for one incident (``data/compatible_event_types.tsv``)."""
    path = files("conflictlens.corroborate") / "data" / "compatible_event_types.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return frozenset(frozenset((row["event_type_a"], row["event_type_b"])) for row in rows)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def window(report: Report, config: CorroborateConfig = DEFAULT_CONFIG) -> Window | None:
    """The report's date window, or ``None`` when it is too vague to corroborate anything.

    Reports without a date of their own (only "before publication") are too vague: in a war
    every governorate has an undated "fighting" report each week.
    """
    event = report.event
    start = _day(event.date_start) or _day(event.event_date)
    end = _day(event.date_end) or _day(event.event_date)
    if event.event_date is None and start is None:
        # Only an upper bound ("by the 16th"): the report is background, not a dated event.
        return None
    if start is None or end is None:
        start = end = start or end
    assert start is not None and end is not None  # narrowed for mypy
    tolerance = config.day_tolerance
    if (end - start).days > config.max_window_days:
        return None
    return Window(start, end, tolerance)


def _type_score(a: Event, b: Event) -> float | None:
    if not a.event_type or not b.event_type:
        return None
    if a.event_type == b.event_type:
        return 1.0 if a.sub_event_type == b.sub_event_type else 0.8
    if frozenset((a.event_type, b.event_type)) in compatible_types():
        return 0.5
    return None


def _km(a: Event, b: Event) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(
        math.radians,
        (a.latitude or 0.0, a.longitude or 0.0, b.latitude or 0.0, b.longitude or 0.0),
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _is_region(event: Event) -> bool:
    """Only the region is known (ACLED geo precision 3; "Aleppo" at precision 1 is the city)."""
    return event.geo_precision == 3 or event.location in ("", event.country)


def _place_score(a: Event, b: Event, config: CorroborateConfig) -> float | None:
    if not a.country or not b.country or a.country != b.country:
        return None  # a report without a country cannot be placed next to another
    if not a.admin1 or not b.admin1 or a.admin1 != b.admin1:
        # A report placed only in the country ("Syria") could be any event there: too vague
        # to corroborate one. Different first-level regions are different places.
        return None
    if a.location and a.location == b.location:
        return 1.0
    if _is_region(a) or _is_region(b):
        # One report only knows the governorate: the other's town lies inside it.
        return 0.6
    distance = _km(a, b)
    if distance is None:
        return None  # two different named places and no way to tell how far apart
    radius = config.radius_km.get(max(a.geo_precision, b.geo_precision), 15.0)
    if distance > radius:
        return None
    return 1.0 - 0.5 * distance / radius


def _actors(event: Event) -> set[str]:
    names = {event.actor1, event.actor2}
    for assoc in (event.assoc_actor_1, event.assoc_actor_2):
        names.update(assoc.split("; "))
    return {name for name in names if name and not name.startswith(_UNKNOWN_PREFIX)}


def _open(side: str) -> bool:
    return not side or side.startswith(_UNKNOWN_PREFIX)


def _unify(a: str, b: str) -> bool:
    """Two accounts of one side agree, or one leaves it open for the other to fill."""
    return a == b or _open(a) or _open(b)


def _actor_score(a: Event, b: Event) -> float | None:
    """Reports share an actor, or their targets agree (perpetrators are what outlets dispute),
    or the sides agree with the roles swapped; two different named pairs are two events."""
    known_a, known_b = _actors(a), _actors(b)
    shared = known_a & known_b
    if shared:
        return 0.5 + 0.5 * len(shared) / len(known_a | known_b)
    if _unify(a.actor2, b.actor2) or (_unify(a.actor1, b.actor2) and _unify(a.actor2, b.actor1)):
        return 0.3
    return None


def _named_actors(event: Event) -> set[str]:
    """Actors whose presence in two reports ties them: not civilians, not an unknown side, and
    not the country's own state forces, which are party to most events of a civil war."""
    own_state = f" of {event.country}" if event.country else None
    return {
        name
        for name in _actors(event)
        if not name.startswith(("Civilians", "Protesters", "Rioters"))
        and not (own_state and own_state in name and name.startswith(_STATE_FORCES))
    }


_STATE_FORCES = ("Military Forces of", "Police Forces of")


def _tolls_agree(a: Event, b: Event) -> bool:
    """Both reports give a toll and the figures (or their stated ranges) overlap."""
    if not a.fatalities or not b.fatalities:
        return False
    low_a, high_a = a.fatalities_low or a.fatalities, a.fatalities_high or a.fatalities
    low_b, high_b = b.fatalities_low or b.fatalities, b.fatalities_high or b.fatalities
    return low_a <= high_b and low_b <= high_a


def _specific_place(a: Event, b: Event) -> bool:
    """The same named place below the governorate's own name ("Eastern Ghouta", not "Aleppo"
    in Aleppo governorate, where any day brings several events)."""
    if not a.location or a.location != b.location:
        return False
    admin = a.admin1.casefold()
    return a.location.casefold() not in (admin, a.country.casefold()) and not admin.startswith(
        a.location.casefold()
    )


def _tied(a: Event, b: Event) -> bool:
    """Something beyond type, day and governorate says two reports are one event."""
    return bool(_named_actors(a) & _named_actors(b)) or _tolls_agree(a, b) or _specific_place(a, b)


def similarity(a: Report, b: Report, config: CorroborateConfig = DEFAULT_CONFIG) -> float | None:
    """How well two reports of different documents agree (0..1), or ``None`` if incompatible."""
    if a.doc_id == b.doc_id:
        return None  # the extractor already merged what one text reports as one event
    window_a, window_b = window(a, config), window(b, config)
    if window_a is None or window_b is None:
        return None
    gap = window_a.gap(window_b)
    tolerance = max(window_a.tolerance, window_b.tolerance)
    if gap > tolerance:
        return None
    type_score = _type_score(a.event, b.event)
    if type_score is None:
        return None
    place_score = _place_score(a.event, b.event, config)
    if place_score is None:
        return None
    actor_score = _actor_score(a.event, b.event)
    if actor_score is None:
        return None
    pinned = gap == 0 and window_a.start == window_a.end == window_b.start == window_b.end
    if not pinned and not _tied(a.event, b.event):
        # Reports a day apart, or spanning several days, in the same governorate are usually
        # different events (FA-KES: Aleppo 2016 had several a day); they merge only when a named
        # actor, the toll or a specific place ties them.
        return None
    date_score = 1.0 - gap / (tolerance + 1)
    return 0.3 * date_score + 0.3 * place_score + 0.25 * actor_score + 0.15 * type_score
