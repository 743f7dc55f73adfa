"""The neutral one-sentence ``notes`` of an event: canonical names only, never outlet labels.

ACLED notes read "On 19 April 2024, IS militants ambushed ...". We build ours from the coded
fields, not from the article's words, so an outlet's "Takfiri terrorists" or "martyrs" cannot
leak into the record; hedges survive as "suspected" / "claimed by".
"""

from __future__ import annotations

import re
from datetime import date

from conflictlens.records import Event

_VERBS = {
    "Armed clash": "{a1} clashed with {a2}",
    "Government regains territory": "{a1} regained control of territory from {a2}",
    "Non-state actor overtakes territory": "{a1} took control of territory from {a2}",
    "Air/drone strike": "{a1} carried out an air or drone strike on {a2}",
    "Shelling/artillery/missile attack": "{a1} shelled or fired missiles at {a2}",
    "Remote explosive/landmine/IED": "an explosive device attributed to {a1} hit {a2}",
    "Suicide bomb": "a suicide bombing attributed to {a1} targeted {a2}",
    "Grenade": "{a1} threw a grenade at {a2}",
    "Chemical weapon": "{a1} used chemical weapons against {a2}",
    "Attack": "{a1} attacked {a2}",
    "Abduction/forced disappearance": "{a1} abducted {a2}",
    "Sexual violence": "{a1} committed sexual violence against {a2}",
    "Peaceful protest": "{a1} held a peaceful protest",
    "Protest with intervention": "{a1} protested and {a2} intervened",
    "Excessive force against protesters": "{a2} used excessive force against {a1}",
    "Violent demonstration": "{a1} demonstrated violently",
    "Mob violence": "{a1} attacked {a2}",
    "Arrests": "{a1} arrested {a2}",
    "Agreement": "{a1} reached an agreement with {a2}",
    "Change to group/activity": "{a1} changed its activity",
    "Disrupted weapons use": "{a1} disrupted weapons use by {a2}",
    "Headquarters or base established": "{a1} established a base",
    "Looting/property destruction": "{a1} destroyed or looted property",
    "Non-violent transfer of territory": "control of territory passed from {a2} to {a1}",
    "Other": "{a1} was involved in a political development",
}


def neutral_note(
    event: Event, *, field_certainty: dict[str, str] | None = None, toll_rising: bool = False
) -> str:
    """One sentence in canonical names: when, who did what to whom, where, with what toll."""
    field_certainty = field_certainty or {}
    a1 = event.actor1 or "an unidentified actor"
    if field_certainty.get("actor1") in ("suspected", "alleged"):
        a1 = f"{a1} ({field_certainty['actor1']})"
    template = _VERBS.get(event.sub_event_type, "{a1} was involved in an event with {a2}")
    if event.actor2:
        body = template.format(a1=a1, a2=event.actor2)
    else:
        # The text names no target: say less rather than invent one.
        body = _NO_TARGET.sub("", template).format(a1=a1, a2="an unidentified actor")
    where = _where(event)
    when = _when(event)
    sentence = f"{when}{body}{where}"
    sentence = sentence[0].upper() + sentence[1:]
    parts = [sentence]
    if event.fatalities:
        toll = (
            f"{event.fatalities} reported {'fatality' if event.fatalities == 1 else 'fatalities'}"
        )
        if toll_rising:
            toll += " (toll expected to rise)"
        parts.append(toll)
    elif toll_rising:
        parts.append("fatalities reported, toll expected to rise")
    if event.injuries:
        parts.append(f"{event.injuries} injured")
    if event.certainty in ("claimed", "alleged", "suspected", "disputed"):
        who = f" by {', '.join(event.according_to)}" if event.according_to else ""
        parts.append(f"{event.certainty}{who}")
    elif event.according_to:
        parts.append(f"according to {', '.join(event.according_to)}")
    return "; ".join(parts) + "."


_NO_TARGET = re.compile(r" (?:from|with|on|at|against|by|to|of)? ?\{a2\}")


def _when(event: Event) -> str:
    if event.event_date and event.time_precision == 1:
        return f"On {_day(event.event_date)}, "
    if event.date_start and event.date_end and event.date_start != event.date_end:
        return f"Between {_day(event.date_start)} and {_day(event.date_end)}, "
    if event.date_end and not event.date_start:
        return f"On or before {_day(event.date_end)}, "
    return ""


def _day(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B %Y')}"


def _where(event: Event) -> str:
    if event.location and event.admin1 and event.location != event.admin1:
        return f" in {event.location} ({event.admin1}, {event.country})"
    if event.location:
        return f" in {event.location}" + (
            f", {event.country}" if event.country and event.country != event.location else ""
        )
    if event.country:
        return f" in {event.country}"
    return ""
