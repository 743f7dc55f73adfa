"""The regression guard: a metric may not drop more than 2 points below its stored value.

Only numbers measured on the same gold file (same sha256) are compared; a task whose data
differs, or that could not run here, is reported as not comparable rather than passed.
Distances in km have no "points" and are reported, not guarded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from conflictlens.eval.report import TaskResult

#: Two points on a 0..1 scale.
TOLERANCE = 0.02
#: Float noise in stored JSON must not count as a drop.
_EPSILON = 1e-9


@dataclass(frozen=True)
class Regression:
    task: str
    metric: str
    baseline: float | None
    current: float | None

    def __str__(self) -> str:
        def shown(value: float | None) -> str:
            return "n/a" if value is None else f"{value:.4f}"

        return f"{self.task} {self.metric}: {shown(self.baseline)} -> {shown(self.current)}"


def regressions(
    baseline: Mapping[str, TaskResult],
    current: Iterable[TaskResult],
    tolerance: float = TOLERANCE,
) -> list[Regression]:
    """Metrics worse than the baseline by more than ``tolerance``, on comparable tasks."""
    found = []
    for result in current:
        before = baseline.get(result.task)
        if before is None or before.status != "ok":
            continue
        if result.status == "error":
            found.append(Regression(result.task, f"task failed ({result.reason})", None, None))
            continue
        if result.status != "ok" or result.gold_sha256 != before.gold_sha256:
            continue
        for old in before.metrics:
            if old.scale != "fraction" or old.value is None:
                continue
            new = result.metric(old.name)
            value = new.value if new is not None else None
            if value is None:
                found.append(Regression(result.task, old.name, old.value, None))
                continue
            drop = old.value - value if old.higher_is_better else value - old.value
            if drop > tolerance + _EPSILON:
                found.append(Regression(result.task, old.name, old.value, value))
    return found


def not_comparable(baseline: Mapping[str, TaskResult], current: Iterable[TaskResult]) -> list[str]:
    """Why some tasks could not be checked: no baseline, other data, or not run here."""
    notes = []
    for result in current:
        before = baseline.get(result.task)
        if before is None or before.status != "ok":
            notes.append(f"{result.task}: no stored result to compare with")
        elif result.status == "not available":
            notes.append(f"{result.task}: not run here ({result.reason})")
        elif result.status == "ok" and result.gold_sha256 != before.gold_sha256:
            notes.append(
                f"{result.task}: gold data differs from the stored run "
                f"(sha256 {result.gold_sha256[:12]} vs {before.gold_sha256[:12]})"
            )
    return notes
