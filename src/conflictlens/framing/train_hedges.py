"""Train the hedge models on the CoNLL-2010 dev sentences and print cross-validated scores.

    python -m conflictlens.framing.train_hedges --data ../shared/data/hedges

5-fold cross-validation grouped by source document (BioScope abstract / article ids; blocks of
100 consecutive sentences for the evaluation articles, whose ids are running numbers; single
sentences for Wikipedia, whose ids are text hashes). The out-of-fold predictions are scored
with the folder's ``score.py``; the two decision thresholds are picked on them. The shipped
model is then fitted on all of dev, so ``conflictlens eval hedges`` scores it on its own
training data: only the cross-validated numbers measure quality.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from conflictlens.framing.hedge_model import (
    FEATURE_CUE_THRESHOLD,
    MODEL_FILE,
    Blend,
    Evidence,
    HedgeModel,
    LinearModel,
    Token,
    build_matrix,
    decode_cues,
    domain_features,
    lexicon_marks,
    sentence_features,
    token_features,
    tokenize,
)

FOLDS = 5
TAGGER_C = 0.5
DOMAIN_C = 1.0
SENTENCE_C = 0.03
MIN_COUNT = 2


@dataclass
class Sentence:
    id: str
    source: str
    text: str
    uncertain: int
    cues: list[tuple[int, int]] | None  # None: not annotated (Wikipedia)
    tokens: list[Token]
    marks: list[str]

    @property
    def is_bio(self) -> bool:
        return not self.source.startswith("wiki")

    @property
    def group(self) -> str:
        if self.id.startswith("bev-"):
            return f"bev-{int(self.id[4:]) // 100}"
        if self.is_bio:
            return self.id.rsplit(".", 1)[0]
        return self.id

    def tags(self) -> list[int]:
        """``O``/``B``/``I`` per token from the gold spans (a token inside a span continues it)."""
        tags = [0] * len(self.tokens)
        for start, end in self.cues or []:
            for i, tok in enumerate(self.tokens):
                if tok.start >= start and tok.end <= end:
                    tags[i] = 1 if tok.start == start else 2
        return tags


def read_dev(path: Path) -> list[Sentence]:
    csv.field_size_limit(sys.maxsize)
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            raw = row["cues"].strip()
            cues = (
                None
                if raw == "NA"
                else [(int(a), int(b)) for a, b in (s.split("-") for s in raw.split(";") if s)]
            )
            tokens = tokenize(row["text"])
            out.append(
                Sentence(
                    row["id"],
                    row["source"],
                    row["text"],
                    int(row["uncertain"]),
                    cues,
                    tokens,
                    lexicon_marks(row["text"], tokens),
                )
            )
    return out


def fit_linear(
    rows: Sequence[Sequence[str | tuple[str, float]]], labels: Sequence[int], c: float
) -> LinearModel:
    """Logistic regression over the features seen at least ``MIN_COUNT`` times."""
    counts: Counter[str] = Counter()
    for feats in rows:
        counts.update(f if isinstance(f, str) else f[0] for f in feats)
    vocab = {
        name: i for i, name in enumerate(sorted(n for n, k in counts.items() if k >= MIN_COUNT))
    }
    matrix = build_matrix(rows, vocab)
    model = LogisticRegression(C=c, max_iter=2000, solver="lbfgs")
    model.fit(matrix, np.asarray(labels))
    # Binary: one logit column for class 1; multiclass: one column per class.
    weights, bias = model.coef_.T, model.intercept_
    return LinearModel(vocab, weights.astype(np.float32), bias.astype(np.float64))


def fit(train: Sequence[Sentence]) -> HedgeModel:
    bio = [s for s in train if s.is_bio and s.cues is not None]
    tag_rows, tag_labels = [], []
    for s in bio:
        tag_rows.extend(token_features(s.text, s.tokens, s.marks))
        tag_labels.extend(s.tags())
    if set(tag_labels) != {0, 1, 2}:
        raise ValueError("the cue spans need single- and multi-word cues to learn O/B/I tags")
    tagger = fit_linear(tag_rows, tag_labels, TAGGER_C)
    domain = fit_linear(
        [domain_features(s.tokens) for s in train], [int(s.is_bio) for s in train], DOMAIN_C
    )
    # The sentence model learns general prose only; the tagger it reads never saw these sentences.
    general = [s for s in train if not s.is_bio]
    partial = HedgeModel(tagger, domain, LinearModel({}, np.zeros((0, 1)), np.zeros(1)), 0.5, 0.5)
    sent_rows = []
    for s in general:
        probs = partial.cue_probabilities(s.text, s.tokens, s.marks)
        cues = decode_cues(s.tokens, probs, FEATURE_CUE_THRESHOLD)
        best = float((probs[:, 1] + probs[:, 2]).max()) if len(s.tokens) else 0.0
        sent_rows.append(sentence_features(s.text, s.tokens, s.marks, cues, best))
    sentence = fit_linear(sent_rows, [s.uncertain for s in general], SENTENCE_C)
    return HedgeModel(tagger, domain, sentence, 0.5, 0.5)


def cross_validate(data: Sequence[Sentence]) -> dict[str, Evidence]:
    """Out-of-fold evidence for every sentence."""
    groups = [s.group for s in data]
    strata = np.zeros(len(data))
    out: dict[str, Evidence] = {}
    for fold, (train_idx, test_idx) in enumerate(GroupKFold(FOLDS).split(strata, groups=groups)):
        model = fit([data[i] for i in train_idx])
        test = [data[i] for i in test_idx]
        for s, item in zip(test, model.evidence([s.text for s in test]), strict=True):
            out[s.id] = item
        print(f"fold {fold + 1}/{FOLDS} done", file=sys.stderr)
    return out


def binary_f1(gold: Sequence[int], pred: Sequence[bool]) -> float:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if p and not g)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def pick_thresholds(
    model: HedgeModel, data: Sequence[Sentence], evidence: dict[str, Evidence]
) -> tuple[float, float]:
    """On the out-of-fold evidence: the sentence threshold with the best overall sentence F1,
    then the cue threshold with the best exact cue F1 on the cue-annotated sentences."""
    grid = [round(float(x), 2) for x in np.arange(0.2, 0.71, 0.05)]
    gold = [s.uncertain for s in data]

    def sentence_f1(t: float) -> float:
        decided = [model.decide(evidence[s.id], sentence_threshold=t)[0] for s in data]
        return binary_f1(gold, decided)

    sentence_threshold = max(grid, key=sentence_f1)
    annotated = [s for s in data if s.cues is not None]

    def cue_f1(t: float) -> float:
        tp = fp = fn = 0
        for s in annotated:
            _, cues = model.decide(
                evidence[s.id], cue_threshold=t, sentence_threshold=sentence_threshold
            )
            predicted, wanted = set(cues), set(s.cues or [])
            tp, fp, fn = (
                tp + len(predicted & wanted),
                fp + len(predicted - wanted),
                fn + len(wanted - predicted),
            )
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    return max(grid, key=cue_f1), sentence_threshold


def score(
    data_dir: Path,
    model: HedgeModel,
    data: Sequence[Sentence],
    evidence: dict[str, Evidence],
    blend: Blend | None = None,
) -> dict[str, float]:
    """The folder's scorer on ``model``'s decisions from ``evidence`` (blended by ``blend``)."""
    with tempfile.TemporaryDirectory(prefix="conflictlens-hedges-") as tmp:
        pred = Path(tmp) / "pred.tsv"
        with pred.open("w", encoding="utf-8") as out:
            out.write("id\tuncertain\tcues\n")
            for s in data:
                uncertain, cues = model.decide(evidence[s.id], blend=blend)
                out.write(f"{s.id}\t{int(uncertain)}\t{';'.join(f'{a}-{b}' for a, b in cues)}\n")
        result = subprocess.run(
            [
                sys.executable,
                str(data_dir / "score.py"),
                str(data_dir / "dev.tsv"),
                str(pred),
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    scores = json.loads(result.stdout)
    return {
        "sentence_f1": scores["sentence"]["f1"],
        "wiki_f1": scores["by_domain"]["wiki"]["sentence"]["f1"],
        "wiki_eval_f1": scores["by_source"]["wiki_eval"]["sentence"]["f1"],
        "bio_f1": scores["by_domain"]["bio"]["sentence"]["f1"],
        "cue_exact_f1": scores["cue"]["exact"]["f1"],
        "cue_token_f1": scores["cue"]["token"]["f1"],
    }


def training_parser(doc: str, output: Path, no_cv: str) -> argparse.ArgumentParser:
    """The options both hedge training commands take (``no_cv``: what skipping CV keeps)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with dev.tsv and score.py")
    parser.add_argument("--output", type=Path, default=output)
    parser.add_argument("--no-cv", action="store_true", help=no_cv)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    parser = training_parser(__doc__, MODEL_FILE, "skip cross-validation (default thresholds)")
    args = parser.parse_args(argv)
    data = read_dev(args.data / "dev.tsv")
    thresholds = (0.5, 0.5)
    if not args.no_cv:
        evidence = cross_validate(data)
        empty = LinearModel({}, np.zeros((0, 1)), np.zeros(1))
        probe = HedgeModel(empty, empty, empty, 0.5, 0.5)
        print(
            "cross-validated, thresholds 0.5/0.5:",
            json.dumps(score(args.data, probe, data, evidence)),
        )
        thresholds = pick_thresholds(probe, data, evidence)
        probe.cue_threshold, probe.sentence_threshold = thresholds
        print(
            f"cross-validated, thresholds {thresholds[0]}/{thresholds[1]} (picked on these folds):",
            json.dumps(score(args.data, probe, data, evidence)),
        )
    model = fit(data)
    model.cue_threshold, model.sentence_threshold = thresholds
    model.save(args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
