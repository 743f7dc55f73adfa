"""``geo`` and ``ptc`` run the CONTRACT commands and score them with the official scorers; here
the commands are stand-ins that answer with the gold, so a perfect answer must score perfectly
and a failing command must be reported, not crash the run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conflictlens.errors import InputError
from conflictlens.eval import geo, ptc, run_task

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Our small gold files beside the official scorers (copied only into tmp_path)."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES, folder)
    for task in ("geo", "ptc"):
        scorer = SHARED_DATA / task / "score.py"
        if not scorer.is_file():
            pytest.skip(f"official scorer not found at {scorer} (shared corpora not in the repo)")
        shutil.copy(scorer, folder / task / "score.py")
    return folder


def _answer_with_gold(gold: Path, monkeypatch: pytest.MonkeyPatch, module: object) -> list[list]:
    calls: list[list] = []

    def run_command(name: str, args: list) -> None:
        calls.append([name, *map(str, args)])
        output = Path(args[args.index("--output") + 1])
        if name == "geoparse":
            asked = {json.loads(line)["doc_id"] for line in Path(args[0]).read_text().splitlines()}
            lines = [json.loads(line) for line in gold.read_text().splitlines()]
            output.write_text("".join(json.dumps(d) + "\n" for d in lines if d["doc_id"] in asked))
        else:
            output.write_text(gold.read_text())

    monkeypatch.setattr(module, "command_available", lambda name: True)
    monkeypatch.setattr(module, "run_command", run_command)
    return calls


def test_eval_geo_perfect_geoparse_scores_one(data, monkeypatch):
    calls = _answer_with_gold(data / "geo" / "geovirus.jsonl", monkeypatch, geo)
    result = run_task("geo", data)
    assert result.status == "ok", result.reason
    assert result.metric("e2e_acc@161").value == 1.0 and result.metric("exact_f1").value == 1.0
    assert result.metric("auc").value == 0.0 and not result.metric("auc").higher_is_better
    assert calls[0][0] == "geoparse" and result.details["n"] == 4


def test_eval_ptc_perfect_framing_scores_one_on_si_tc_and_flc(data, monkeypatch):
    calls = _answer_with_gold(data / "ptc" / "train" / "labels.tsv", monkeypatch, ptc)
    result = run_task("ptc", data)
    assert result.status == "ok", result.reason
    values = {m.name: m.value for m in result.metrics}
    assert values["si_f1"] == values["tc_micro_f1"] == values["flc_f1"] == 1.0
    assert "--spans" not in calls[0] and "--spans" in calls[1]  # detection, then the TC template


def test_eval_failing_command_is_an_error_with_its_message(data, monkeypatch):
    def run_command(name: str, args: list) -> None:
        raise InputError("conflictlens geoparse", "exit 1: gazetteer missing")

    monkeypatch.setattr(geo, "command_available", lambda name: True)
    monkeypatch.setattr(geo, "run_command", run_command)
    result = run_task("geo", data)
    assert result.status == "error" and "gazetteer missing" in result.reason


def test_eval_missing_command_is_not_available_with_the_reason(data, monkeypatch):
    monkeypatch.setattr(ptc, "command_available", lambda name: False)
    result = run_task("ptc", data)
    assert result.status == "not available" and "framing" in result.reason
