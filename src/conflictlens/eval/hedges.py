"""CoNLL-2010 hedges: ``hedges`` on the dev sentences, scored by the folder's ``score.py``.

The headline is the CoNLL-2010 Task 1 measure, F1 of the *uncertain* class at sentence level;
the domains are reported apart because Wikipedia weasels and biomedical hedges differ.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from conflictlens.eval.official import run_scorer
from conflictlens.eval.report import Metric, TaskResult, TaskUnavailable, sha256_file

FOLDER = "hedges"
GOLD = "dev.tsv"


def run(data_dir: Path) -> TaskResult:
    from conflictlens.framing.hedge_encoder import for_detector
    from conflictlens.framing.hedges_task import hedge_rows, read_hedge_input

    folder = data_dir / FOLDER
    gold = folder / GOLD
    if not gold.is_file():
        raise TaskUnavailable(f"no {FOLDER}/{GOLD} under {data_dir}")
    with tempfile.TemporaryDirectory(prefix="conflictlens-eval-") as tmp:
        pred = Path(tmp) / "pred.tsv"
        with pred.open("w", encoding="utf-8") as out:
            out.write("id\tuncertain\tcues\n")
            # As `conflictlens hedges` runs by default: the encoder blended in when installed.
            rows = hedge_rows(read_hedge_input(gold), for_detector("auto"))
            for row_id, uncertain, cues in rows:
                out.write(f"{row_id}\t{uncertain}\t{cues}\n")
        scores = run_scorer(folder / "score.py", [gold, pred])
    sentence, cue, domain = scores["sentence"], scores["cue"], scores["by_domain"]
    metrics = [
        Metric("sentence_f1", sentence["f1"]),
        Metric("sentence_precision", sentence["precision"]),
        Metric("sentence_recall", sentence["recall"]),
        Metric("accuracy", sentence["accuracy"]),
        Metric("cue_exact_f1", cue["exact"]["f1"]),
        Metric("cue_token_f1", cue["token"]["f1"]),
    ]
    metrics += [
        Metric(f"{name}_sentence_f1", domain[name]["sentence"]["f1"])
        for name in ("wiki", "bio")
        if name in domain
    ]
    return TaskResult(
        task="hedges",
        status="ok",
        gold=f"{FOLDER}/{GOLD}",
        gold_sha256=sha256_file(gold),
        primary="sentence_f1",
        metrics=metrics,
        details={"n": scores["n_gold"], "scorer": scores},
    )
