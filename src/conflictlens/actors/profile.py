"""Reading the registry: the actor list, and one actor's aliases, claims and events.

A profile gathers everything on the actor *and* on the actors merged into it, so a merge shows
at once and a split takes it back; the claims keep their own sources throughout.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, or_, select

from conflictlens.actors.merges import lookup_actor
from conflictlens.actors.predicates import predicates
from conflictlens.actors.registry import KB_SOURCE, load_index
from conflictlens.actors.resolution import AliasIndex
from conflictlens.records import Event
from conflictlens.store import Store
from conflictlens.store.registry_tables import registry_actors, registry_aliases, registry_relations
from conflictlens.store.schema import actor_mentions

__all__ = ["ActorProfile", "ActorRow", "Claim", "actor_profile", "list_actors"]


@dataclass(frozen=True)
class ActorRow:
    """One registry actor as ``actors list`` shows it."""

    actor_id: str
    name: str
    type: str
    inter: int | None
    country: str | None
    active: str
    origin: str
    provisional: bool
    merged_into: str | None
    aliases: int = 0
    claims: int = 0
    mentions: int = 0
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    """One sourced statement: an alias or a relation, as one outlet (or the KB) made it."""

    subject_id: str
    subject: str
    predicate: str
    object_id: str | None
    object: str
    object_kind: str
    doc_id: str | None
    outlet: str | None
    published: str | None
    certainty: str
    voice: str
    evidence: str | None
    origin: str

    @property
    def source(self) -> str:
        """'Alwaght 2016-10-07' — who said it and when; the voice when it is not the outlet."""
        who = " ".join(p for p in (self.outlet or "", self.published or "") if p)
        if self.voice not in ("outlet", KB_SOURCE):
            who += f", according to {self.voice}"
        return who or KB_SOURCE


@dataclass
class ActorProfile:
    """Everything the registry knows about one actor (and those merged into it)."""

    actor: ActorRow
    merged: list[ActorRow] = field(default_factory=list)
    aliases: dict[str, list[Claim]] = field(default_factory=dict)
    seen_as: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    relations: list[Claim] = field(default_factory=list)  # the actor is the subject
    incoming: list[Claim] = field(default_factory=list)  # the actor is the object
    events: list[tuple[str, Event, str]] = field(default_factory=list)  # doc_id, event, role

    def grouped(self, incoming: bool = False) -> dict[tuple[str, str], list[Claim]]:
        """Claims by (predicate, other side), in first-seen order."""
        out: dict[tuple[str, str], list[Claim]] = {}
        for claim in self.incoming if incoming else self.relations:
            other = claim.subject if incoming else claim.object
            out.setdefault((claim.predicate, other), []).append(claim)
        return out

    def conflicts(self) -> dict[str, list[str]]:
        """Functional predicates (led_by, founded_in, ...) with more than one claimed value."""
        values: dict[str, list[str]] = {}
        for claim in self.relations:
            if predicates()[claim.predicate].functional:
                bucket = values.setdefault(claim.predicate, [])
                if claim.object not in bucket:
                    bucket.append(claim.object)
        return {k: v for k, v in values.items() if len(v) > 1}


def _actor_row(row: Any, **counts: Any) -> ActorRow:
    return ActorRow(
        actor_id=row.actor_id,
        name=row.name,
        type=row.type,
        inter=row.inter,
        country=row.country,
        active=row.active or "",
        origin=row.origin,
        provisional=bool(row.provisional),
        merged_into=row.merged_into,
        **counts,
    )


def list_actors(store: Store, *, include_merged: bool = False) -> list[ActorRow]:
    """Registry actors by name, with how many aliases, claims and mentions each has."""
    with store._engine.begin() as conn:
        load_index(conn)
        aliases: dict[str, int] = dict(
            conn.execute(
                select(
                    registry_aliases.c.actor_id, func.count(registry_aliases.c.norm.distinct())
                ).group_by(registry_aliases.c.actor_id)
            ).all()
        )
        claims: Counter[str] = Counter()
        for column in (registry_relations.c.subject_id, registry_relations.c.object_id):
            for actor_id, count in conn.execute(
                select(column, func.count()).group_by(column)
            ).all():
                if actor_id:
                    claims[actor_id] += count
        mentions: dict[str, int] = dict(
            conn.execute(
                select(actor_mentions.c.actor_id, func.count()).group_by(actor_mentions.c.actor_id)
            ).all()
        )
        # Learned from text: one alias row per mention of a provisional actor, each with its
        # outlet (the KB matcher's mentions are counted in actor_mentions instead).
        learned: Counter[str] = Counter()
        outlets: dict[str, dict[str, None]] = {}
        for actor_id, outlet in conn.execute(
            select(registry_aliases.c.actor_id, registry_aliases.c.outlet).where(
                registry_aliases.c.doc_id.is_not(None)
            )
        ):
            learned[actor_id] += 1
            outlets.setdefault(actor_id, {})[outlet or "unknown outlet"] = None
        rows = conn.execute(select(registry_actors).order_by(registry_actors.c.name)).all()
    return [
        _actor_row(
            r,
            aliases=aliases.get(r.actor_id, 0),
            claims=claims[r.actor_id],
            mentions=mentions.get(r.actor_id, 0) + (learned[r.actor_id] if r.provisional else 0),
            outlets=tuple(outlets.get(r.actor_id, ())),
        )
        for r in rows
        if include_merged or r.merged_into is None
    ]


def _claims(conn: Connection, index: AliasIndex, where: Any) -> list[Claim]:
    rows = conn.execute(
        select(registry_relations)
        .where(where)
        .order_by(
            registry_relations.c.published.is_(None),
            registry_relations.c.published,
            registry_relations.c.relation_id,
        )
    ).all()
    return [
        Claim(
            subject_id=index.canonical(r.subject_id),
            subject=index.names.get(index.canonical(r.subject_id), r.subject_id),
            predicate=r.predicate,
            object_id=index.canonical(r.object_id) if r.object_id else None,
            object=(
                index.names.get(index.canonical(r.object_id), r.object_name)
                if r.object_id
                else r.object_name
            ),
            object_kind=r.object_kind,
            doc_id=r.doc_id,
            outlet=r.outlet,
            published=r.published,
            certainty=r.certainty,
            voice=r.voice,
            evidence=r.evidence,
            origin=r.origin,
        )
        for r in rows
    ]


def _events(store: Store, names: list[str]) -> list[tuple[str, Event, str]]:
    """Stored events with one of ``names`` as a side or an associated actor, by date."""
    found: dict[tuple[str, str], tuple[str, Event, str]] = {}
    wanted = set(names)
    for name in names:
        for doc_id, event in store.events(actor=name):
            for role, value in (
                ("actor1", event.actor1),
                ("actor2", event.actor2),
                ("assoc_actor_1", event.assoc_actor_1),
                ("assoc_actor_2", event.assoc_actor_2),
            ):
                if set(value.split("; ")) & wanted:
                    found.setdefault((doc_id, event.event_id), (doc_id, event, role))
                    break
    return sorted(found.values(), key=lambda item: (item[1].event_date or "9999", item[0]))


def actor_profile(store: Store, name: str) -> ActorProfile:
    """The aliases (with sources), sourced relations both ways and events of ``name``."""
    with store._engine.begin() as conn:
        index = load_index(conn)
        actor_id = lookup_actor(conn, index, name)
        all_rows = {r.actor_id: r for r in conn.execute(select(registry_actors)).all()}
        members = [a for a in all_rows if index.canonical(a) == actor_id]
        merged = [_actor_row(all_rows[a]) for a in members if a != actor_id]
        profile = ActorProfile(actor=_actor_row(all_rows[actor_id]), merged=merged)
        for row in conn.execute(
            select(registry_aliases)
            .where(registry_aliases.c.actor_id.in_(members))
            .order_by(
                registry_aliases.c.published.is_(None),
                registry_aliases.c.published,
                registry_aliases.c.alias_id,
            )
        ):
            claims = profile.aliases.setdefault(row.alias, [])
            if row.doc_id is None and claims and claims[0].doc_id is None:
                continue  # the KB lists a spelling once, however many rows
            claims.append(
                Claim(
                    subject_id=actor_id,
                    subject=row.alias,
                    predicate="alias_of",
                    object_id=actor_id,
                    object=index.names[actor_id],
                    object_kind="actor",
                    doc_id=row.doc_id,
                    outlet=row.outlet,
                    published=row.published,
                    certainty=row.certainty or "reported",
                    voice=row.voice or "outlet",
                    evidence=row.evidence,
                    origin="kb" if row.doc_id is None else "text",
                )
            )
        names = [all_rows[a].name for a in members]
        mention_filter = or_(
            actor_mentions.c.actor_id.in_(members), actor_mentions.c.name.in_(names)
        )
        for surface, count in conn.execute(
            select(actor_mentions.c.surface, func.count())
            .where(mention_filter)
            .group_by(actor_mentions.c.surface)
        ).all():
            profile.seen_as[surface] = count
        profile.documents = conn.execute(
            select(func.count(actor_mentions.c.doc_id.distinct())).where(mention_filter)
        ).scalar_one()
        profile.relations = _claims(conn, index, registry_relations.c.subject_id.in_(members))
        profile.incoming = _claims(conn, index, registry_relations.c.object_id.in_(members))
    profile.events = _events(store, names)
    return profile
