"""Train (and score) the persuasion-technique model on the Propaganda Techniques Corpus.

    python -m conflictlens.framing.train_techniques --data ../shared/data/ptc [--folds 5]
        [--output src/conflictlens/framing/data/techniques_model.npz] [--no-evaluate]

``--data`` is the corpus folder (``train/articles``, ``train/labels.tsv``, ``score.py``) or its
``train`` folder. With evaluation on (the default) it prints, scored by the corpus's own
``score.py``:

1. k-fold cross-validation by article on the whole corpus (decoding settings tuned on the
   out-of-fold predictions: a threshold and two integers, a small optimism);
2. a held-out split: 20% of the articles (fixed seed) are set aside, the settings are tuned by
   cross-validation on the other 80%, a model trained on those 80% is scored on the 20%.

Then it trains on every article with the settings of step 1 and writes the model. Deterministic:
the same corpus gives the same file.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from conflictlens.framing.techniques import (
    MODEL_FILE,
    DocumentFeatures,
    LinearModel,
    TechniqueModel,
    decode_spans,
    technique_names,
)

#: Regularisation of the two logistic regressions (chosen by cross-validation on the corpus).
SI_C = 0.3
TC_C = 0.5
#: Features seen fewer times in training are dropped (smaller model, no effect on scores).
SI_MIN_COUNT = 3
TC_MIN_COUNT = 2
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
MIN_WORDS = (1, 2, 3, 5)
#: 100: a sentence's hot words from the first to the last make one span.
MAX_GAPS = (1, 2, 4, 10, 100)
HELD_OUT_SHARE = 0.2
SEED = 13

Row = tuple[str, str, int, int]


@dataclass
class Article:
    article_id: str
    doc: DocumentFeatures
    gold: list[Row]
    token_labels: list[int]


def load_corpus(data: Path) -> tuple[list[Article], ModuleType | None]:
    """Articles with their gold rows, and the corpus's scorer module (if the folder has one)."""
    train = data / "train" if (data / "train").is_dir() else data
    articles_dir = train / "articles"
    labels_file = train / "labels.tsv"
    if not articles_dir.is_dir() or not labels_file.is_file():
        raise SystemExit(f"{data}: expected train/articles/ and train/labels.tsv")
    gold: dict[str, list[Row]] = {}
    for line in labels_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            art, tech, start, end = line.split("\t")
            gold.setdefault(art, []).append((art, tech, int(start), int(end)))
    articles = []
    for path in sorted(articles_dir.glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        with path.open(encoding="utf-8") as handle:  # as the scorer reads it: offsets match
            doc = DocumentFeatures(handle.read())
        rows = gold.get(article_id, [])
        covered = np.zeros(len(doc.text) + 1, dtype=bool)
        for _, _, first, last in rows:
            covered[first:last] = True
        labels = [int(covered[t.start : t.end].any()) for t in doc.tokens]
        articles.append(Article(article_id, doc, rows, labels))
    scorer_path = next(
        (p for p in (train / "score.py", train.parent / "score.py") if p.is_file()), None
    )
    return articles, _load_scorer(scorer_path) if scorer_path else None


def _load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("ptc_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot load the scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _matrix(rows: Sequence[Sequence[str]], vocab: dict[str, int]) -> csr_matrix:
    indptr, indices = [0], []
    for feats in rows:
        indices.extend(sorted({vocab[f] for f in feats if f in vocab}))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab)))


