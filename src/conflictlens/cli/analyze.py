"""``conflictlens analyze``: articles in, Documents out (and into the store)."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import Annotated, Any

import typer

from conflictlens.cli._app import (
    FORMATS,
    app,
    check_date,
    open_output,
    open_store,
    progress_bar,
    show_progress,
    stderr_line,
)
from conflictlens.errors import ConflictlensError, UsageError


@app.command("analyze")
def analyze_cli(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Outlet name for inputs that carry none.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl | acled-csv | geojson")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: Annotated[
        str | None, typer.Option(help="Store URL (sqlite:///path, postgresql://...).")
    ] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not store the results.")] = False,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="Put each document's text in the JSONL.")
    ] = False,
    n_process: Annotated[
        int,
        typer.Option(
            "--n-process", min=1, help="Processes that analyse: this one and n-1 workers."
        ),
    ] = 1,
) -> None:
    """Extract events, actors, places and framing from news articles."""
    from conflictlens.export import write_documents
    from conflictlens.ingest import check_paths, count_documents, read_inputs
    from conflictlens.pipeline import iter_analyze
    from conflictlens.storing import store_analysed

    if fmt not in FORMATS:
        raise UsageError("--format", f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if published is not None:
        check_date(published)
    check_paths(inputs)
    store = None if no_store else open_store(db)
    failures = 0
    total = count_documents(inputs)
    show = (total or 0) > 1 and show_progress()
    # Documents come back from iter_analyze in input order, so the raw inputs wait in a FIFO
    # (a dict keyed by doc_id would lose one of two documents sharing an id).
    pending: deque[Any] = deque()
    collected = []
    try:
        with open_output(output) as out, progress_bar("analysing", show) as progress:
            task = progress.add_task("analyse", total=total, name="")

            def report(message: str) -> None:
                """One error line; above the bar while it is drawn, so neither garbles."""
                if show:
                    line = message.replace("\n", " ").strip()
                    progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
                else:
                    stderr_line(message)

            def good_raws() -> Iterator[Any]:
                nonlocal failures
                for item in read_inputs(
                    inputs, published=published, source=source, stdin=sys.stdin.buffer
                ):
                    if isinstance(item, ConflictlensError):
                        failures += 1
                        report(str(item))
                        progress.update(task, advance=1, refresh=True)
                        continue
                    pending.append(item)
                    yield item

            raws = good_raws()
            first = next(raws, None)  # all inputs bad: report them without loading the model
            documents = iter_analyze(chain([first], raws), n_process=n_process) if first else ()
            for document in documents:
                raw = pending.popleft()
                progress.update(task, advance=1, name=document.doc_id[:40], refresh=True)
                if document.language not in (None, "en"):
                    failures += 1
                    report(f"{raw.origin or document.doc_id}: {document.warnings[-1]}")
                if store is not None:
                    # Save, actor registry, clusters: the same step as POST /api/documents.
                    store_analysed(store, document, raw)
                if fmt == "jsonl":
                    write_documents([document], "jsonl", out, include_text=include_text)
                    out.flush()
                else:
                    collected.append(document)
            if fmt != "jsonl":
                write_documents(collected, fmt, out, include_text=include_text)
    finally:
        if store is not None:
            store.close()
    if failures:
        raise typer.Exit(1)
