"""``conflictlens eval``: score the CONTRACT commands on the shared corpora, print and keep it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from conflictlens.cli._app import app, stderr_line
from conflictlens.errors import InputError, UsageError

if TYPE_CHECKING:
    from conflictlens.eval import TaskResult

TASK_CHOICES = ("case2021", "geo", "ptc", "hedges", "seeds", "all")


@app.command("eval")
def eval_cli(
    task: Annotated[str, typer.Argument(help="case2021 | geo | ptc | hedges | seeds | all")],
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Corpora folder (default: shared/data beside the checkout)."),
    ] = None,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Also write the results as JSON here.")
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Stored results (benchmarks/results/eval_baseline.json): exit 1 if a metric "
            "dropped more than 2 points.",
        ),
    ] = None,
) -> None:
    """Score conflictlens on the shared dev corpora with each corpus's own scorer."""
    from conflictlens.eval import (
        build_report,
        default_data_dir,
        not_comparable,
        read_report,
        regressions,
        run_task,
        task_names,
        write_report,
    )

    if task not in TASK_CHOICES:
        raise UsageError(task, f"unknown eval task (choose from {', '.join(TASK_CHOICES)})")
    if data is not None and not data.is_dir():
        raise UsageError(str(data), "--data is not a folder")
    if baseline is not None and not baseline.is_file():
        raise UsageError(str(baseline), "--baseline: no such file")
    data_dir = (data or default_data_dir()).resolve()
    stored = _read_baseline(baseline, read_report) if baseline else {}

    console = _console()
    results = []
    for name in task_names(task):
        result = run_task(name, data_dir)
        results.append(result)
        _print_task(console, result, stored.get(name))
    _print_summary(console, results, data_dir)
    if json_path is not None:
        write_report(build_report(results, data_dir), json_path)

    failed = [r for r in results if r.status == "error"]
    if task != "all":  # asked for by name: "not available" is a failure to do what was asked
        failed += [r for r in results if r.status == "not available"]
    dropped = regressions(stored, results) if baseline else []
    for note in not_comparable(stored, results) if baseline else []:
        stderr_line(f"conflictlens eval: not compared: {note}")
    for regression in dropped:
        stderr_line(f"conflictlens eval: regression: {regression}")
    for result in failed:
        stderr_line(f"conflictlens eval: {result.task}: {result.status}: {result.reason}")
    if failed or dropped:
        raise typer.Exit(code=1)


def _read_baseline(path: Path, read: Any) -> dict[str, TaskResult]:
    try:
        return dict(read(path))
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(str(path), f"not an eval results file ({error})") from error


def _console() -> Any:
    from rich.console import Console

    # Piped output (make eval, CI logs) has no terminal width: use a readable one.
    return Console() if sys.stdout.isatty() else Console(width=120)


def _print_task(console: Any, result: TaskResult, before: TaskResult | None) -> None:
    from rich.table import Table

    from conflictlens.eval.report import format_value

    if result.status != "ok":
        return
    comparable = before is not None and before.gold_sha256 == result.gold_sha256
    table = Table(title=f"{result.task}: {result.gold}", title_justify="left")
    table.add_column("metric")
    table.add_column("value", justify="right")
    if comparable:
        table.add_column("stored", justify="right")
        table.add_column("change", justify="right")
    for metric in result.metrics:
        row = [metric.name + ("" if metric.higher_is_better else " (lower is better)")]
        row.append(format_value(metric))
        old = before.metric(metric.name) if comparable and before else None
        if comparable:
            row.append(format_value(old) if old else "")
            row.append(_change(metric.value, old.value if old else None, metric.scale))
        style = "bold" if metric.name == result.primary else None
        table.add_row(*row, style=style)
    console.print(table)
    if result.reason:
        console.print(f"note: {result.reason}")


def _change(value: float | None, old: float | None, scale: str) -> str:
    if value is None or old is None:
        return ""
    if scale == "km":
        return f"{value - old:+,.1f}"
    return f"{100 * (value - old):+.1f} pt"


def _print_summary(console: Any, results: list[TaskResult], data_dir: Path) -> None:
    from rich.table import Table

    from conflictlens.eval.report import format_value

    table = Table(title=f"conflictlens eval ({data_dir})", title_justify="left")
    for column, justify in (
        ("task", "left"),
        ("status", "left"),
        ("headline", "left"),
        ("value", "right"),
        ("items", "right"),
        ("seconds", "right"),
        ("note", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for result in results:
        primary = result.metric(result.primary)
        table.add_row(
            result.task,
            result.status,
            result.primary,
            format_value(primary) if primary else "",
            str(result.details.get("n", "")),
            f"{result.seconds:.1f}",
            result.reason,
        )
    console.print(table)
