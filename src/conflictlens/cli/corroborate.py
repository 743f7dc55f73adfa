"""``conflictlens corroborate``: stored reports clustered into events, one consensus per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from conflictlens.cli._app import app, open_output, open_store, stderr_line


@app.command("corroborate")
def corroborate_cli(
    db: Annotated[str | None, typer.Option(help="Store URL.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget the clusters and build them again.")
    ] = False,
    min_reports: Annotated[
        int, typer.Option("--min-reports", min=1, help="Only events with this many reports.")
    ] = 1,
) -> None:
    """Cluster stored reports into events across outlets; write one consensus event per line."""
    from conflictlens.corroborate import corroborate_store
    from conflictlens.store.cluster_tables import iter_consensus

    store = open_store(db)
    try:
        result = corroborate_store(store, rebuild=rebuild)
        with open_output(output) as out:
            for record in iter_consensus(store, min_reports=min_reports):
                out.write(json.dumps(record.to_json_dict(), ensure_ascii=False) + "\n")
    finally:
        store.close()
    stderr_line(
        f"corroborate: {result.documents} documents clustered; {result.clusters} events, "
        f"{result.multi_report_clusters} with several reports, {result.multi_source_clusters} "
        f"with several independent sources; {result.duplicate_pairs} near-duplicate pairs"
    )


def consensus_rows(
    store: Any,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    country: str | None = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
    actor: str | None = None,
    source: str | None = None,
) -> Iterator[tuple[str, Any]]:
    """``(cluster_id, consensus Event)`` pairs for ``export --consensus``, with its filters.

    Clusters are brought up to date first; the filters mean what they mean for
    ``Store.events`` (text filters ignore case, ``source`` is any of the event's outlets).
    """
    from conflictlens.corroborate import consensus_event, corroborate_store
    from conflictlens.store.cluster_tables import iter_consensus

    corroborate_store(store)
    for record in iter_consensus(store):
        event = consensus_event(record)
        day = date.fromisoformat(event.event_date) if event.event_date else None
        if (date_from or date_to) and day is None:
            continue
        if date_from and day and day < date_from:
            continue
        if date_to and day and day > date_to:
            continue
        if not _same(event.country, country) or not _same(event.event_type, event_type):
            continue
        if not _same(event.sub_event_type, sub_event_type):
            continue
        if actor is not None:
            names = (event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2)
            if not any(actor.lower() in name.lower() for name in names):
                continue
        if source is not None and source.lower() not in (s.lower() for s in record.sources):
            continue
        yield record.cluster_id, event


def _same(value: str, wanted: str | None) -> bool:
    return wanted is None or value.lower() == wanted.lower()
