"""The registry as a networkx graph, and its GraphML / node-link JSON exports.

Nodes are actors (id = actor_id) and the literals claims point at (``person:``, ``place:``,
``year:``, ``country:`` ids). One edge per (subject, predicate, object), keyed by the predicate,
carrying how many claims support it and from whom, so Gephi, Cytoscape and networkx users see
both the relation and its provenance. GraphML allows only scalar attributes: lists are joined
with "; ".
"""

from __future__ import annotations

import json
from collections import Counter
from typing import IO, Any

import networkx as nx
from sqlalchemy import select

from conflictlens.actors.merges import lookup_actor
from conflictlens.actors.predicates import predicates
from conflictlens.actors.registry import KB_SOURCE, load_index
from conflictlens.store import Store
from conflictlens.store.registry_tables import registry_actors, registry_aliases, registry_relations

__all__ = ["GRAPH_FORMATS", "actor_graph", "registry_graph", "write_graph"]

GRAPH_FORMATS = ("graphml", "json")


def _join(values: list[str]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def registry_graph(store: Store) -> nx.MultiDiGraph:
    """Every (unmerged) actor and every claim between them, merges applied."""
    graph = nx.MultiDiGraph()
    with store._engine.begin() as conn:
        index = load_index(conn)
        actors = {r.actor_id: r for r in conn.execute(select(registry_actors))}
        aliases: dict[str, list[str]] = {}
        for row in conn.execute(select(registry_aliases.c.actor_id, registry_aliases.c.alias)):
            aliases.setdefault(index.canonical(row.actor_id), []).append(row.alias)
        claims = conn.execute(
            select(registry_relations).order_by(registry_relations.c.relation_id)
        ).all()
    for actor_id, row in actors.items():
        if index.canonical(actor_id) != actor_id:
            continue
        merged = [a for a in actors if a != actor_id and index.canonical(a) == actor_id]
        graph.add_node(
            actor_id,
            label=row.name,
            kind="actor",
            type=row.type,
            inter=row.inter if row.inter is not None else -1,
            country=row.country or "",
            active=row.active or "",
            provisional=bool(row.provisional),
            aliases=_join(sorted(set(aliases.get(actor_id, [])) - {row.name})),
            merged=_join(merged),
        )
    edges: dict[tuple[str, str, str], list[Any]] = {}
    for claim in claims:
        subject = index.canonical(claim.subject_id)
        if claim.object_id:
            target = index.canonical(claim.object_id)
        else:
            target = f"{claim.object_kind}:{claim.object_name}"
            if target not in graph:
                graph.add_node(target, label=claim.object_name, kind=claim.object_kind)
        edges.setdefault((subject, target, claim.predicate), []).append(claim)
    for (subject, target, predicate), rows in edges.items():
        certainty = Counter(r.certainty for r in rows).most_common(1)[0][0]
        dates = sorted(r.published for r in rows if r.published)
        graph.add_edge(
            subject,
            target,
            key=predicate,
            predicate=predicate,
            symmetric=predicates()[predicate].symmetric,
            claims=len(rows),
            documents=len({r.doc_id for r in rows if r.doc_id}),
            sources=_join([r.outlet or KB_SOURCE for r in rows]),
            voices=_join([r.voice for r in rows]),
            certainty=certainty,
            first_date=dates[0] if dates else "",
            last_date=dates[-1] if dates else "",
            evidence=next((r.evidence for r in rows if r.evidence), "") or "",
            doc_ids=_join([r.doc_id or "" for r in rows]),
        )
    return graph


def actor_graph(store: Store, name: str, depth: int = 1) -> nx.MultiDiGraph:
    """The part of the registry graph within ``depth`` relations of ``name`` (any direction)."""
    with store._engine.begin() as conn:
        actor_id = lookup_actor(conn, load_index(conn), name)
    graph = registry_graph(store)
    return nx.ego_graph(graph, actor_id, radius=depth, undirected=True)  # type: ignore[no-any-return]


def write_graph(graph: nx.MultiDiGraph, fmt: str, out: IO[str]) -> None:
    """GraphML (Gephi, Cytoscape, yEd) or node-link JSON (networkx, d3) on ``out``."""
    if fmt == "graphml":
        for line in nx.generate_graphml(graph, encoding="utf-8", prettyprint=True):
            out.write(line + "\n")
    elif fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        raise ValueError(f"unknown graph format {fmt!r}; one of {GRAPH_FORMATS}")