def _vocab(rows: Sequence[Sequence[str]], min_count: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for feats in rows:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    kept = sorted(f for f, n in counts.items() if n >= min_count)
    return {f: i for i, f in enumerate(kept)}


def _fit_linear(
    rows: Sequence[Sequence[str]], targets: Sequence[Any], c: float, min_count: int
) -> tuple[LinearModel, list[str]]:
    vocab = _vocab(rows, min_count)
    if len(set(targets)) < 2:
        raise SystemExit("training data has a single class; is the corpus folder right?")
    x = _matrix(rows, vocab)
    binary = len(set(targets)) == 2
    clf = LogisticRegression(C=c, max_iter=3000, solver="liblinear" if binary else "lbfgs")
    clf.fit(x, list(targets))
    weights = clf.coef_.T.astype(np.float32)
    bias = clf.intercept_.astype(np.float64)
    classes = [str(c) for c in clf.classes_]
    return LinearModel(vocab, weights, bias), classes


def train(articles: Sequence[Article], settings: tuple[float, int, int]) -> TechniqueModel:
    """Both models on ``articles``, with the given decoding settings."""
    si_rows = [f for a in articles for f in a.doc.token_features()]
    si_targets = [y for a in articles for y in a.token_labels]
    spans, _ = _fit_linear(si_rows, si_targets, SI_C, SI_MIN_COUNT)
    kinds, classes = fit_kinds(articles)
    threshold, min_words, max_gap = settings
    return TechniqueModel(spans, tuple(classes), kinds, threshold, min_words, max_gap)


def fit_kinds(articles: Sequence[Article]) -> tuple[LinearModel, list[str]]:
    """The linear technique classifier alone (one row per gold fragment and technique)."""
    tc_rows = [a.doc.span_features(s, e) for a in articles for _, _, s, e in a.gold]
    tc_targets = [t for a in articles for _, t, _, _ in a.gold]
    return _fit_linear(tc_rows, tc_targets, TC_C, TC_MIN_COUNT)


def article_folds(ids: Sequence[str], k: int) -> list[set[str]]:
    order = sorted(ids)
    random.Random(SEED).shuffle(order)
    return [set(order[i::k]) for i in range(k)]


def held_out_split(articles: Sequence[Article]) -> tuple[list[Article], list[Article]]:
    """(the 80% to tune and train on, the 20% to score): the same articles for every model."""
    ids = sorted(a.article_id for a in articles)
    random.Random(SEED + 1).shuffle(ids)
    held = set(ids[: round(len(ids) * HELD_OUT_SHARE)])
    return (
        [a for a in articles if a.article_id not in held],
        [a for a in articles if a.article_id in held],
    )


@dataclass
class Predictions:
    probs: dict[str, np.ndarray]  # token probabilities per article
    tc: list[Row]  # one technique per gold row (the TC task)
    models: dict[str, TechniqueModel]  # the model that predicted each article


def out_of_fold(articles: Sequence[Article], k: int) -> Predictions:
    probs: dict[str, np.ndarray] = {}
    tc: list[Row] = []
    models: dict[str, TechniqueModel] = {}
    for n, fold in enumerate(article_folds([a.article_id for a in articles], k), 1):
        started = time.perf_counter()
        model = train([a for a in articles if a.article_id not in fold], (0.5, 1, 0))
        for article in (a for a in articles if a.article_id in fold):
            probs[article.article_id] = model.token_probabilities(article.doc)
            models[article.article_id] = model
            tc.extend(_classify_gold(model, article))
        print(f"  fold {n}/{k}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return Predictions(probs, tc, models)


def _classify_gold(model: TechniqueModel, article: Article) -> list[Row]:
    spans = [(s, e) for _, _, s, e in article.gold]
    from conflictlens.framing.techniques import classify_spans

    labels = classify_spans(article.doc.text, spans, model)
    return [(article.article_id, t, s, e) for t, (s, e) in zip(labels, spans, strict=True)]


def detected_rows(
    articles: Sequence[Article], preds: Predictions, settings: tuple[float, int, int]
) -> list[Row]:
    """Span detection + classification with the given decoding settings (the FLC rows)."""
    rows: list[Row] = []
    for article in articles:
        spans = decode_spans(article.doc, preds.probs[article.article_id], *settings)
        model = preds.models[article.article_id]
        for (start, end), kinds in zip(spans, model.classify(article.doc, spans), strict=True):
            rows.append((article.article_id, kinds[0], start, end))
    return rows


def tune(
    articles: Sequence[Article],
    preds: Predictions,
    scorer: ModuleType,
    thresholds: Sequence[float] = THRESHOLDS,
) -> tuple[tuple[float, int, int], float]:
    """The decoding settings with the best SI F1 on out-of-fold probabilities."""
    gold = [row for a in articles for row in a.gold]
    best: tuple[float, tuple[float, int, int]] = (-1.0, (0.5, 1, 0))
    for threshold in thresholds:
        for min_words in MIN_WORDS:
            for max_gap in MAX_GAPS:
                settings = (threshold, min_words, max_gap)
                rows = []
                for article in articles:
                    for s, e in decode_spans(
                        article.doc, preds.probs[article.article_id], *settings
                    ):
                        rows.append((article.article_id, None, s, e))
                f1 = scorer.score_si(gold, rows)["f1"]
                if f1 > best[0]:
                    best = (f1, settings)
    return best[1], best[0]


def score(
    articles: Sequence[Article], tc_rows: Sequence[Row], flc_rows: Sequence[Row], scorer: Any
) -> dict[str, float]:
    gold = [row for a in articles for row in a.gold]
    names = list(technique_names())
    si = scorer.score_si(gold, flc_rows)
    tc, reason = scorer.score_tc(gold, list(tc_rows), names)
    flc = scorer.score_flc(gold, flc_rows, names)
    if tc is None:
        raise SystemExit(f"TC not scored: {reason}")
    return {
        "si_precision": round(si["precision"], 4),
        "si_recall": round(si["recall"], 4),
        "si_f1": round(si["f1"], 4),
        "tc_micro_f1": round(tc["micro_f1"], 4),
        "flc_f1": round(flc["f1"], 4),
        "articles": len(articles),
        "gold_spans": len(gold),
        "predicted_spans": len(flc_rows),
    }


def evaluate(articles: Sequence[Article], scorer: ModuleType, k: int) -> tuple[float, int, int]:
    """Print cross-validation and held-out scores; return the settings tuned on all articles."""
    print(f"cross-validation, {k} folds by article, {len(articles)} articles", file=sys.stderr)
    preds = out_of_fold(articles, k)
    settings, _ = tune(articles, preds, scorer)
    cv = score(articles, preds.tc, detected_rows(articles, preds, settings), scorer)
    cv["settings"] = list(settings)  # type: ignore[assignment]
    print(json.dumps({"cross_validation": cv}))

    dev, test = held_out_split(articles)
    print(f"held-out split: tuning on {len(dev)} articles, scoring {len(test)}", file=sys.stderr)
    dev_settings, _ = tune(dev, out_of_fold(dev, k), scorer)
    model = train(dev, dev_settings)
    test_preds = Predictions(
        {a.article_id: model.token_probabilities(a.doc) for a in test},
        [row for a in test for row in _classify_gold(model, a)],
        {a.article_id: model for a in test},
    )
    held_scores = score(test, test_preds.tc, detected_rows(test, test_preds, dev_settings), scorer)
    held_scores["settings"] = list(dev_settings)  # type: ignore[assignment]
    print(json.dumps({"held_out": held_scores}))
    return settings


def training_parser(module: str, doc: str, output: Path) -> argparse.ArgumentParser:
    """The options both PTC training commands take."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=doc.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the PTC folder (or its train/)")
    parser.add_argument("--output", type=Path, default=output)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--no-evaluate", action="store_true", help="train with the saved decoding settings only"
    )
    return parser


def wants_evaluation(args: argparse.Namespace, scorer: ModuleType | None) -> bool:
    """Evaluate unless told not to or the corpus folder has no scorer (said on stderr)."""
    if scorer is None and not args.no_evaluate:
        print(f"{args.data}: no score.py, training without evaluation", file=sys.stderr)
    return scorer is not None and not args.no_evaluate


def write(path: Path, save: Callable[[Path], None], detail: str) -> None:
    """Save a trained model file at ``path`` (its folder made) and say where, how big, how."""
    path.parent.mkdir(parents=True, exist_ok=True)
    save(path)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB, {detail})", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> None:
    args = training_parser(__spec__.name, __doc__, MODEL_FILE).parse_args(argv)
    articles, scorer = load_corpus(args.data)
    if not wants_evaluation(args, scorer):
        saved = TechniqueModel.load(args.output) if args.output.exists() else None
        settings = (saved.threshold, saved.min_words, saved.max_gap) if saved else (0.25, 2, 100)
    else:
        assert scorer is not None  # wants_evaluation checked it
        settings = evaluate(articles, scorer, args.folds)
    write(args.output, train(articles, settings).save, f"settings {settings}")


if __name__ == "__main__":
    main()
