"""Merging two registered actors into one, and undoing it: every merge is logged, none is lost.

A merge only points the merged actor at the kept one (``merged_into``); its aliases and claims
stay on their rows, so ``split`` restores exactly what was there before.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, update

from conflictlens.actors.errors import RegistryRefusal
from conflictlens.actors.registry import load_index, now
from conflictlens.actors.resolution import AliasIndex
from conflictlens.knowledge.normalize import normalize_name
from conflictlens.store import Store
from conflictlens.store.registry_tables import registry_actors, registry_aliases, registry_merges

__all__ = ["Merge", "list_merges", "lookup_actor", "merge_actors", "split_actor"]


@dataclass(frozen=True)
class Merge:
    """One logged merge; ``undone_at`` is set once it was split again."""

    merge_id: int
    kept_id: str
    kept_name: str
    merged_id: str
    merged_name: str
    note: str
    merged_at: str
    undone_at: str | None


def lookup_actor(conn: Connection, index: AliasIndex, name: str, *, follow: bool = True) -> str:
    """The actor id ``name`` (an id, a name or an alias) stands for; refusal if none or several.

    ``follow``: go on to the actor it was merged into (False finds the merged actor itself).
    """
    if name in index.names:
        return index.canonical(name) if follow else name
    norm = normalize_name(name)
    own = [a for a, n in index.names.items() if normalize_name(n) == norm]
    if not own:
        own = sorted(
            set(
                conn.execute(
                    select(registry_aliases.c.actor_id).where(registry_aliases.c.norm == norm)
                ).scalars()
            )
        )
    found = sorted({index.canonical(a) for a in own}) if follow else own
    if len(found) == 1:
        return found[0]
    if not found:
        guess = index.resolve(name)
        hint = f" (did you mean '{index.names[guess.actor_id]}'?)" if guess.actor_id else ""
        raise RegistryRefusal(name, f"no actor of that name in the registry{hint}")
    names = "; ".join(f"{index.names[a]} [{a}]" for a in found)
    raise RegistryRefusal(name, f"names several actors: {names}; give the actor id")


def merge_actors(store: Store, keep: str, merge: str, note: str = "") -> Merge:
    """Merge ``merge`` into ``keep``: one actor from now on, until ``split_actor`` undoes it."""
    with store._engine.begin() as conn:
        index = load_index(conn)
        kept_id = lookup_actor(conn, index, keep)
        merged_id = lookup_actor(conn, index, merge)
        if kept_id == merged_id:
            raise RegistryRefusal(
                f"merge {keep!r} {merge!r}",
                f"self-loop: both name '{index.names[kept_id]}' already",
            )
        at = now()
        conn.execute(
            update(registry_actors)
            .where(registry_actors.c.actor_id == merged_id)
            .values(merged_into=kept_id)
        )
        merge_id = conn.execute(
            insert(registry_merges).values(
                kept_id=kept_id, merged_id=merged_id, note=note, merged_at=at, undone_at=None
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        return Merge(
            int(merge_id),
            kept_id,
            index.names[kept_id],
            merged_id,
            index.names[merged_id],
            note,
            at,
            None,
        )


def split_actor(store: Store, name: str) -> Merge:
    """Undo the merge of ``name``: the actor merged away, or else the last merge into it."""
    with store._engine.begin() as conn:
        index = load_index(conn)
        actor_id = lookup_actor(conn, index, name, follow=False)
        active = registry_merges.c.undone_at.is_(None)
        row = conn.execute(
            select(registry_merges)
            .where(active, registry_merges.c.merged_id == actor_id)
            .order_by(registry_merges.c.merge_id.desc())
        ).first()
        if row is None:
            row = conn.execute(
                select(registry_merges)
                .where(active, registry_merges.c.kept_id == actor_id)
                .order_by(registry_merges.c.merge_id.desc())
            ).first()
        if row is None:
            raise RegistryRefusal(name, "not part of any merge (see 'conflictlens actors merges')")
        at = now()
        conn.execute(
            update(registry_actors)
            .where(registry_actors.c.actor_id == row.merged_id)
            .values(merged_into=None)
        )
        conn.execute(
            update(registry_merges)
            .where(registry_merges.c.merge_id == row.merge_id)
            .values(undone_at=at)
        )
        return Merge(
            row.merge_id,
            row.kept_id,
            index.names.get(row.kept_id, row.kept_id),
            row.merged_id,
            index.names.get(row.merged_id, row.merged_id),
            row.note,
            row.merged_at,
            at,
        )


def list_merges(store: Store) -> list[Merge]:
    """Every merge ever made, oldest first, the undone ones included."""
    with store._engine.begin() as conn:
        index = load_index(conn)
        rows = conn.execute(select(registry_merges).order_by(registry_merges.c.merge_id)).all()
    return [
        Merge(
            r.merge_id,
            r.kept_id,
            index.names.get(r.kept_id, r.kept_id),
            r.merged_id,
            index.names.get(r.merged_id, r.merged_id),
            r.note,
            r.merged_at,
            r.undone_at,
        )
        for r in rows
    ]
