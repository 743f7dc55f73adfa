"""EventTypeClassifier: TF-IDF + logistic regression on hand-written snippets, fused with a lexicon.

Why this shape: the shared task released no training data, and the product must not train on the
evaluation corpus. The snippets in ``data/train_snippets.jsonl`` teach wording; the lexicon
(``data/lexicon.json``) carries the codebook distinctions that 800 snippets cannot (suicide beats
explosion, tear gas at a peaceful protest is an intervention). The final score per label is
``log P_model(label) + LEXICON_WEIGHT * lexicon_score(label)``. Training takes a few seconds,
so the model is trained from the packaged snippets at first use and cached (memory and disk).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from platformdirs import user_cache_dir
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from conflictlens.classify.lexicon import DATA_DIR, LEXICON_FILE, CueMatch, TriggerLexicon
from conflictlens.classify.vocabulary import LABELS

SNIPPETS_FILE = "train_snippets.jsonl"
#: Bump when the features or the estimator change, so cached models are rebuilt.
MODEL_VERSION = 2
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
        self._fast: list | None = None

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> EventTypeClassifier:
        """The classifier trained on the packaged snippets, cached in memory and on disk.

        The disk cache (user cache dir) is keyed by the snippets, the lexicon and the
        scikit-learn version, so editing either data file retrains; an unwritable cache
        directory only costs the retraining (a few seconds).
        """
        cache = _cache_path()
        if cache.exists():
            try:
                loaded = joblib.load(cache)
                if isinstance(loaded, cls):
                    loaded.lexicon = TriggerLexicon.default()
                    return loaded
            except Exception:  # a stale or truncated cache file is simply rebuilt
                pass
        texts, labels = zip(*load_snippets(), strict=True)
        fitted = cls().fit(list(texts), list(labels))
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp")
            joblib.dump(fitted, tmp)
            tmp.replace(cache)
        except OSError:
            pass
        return fitted

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
        self._fast = None
        self._fitted = True
        return self

    def _lexicon_features(self, texts: Sequence[str]) -> csr_matrix:
        rows = [self.lexicon.scores(text) for text in texts]
        return csr_matrix(np.asarray(rows, dtype=float) * LEXICON_FEATURE_SCALE)

    def _model_log_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Log-probabilities in ``LABELS`` order (a label absent from training gets -30)."""
        if not self.use_model:
            return np.zeros((len(texts), len(self.labels)))
        out = np.full((len(texts), len(self.labels)), -30.0)
        features = hstack(
            [
                self._word.transform(texts),
                self._char.transform(texts),
                self._lexicon_features(texts),
            ]
        ).tocsr()
        out[:, self._columns] = self._clf.predict_log_proba(features)
        return out

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_fast"] = None  # analyzer closures are rebuilt on demand, not pickled
        return state

    def _single_log_proba(self, text: str, lexical: Sequence[float]) -> np.ndarray:
        """``_model_log_proba`` for one text without sklearn's per-call overhead (~1 ms).

        Re-implements TfidfVectorizer (sublinear tf, idf, l2 norm per block) and the logistic
        regression's softmax over the same fitted vocabularies and weights; the tests check
        that it agrees with the batch path.
        """
        if not self.use_model:
            return np.zeros(len(self.labels))
        if getattr(self, "_fast", None) is None:
            self._fast = [
                (_gram_counter(vectorizer), vectorizer.idf_, offset)
                for vectorizer, offset in (
                    (self._word, 0),
                    (self._char, len(self._word.vocabulary_)),
                )
            ]
        coef = self._clf.coef_
        logits = self._clf.intercept_.copy()
        for count_grams, idf, offset in self._fast or ():
            counts = count_grams(text)
            if not counts:
                continue
            indices = np.array(list(counts), dtype=np.int64)
            tf = 1.0 + np.log(np.array(list(counts.values()), dtype=float))
            values = tf * idf[indices]
            values /= np.linalg.norm(values)
            logits += coef[:, indices + offset] @ values
        lexical_columns = coef[:, -len(self.labels) :]
        logits += lexical_columns @ (np.asarray(lexical, dtype=float) * LEXICON_FEATURE_SCALE)
        logits -= logits.max()
        log_proba = logits - np.log(np.exp(logits).sum())
        out = np.full(len(self.labels), -30.0)
        out[self._columns] = log_proba
        return out

    def _scores(self, texts: Sequence[str]) -> np.ndarray:
        lexical = np.asarray([self.lexicon.scores(text) for text in texts], dtype=float)
        return self._model_log_proba(texts) + self.lexicon_weight * lexical

    def predict(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        scores = self._scores(texts)
        return [self.labels[i] for i in scores.argmax(axis=1)]

    def log_proba(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), 30)``: the fused scores as log-probabilities, columns in ``LABELS``
        order (what the embedding classifier mixes with its own)."""
        scores = self._scores(texts)
        scores -= scores.max(axis=1, keepdims=True)
        return scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))

    def predict_proba(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Fused scores normalised to a distribution over the 30 labels, per text."""
        if not texts:
            return []
        probs = np.exp(self.log_proba(texts))
        return [dict(zip(self.labels, map(float, row), strict=True)) for row in probs]

    def explain(self, text: str) -> list[CueMatch]:
        """Lexicon cues that fired: ``(label, start, end, weight)`` spans into ``text``."""
        return self.lexicon.matches(text)


