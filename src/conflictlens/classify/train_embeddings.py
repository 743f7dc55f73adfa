"""Train (and score) the embedding half of ``conflictlens classify``.

    python -m conflictlens.classify.train_embeddings [--data ../shared/data] [--grid]
        [--output src/conflictlens/classify/data/event_embeddings.npz] [--no-evaluate]

Needs the ``neural`` extra. The packaged snippets and the CASE 2021 Task 2 dev split (when
``--data`` holds ``case2021_task2/dev.tsv``) are embedded once by the frozen encoder (a few
seconds); the rest is logistic regressions. With evaluation on (the default) it prints weighted
F1 on the dev split for the linear classifier as shipped, the embedding regression alone and the
two mixed, out of fold: the dev split cut into ``--folds`` stratified folds ``--repeats`` times,
the regression trained on every snippet and the other folds. The linear classifier never trains
on dev, but its lexicon was revised after reading dev errors, so its dev score is optimistic, and
so is the mix's. The row "trained on snippets only" is the embedding regression that saw no dev
text at all. ``--grid`` prints the same for every regularisation and mixing weight tried.

Then it fits the regression on every snippet and dev text with ``--c`` and ``--mix`` and writes
it. Deterministic: the same data give the same file.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from conflictlens.classify.embedding import HEAD_FILE, load_embedder, mixed_log_proba, unit_rows
from conflictlens.classify.model import EventTypeClassifier, load_snippets
from conflictlens.classify.vocabulary import LABELS
from conflictlens.nlp.encoder import EmbeddingHead

DEFAULT_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
DEV_FILE = Path("case2021_task2") / "dev.tsv"
#: Chosen with ``--grid`` on the dev split (docs/eval.md): the middle of a plateau, not its peak.
DEFAULT_C = 16.0
DEFAULT_MIX = 0.4
GRID_C = (4.0, 16.0, 64.0)
GRID_MIX = (0.2, 0.3, 0.4, 0.5, 0.6)


def read_dev(data: Path) -> list[tuple[str, str]]:
    """``(text, label)`` rows of the CASE 2021 dev split under ``data``, or [] when absent."""
    path = data / DEV_FILE if (data / DEV_FILE).is_file() else data / "dev.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["text"], row["label"]) for row in rows]


def fit_head(vectors: np.ndarray, labels: Sequence[str], c: float, mix: float) -> EmbeddingHead:
    """The regression on unit-length embeddings, its columns in ``LABELS`` order."""
    model = LogisticRegression(C=c, max_iter=3000).fit(vectors, list(labels))
    weights = np.zeros((vectors.shape[1], len(LABELS)))
    bias = np.full(len(LABELS), -30.0)  # a label never seen in training is never picked
    for column, label in enumerate(model.classes_):
        weights[:, LABELS.index(label)] = model.coef_[column]
        bias[LABELS.index(label)] = model.intercept_[column]
    return EmbeddingHead(tuple(LABELS), weights, bias, mix, c)


def weighted_f1(gold: Sequence[str], scores: np.ndarray) -> float:
    predicted = [LABELS[i] for i in scores.argmax(axis=1)]
    return float(f1_score(list(gold), predicted, average="weighted", zero_division=0))


def out_of_fold(
    snippets: np.ndarray,
    snippet_labels: Sequence[str],
    dev: np.ndarray,
    dev_labels: Sequence[str],
    c: float,
    folds: int,
    seed: int,
) -> np.ndarray:
    """Embedding probabilities for every dev text from a regression that did not see it."""
    counts = Counter(dev_labels)
    strata = [label if counts[label] >= folds else "rare" for label in dev_labels]
    out = np.zeros((len(dev_labels), len(LABELS)))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(dev, strata):
        head = fit_head(
            np.vstack([snippets, dev[train]]),
            [*snippet_labels, *(dev_labels[i] for i in train)],
            c,
            0.0,
        )
        out[test] = head.probabilities(dev[test])
    return out


def evaluate(
    snippets: np.ndarray,
    snippet_labels: Sequence[str],
    dev: np.ndarray,
    dev_texts: Sequence[str],
    dev_labels: Sequence[str],
    args: argparse.Namespace,
) -> None:
    """Print the dev scores (see the module docstring)."""
    linear = EventTypeClassifier.default().log_proba(dev_texts)
    print(
        f"dev weighted F1, linear classifier as shipped      {weighted_f1(dev_labels, linear):.4f}"
    )
    alone = fit_head(snippets, snippet_labels, args.c, args.mix).probabilities(dev)
    print(
        f"embedding trained on snippets only: alone {weighted_f1(dev_labels, alone):.4f}, "
        f"mixed {weighted_f1(dev_labels, mixed_log_proba(linear, alone, args.mix)):.4f}"
    )
    cs = GRID_C if args.grid else (args.c,)
    mixes = GRID_MIX if args.grid else (args.mix,)
    for c in cs:
        folded = [
            out_of_fold(snippets, snippet_labels, dev, dev_labels, c, args.folds, seed)
            for seed in range(args.repeats)
        ]
        head_alone = np.mean([weighted_f1(dev_labels, p) for p in folded])
        for mix in mixes:
            mixed = [weighted_f1(dev_labels, mixed_log_proba(linear, p, mix)) for p in folded]
            print(
                f"{args.folds}-fold x {args.repeats} out of fold, C {c:g}: embedding alone "
                f"{head_alone:.4f}, mixed {mix:g}: {np.mean(mixed):.4f} "
                f"(min {min(mixed):.4f}, max {max(mixed):.4f})"
            )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog=f"python -m {__spec__.name}", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="holds case2021_task2/")
    parser.add_argument("--output", type=Path, default=HEAD_FILE)
    parser.add_argument("--c", type=float, default=DEFAULT_C)
    parser.add_argument("--mix", type=float, default=DEFAULT_MIX)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--grid", action="store_true", help="score every C and mix tried")
    parser.add_argument("--no-evaluate", action="store_true")
    args = parser.parse_args(argv)

    snippet_texts, snippet_labels = zip(*load_snippets(), strict=True)
    dev_rows = read_dev(args.data)
    if not dev_rows:
        print(f"{args.data}: no {DEV_FILE}, training on the snippets alone", file=sys.stderr)
    dev_texts = [text for text, _ in dev_rows]
    dev_labels = [label for _, label in dev_rows]
    started = time.perf_counter()
    embedder = load_embedder()
    snippets = unit_rows(embedder.embed(list(snippet_texts)))
    dev = unit_rows(embedder.embed(dev_texts)) if dev_texts else snippets[:0]
    seconds = time.perf_counter() - started
    print(f"embedded {len(snippets) + len(dev)} texts in {seconds:.0f} s", file=sys.stderr)
    if dev_rows and not args.no_evaluate:
        evaluate(snippets, snippet_labels, dev, dev_texts, dev_labels, args)
    head = fit_head(np.vstack([snippets, dev]), [*snippet_labels, *dev_labels], args.c, args.mix)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    head.save(args.output)
    size = args.output.stat().st_size / 1e6
    detail = f"C {args.c:g}, mix {args.mix:g}, {len(snippets)} snippets + {len(dev)} dev texts"
    print(f"wrote {args.output} ({size:.2f} MB, {detail})", file=sys.stderr)


if __name__ == "__main__":
    main()
