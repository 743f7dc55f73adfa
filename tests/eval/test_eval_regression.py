"""The regression guard: the fast eval tasks may not fall more than 2 points below the scores
stored in ``benchmarks/results/eval_baseline.json`` (re-pin that file on purpose, never silently:
``conflictlens eval all --json benchmarks/results/eval_baseline.json``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictlens.eval import FAST_TASKS, read_report, regressions, run_task

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
BASELINE = ROOT / "benchmarks" / "results" / "eval_baseline.json"

pytestmark = pytest.mark.slow  # seeds loads the spaCy model


@pytest.mark.parametrize("task", FAST_TASKS)
def test_eval_regression_fast_task_keeps_its_stored_scores(task: str) -> None:
    stored = read_report(BASELINE)
    assert stored[task].status == "ok", f"the baseline holds no scores for {task}"
    if task != "seeds" and not SHARED_DATA.is_dir():  # seeds ships its own gold
        pytest.skip(f"{task}: shared corpora not found at {SHARED_DATA} (not in the repository)")
    result = run_task(task, SHARED_DATA)
    assert result.status == "ok", f"{task}: {result.status}: {result.reason}"
    if result.gold_sha256 != stored[task].gold_sha256:
        pytest.skip(f"{task}: the gold file differs from the one the baseline was measured on")
    dropped = regressions(stored, [result])
    assert not dropped, "dropped more than 2 points: " + "; ".join(map(str, dropped))
