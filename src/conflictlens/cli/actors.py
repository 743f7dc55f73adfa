"""``conflictlens actors``: the actor registry — list, show, graph, merge, split, rebuild."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from conflictlens.cli._app import app, open_output, open_store
from conflictlens.errors import UsageError

if TYPE_CHECKING:
    from conflictlens.actors import ActorProfile, Claim, Merge

actors_app = typer.Typer(
    help="The actor registry: aliases and relations with their sources, merges, graph export.",
    no_args_is_help=True,
)
app.add_typer(actors_app, name="actors")

DbOption = Annotated[str | None, typer.Option("--db", help="Store URL.")]


def _console() -> Any:
    from rich.console import Console

    # Piped output has no terminal width: use a readable one rather than 80 columns.
    return Console() if sys.stdout.isatty() else Console(width=150)


@actors_app.command("list")
def list_cli(
    db: DbOption = None,
    provisional: Annotated[
        bool, typer.Option("--provisional", help="Only actors learned from text, unconfirmed.")
    ] = False,
    merged: Annotated[bool, typer.Option("--merged", help="Show merged actors too.")] = False,
) -> None:
    """Every registered actor: type, ACLED inter code, country, aliases, claims, mentions."""
    from rich.table import Table

    from conflictlens.actors import list_actors

    store = open_store(db)
    try:
        rows = list_actors(store, include_merged=merged)
    finally:
        store.close()
    table = Table(title="conflictlens: actor registry" + (" (provisional)" if provisional else ""))
    columns = ["actor", "id", "type", "inter", "country", "aliases", "claims", "mentions"]
    for column in columns + (["outlets"] if provisional else []):
        table.add_column(column, overflow="fold")
    for row in rows:
        if provisional and not row.provisional:
            continue
        extra = ["; ".join(row.outlets)] if provisional else []
        name = row.name + (" (provisional)" if row.provisional else "")
        if row.merged_into:
            name += f" → merged into {row.merged_into}"
        table.add_row(
            name,
            row.actor_id,
            row.type,
            "" if row.inter is None else str(row.inter),
            row.country or "",
            str(row.aliases),
            str(row.claims),
            str(row.mentions),
            *extra,
        )
    _console().print(table)


def _claim_sources(claims: list[Claim]) -> str:
    parts = [f"{c.source} ({c.certainty})" for c in claims]
    return "; ".join(dict.fromkeys(parts))


def _show_lines(profile: ActorProfile) -> list[str]:
    """The profile as plain lines: readable in a terminal, greppable in a file."""
    from conflictlens.actors import predicates

    actor = profile.actor
    lines = [f"{actor.name}  [{actor.actor_id}]"]
    facts = [f"type: {actor.type}" + (f" (inter {actor.inter})" if actor.inter else "")]
    facts += [f"country: {actor.country}"] if actor.country else []
    facts += [f"active: {actor.active}"] if actor.active else []
    facts.append(
        "provisional, learned from text"
        if actor.provisional
        else ("from the knowledge base" if actor.origin == "kb" else "learned from text")
    )
    lines.append("  " + " · ".join(facts))
    if profile.merged:
        lines.append(
            "  merged into it: " + "; ".join(f"{m.name} [{m.actor_id}]" for m in profile.merged)
        )
    lines.append(
        f"  mentioned {sum(profile.seen_as.values())} times in {profile.documents} documents"
    )

    lines += ["", f"Aliases ({len(profile.aliases)})"]
    for alias, claims in profile.aliases.items():
        sources = "; ".join(dict.fromkeys(c.source for c in claims))
        lines.append(f"  {alias} — {sources}")
        # A provisional actor has one claim per mention: three sentences say enough.
        shown = [c for c in claims if c.evidence]
        for claim in shown[:3]:
            lines.append(f"      “{claim.evidence}” ({claim.source})")
        if len(shown) > 3:
            lines.append(f"      (+{len(shown) - 3} more)")
    if profile.seen_as:
        seen = ", ".join(f"{s} ×{n}" for s, n in profile.seen_as.most_common())
        lines += ["", "Seen in the stored texts as", f"  {seen}"]

    table = predicates()
    outgoing = profile.grouped()
    lines += ["", f"Relations ({len(profile.relations)} claims, {len(outgoing)} distinct)"]
    for (predicate, other), claims in outgoing.items():
        count = f"{len(claims)} claim" + ("s" if len(claims) > 1 else "")
        lines.append(
            f"  {predicate:<16} {other}  — {count}: {_claim_sources(claims)}"
            f"  ({table[predicate].reads} {other})"
        )
        for claim in claims:
            if claim.evidence:
                lines.append(f"      “{claim.evidence}” ({claim.source})")
    incoming = profile.grouped(incoming=True)
    if incoming:
        plural = "s" if len(profile.incoming) != 1 else ""
        lines += ["", f"Claims naming it as the object ({len(profile.incoming)} claim{plural})"]
        for (predicate, other), claims in incoming.items():
            count = f"{len(claims)} claim" + ("s" if len(claims) > 1 else "")
            lines.append(
                f"  {other} {predicate} it — {count}: {_claim_sources(claims)}"
                f"  ({table[predicate].inverse} {other})"
            )
            for claim in claims:
                if claim.evidence:
                    lines.append(f"      “{claim.evidence}” ({claim.source})")
    conflicts = profile.conflicts()
    if conflicts:
        lines += ["", "Conflicting claims (all kept)"]
        for predicate, values in conflicts.items():
            per_value = []
            for value in values:
                said = [
                    c for c in profile.relations if (c.predicate, c.object) == (predicate, value)
                ]
                per_value.append(f"{value} ({_claim_sources(said)})")
            lines.append(f"  {predicate}: " + " vs ".join(per_value))

    lines += ["", f"Events ({len(profile.events)})"]
    for doc_id, event, role in profile.events:
        when = event.event_date or f"≤{event.date_end or '?'}"
        other = event.actor2 if role in ("actor1", "assoc_actor_1") else event.actor1
        where = ", ".join(dict.fromkeys(p for p in (event.location, event.country) if p))
        lines.append(
            f"  {when}  {event.sub_event_type or event.event_type}  as {role}"
            + (f", against {other}" if other else "")
            + (f"  in {where}" if where else "")
            + f"  fatalities {event.fatalities}, {event.certainty}"
            + f"  — {event.source or 'unknown outlet'} [{doc_id} {event.event_id}]"
        )
    return lines


@actors_app.command("show")
def show_cli(
    name: Annotated[str, typer.Argument(help="Actor name, alias or id.")],
    db: DbOption = None,
) -> None:
    """Aliases with their sources, relations with sources and counts, and events of one actor."""
    from conflictlens.actors import actor_profile

    store = open_store(db)
    try:
        profile = actor_profile(store, name)
    finally:
        store.close()
    print("\n".join(_show_lines(profile)))


@actors_app.command("graph")
def graph_cli(
    name: Annotated[str, typer.Argument(help="Actor name, alias or id at the centre.")],
    depth: Annotated[int, typer.Option("--depth", min=0, help="Relations away from it.")] = 1,
    fmt: Annotated[str, typer.Option("--format", help="graphml | json (node-link)")] = "graphml",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    db: DbOption = None,
) -> None:
    """Export the actors within --depth relations as GraphML or node-link JSON."""
    from conflictlens.actors import GRAPH_FORMATS, actor_graph, write_graph

    if fmt not in GRAPH_FORMATS:
        raise UsageError("--format", f"unknown format '{fmt}' (choose from graphml, json)")
    store = open_store(db)
    try:
        graph = actor_graph(store, name, depth)
    finally:
        store.close()
    with open_output(output) as out:
        write_graph(graph, fmt, out)


def _merge_line(merge: Merge) -> str:
    state = f"undone {merge.undone_at}" if merge.undone_at else "active"
    note = f" — {merge.note}" if merge.note else ""
    return (
        f"#{merge.merge_id}  {merge.merged_name} [{merge.merged_id}] → {merge.kept_name} "
        f"[{merge.kept_id}]  merged {merge.merged_at}, {state}{note}"
    )


@actors_app.command("merge")
def merge_cli(
    keep: Annotated[str, typer.Argument(help="The actor that stays (name, alias or id).")],
    merge: Annotated[str, typer.Argument(help="The actor merged into it.")],
    note: Annotated[str, typer.Option("--note", help="Why (kept in the merge log).")] = "",
    db: DbOption = None,
) -> None:
    """Merge actor B into actor A (reversible with 'actors split B')."""
    from conflictlens.actors import merge_actors

    store = open_store(db)
    try:
        print(_merge_line(merge_actors(store, keep, merge, note)))
    finally:
        store.close()


@actors_app.command("split")
def split_cli(
    name: Annotated[str, typer.Argument(help="The merged actor (or the one merged into).")],
    db: DbOption = None,
) -> None:
    """Undo a merge: the actor stands alone again with its own aliases and claims."""
    from conflictlens.actors import split_actor

    store = open_store(db)
    try:
        print(_merge_line(split_actor(store, name)))
    finally:
        store.close()


@actors_app.command("merges")
def merges_cli(db: DbOption = None) -> None:
    """The merge log: every merge, active or undone."""
    from conflictlens.actors import list_merges

    store = open_store(db)
    try:
        merges = list_merges(store)
    finally:
        store.close()
    for merge in merges:
        print(_merge_line(merge))
    if not merges:
        print("no merges")


@actors_app.command("rebuild")
def rebuild_cli(db: DbOption = None) -> None:
    """Register every stored document again (after a KB or extractor update); merges stay."""
    from conflictlens.actors import rebuild_registry

    store = open_store(db)
    try:
        result = rebuild_registry(store)
    finally:
        store.close()
    print(
        f"{result.documents} documents: {result.aliases} aliases, {result.relations} relations, "
        f"{result.provisional} provisional actors, {len(result.refused)} claims refused"
    )
    for line in result.refused:
        print(f"  refused: {line}")
