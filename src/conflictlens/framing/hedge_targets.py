"""Which record each hedge qualifies: "likely by ISIS" makes an event's actor1 uncertain, "the
death toll expected to rise" its fatalities, "allegedly sent reinforcements" a relation.

Analysts read a hedge for what it weakens. The extractor already keeps each field's evidence
spans; a hedge qualifies the fields whose evidence lies inside its scope. A hedge the extractor
used for an event's certainty but whose scope holds none of its fields qualifies the event as a
whole (a toll-only sentence qualifies its fatalities).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from conflictlens.records import Event, Hedge, HedgeTarget, Relation

#: Event fields a hedge can weaken; bookkeeping fields (certainty, according_to) are not facts.
_FACT_FIELDS = (
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "event_type",
    "sub_event_type",
    "location",
    "event_date",
    "fatalities",
    "injuries",
)
_TOLL = re.compile(r"\b(?:toll|dead|death|deaths|killed|casualties|fatalities)\b", re.IGNORECASE)


def _overlaps(a: Sequence[int], b: Sequence[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _event_targets(hedge: Hedge, event: Event, text: str) -> list[HedgeTarget]:
    scope = hedge.scope
    fields = [
        name
        for name in _FACT_FIELDS
        if any(_overlaps(scope, span) for span in event.evidence.get(name, []))
    ]
    if "event_type" in fields and "sub_event_type" in fields:
        fields.remove("sub_event_type")  # one trigger word evidences both
    if not fields:
        used = any(
            _overlaps((hedge.start, hedge.end), span)
            for span in event.evidence.get("certainty", [])
        )
        if not used:
            return []
        fields = ["fatalities"] if _TOLL.search(text[scope[0] : scope[1]]) else [""]
    return [HedgeTarget(kind="event", id=event.event_id, field=name or None) for name in fields]


def link_hedges(
    hedges: Sequence[Hedge], events: Sequence[Event], relations: Sequence[Relation], text: str
) -> list[Hedge]:
    """``hedges`` with ``qualifies`` filled in from the events' evidence and the relations."""
    linked = []
    for hedge in hedges:
        targets = [t for event in events for t in _event_targets(hedge, event, text)]
        targets += [
            HedgeTarget(kind="relation", id=str(position))
            for position, relation in enumerate(relations)
            if _overlaps(hedge.scope, (relation.start, relation.end))
        ]
        linked.append(hedge.model_copy(update={"qualifies": targets}))
    return linked
