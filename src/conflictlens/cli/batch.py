"""``conflictlens batch`` (inputs -> partitioned Parquet) and ``load`` (Parquet -> the store)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from conflictlens.cli._app import (
    app,
    check_date,
    open_store,
    progress_bar,
    show_progress,
    stderr_line,
)


@app.command("batch")
def batch_cli(
    inputs: Annotated[list[str], typer.Argument(help="JSONL / WARC / text files or directories.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output directory.")],
    engine: Annotated[str, typer.Option(help="local (process pool) | ray (Ray Data).")] = "local",
    workers: Annotated[int, typer.Option(min=1, help="Worker processes / Ray actors.")] = 1,
    shard_size: Annotated[
        int, typer.Option("--shard-size", min=1, help="JSONL lines (or small files) per shard.")
    ] = 1000,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Outlet name for inputs that carry none.")
    ] = None,
    ray_address: Annotated[
        str | None,
        typer.Option("--ray-address", help="Ray cluster to join (e.g. ray://head:10001)."),
    ] = None,
) -> None:
    """Analyse many inputs into partitioned Parquet; a rerun resumes unfinished shards."""
    from conflictlens.batch import run_batch

    if published is not None:
        check_date(published)
    show = show_progress()
    with progress_bar("batch", show) as bar:
        task = bar.add_task("shards", total=None, name="")

        def on_plan(shards: list[Any], skipped: int) -> None:
            bar.update(task, total=len(shards), completed=skipped)

        def on_shard(_summary: Any, result: Any) -> None:
            for line in result.errors:
                if show:
                    bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
                else:
                    stderr_line(line)
            bar.update(task, advance=1, name=result.shard_id, refresh=True)

        summary = run_batch(
            inputs,
            output,
            engine=engine,
            workers=workers,
            shard_size=shard_size,
            published=published,
            source=source,
            ray_address=ray_address,
            progress=on_shard,
            on_plan=on_plan,
        )
    for warning in summary.warnings:
        stderr_line(f"conflictlens batch: {warning}")
    rate = summary.documents / summary.seconds if summary.seconds else 0.0
    print(
        json.dumps(
            {
                "output": str(summary.output),
                "engine": summary.engine,
                "workers": summary.workers,
                "shards": summary.shards,
                "shards_skipped": summary.skipped,
                "shards_processed": summary.processed,
                "documents": summary.documents,
                "events": summary.events,
                "words": summary.words,
                "errors": summary.errors,
                "duplicates_dropped": summary.duplicates_dropped,
                "renamed": summary.renamed,
                "seconds": round(summary.seconds, 2),
                "documents_per_second": round(rate, 2),
            }
        )
    )
    if summary.errors:
        raise typer.Exit(1)


@app.command("load")
def load_cli(
    directory: Annotated[Path, typer.Argument(help="A `conflictlens batch` output directory.")],
    db: Annotated[
        str | None, typer.Option(help="Store URL (sqlite:///path, postgresql://...).")
    ] = None,
) -> None:
    """Load a batch output into the store (re-loading the same output changes nothing)."""
    from conflictlens.batch import check_output, iter_documents, open_output
    from conflictlens.storing import store_document

    manifest = open_output(directory)
    check_output(directory, manifest)  # a corrupt file is reported before anything is stored
    total = manifest.totals()["documents"]
    counts = {"inserted": 0, "updated": 0, "unchanged": 0}
    store = open_store(db)
    try:
        with progress_bar("loading", show_progress() and total > 1) as bar:
            task = bar.add_task("load", total=total, name="")
            for document, content_hash in iter_documents(directory):
                text = document.text or ""
                counts[store_document(store, document, text=text, digest=content_hash)] += 1
                bar.update(task, advance=1, name=document.doc_id[:40], refresh=True)
    finally:
        store.close()
    print(json.dumps({"directory": str(directory), "db": store.url, **counts}))
