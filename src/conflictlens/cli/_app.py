"""The Typer app, shared helpers, and ``main()``: the one place that turns errors into exits.

Every ``ConflictlensError`` becomes one line on stderr and its exit code (2 usage, 1 data);
Typer's own usage errors become one line and exit 2; anything unexpected one line and exit 1
(``CONFLICTLENS_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from typer.exceptions import TyperException

from conflictlens.errors import ConflictlensError, UsageError

app = typer.Typer(
    name="conflictlens",
    help="Source-attributed, ACLED-compatible conflict event data from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


FORMATS = ("jsonl", "acled-csv", "geojson")


def stderr_line(message: str) -> None:
    """One line on stderr: how every problem reaches the user."""
    print(message.replace("\n", " ").strip(), file=sys.stderr)


@contextmanager
def open_output(path: Path | None) -> Any:
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


def check_date(value: str, option: str = "--published") -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(option, f"'{value}' is not a valid YYYY-MM-DD date") from exc


def open_store(db: str | None) -> Any:
    from conflictlens.pipeline import PIPELINE_VERSION
    from conflictlens.store import Store

    return Store(db, pipeline_version=PIPELINE_VERSION)


def _usage_line(error: TyperException) -> str:
    """Typer's usage errors as one line: which command, what was wrong, where to look."""
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "conflictlens"
    return f"{command}: {error.format_message()} (see '{command} --help')"


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; turn our errors into one stderr line and an exit code."""
    from conflictlens.nlp import import_thinc_without_torch

    import_thinc_without_torch()  # before any command imports spaCy: ~1.5 s less per command
    try:
        # standalone_mode=False: Typer *returns* the code of a typer.Exit instead of exiting.
        result = app(args=argv, prog_name="conflictlens", standalone_mode=False)
    except ConflictlensError as error:
        stderr_line(f"conflictlens: {error}")
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        # Typer turns Ctrl-C into Abort when it does not exit by itself.
        stderr_line("conflictlens: interrupted")
        sys.exit(130)
    except TyperException as error:  # Typer's own usage errors (bad option, missing argument)
        if type(error).__name__ == "NoArgsIsHelpError":
            print(error.format_message(), file=sys.stderr)  # the help text, as asked for
        else:
            stderr_line(_usage_line(error))
        sys.exit(error.exit_code)
    except BrokenPipeError:  # `conflictlens analyze ... | head`: the reader left, not an error
        sys.stderr.close()
        sys.exit(0)
    except Exception as error:  # last resort: one line, never a traceback
        if os.environ.get("CONFLICTLENS_DEBUG"):
            raise
        stderr_line(
            f"conflictlens: internal error: {type(error).__name__}: {error} "
            "(set CONFLICTLENS_DEBUG=1 for details)"
        )
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)


def show_progress() -> bool:
    """Draw progress bars on a terminal, or where ``CONFLICTLENS_PROGRESS=1`` asks for them
    (CI logs, a file: rich draws nothing there unless forced)."""
    return sys.stderr.isatty() or os.environ.get("CONFLICTLENS_PROGRESS") == "1"


def progress_bar(label: str, enabled: bool) -> Any:
    """A rich progress bar on stderr (stdout carries the records): ``label``, bar, n/total,
    elapsed time and the current item's name (the task's ``name`` field)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    interactive = sys.stderr.isatty()
    # Forced (no terminal): redraw once per item (no timer), without colours, and keep the
    # final state instead of erasing it.
    forced = enabled and not interactive
    console = Console(stderr=True, force_terminal=True if forced else None, no_color=forced)
    return Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[name]}"),
        console=console,
        transient=interactive,
        auto_refresh=interactive,
        redirect_stdout=False,
        redirect_stderr=False,  # error lines go through ``console.print``
        disable=not enabled,
    )
