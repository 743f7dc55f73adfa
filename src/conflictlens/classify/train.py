"""Train and cross-check the event-type classifier: ``python -m conflictlens.classify.train``.

The shipped model is trained at first use from ``data/train_snippets.jsonl`` (about 2 s), so this
command writes no artefact: it reports how the parts do, which is what a change to the lexicon or
the snippets needs. It prints 5-fold cross-validation on the snippets for the lexicon alone, the
model alone and the fusion, and, when a labelled TSV is given (``--dev``; by default the CASE 2021
dev split in ``../shared/data`` if present), the same three scores on it.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from conflictlens.classify.model import EventTypeClassifier, load_snippets

DEFAULT_DEV = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "case2021_task2" / "dev.tsv"
)


def variants(fitted: EventTypeClassifier) -> dict[str, EventTypeClassifier]:
    """The fused classifier plus views of it: lexicon alone and model alone."""
    lexicon_only = EventTypeClassifier(lexicon=fitted.lexicon, use_model=False)
    model_only = EventTypeClassifier(lexicon=fitted.lexicon, lexicon_weight=0.0)
    model_only.__dict__.update(
        {k: v for k, v in fitted.__dict__.items() if k not in ("lexicon_weight", "use_model")}
    )
    return {"lexicon": lexicon_only, "model": model_only, "combined": fitted}


def weighted_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return float(f1_score(list(gold), list(predicted), average="weighted", zero_division=0))


def cross_validate(folds: int = 5, seed: int = 13) -> dict[str, float]:
    """Mean weighted F1 over stratified folds of the packaged snippets."""
    texts, labels = (list(column) for column in zip(*load_snippets(), strict=True))
    totals: dict[str, float] = {}
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(texts, labels):
        fitted = EventTypeClassifier().fit(
            [texts[i] for i in train_idx], [labels[i] for i in train_idx]
        )
        gold = [labels[i] for i in test_idx]
        for name, classifier in variants(fitted).items():
            score = weighted_f1(gold, classifier.predict([texts[i] for i in test_idx]))
            totals[name] = totals.get(name, 0.0) + score / folds
    return totals


def read_labelled_tsv(path: Path) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [row["text"] for row in rows], [row["label"] for row in rows]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dev", type=Path, default=DEFAULT_DEV, help="labelled TSV (id, text, label)"
    )
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    fitted = EventTypeClassifier.default()
    print(f"trained on {len(load_snippets())} snippets in {time.perf_counter() - start:.2f} s")
    for name, score in cross_validate(args.folds).items():
        print(f"cv weighted-F1  {name:9s} {score:.4f}")
    if args.dev.exists():
        texts, gold = read_labelled_tsv(args.dev)
        for name, classifier in variants(fitted).items():
            print(f"dev weighted-F1 {name:9s} {weighted_f1(gold, classifier.predict(texts)):.4f}")
    else:
        print(f"no dev file at {args.dev}; skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
