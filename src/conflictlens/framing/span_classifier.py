"""Technique labels from two views of a fragment: its words and a sentence embedding of it.

The linear technique classifier (``techniques.TechniqueModel.classify``) reads a fragment's
words, their shapes and neighbours. What a fragment *means* ("a red line was crossed" and "they
have gone too far" share no word) is better seen in a sentence embedding: the packaged
all-MiniLM-L6-v2 encoder (``nlp.encoder``), frozen, mean-pooled over the fragment's word pieces
(as sentence-transformers pools it). A logistic regression on those 384 numbers and five about the
fragment's place in the article (``fragment_extras``: is it repeated, quoted) is more accurate
than the linear classifier on PTC, and the two err differently: their mixed probabilities label
the fragments better than either (docs/framing.md has the scores).

What ships: ``data/technique_embeddings.npz`` (the regression's 389 x 14 weights, its bias, the
class order and the mixing weight), written by
``python -m conflictlens.framing.train_span_classifier``. It needs the ``neural`` extra, as the
span tagger does; without it callers keep the linear classifier (``missing()`` says why).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from conflictlens.framing import span_tagger
from conflictlens.framing.techniques import (
    DATA_DIR,
    DocumentFeatures,
    LinearModel,
    TechniqueModel,
    default_model,
)
from conflictlens.nlp.encoder import EmbeddingHead, SentenceEncoder, softmax

HEAD_FILE = DATA_DIR / "technique_embeddings.npz"
#: Word pieces of a fragment the encoder reads (the PTC fragments: median 8, 99th centile 60).
MAX_PIECES = 64


def load_embedder() -> SentenceEncoder:
    """The frozen encoder, reading as many word pieces of a fragment as the head was fit on."""
    return SentenceEncoder.load(MAX_PIECES)


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
    probs = softmax(scores)
    out = np.zeros((len(features), len(classes)))
    for j, name in enumerate(classes):
        if name in column:
            out[:, j] = probs[:, column[name]]
    return out


class SpanClassifier:
    """Ranks the 14 techniques for each fragment from both classifiers' probabilities."""

    def __init__(
        self, embedder: SentenceEncoder, head: EmbeddingHead, model: TechniqueModel
    ) -> None:
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
    return SpanClassifier(load_embedder(), EmbeddingHead.load(HEAD_FILE), default_model())
