"""Propaganda techniques (PTC train): ``framing --format ptc``, scored by the folder's ``score.py``.

Two runs of the CONTRACT command: one finds spans and techniques (SI, FLC), one classifies the
gold spans given with ``--spans`` (TC, micro-F1). Only the training split is shared (the dev
split is the hidden set), so these numbers are on data a framing model may have seen.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from conflictlens.eval.official import command_available, run_command, run_scorer
from conflictlens.eval.report import Metric, TaskResult, TaskUnavailable, sha256_file

FOLDER = "ptc"
GOLD = "train/labels.tsv"
ARTICLES = "train/articles"


def run(data_dir: Path) -> TaskResult:
    folder = data_dir / FOLDER
    gold, articles = folder / GOLD, folder / ARTICLES
    if not command_available("framing"):
        raise TaskUnavailable(f"this build has no `conflictlens framing` command ({_why()})")
    if not gold.is_file() or not articles.is_dir():
        raise TaskUnavailable(f"no {FOLDER}/{GOLD} and {FOLDER}/{ARTICLES}/ under {data_dir}")
    with tempfile.TemporaryDirectory(prefix="conflictlens-eval-") as tmp:
        detected, template, classified = (Path(tmp) / n for n in ("si.tsv", "spans.tsv", "tc.tsv"))
        run_command("framing", [articles, "--format", "ptc", "--output", detected])
        _write_template(gold, template)
        run_command(
            "framing",
            [articles, "--format", "ptc", "--spans", template, "--output", classified],
        )
        spans = run_scorer(folder / "score.py", [gold, detected, "--articles", articles])
        # Not `--task tc`: the scorer then refuses a file whose spans differ; with the default
        # it says why TC is not scored, and the SI numbers are kept.
        techniques = run_scorer(folder / "score.py", [gold, classified])
    si, flc, tc = spans["si"], spans.get("flc") or {}, techniques.get("tc") or {}
    metrics = [
        Metric("si_f1", si["f1"]),
        Metric("si_precision", si["precision"]),
        Metric("si_recall", si["recall"]),
        Metric("tc_micro_f1", tc.get("micro_f1")),
        Metric("flc_f1", flc.get("f1")),
    ]
    return TaskResult(
        task="ptc",
        status="ok",
        gold=f"{FOLDER}/{GOLD}",
        gold_sha256=sha256_file(gold),
        primary="si_f1",
        metrics=metrics,
        reason=techniques.get("tc_not_scored", ""),
        details={"n": si["n_gold_spans"], "scorer": {"spans": spans, "techniques": techniques}},
    )


def _write_template(gold: Path, template: Path) -> None:
    """The gold spans with technique ``?``: what ``--spans`` asks the command to label."""
    with gold.open(encoding="utf-8") as lines, template.open("w", encoding="utf-8") as out:
        for line in lines:
            columns = line.rstrip("\r\n").split("\t")
            if len(columns) == 4:
                out.write(f"{columns[0]}\t?\t{columns[2]}\t{columns[3]}\n")


def _why() -> str:
    try:
        import conflictlens.framing as framing
    except ImportError as error:
        return f"conflictlens.framing is not importable: {error}"
    names = ", ".join(sorted(getattr(framing, "__all__", [])))
    return f"conflictlens.framing ({names or 'no public functions'}) registers no command"
