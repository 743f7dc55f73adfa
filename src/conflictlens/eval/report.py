"""Eval results as records: what each task scored, and the JSON report kept for tracking.

Every number carries its direction (``higher_is_better``) and its scale (``fraction`` in 0..1,
or ``km``), so the regression guard knows what "dropped by 2 points" means for it, and every
task carries the sha256 of its gold file, so numbers are only ever compared on the same data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

Status = Literal["ok", "not available", "error"]


@dataclass(frozen=True)
class Metric:
    """One score: ``value`` is a fraction in 0..1 unless ``scale`` says otherwise."""

    name: str
    value: float | None
    higher_is_better: bool = True
    scale: Literal["fraction", "km"] = "fraction"


@dataclass
class TaskResult:
    """What one task produced: its metrics, or why there are none."""

    task: str
    status: Status
    reason: str = ""
    #: The gold file, relative to the data folder, and its sha256: the data fingerprint.
    gold: str = ""
    gold_sha256: str = ""
    #: The name of the metric the summary table shows for this task.
    primary: str = ""
    metrics: list[Metric] = field(default_factory=list)
    seconds: float = 0.0
    #: The official scorer's own JSON output (per label, per source, ...), kept for diagnosis.
    details: dict[str, Any] = field(default_factory=dict)

    def metric(self, name: str) -> Metric | None:
        return next((m for m in self.metrics if m.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TaskResult:
        metrics = [Metric(**m) for m in data.get("metrics", [])]
        return cls(**{**data, "metrics": metrics})


class TaskUnavailable(Exception):
    """A task cannot run here (its data or its command is missing): reported, not fatal."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_report(results: list[TaskResult], data_dir: Path | None) -> dict[str, Any]:
    """The ``--json`` report: one object, stable keys, results in task order."""
    from conflictlens import __version__
    from conflictlens.pipeline import PIPELINE_VERSION

    return {
        "conflictlens_version": __version__,
        "pipeline_version": PIPELINE_VERSION,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "data_dir": str(data_dir) if data_dir else None,
        "tasks": [result.to_dict() for result in results],
    }


def write_report(report: dict[str, Any], path: Path) -> None:
    """Write atomically: a half-written baseline must never be read as a result."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(report, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def read_report(path: Path) -> dict[str, TaskResult]:
    """A stored report as ``{task: TaskResult}``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {task["task"]: TaskResult.from_dict(task) for task in data.get("tasks", [])}


def format_value(metric: Metric) -> str:
    if metric.value is None:
        return "n/a"
    if metric.scale == "km":
        return f"{metric.value:,.1f} km"
    return f"{metric.value:.4f}"
