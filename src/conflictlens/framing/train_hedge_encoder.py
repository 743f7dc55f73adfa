"""Fine-tune the hedge encoder on the CoNLL-2010 dev sentences and print cross-validated scores.

    python -m conflictlens.framing.train_hedge_encoder --data ../shared/data/hedges
        [--output src/conflictlens/framing/data/hedge_encoder] [--no-cv]

Needs the ``neural`` extra (``make install`` includes it) and runs on CPU: about 6.5 minutes per
model on 2 cores, 40 with cross-validation. Cross-validation (the default) uses
``train_hedges``' five folds grouped by document: out-of-fold encoder probabilities beside the
linear models' out-of-fold evidence, the blend (the encoder's weight per domain, the threshold)
picked on them for the best overall sentence F1 under ``HedgeModel.decide``'s rule (the linear
score's own threshold, or the blend's), scored by the folder's ``score.py``. Then it
trains on every sentence and writes the adapter and ``blend.json``; ``--no-cv`` keeps the blend
already in the output folder. Seeded: a rerun on the same machine and library versions gives
the same weights.
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
from sklearn.model_selection import GroupKFold

from conflictlens.framing.fine_tune import Recipe, fit_and_save, save_adapter, train, with_lora
from conflictlens.framing.hedge_encoder import (
    ADAPTER_DIR,
    HedgeEncoder,
    pieces,
    read_blend,
    write_blend,
)
from conflictlens.framing.hedge_model import Blend, Evidence, HedgeModel
from conflictlens.framing.span_tagger import Window, load_base, padded
from conflictlens.framing.train_hedges import (
    FOLDS,
    Sentence,
    binary_f1,
    cross_validate,
    read_dev,
    training_parser,
)
from conflictlens.framing.train_hedges import score as score_run

EPOCHS = 2
LEARNING_RATE = 5e-4
BATCH = 32
LORA_RANK = 16
SEED = 0
WEIGHTS = [round(float(w), 1) for w in np.arange(0.0, 1.01, 0.1)]
THRESHOLDS = [round(float(t), 2) for t in np.arange(0.2, 0.71, 0.05)]


class TrainedEncoder(HedgeEncoder):
    """An encoder still holding its LoRA layers, so it can be saved as an adapter."""

    def save(self, adapter_dir: Path) -> None:
        save_adapter(self.model, adapter_dir)
        write_blend(self.blend, adapter_dir)


def fit(sentences: Sequence[Sentence], blend: Blend, seed: int = SEED) -> TrainedEncoder:
    """A LoRA adapter (rank ``LORA_RANK``), the pooler and a two-class sentence head."""
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer, base = load_base(per_sentence=True)
    # The pooler (the first piece's dense layer) trains in full: the sentence head reads it.
    model = with_lora(base, LORA_RANK, heads=("classifier", "pooler"))
    items = pieces(tokenizer, [s.text for s in sentences])
    data = list(zip(items, [s.uncertain for s in sentences], strict=True))

    def loss(model: Any, batch: list[tuple[Window, int]]) -> Any:
        inputs = padded([w for w, _ in batch])
        inputs["labels"] = torch.tensor([y for _, y in batch])
        return model(**inputs).loss

    train(model, data, loss, Recipe(EPOCHS, LEARNING_RATE, BATCH), rng)
    return TrainedEncoder(tokenizer, model, blend)


def encoder_out_of_fold(data: Sequence[Sentence]) -> dict[str, float]:
    """P(uncertain) of every sentence from an encoder trained on the other folds (the folds
    of ``train_hedges.cross_validate``)."""
    groups = [s.group for s in data]
    out: dict[str, float] = {}
    split = GroupKFold(FOLDS).split(np.zeros(len(data)), groups=groups)
    for fold, (train_idx, test_idx) in enumerate(split, 1):
        started = time.perf_counter()
        encoder = fit([data[i] for i in train_idx], Blend(0.5, 0.5, 0.5))
        test = [data[i] for i in test_idx]
        for s, p in zip(test, encoder.probabilities([s.text for s in test]), strict=True):
            out[s.id] = float(p)
        print(f"  fold {fold}/{FOLDS}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return out


def pick_blend(
    data: Sequence[Sentence], evidence: dict[str, Evidence], linear_threshold: float
) -> Blend:
    """The encoder weights per domain and the threshold with the best overall sentence F1,
    for ``HedgeModel.decide``'s rule: uncertain when the linear score clears
    ``linear_threshold`` or the blend clears its own."""
    gold = [s.uncertain for s in data]
    items = [evidence[s.id] for s in data]
    best = np.array(
        [float((e.probs[:, 1] + e.probs[:, 2]).max()) if len(e.tokens) else 0.0 for e in items]
    )
    p_bio = np.array([e.p_bio for e in items])
    general = np.array([e.p_general for e in items])
    encoded = np.array([e.p_encoder for e in items], dtype=float)
    linear = p_bio * best + (1 - p_bio) * general >= linear_threshold
    found: tuple[float, Blend] = (-1.0, Blend(0.0, 0.0, 0.5))
    for w_bio in WEIGHTS:
        for w_general in WEIGHTS:
            # The vectorised form of HedgeModel.score.
            scores = p_bio * ((1 - w_bio) * best + w_bio * encoded) + (1 - p_bio) * (
                (1 - w_general) * general + w_general * encoded
            )
            for threshold in THRESHOLDS:
                f1 = binary_f1(gold, list(linear | (scores >= threshold)))
                if f1 > found[0]:
                    found = (f1, Blend(w_bio, w_general, threshold))
    return found[1]


def main(argv: Sequence[str] | None = None) -> None:
    parser = training_parser(__doc__, ADAPTER_DIR, "skip cross-validation (keep the saved blend)")
    args = parser.parse_args(argv)
    data = read_dev(args.data / "dev.tsv")
    if args.no_cv:
        saved = args.output / "blend.json"
        blend = read_blend(args.output) if saved.is_file() else Blend(0.5, 0.5, 0.5)
    else:
        print(f"cross-validation, {FOLDS} folds by document", file=sys.stderr)
        evidence = cross_validate(data)  # the linear models, out of fold
        for sentence_id, p in encoder_out_of_fold(data).items():
            evidence[sentence_id].p_encoder = p
        # The shipped linear model's thresholds (picked by train_hedges' CV) go with the
        # out-of-fold evidence.
        linear = HedgeModel.load()
        blend = pick_blend(data, evidence, linear.sentence_threshold)
        scores = {
            "linear": score_run(args.data, linear, data, evidence),
            "with_encoder": score_run(args.data, linear, data, evidence, blend),
        }
        print(json.dumps({"cross_validation": scores, "blend": blend.__dict__}))
    fit_and_save(lambda: fit(data, blend), args.output, f"blend {blend}")


if __name__ == "__main__":
    main()
