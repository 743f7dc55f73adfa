"""Geoparsing (GeoVirus): ``geoparse`` on the dev articles, scored by the folder's ``score.py``.

Recognition is scored with exact and overlapping spans, resolution as accuracy within 161 km,
AUC of the log error (lower is better) and end to end (found *and* within 161 km / all gold).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from conflictlens.eval.official import command_available, run_command, run_scorer
from conflictlens.eval.report import Metric, TaskResult, TaskUnavailable, sha256_file

FOLDER = "geo"
GOLD = "geovirus.jsonl"


def run(data_dir: Path) -> TaskResult:
    folder = data_dir / FOLDER
    gold = folder / GOLD
    if not command_available("geoparse"):
        raise TaskUnavailable(f"this build has no `conflictlens geoparse` command ({_why()})")
    if not gold.is_file():
        raise TaskUnavailable(f"no {FOLDER}/{GOLD} under {data_dir}")
    with tempfile.TemporaryDirectory(prefix="conflictlens-eval-") as tmp:
        source, pred = Path(tmp) / "input.jsonl", Path(tmp) / "pred.jsonl"
        with gold.open(encoding="utf-8") as lines, source.open("w", encoding="utf-8") as out:
            for line in lines:
                if line.strip():
                    item = json.loads(line)
                    out.write(json.dumps({"doc_id": item["doc_id"], "text": item["text"]}) + "\n")
        run_command("geoparse", [source, "--output", pred])
        scores = run_scorer(folder / "score.py", [gold, pred])
    exact, overlap = scores["exact"], scores["overlap"]
    geocoding = overlap["geocoding"]
    metrics = [
        Metric("e2e_acc@161", geocoding["e2e_acc@161"]),
        Metric("overlap_f1", overlap["f1"]),
        Metric("overlap_precision", overlap["precision"]),
        Metric("overlap_recall", overlap["recall"]),
        Metric("exact_f1", exact["f1"]),
        Metric("acc@161", geocoding["acc@161"]),
        Metric("auc", geocoding["auc"], higher_is_better=False),
        Metric("median_km", geocoding["median_km"], higher_is_better=False, scale="km"),
        Metric("mean_km", geocoding["mean_km"], higher_is_better=False, scale="km"),
    ]
    return TaskResult(
        task="geo",
        status="ok",
        gold=f"{FOLDER}/{GOLD}",
        gold_sha256=sha256_file(gold),
        primary="e2e_acc@161",
        metrics=metrics,
        details={"n": scores["gold_toponyms"], "scorer": scores},
    )


def _why() -> str:
    try:
        import conflictlens.geo  # noqa: F401
    except ImportError as error:
        return f"conflictlens.geo is not importable: {error}"
    return "conflictlens.geo exists but registers no command"
