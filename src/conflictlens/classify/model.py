"""EventTypeClassifier: TF-IDF + logistic regression over hand-written snippets, fused with the lexicon.

Why this shape: the shared task released no training data, and the product must not train on the
evaluation corpus. The snippets in ``data/train_snippets.jsonl`` teach wording; the lexicon
(``data/lexicon.json``) carries the codebook distinctions that 800 snippets cannot (suicide beats
explosion, tear gas at a peaceful protest is an intervention). The final score per label is
``log P_model(label) + LEXICON_WEIGHT * lexicon_score(label)``. Training takes about a second,
so the model is trained from the packaged snippets at first use and kept for the process.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from conflictlens.classify.lexicon import DATA_DIR, CueMatch, TriggerLexicon
from conflictlens.classify.vocabulary import LABELS

SNIPPETS_FILE = "train_snippets.jsonl"
#: How much one unit of lexicon weight moves the log-probability (tuned on cross-validation).
LEXICON_WEIGHT = 0.6
#: Scale of the lexicon scores when appended to the TF-IDF features.
LEXICON_FEATURE_SCALE = 0.25


def load_snippets() -> list[tuple[str, str]]:
    """The packaged training snippets as ``(text, label)`` pairs."""
    path = DATA_DIR / SNIPPETS_FILE
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            pairs.append((row["text"], row["label"]))
    return pairs


class EventTypeClassifier:
    """One CASE 2021 label per text, with lexicon cues as evidence."""

    def __init__(
        self,
        lexicon: TriggerLexicon | None = None,
        lexicon_weight: float = LEXICON_WEIGHT,
        use_model: bool = True,
    ) -> None:
        self.lexicon = lexicon or TriggerLexicon.default()
        self.lexicon_weight = lexicon_weight
        self.use_model = use_model
        self.labels: tuple[str, ...] = LABELS
        self._word = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True, strip_accents="unicode"
        )
        self._char = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2, lowercase=True
        )
        self._clf = LogisticRegression(C=20.0, max_iter=2000)
        self._fitted = False

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> EventTypeClassifier:
        """The classifier trained on the packaged snippets (trained once per process)."""
        texts, labels = zip(*load_snippets(), strict=True)
        return cls().fit(list(texts), list(labels))

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> EventTypeClassifier:
        unknown = sorted(set(labels) - set(self.labels))
        if unknown:
            raise ValueError(f"unknown labels in training data: {unknown}")
        features = hstack(
            [
                self._word.fit_transform(texts),
                self._char.fit_transform(texts),
                self._lexicon_features(texts),
            ]
        ).tocsr()
        self._clf.fit(features, list(labels))
        self._columns = [self.labels.index(label) for label in self._clf.classes_]
        self._fitted = True
        return self

    def _lexicon_features(self, texts: Sequence[str]) -> csr_matrix:
        rows = [self.lexicon.scores(text) for text in texts]
        return csr_matrix(np.asarray(rows, dtype=float) * LEXICON_FEATURE_SCALE)

    def _model_log_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Log-probabilities in ``LABELS`` order (labels never seen in training get -inf)."""
        out = np.full((len(texts), len(self.labels)), -30.0)
        if not self.use_model:
            return np.zeros((len(texts), len(self.labels)))
        features = hstack(
            [
                self._word.transform(texts),
                self._char.transform(texts),
                self._lexicon_features(texts),
            ]
        ).tocsr()
        out[:, self._columns] = self._clf.predict_log_proba(features)
        return out

    def _scores(self, texts: Sequence[str]) -> np.ndarray:
        lexical = np.asarray([self.lexicon.scores(text) for text in texts], dtype=float)
        return self._model_log_proba(texts) + self.lexicon_weight * lexical

    def predict(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        scores = self._scores(texts)
        return [self.labels[i] for i in scores.argmax(axis=1)]

    def predict_proba(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Fused scores normalised to a distribution over the 30 labels, per text."""
        if not texts:
            return []
        scores = self._scores(texts)
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        return [dict(zip(self.labels, map(float, row), strict=True)) for row in probs]

    def explain(self, text: str) -> list[CueMatch]:
        """Lexicon cues that fired: ``(label, start, end, weight)`` spans into ``text``."""
        return self.lexicon.matches(text)


def type_sentence(text: str) -> tuple[str, float] | None:
    """Most likely ACLED label for one event sentence, or None when no lexicon cue fires.

    Only ACLED labels are returned (a sentence typed DIPLO or ORG_CRIME is not an ACLED event);
    the float is the label's share of the fused distribution restricted to ACLED labels.
    """
    classifier = EventTypeClassifier.default()
    lexicon_scores = classifier.lexicon.scores(text)
    if not any(lexicon_scores[i] for i in _acled_indices()):
        return None
    scores = classifier._scores([text])[0]
    acled = _acled_indices()
    sub = scores[acled]
    sub = np.exp(sub - sub.max())
    sub /= sub.sum()
    best = int(sub.argmax())
    return classifier.labels[acled[best]], float(sub[best])


@lru_cache(maxsize=1)
def _acled_indices() -> list[int]:
    from conflictlens.classify.vocabulary import acled_types

    return [i for i, label in enumerate(LABELS) if acled_types(label) is not None]


def _finite(value: float) -> float:
    return value if math.isfinite(value) else 0.0
