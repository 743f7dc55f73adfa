"""``conflictlens eval``: conflictlens scored on the shared corpora by each corpus's own scorer.

Tasks: ``case2021`` (classify), ``geo`` (geoparse), ``ptc`` (framing), ``hedges`` (hedges) and
``seeds`` (analyze on the bundled examples against our own gold). Results are ``TaskResult``
records; ``build_report`` makes the JSON kept in ``benchmarks/results/``, ``regressions``
compares two of them.
"""

from conflictlens.eval.guard import Regression, not_comparable, regressions
from conflictlens.eval.report import (
    Metric,
    TaskResult,
    TaskUnavailable,
    build_report,
    read_report,
    write_report,
)
from conflictlens.eval.runner import FAST_TASKS, TASKS, default_data_dir, run_task, task_names

__all__ = [
    "FAST_TASKS",
    "TASKS",
    "Metric",
    "Regression",
    "TaskResult",
    "TaskUnavailable",
    "build_report",
    "default_data_dir",
    "not_comparable",
    "read_report",
    "regressions",
    "run_task",
    "task_names",
    "write_report",
]
