"""``conflictlens eval``: tables on stdout, a JSON report for tracking, one-line errors, and
exit 1 when asked-for scores are missing or dropped below the stored ones."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conflictlens.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, list[str]]:
    with pytest.raises(SystemExit) as done:
        main(["eval", *map(str, args)])
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, [line for line in err.splitlines() if line.strip()]


@pytest.fixture
def small_case_data(tmp_path: Path) -> Path:
    """Our four-snippet CASE file beside the official scorer (copied only into tmp_path)."""
    scorer = SHARED_DATA / "case2021_task2" / "score.py"
    if not scorer.is_file():
        pytest.skip(f"official scorer not found at {scorer} (shared corpora are not in the repo)")
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    shutil.copy(scorer, data / "case2021_task2" / "score.py")
    return data


def test_eval_cli_unknown_task_is_a_usage_error(capsys):
    code, _, err = _run(capsys, "nosuch")
    assert code == 2 and len(err) == 1 and "nosuch" in err[0] and "case2021" in err[0]


def test_eval_cli_data_must_be_a_folder(capsys, tmp_path):
    code, _, err = _run(capsys, "case2021", "--data", tmp_path / "missing")
    assert code == 2 and len(err) == 1 and "missing" in err[0]


@pytest.mark.parametrize("task", ["case2021", "geo", "ptc", "hedges"])
def test_eval_cli_task_without_its_corpus_is_reported_not_available(capsys, tmp_path, task):
    code, out, err = _run(capsys, task, "--data", tmp_path)
    assert code == 1
    assert err == [line for line in err if "not available" in line] and len(err) == 1
    assert task in out and "not available" in out  # the summary table still says why


def test_eval_cli_json_report_carries_metric_fingerprint_and_version(capsys, small_case_data):
    import conflictlens

    report_path = small_case_data.parent / "report.json"
    code, out, err = _run(capsys, "case2021", "--data", small_case_data, "--json", report_path)
    assert code == 0, err
    assert "weighted_f1" in out
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["conflictlens_version"] == conflictlens.__version__ and report["date"]
    (task,) = report["tasks"]
    assert task["task"] == "case2021" and task["status"] == "ok"
    metrics = {m["name"]: m["value"] for m in task["metrics"]}
    assert 0.0 <= metrics["weighted_f1"] <= 1.0 and metrics["coverage"] == 1.0
    gold = small_case_data / "case2021_task2" / "dev.tsv"
    assert task["gold_sha256"] == hashlib.sha256(gold.read_bytes()).hexdigest()


def test_eval_cli_baseline_fails_on_a_drop_of_more_than_two_points(capsys, small_case_data):
    first = small_case_data.parent / "first.json"
    assert _run(capsys, "case2021", "--data", small_case_data, "--json", first)[0] == 0
    stored = json.loads(first.read_text(encoding="utf-8"))
    for metric in stored["tasks"][0]["metrics"]:
        if metric["name"] == "accuracy":
            metric["value"] += 0.5  # as if we once scored far better
    first.write_text(json.dumps(stored), encoding="utf-8")
    code, _, err = _run(capsys, "case2021", "--data", small_case_data, "--baseline", first)
    assert code == 1
    assert any("regression: case2021 accuracy" in line for line in err)
