"""``conflictlens export`` and ``summary``: reading what the store holds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from conflictlens.cli._app import FORMATS, app, check_date, open_output, open_store
from conflictlens.errors import UsageError


@app.command("export")
def export_cli(
    fmt: Annotated[str, typer.Option("--format", help="jsonl | acled-csv | geojson")] = "acled-csv",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    db: Annotated[str | None, typer.Option(help="Store URL.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="First event date (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Last event date (YYYY-MM-DD).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Country name, e.g. Syria.")] = None,
    event_type: Annotated[
        str | None, typer.Option("--event-type", help="ACLED event type, e.g. Battles.")
    ] = None,
    sub_event_type: Annotated[str | None, typer.Option("--sub-event-type")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name (substring, any role).")] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name.")] = None,
    consensus: Annotated[
        bool, typer.Option("--consensus", help="One row per consensus event, not per report.")
    ] = False,
) -> None:
    """Write stored events (with filters) as ACLED CSV, GeoJSON or JSONL."""
    from datetime import date

    from conflictlens.export import write_events

    if fmt not in FORMATS:
        raise UsageError("--format", f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    bounds: list[date | None] = []
    for option, value in (("--from", date_from), ("--to", date_to)):
        if value is not None:
            check_date(value, option)
        bounds.append(date.fromisoformat(value) if value else None)
    store = open_store(db)
    try:
        if consensus:
            from conflictlens.cli.corroborate import consensus_rows

            with open_output(output) as out:
                write_events(
                    consensus_rows(
                        store,
                        date_from=bounds[0],
                        date_to=bounds[1],
                        country=country,
                        event_type=event_type,
                        sub_event_type=sub_event_type,
                        actor=actor,
                        source=source,
                    ),
                    fmt,
                    out,
                )
            return
        rows = store.events(
            date_from=bounds[0],
            date_to=bounds[1],
            country=country,
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor=actor,
            source=source,
        )
        documents = {d.doc_id: d for d in store.documents()} if fmt == "jsonl" else None
        with open_output(output) as out:
            write_events(rows, fmt, out, documents=documents)
    finally:
        store.close()


@app.command("summary")
def summary_cli(
    db: Annotated[str | None, typer.Option(help="Store URL.")] = None,
    limit: Annotated[int, typer.Option(help="Most events to list.")] = 30,
) -> None:
    """A readable table of the stored events and where the store is."""
    from rich.console import Console
    from rich.table import Table

    from conflictlens.store import default_db_url

    store = open_store(db)
    # Piped output (make demo, CI logs) has no terminal width: use a readable one.
    console = Console() if sys.stdout.isatty() else Console(width=150)
    try:
        stats = store.stats()
        table = Table(title="conflictlens: stored events", show_lines=False)
        for column in (
            "date",
            "type",
            "actor1",
            "actor2",
            "location",
            "fat.",
            "certainty",
            "source",
        ):
            table.add_column(column, overflow="fold")
        for count, (_doc_id, event) in enumerate(store.events()):
            if count >= limit:
                break
            table.add_row(
                event.event_date or f"≤{event.date_end or '?'}",
                event.sub_event_type,
                event.actor1
                + (
                    f" (+{len(event.assoc_actor_1.split('; '))} assoc.)"
                    if event.assoc_actor_1
                    else ""
                ),
                event.actor2,
                ", ".join(
                    dict.fromkeys(p for p in (event.location, event.admin1, event.country) if p)
                ),
                str(event.fatalities),
                event.certainty,
                event.source,
            )
        console.print(table)
        console.print(
            f"{stats.get('documents', 0)} documents, {stats.get('events', 0)} events, "
            f"{stats.get('actors', 0)} distinct actors, {stats.get('relations', 0)} relations "
            f"in [bold]{db or default_db_url()}[/bold]"
        )
    finally:
        store.close()
