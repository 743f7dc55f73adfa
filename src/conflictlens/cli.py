"""The ``conflictlens`` command: thin Typer wrappers around library functions.

Each command parses options and calls ``pipeline``, ``store``, ``export``, ``classify`` or
``framing``; no extraction logic lives here. Heavy imports (spaCy, SQLAlchemy) happen inside the
commands so ``conflictlens --help`` stays instant. Errors: every ``ConflictlensError`` becomes one
line on stderr and its exit code (2 usage, 1 data) in ``main()``, the only place that catches.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.exceptions import TyperException

from conflictlens.errors import ConflictlensError, InputError, UsageError

app = typer.Typer(
    name="conflictlens",
    help="Source-attributed, ACLED-compatible conflict event data from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FORMATS = ("jsonl", "acled-csv", "geojson")


def _stderr(message: str) -> None:
    """One line on stderr: how every problem reaches the user."""
    print(message.replace("\n", " ").strip(), file=sys.stderr)


@contextmanager
def _output(path: Path | None) -> Any:
    """Write to ``path`` atomically (a temp file renamed at the end), or to stdout."""
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tmp.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(str(path), f"cannot write output ({exc.strerror or exc})") from exc
    try:
        with handle:
            yield handle
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _content_hash(raw: Any) -> str:
    key = "\x1f".join(
        str(v or "") for v in (raw.text, raw.title, raw.published, raw.source, raw.url)
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _progress(total: int | None, enabled: bool) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # CONFLICTLENS_PROGRESS=1 asks for the bar where stderr is no terminal (CI logs, a file):
    # rich draws nothing there unless forced, and the final state is kept instead of erased.
    interactive = sys.stderr.isatty()
    # Redraws there happen once per document (no timer), without colours.
    forced = enabled and not interactive
    console = Console(stderr=True, force_terminal=True if forced else None, no_color=forced)
    return Progress(
        TextColumn("[bold]analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[name]}"),
        console=console,
        transient=interactive,
        auto_refresh=interactive,
        redirect_stdout=False,  # stdout carries the JSONL, never the bar
        redirect_stderr=False,  # error lines go through ``console.print`` (see analyze)
        disable=not enabled,
    )


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
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Worker processes.")] = 1,
) -> None:
    """Extract events, actors, places and framing from news articles."""
    from conflictlens.export import write_documents
    from conflictlens.ingest import check_paths, count_documents, read_inputs
    from conflictlens.pipeline import iter_analyze

    if fmt not in FORMATS:
        raise UsageError("--format", f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if published is not None:
        _check_date(published)
    check_paths(inputs)
    store = None if no_store else _open_store(db)
    failures = 0
    total = count_documents(inputs)
    show = (total or 0) > 1 and (
        sys.stderr.isatty() or os.environ.get("CONFLICTLENS_PROGRESS") == "1"
    )
    # Documents come back from iter_analyze in input order, so the raw inputs wait in a FIFO
    # (a dict keyed by doc_id would lose one of two documents sharing an id).
    pending: deque[Any] = deque()
    collected = []
    try:
        with _output(output) as out, _progress(total, show) as progress:
            task = progress.add_task("analyse", total=total, name="")

            def report(message: str) -> None:
                """One error line; above the bar while it is drawn, so neither garbles."""
                if show:
                    line = message.replace("\n", " ").strip()
                    progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
                else:
                    _stderr(message)

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
                    store.save(document, text=raw.text, content_hash=_content_hash(raw))
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


def _check_date(value: str, option: str = "--published") -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(option, f"'{value}' is not a valid YYYY-MM-DD date") from exc


def _open_store(db: str | None) -> Any:
    from conflictlens.pipeline import PIPELINE_VERSION
    from conflictlens.store import Store

    return Store(db, pipeline_version=PIPELINE_VERSION)


@app.command("classify")
def classify_cli(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help=".tsv (id, text columns) or .jsonl")
    ],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """One CASE 2021 / ACLED sub-event label per text: TSV ``id<TAB>label``."""
    from conflictlens.classify import classify_rows, read_classify_input

    if not input_path.exists():
        raise UsageError(str(input_path), "no such file")
    rows = list(read_classify_input(input_path))
    with _output(output) as out:
        out.write("id\tlabel\n")
        for doc_id, label in classify_rows(rows):
            out.write(f"{doc_id}\t{label}\n")


@app.command("hedges")
def hedges_cli(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help=".tsv (id, text columns) or .jsonl")
    ],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Sentence-level certainty: TSV ``id<TAB>uncertain<TAB>cues``."""
    from conflictlens.framing.hedges_task import hedge_rows, read_hedge_input

    if not input_path.exists():
        raise UsageError(str(input_path), "no such file")
    try:
        rows = list(read_hedge_input(input_path))
    except ValueError as error:  # the reader names "path:line: reason" in a ValueError
        where, _, reason = str(error).partition(": ")
        if isinstance(error, UnicodeDecodeError):
            where, reason = str(input_path), "not UTF-8 text"
        raise InputError(where, reason or "malformed input") from error
    except OSError as error:
        raise InputError(str(input_path), f"cannot read: {error.strerror or error}") from error
    with _output(output) as out:
        out.write("id\tuncertain\tcues\n")
        for doc_id, uncertain, cues in hedge_rows(rows):
            out.write(f"{doc_id}\t{uncertain}\t{cues}\n")


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
) -> None:
    """Write stored events (with filters) as ACLED CSV, GeoJSON or JSONL."""
    from datetime import date

    from conflictlens.export import write_events

    if fmt not in FORMATS:
        raise UsageError("--format", f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    bounds: list[date | None] = []
    for option, value in (("--from", date_from), ("--to", date_to)):
        if value is not None:
            _check_date(value, option)
        bounds.append(date.fromisoformat(value) if value else None)
    store = _open_store(db)
    try:
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
        with _output(output) as out:
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

    store = _open_store(db)
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
            f"{stats.get('actors', 0)} actor mentions, {stats.get('relations', 0)} relations "
            f"in [bold]{db or default_db_url()}[/bold]"
        )
    finally:
        store.close()


def _usage_line(error: TyperException) -> str:
    """Typer's usage errors as one line: which command, what was wrong, where to look."""
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "conflictlens"
    return f"{command}: {error.format_message()} (see '{command} --help')"


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; turn our errors into one stderr line and an exit code."""
    try:
        # standalone_mode=False: Typer *returns* the code of a typer.Exit instead of exiting.
        result = app(args=argv, prog_name="conflictlens", standalone_mode=False)
    except ConflictlensError as error:
        _stderr(f"conflictlens: {error}")
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        # Typer turns Ctrl-C into Abort when it does not exit by itself.
        _stderr("conflictlens: interrupted")
        sys.exit(130)
    except TyperException as error:  # Typer's own usage errors (bad option, missing argument)
        if type(error).__name__ == "NoArgsIsHelpError":
            print(error.format_message(), file=sys.stderr)  # the help text, as asked for
        else:
            _stderr(_usage_line(error))
        sys.exit(error.exit_code)
    except BrokenPipeError:  # `conflictlens analyze ... | head`: the reader left, not an error
        sys.stderr.close()
        sys.exit(0)
    except Exception as error:  # last resort: one line, never a traceback
        if os.environ.get("CONFLICTLENS_DEBUG"):
            raise
        _stderr(
            f"conflictlens: internal error: {type(error).__name__}: {error} "
            "(set CONFLICTLENS_DEBUG=1 for details)"
        )
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)
