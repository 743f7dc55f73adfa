"""Fine-tune the neural span tagger on the Propaganda Techniques Corpus and score it.

    python -m conflictlens.framing.train_span_tagger --data ../shared/data/ptc [--folds 5]
        [--output src/conflictlens/framing/data/span_tagger] [--no-evaluate]

Needs the ``neural`` extra (``pip install -e '.[neural]'``; ``make install`` includes it) and
runs on CPU: 8-10 minutes per model on 2 cores (measured: folds 482-501 s, all 371 articles
585 s). With evaluation on (the default) it runs
k-fold cross-validation by article (the same folds as ``train_techniques``), picks the decoding
settings on the out-of-fold probabilities, and prints the corpus scorer's SI, TC and FLC scores
of the full system (neural spans, linear technique classifier, both out of fold). Then it
trains on every article and writes the adapter and the settings. Seeded: a rerun on the same
machine and library versions gives the same weights; other BLAS builds may differ in the last
digits.

Training data: every sentence with a gold fragment, and a fixed-seed third of the others (the
corpus is mostly fragment-free sentences; keeping them all doubles the time for no gain in the
held-out score). The threshold tuned afterwards absorbs the shifted prior.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from conflictlens.framing.fine_tune import Recipe, fit_and_save, save_adapter, train, with_lora
from conflictlens.framing.span_tagger import (
    ADAPTER_DIR,
    SETTINGS_FILE,
    Settings,
    SpanTagger,
    Window,
    load_base,
    padded,
    sentence_spans,
    windows,
)
from conflictlens.framing.train_techniques import (
    Article,
    Predictions,
    article_folds,
    detected_rows,
    load_corpus,
    out_of_fold,
    score,
    training_parser,
    tune,
    wants_evaluation,
)

EPOCHS = 3
LEARNING_RATE = 5e-4
BATCH = 16
NEGATIVE_KEEP = 0.35
LORA_RANK = 16
SEED = 13
#: The tagger's probabilities sit higher than the linear model's (negatives are subsampled).
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def examples(tokenizer: object, article: Article) -> list[tuple[Window, list[int]]]:
    """Windows of the article's sentences with a 0/1 label per word piece (-100: special)."""
    covered = np.zeros(len(article.doc.text) + 1, dtype=bool)
    for _, _, start, end in article.gold:
        covered[start:end] = True
    out = []
    for window in windows(tokenizer, article.doc.text, sentence_spans(article.doc)):
        labels = [int(covered[a:b].any()) if b > a else -100 for a, b in window.offsets]
        out.append((window, labels))
    return out


class TrainedTagger(SpanTagger):
    """A tagger still holding its LoRA layers, so it can be saved as an adapter."""

    def save(self, adapter_dir: Path) -> None:
        save_adapter(self.model, adapter_dir)
        self.settings.write(adapter_dir)


def fit(articles: Sequence[Article], settings: Settings, seed: int = SEED) -> TrainedTagger:
    """A LoRA adapter (rank ``LORA_RANK`` on every linear layer) and the token head."""
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer, base = load_base()
    model = with_lora(base, LORA_RANK)
    data = [ex for a in articles for ex in examples(tokenizer, a)]
    data = [ex for ex in data if 1 in ex[1] or rng.random() < NEGATIVE_KEEP]

    def loss(model: Any, batch: list[tuple[Window, list[int]]]) -> Any:
        return model(**padded([w for w, _ in batch], [y for _, y in batch])).loss

    train(model, data, loss, Recipe(EPOCHS, LEARNING_RATE, BATCH), rng)
    return TrainedTagger(tokenizer, model, settings)


def cross_validate(articles: Sequence[Article], k: int) -> dict[str, np.ndarray]:
    """Out-of-fold token probabilities of every article."""
    probs: dict[str, np.ndarray] = {}
    for n, fold in enumerate(article_folds([a.article_id for a in articles], k), 1):
        started = time.perf_counter()
        tagger = fit([a for a in articles if a.article_id not in fold], Settings(0.5, 1, 0))
        for article in (a for a in articles if a.article_id in fold):
            probs[article.article_id] = tagger.token_probabilities(article.doc)
        print(f"  fold {n}/{k}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return probs


def main(argv: Sequence[str] | None = None) -> None:
    args = training_parser(__spec__.name, __doc__, ADAPTER_DIR).parse_args(argv)
    articles, scorer = load_corpus(args.data)
    if not wants_evaluation(args, scorer):
        saved = args.output / SETTINGS_FILE
        settings = Settings.read(args.output) if saved.is_file() else Settings(0.4, 1, 100)
    else:
        assert scorer is not None  # wants_evaluation checked it
        print(f"cross-validation, {args.folds} folds by article", file=sys.stderr)
        neural = cross_validate(articles, args.folds)
        linear = out_of_fold(articles, args.folds)  # the technique classifier, out of fold
        preds = Predictions(neural, linear.tc, linear.models)
        tuned, _ = tune(articles, preds, scorer, THRESHOLDS)
        settings = Settings(*tuned)
        cv = score(articles, preds.tc, detected_rows(articles, preds, tuned), scorer)
        print(json.dumps({"cross_validation": cv, "settings": settings.__dict__}))
    fit_and_save(lambda: fit(articles, settings), args.output, f"settings {settings}")


if __name__ == "__main__":
    main()
