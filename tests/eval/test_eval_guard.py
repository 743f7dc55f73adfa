"""The regression guard: a drop of more than 2 points fails, on the same data only."""

from __future__ import annotations

from conflictlens.eval import Metric, TaskResult, not_comparable, regressions


def _result(value: float, *, sha: str = "abc", auc: float = 0.2, km: float = 10.0) -> TaskResult:
    return TaskResult(
        task="t",
        status="ok",
        gold_sha256=sha,
        primary="f1",
        metrics=[
            Metric("f1", value),
            Metric("auc", auc, higher_is_better=False),
            Metric("mean_km", km, higher_is_better=False, scale="km"),
        ],
    )


def test_eval_guard_flags_a_drop_of_more_than_two_points():
    found = regressions({"t": _result(0.80)}, [_result(0.779)])
    assert [(r.metric, r.baseline, r.current) for r in found] == [("f1", 0.80, 0.779)]
    assert "0.8000 -> 0.7790" in str(found[0])


def test_eval_guard_lets_two_points_and_improvements_pass():
    assert regressions({"t": _result(0.80)}, [_result(0.78)]) == []
    assert regressions({"t": _result(0.80)}, [_result(0.95)]) == []


def test_eval_guard_knows_lower_is_better_and_skips_kilometres():
    found = regressions({"t": _result(0.8)}, [_result(0.8, auc=0.25, km=900.0)])
    assert [r.metric for r in found] == ["auc"]


def test_eval_guard_compares_only_the_same_gold_data():
    baseline = {"t": _result(0.80, sha="old")}
    current = [_result(0.10, sha="new")]
    assert regressions(baseline, current) == []
    assert "gold data differs" in not_comparable(baseline, current)[0]


def test_eval_guard_a_failed_task_is_a_regression_and_a_missing_one_is_noted():
    failed = TaskResult(task="t", status="error", reason="geoparse: exit 1")
    assert regressions({"t": _result(0.8)}, [failed])[0].metric.startswith("task failed")
    missing = TaskResult(task="t", status="not available", reason="no data")
    assert regressions({"t": _result(0.8)}, [missing]) == []
    assert "not run here" in not_comparable({"t": _result(0.8)}, [missing])[0]


def test_eval_guard_a_vanished_metric_is_a_regression():
    current = _result(0.8)
    current.metrics = [m for m in current.metrics if m.name != "f1"]
    assert [r.metric for r in regressions({"t": _result(0.8)}, [current])] == ["f1"]
