"""Which tasks exist, where the corpora are, and running tasks so one failure spoils no other."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from conflictlens.errors import ConflictlensError
from conflictlens.eval import case2021, geo, hedges, ptc, seeds
from conflictlens.eval.report import TaskResult, TaskUnavailable

#: Task name -> its run function, in report order. ``all`` runs every one.
TASKS: dict[str, Callable[[Path], TaskResult]] = {
    "case2021": case2021.run,
    "geo": geo.run,
    "ptc": ptc.run,
    "hedges": hedges.run,
    "seeds": seeds.run,
}
#: Tasks that take seconds, not minutes: what the regression test runs.
FAST_TASKS = ("case2021", "hedges", "seeds")
#: Overrides the default data folder (the ``shared/data`` beside the checkout).
DATA_ENV_VAR = "CONFLICTLENS_EVAL_DATA"


def default_data_dir() -> Path:
    """``$CONFLICTLENS_EVAL_DATA``, else ``shared/data`` beside the checkout, else beside cwd."""
    import conflictlens

    if os.environ.get(DATA_ENV_VAR):
        return Path(os.environ[DATA_ENV_VAR])
    # src/conflictlens/__init__.py -> the checkout is parents[2]; the corpora sit beside it.
    beside_checkout = Path(conflictlens.__file__).resolve().parents[3] / "shared" / "data"
    if beside_checkout.is_dir():
        return beside_checkout
    return Path.cwd().resolve().parent / "shared" / "data"


def task_names(task: str) -> list[str]:
    return list(TASKS) if task == "all" else [task]


def run_task(name: str, data_dir: Path) -> TaskResult:
    """Run one task; a missing corpus or command, or a failing command, is reported in the
    result rather than raised, so ``all`` still scores everything else."""
    began = time.perf_counter()
    try:
        result = TASKS[name](data_dir)
    except TaskUnavailable as missing:
        result = TaskResult(task=name, status="not available", reason=str(missing))
    except ConflictlensError as error:
        result = TaskResult(task=name, status="error", reason=str(error))
    except Exception as error:  # one broken task must not hide every other score
        if os.environ.get("CONFLICTLENS_DEBUG"):
            raise
        result = TaskResult(
            task=name, status="error", reason=f"internal error: {type(error).__name__}: {error}"
        )
    result.seconds = round(time.perf_counter() - began, 2)
    return result
