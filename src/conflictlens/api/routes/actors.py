"""``/api/actors``: the actor registry — list, one actor's claims and events, its graph."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Path, Query

from conflictlens.api.errors import responses
from conflictlens.api.pages import Cursor, Limit, StoreDep, decode_cursor, page_of
from conflictlens.api.schemas import (
    ActorDetail,
    ActorGraph,
    ActorPage,
    ActorSummary,
    EventOut,
    RelationOut,
)
from conflictlens.store import queries

router = APIRouter(tags=["actors"])

Name = Annotated[str, Path(min_length=1, max_length=300, description="Name, alias or actor id.")]
#: Deeper graphs of a well-connected registry are the whole registry: no use to a browser.
MAX_DEPTH = 4


@router.get("/actors", response_model=ActorPage, responses=responses())
def list_actors(
    store: StoreDep,
    q: Annotated[
        str | None, Query(max_length=200, description="Part of the name or an alias (any case).")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Registry actors by name, with their aliases and how many stored events name them."""
    from conflictlens.actors import list_actors as registry_actors

    after = decode_cursor(cursor, "actors", (str, str))
    rows = registry_actors(store)  # the registry is small (thousands): sorted by name already
    aliases = queries.actor_aliases(store, [row.actor_id for row in rows]) if q else {}
    needle = (q or "").lower()
    page = []
    for row in rows:
        if after is not None and (row.name, row.actor_id) <= after:
            continue
        if (
            needle
            and needle not in row.name.lower()
            and not any(needle in alias.lower() for alias in aliases.get(row.actor_id, []))
        ):
            continue
        page.append(row)
        if len(page) > limit:
            break
    more, page = len(page) > limit, page[:limit]
    if not q:
        aliases = queries.actor_aliases(store, [row.actor_id for row in page])
    counts = queries.event_counts(store, [row.name for row in page])
    items = [
        ActorSummary(
            name=row.name,
            type=row.type,
            inter=row.inter,
            country=row.country,
            aliases=aliases.get(row.actor_id, []),
            events=counts.get(row.name, 0),
        )
        for row in page
    ]
    ids = {row.name: row.actor_id for row in page}
    return page_of(items, more, "actors", lambda item: (item.name, ids[item.name]))


def _split(value: Any) -> list[str]:
    return [part for part in str(value or "").split("; ") if part]


# Before the detail route: "{name:path}" would otherwise take "X/graph" as a name.
@router.get("/actors/{name:path}/graph", response_model=ActorGraph, responses=responses(404))
def get_actor_graph(
    name: Name,
    store: StoreDep,
    depth: Annotated[int, Query(ge=0, le=MAX_DEPTH, description="Relations away from it.")] = 1,
) -> dict[str, Any]:
    """The actors (and literals) within ``depth`` relations, as node-link JSON."""
    from conflictlens.actors import actor_graph

    graph: nx.MultiDiGraph = actor_graph(store, name, depth)
    data = nx.node_link_data(graph, edges="links")
    for node in data["nodes"]:
        for field in ("aliases", "merged"):
            if field in node:
                node[field] = _split(node[field])
    for link in data["links"]:
        for field in ("sources", "voices", "doc_ids"):
            link[field] = _split(link.get(field))
    return data  # type: ignore[no-any-return]


@router.get("/actors/{name:path}", response_model=ActorDetail, responses=responses(404))
def get_actor(name: Name, store: StoreDep) -> ActorDetail:
    """Aliases, relations (each with its source and how often it says so) and events."""
    from conflictlens.actors import actor_profile

    profile = actor_profile(store, name)
    grouped: Counter[tuple[str, str, str, str, str, str | None, str]] = Counter(
        (c.subject, c.predicate, c.object, c.certainty, c.voice, c.doc_id, c.source)
        for c in [*profile.relations, *profile.incoming]
    )
    relations = [
        RelationOut.model_validate(
            {
                "subject": subject,
                "predicate": predicate,
                "object": obj,
                "certainty": certainty,
                "voice": voice,
                "doc_id": doc_id,
                "source": source,
                "count": count,
            }
        )
        for (subject, predicate, obj, certainty, voice, doc_id, source), count in grouped.items()
    ]
    actor = profile.actor
    return ActorDetail(
        name=actor.name,
        type=actor.type,
        inter=actor.inter,
        country=actor.country,
        aliases=sorted((a for a in profile.aliases if a != actor.name), key=str.lower),
        relations=relations,
        events=[
            EventOut.model_validate(event.model_dump() | {"doc_id": doc_id})
            for doc_id, event, _role in profile.events
        ],
    )
