"""How each outlet frames what it reports, from what the store holds (``conflictlens outlets``).

Per source: the labels it applies to each actor (in its own voice, and in the voices it quotes),
persuasion techniques and hedges per 1,000 words, and the share of its event reports that name
no source (``according_to`` empty: the outlet asserts them itself). ``compare`` puts two outlets
side by side on the actors both mention and the events both report.

Techniques: documents stored with technique items use them; documents stored without any (an
older pipeline, or none found) are run through ``find_techniques`` on their stored text, which
gives the same result when the pipeline did run it (the model is deterministic).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from conflictlens.store import Store
from conflictlens.store.schema import actor_mentions, documents, events, framing_items

_WORD = re.compile(r"\w+")
NO_SOURCE = "(no source)"


@dataclass
class OutletProfile:
    """Framing measures of one outlet over its stored documents."""

    source: str
    documents: int = 0
    words: int = 0
    techniques: Counter[str] = field(default_factory=Counter)
    hedges: int = 0
    events: int = 0
    unattributed_events: int = 0
    #: actor -> label (lower case) -> count, labels in the outlet's own voice
    labels: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    #: actor -> label -> count, labels the outlet quotes others applying
    quoted_labels: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    actors: Counter[str] = field(default_factory=Counter)

    def per_thousand(self, count: int) -> float:
        return round(1000 * count / self.words, 2) if self.words else 0.0

    @property
    def technique_rate(self) -> float:
        return self.per_thousand(sum(self.techniques.values()))

    @property
    def hedge_rate(self) -> float:
        return self.per_thousand(self.hedges)

    @property
    def unattributed_share(self) -> float | None:
        return round(self.unattributed_events / self.events, 3) if self.events else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "documents": self.documents,
            "words": self.words,
            "techniques_per_1000_words": self.technique_rate,
            "techniques": {
                name: self.per_thousand(count) for name, count in self.techniques.most_common()
            },
            "hedges_per_1000_words": self.hedge_rate,
            "events": self.events,
            "unattributed_event_share": self.unattributed_share,
            "labels": {a: dict(c.most_common()) for a, c in sorted(self.labels.items())},
            "quoted_labels": {
                a: dict(c.most_common()) for a, c in sorted(self.quoted_labels.items())
            },
        }


def _source_of(value: str | None) -> str:
    return value.strip() if value and value.strip() else NO_SOURCE


def outlet_profiles(store: Store, sources: Iterable[str] | None = None) -> list[OutletProfile]:
    """One profile per stored source (``sources``: only these, matched ignoring case)."""
    from conflictlens.framing.techniques import find_techniques

    wanted = {s.lower() for s in sources} if sources is not None else None
    profiles: dict[str, OutletProfile] = {}
    doc_source: dict[str, str] = {}
    texts: dict[str, str] = {}
    with store._engine.connect() as conn:
        for doc_row in conn.execute(
            select(documents.c.doc_id, documents.c.source, documents.c.text)
        ):
            source = _source_of(doc_row.source)
            if wanted is not None and source.lower() not in wanted:
                continue
            profile = profiles.setdefault(source, OutletProfile(source))
            profile.documents += 1
            profile.words += len(_WORD.findall(doc_row.text or ""))
            doc_source[doc_row.doc_id] = source
            texts[doc_row.doc_id] = doc_row.text or ""
        with_techniques: set[str] = set()
        for row in conn.execute(
            select(framing_items.c.doc_id, framing_items.c.kind, framing_items.c.payload)
        ):
            owner = doc_source.get(row.doc_id)
            if owner is None:
                continue
            profile = profiles[owner]
            payload = row.payload or {}
            if row.kind == "technique":
                with_techniques.add(row.doc_id)
                profile.techniques[str(payload.get("technique", ""))] += 1
            elif row.kind == "hedge":
                profile.hedges += 1
            elif row.kind == "label":
                actor, label = str(payload.get("actor", "")), str(payload.get("label", ""))
                voice = str(payload.get("voice", "outlet"))
                target = profile.labels if voice == "outlet" else profile.quoted_labels
                target[actor][label.lower()] += 1
                profile.actors.setdefault(actor, 0)  # a labelled actor counts as mentioned
        for event_row in conn.execute(select(events.c.doc_id, events.c.according_to)):
            outlet = doc_source.get(event_row.doc_id)
            if outlet is not None:
                profiles[outlet].events += 1
                profiles[outlet].unattributed_events += int(not event_row.according_to)
        for mention in conn.execute(select(actor_mentions.c.doc_id, actor_mentions.c.name)):
            outlet = doc_source.get(mention.doc_id)
            if outlet is not None:
                profiles[outlet].actors[mention.name] += 1
    for doc_id, text in texts.items():
        if doc_id not in with_techniques and text:
            profile = profiles[doc_source[doc_id]]
            profile.techniques.update(t.technique for t in find_techniques(text))
    return sorted(profiles.values(), key=lambda p: (-p.documents, p.source.lower()))


def _event_key(row: Any) -> tuple[str, str, str]:
    place = row.admin1 or row.location or row.country
    return (row.event_date or "", (place or "").lower(), row.event_type)


def shared_events(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """Events both outlets report: same date, same first-level place, same event type."""
    by_key: dict[tuple[str, str, str], dict[str, list[Any]]] = defaultdict(
        lambda: defaultdict(list)
    )
    query = select(events, documents.c.source.label("doc_source")).join(
        documents, documents.c.doc_id == events.c.doc_id
    )
    wanted = {a.lower(): a, b.lower(): b}
    with store._engine.connect() as conn:
        for row in conn.execute(query):
            outlet = wanted.get(_source_of(row.doc_source).lower())
            if outlet is not None and row.event_date:
                by_key[_event_key(row)][outlet].append(row)
    shared = []
    for key in sorted(by_key):
        sides = by_key[key]
        if a in sides and b in sides:
            shared.append(
                {
                    "event_date": key[0],
                    "place": key[1],
                    "event_type": key[2],
                    a: [_event_view(r) for r in sides[a]],
                    b: [_event_view(r) for r in sides[b]],
                }
            )
    return shared


def _event_view(row: Any) -> dict[str, Any]:
    return {
        "sub_event_type": row.sub_event_type,
        "actor1": row.actor1,
        "actor2": row.actor2,
        "fatalities": row.fatalities,
        "certainty": row.certainty,
        "according_to": row.according_to,
        "notes": row.notes,
    }


def compare_outlets(store: Store, a: str, b: str) -> dict[str, Any]:
    """Two outlets side by side: measures, labels for the actors both mention, shared events."""
    from conflictlens.errors import UsageError

    profiles = {p.source.lower(): p for p in outlet_profiles(store, [a, b])}
    for name in (a, b):
        if name.lower() not in profiles:
            known = ", ".join(p.source for p in outlet_profiles(store)) or "none"
            raise UsageError(name, f"no stored documents from this source (stored: {known})")
    left, right = profiles[a.lower()], profiles[b.lower()]
    common = sorted(set(left.actors) & set(right.actors))
    return {
        "outlets": [left.source, right.source],
        "measures": {
            measure: [getattr(left, measure), getattr(right, measure)]
            for measure in ("documents", "words", "technique_rate", "hedge_rate")
        }
        | {"unattributed_event_share": [left.unattributed_share, right.unattributed_share]},
        "actors": [
            {
                "actor": actor,
                "mentions": [left.actors[actor], right.actors[actor]],
                "labels": [dict(left.labels.get(actor, {})), dict(right.labels.get(actor, {}))],
                "quoted_labels": [
                    dict(left.quoted_labels.get(actor, {})),
                    dict(right.quoted_labels.get(actor, {})),
                ],
            }
            for actor in common
        ],
        "events": shared_events(store, left.source, right.source),
    }


def top_labels(profile: OutletProfile, limit: int = 3) -> Sequence[str]:
    """'Actor: label, label' strings for the actors the outlet labels most."""
    ranked = sorted(profile.labels.items(), key=lambda item: -sum(item[1].values()))
    return [
        f"{actor}: {', '.join(label for label, _ in counts.most_common(3))}"
        for actor, counts in ranked[:limit]
    ]
