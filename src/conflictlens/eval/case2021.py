"""CASE 2021 Task 2 (event typing): ``classify`` on the dev snippets, scored by ``score.py``.

The headline is weighted F1, the measure the shared task's overview quotes (best systems
83.9 / 79.7 / 77.1 for subtasks 1 / 2 / 3: the 25 ACLED types, + 3, all 30 labels).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from conflictlens.eval.official import run_scorer
from conflictlens.eval.report import Metric, TaskResult, TaskUnavailable, sha256_file

FOLDER = "case2021_task2"
GOLD = "dev.tsv"


def run(data_dir: Path) -> TaskResult:
    from conflictlens.classify import classify_rows, read_classify_input

    folder = data_dir / FOLDER
    gold = folder / GOLD
    if not gold.is_file():
        raise TaskUnavailable(f"no {FOLDER}/{GOLD} under {data_dir}")
    rows = list(read_classify_input(gold))
    with tempfile.TemporaryDirectory(prefix="conflictlens-eval-") as tmp:
        pred = Path(tmp) / "pred.tsv"
        with pred.open("w", encoding="utf-8") as out:
            out.write("id\tlabel\n")
            for row_id, label in classify_rows(rows):
                out.write(f"{row_id}\t{label}\n")
        scores = {n: run_scorer(folder / "score.py", [gold, pred, "--subtask", n]) for n in "123"}
    all_labels = scores["3"]
    metrics = [
        Metric("weighted_f1", all_labels["weighted"]["f1"]),
        Metric("weighted_f1_subtask1", scores["1"]["weighted"]["f1"]),
        Metric("weighted_f1_subtask2", scores["2"]["weighted"]["f1"]),
        Metric("accuracy", all_labels["accuracy"]),
        Metric("macro_f1", all_labels["macro"]["f1"]),
        Metric("coverage", all_labels["coverage"]),
    ]
    return TaskResult(
        task="case2021",
        status="ok",
        gold=f"{FOLDER}/{GOLD}",
        gold_sha256=sha256_file(gold),
        primary="weighted_f1",
        metrics=metrics,
        details={"n": all_labels["n_gold"], "scorer": all_labels},
    )
