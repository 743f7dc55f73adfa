"""Event types from what a snippet means, beside the words and cues it holds.

The linear classifier (``model.EventTypeClassifier``: TF-IDF over the packaged snippets, fused
with the codebook lexicon) knows the words its snippets and cues use. A report worded otherwise
("the militants stormed the outpost and held it by nightfall") gets little from it. The frozen
MiniLM sentence encoder (``nlp.encoder``) places such a text near snippets that mean the same; a
logistic regression over its 384 numbers, trained on the packaged snippets and the CASE 2021
dev split, gives label probabilities. The final label maximises the two models' log-probabilities
mixed ``(1 - mix) * linear + mix * embedding``: a product of experts, so a label either finds
very unlikely stays unlikely.

What ships: ``data/event_embeddings.npz`` (the regression's 384 x 30 weights, bias, label order,
mixing weight), written by ``python -m conflictlens.classify.train_embeddings`` (its docstring
has the cross-validated scores). Only ``conflictlens classify`` uses it; ``analyze`` types
sentences with the linear classifier alone, because a transformer pass over every sentence
does not fit its speed target. Without the ``neural`` extra, ``classify`` keeps the linear one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from conflictlens.classify.lexicon import DATA_DIR
from conflictlens.classify.model import EventTypeClassifier
from conflictlens.classify.vocabulary import LABELS
from conflictlens.nlp.encoder import EmbeddingHead, SentenceEncoder, extra_missing, wants_neural

HEAD_FILE = DATA_DIR / "event_embeddings.npz"
#: Word pieces of a snippet the encoder reads: the most it was trained on (CASE 2021 snippets run
#: to a few hundred words; their first 256 pieces say what happened).
MAX_PIECES = 256
#: A label the regression gives no probability at all still counts as this unlikely.
_FLOOR = 1e-9


def load_embedder() -> SentenceEncoder:
    """The frozen encoder, reading as many word pieces as the head was fit on."""
    return SentenceEncoder.load(MAX_PIECES)


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Each embedding scaled to length 1 (what the regression is fit on)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def mixed_log_proba(linear: np.ndarray, embedded: np.ndarray, mix: float) -> np.ndarray:
    """The product of experts: ``(1 - mix) * linear + mix * log(embedded)``, per label.

    ``linear`` holds log-probabilities, ``embedded`` probabilities, both ``(texts, labels)``.
    """
    return (1.0 - mix) * linear + mix * np.log(np.maximum(embedded, _FLOOR))


class MixedClassifier:
    """CASE 2021 labels from the linear classifier and the embedding regression together."""

    def __init__(
        self, linear: EventTypeClassifier, embedder: SentenceEncoder, head: EmbeddingHead
    ) -> None:
        if tuple(head.classes) != tuple(LABELS):
            raise ValueError(f"{HEAD_FILE.name}: labels differ from the 30 CASE 2021 labels")
        self.linear = linear
        self.embedder = embedder
        self.head = head

    def log_scores(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), 30)`` mixed log-scores, columns in ``LABELS`` order."""
        embedded = self.head.probabilities(unit_rows(self.embedder.embed(texts)))
        return mixed_log_proba(self.linear.log_proba(texts), embedded, self.head.mix)

    def predict(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        return [LABELS[i] for i in self.log_scores(texts).argmax(axis=1)]


def missing(path: Path = HEAD_FILE) -> str | None:
    """What the mixed classifier lacks here (a sentence), or None when it can run."""
    lacking = extra_missing()
    if lacking:
        return lacking
    if not path.is_file():
        return f"no {path.name} in {path.parent} (python -m conflictlens.classify.train_embeddings)"
    return None


def for_detector(name: str) -> EventTypeClassifier | MixedClassifier:
    """The classifier ``--detector NAME`` asks for: ``neural`` (an error when it cannot run),
    ``linear`` (the lexicon and TF-IDF model alone), ``auto`` (neural when installed)."""
    if wants_neural(name, missing(), "embedding classifier"):
        return default_mixed()
    return EventTypeClassifier.default()


@lru_cache(maxsize=1)
def default_mixed() -> MixedClassifier:
    """The packaged head on the packaged encoder and linear classifier (loaded once)."""
    return MixedClassifier(
        EventTypeClassifier.default(), load_embedder(), EmbeddingHead.load(HEAD_FILE)
    )
