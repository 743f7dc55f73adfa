"""``conflictlens geoparse`` and ``conflictlens gazetteer import-geonames``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from conflictlens.cli._app import app, open_output, show_progress, stderr_line
from conflictlens.errors import UsageError

gazetteer_app = typer.Typer(
    name="gazetteer",
    help="The place gazetteer: load GeoNames dumps for village-level coverage.",
    no_args_is_help=True,
)
app.add_typer(gazetteer_app)

GazetteerOption = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer",
        help="Gazetteer file (default: $CONFLICTLENS_GAZETTEER, else the user data dir).",
    ),
]


@app.command("geoparse")
def geoparse_cli(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT.jsonl", help='Lines {"doc_id", "text"}.')
    ],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Toponyms of each text, resolved in context: JSONL {"doc_id", "toponyms": [...]}."""
    from conflictlens.geo.geoparser import geoparse, toponym_record
    from conflictlens.geo.jsonl import read_geoparse_input

    if not input_path.is_file():
        raise UsageError(str(input_path), "no such file")
    places = _gazetteer(gazetteer)
    failures = 0
    with open_output(output) as out:
        for item in read_geoparse_input(input_path):
            if isinstance(item, Exception):
                failures += 1
                stderr_line(f"conflictlens: {item}")
                continue
            doc_id, text = item
            toponyms = [toponym_record(t, places) for t in geoparse(text, places)]
            out.write(json.dumps({"doc_id": doc_id, "toponyms": toponyms}, ensure_ascii=False))
            out.write("\n")
    if failures:
        raise typer.Exit(1)


def _gazetteer(path: Path | None) -> Any:
    from conflictlens.knowledge import Gazetteer

    places = Gazetteer.default()
    if path is not None:
        if not path.is_file():
            raise UsageError(str(path), "no such gazetteer file")
        if places.geonames_path != path:
            places = places.with_geonames(path)
    return places


@gazetteer_app.command("import-geonames")
def import_geonames_cli(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="GeoNames dump files: XX.zip/XX.txt, allCountries.zip, cities500.zip ..., "
            "admin1CodesASCII.txt, admin2Codes.txt, alternateNamesV2.zip, countryInfo.txt.",
        ),
    ],
    gazetteer: GazetteerOption = None,
) -> None:
    """Load GeoNames dumps into the gazetteer (streaming; re-importing changes nothing).

    The import writes a copy and swaps it in at the end: a bad file or an interruption leaves
    the existing gazetteer as it was. Data: GeoNames, geonames.org (CC BY 4.0).
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from conflictlens.geo.database import default_gazetteer_path, import_geonames

    target = gazetteer or default_gazetteer_path()
    show = show_progress()
    interactive = sys.stderr.isatty()
    forced = show and not interactive
    console = Console(stderr=True, force_terminal=True if forced else None, no_color=forced)
    progress = Progress(
        TextColumn("[bold]{task.fields[name]}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
        auto_refresh=interactive,
        disable=not show,
    )
    tasks: dict[Path, Any] = {}
    pending: dict[Path, int] = {}

    def on_file(dump: Any) -> None:
        tasks[dump.path] = progress.add_task("import", total=dump.size, name=dump.path.name)
        pending[dump.path] = 0

    def on_chunk(dump: Any, n: int) -> None:
        pending[dump.path] += n
        if pending[dump.path] >= 1 << 20:  # redraw per MiB read, not per line
            progress.update(tasks[dump.path], advance=pending[dump.path], refresh=forced)
            pending[dump.path] = 0

    with progress:
        report = import_geonames(files, target, progress=on_chunk, on_file=on_file)
        for task in tasks.values():
            progress.update(task, completed=progress.tasks[task].total, refresh=True)
    for path, kind, rows in report.files:
        stderr_line(f"{path}: {rows:,} {kind} rows")
    stderr_line(f"gazetteer {report.path}: {report.rows:,} rows loaded in {report.seconds:.1f} s")