#: Most words whose character n-gram indices ``_gram_counter`` keeps (then it starts afresh).
_WORD_CACHE_SIZE = 100_000


def _gram_counter(vectorizer: TfidfVectorizer) -> Callable[[str], Counter[int]]:
    """Counts of a text's in-vocabulary n-grams, keyed by column, in order of first occurrence.

    That order is the one the vectorizer's own gram list gives, so the weighted sums in
    ``_single_log_proba`` add up in the same order (to the same bits). Counting runs in C
    (map, Counter); None stands for the grams outside the vocabulary.
    """
    vocabulary: dict[str, int] = vectorizer.vocabulary_
    if vectorizer.analyzer != "char_wb":
        analyze = vectorizer.build_analyzer()

        def count(text: str) -> Counter[int]:
            counts: Counter[Any] = Counter(map(vocabulary.get, analyze(text)))
            counts.pop(None, None)
            return counts

        return count

    # char_wb n-grams never cross whitespace: a text's grams are its words' grams in turn
    # (sklearn's own per-word routine), so each word's columns are looked up once and reused.
    preprocess = vectorizer.build_preprocessor()
    word_grams = vectorizer._char_wb_ngrams
    columns: dict[str, tuple[int, ...]] = {}

    def count_words(text: str) -> Counter[int]:
        parts = []
        for word in preprocess(text).split():
            found = columns.get(word)
            if found is None:
                if len(columns) >= _WORD_CACHE_SIZE:
                    columns.clear()
                hits = map(vocabulary.get, word_grams(word))
                found = columns[word] = tuple(i for i in hits if i is not None)
            parts.append(found)
        return Counter(chain.from_iterable(parts))

    return count_words


def _cache_path() -> Path:
    digest = hashlib.sha256(sklearn.__version__.encode())
    for name in (SNIPPETS_FILE, LEXICON_FILE):
        digest.update((DATA_DIR / name).read_bytes())
    digest.update(f"{MODEL_VERSION}:{LEXICON_WEIGHT}:{LEXICON_FEATURE_SCALE}".encode())
    root = Path(os.environ.get("CONFLICTLENS_CACHE_DIR") or user_cache_dir("conflictlens"))
    return root / f"classify-{digest.hexdigest()[:16]}.joblib"


def type_sentence(text: str) -> tuple[str, float] | None:
    """Most likely ACLED label for one event sentence, or None when no lexicon cue fires.

    Only ACLED labels are returned (a sentence typed DIPLO or ORG_CRIME is not an ACLED event);
    the float is the label's share of the fused distribution restricted to ACLED labels.
    """
    classifier = EventTypeClassifier.default()
    lexicon_scores = classifier.lexicon.scores(text)
    if not any(lexicon_scores[i] for i in _acled_indices()):
        return None
    lexical = np.asarray(lexicon_scores, dtype=float)
    scores = (
        classifier._single_log_proba(text, lexicon_scores) + classifier.lexicon_weight * lexical
    )
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
