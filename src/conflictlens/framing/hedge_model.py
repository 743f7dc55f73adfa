"""Sentence uncertainty and hedge cues (CoNLL-2010) from three small linear models.

Trained on the CoNLL-2010 dev sentences by ``python -m conflictlens.framing.train_hedges`` and
shipped as ``data/hedges_model.npz`` (feature strings and float16 weights, read with
``allow_pickle=False``, so no scikit-learn version is pinned by a pickle):

* a cue tagger: ``O``/``B``/``I`` per word from the word, its prefix/suffix, its neighbours and
  the ``sentence`` hedge lexicon, trained on the BioScope cue spans; its runs are the cue spans;
* a domain model: is the sentence scientific prose (BioScope) or general prose (Wikipedia,
  news)? Scientific hedges are epistemic ("may", "suggest") and the tagger decides them;
* a sentence model for general prose: word 1-2 grams, lexicon cues and the tagger's best cue
  probability, because Wikipedia weasels ("some critics", "is considered") are vague
  attribution that a cue tagger trained on biology never saw. The two verdicts are mixed by
  the domain probability.

Why linear models: they run offline on CPU over ~10k sentences in seconds from a few-MB file.
With the ``neural`` extra, ``conflictlens hedges`` also asks a fine-tuned sentence encoder
(``hedge_encoder.py``), whose blended verdict can add uncertainty (``Blend``,
``HedgeModel.decide``); the cues stay this tagger's. Cross-validated scores of both are in
docs/framing.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from scipy.sparse import csr_matrix

from conflictlens.extract.attribution import find_hedges

DATA_DIR = Path(__file__).parent / "data"
MODEL_FILE = DATA_DIR / "hedges_model.npz"

# Words, with inner hyphens/apostrophes/slashes kept ("and/or" is one cue), or single symbols.
_WORD = re.compile(r"\w+(?:[-'’/]\w+)*|[^\w\s]")

TAG_LABELS = ("O", "B", "I")
# The sentence model sees the cues decoded at this fixed threshold, so tuning the shipped cue
# threshold later does not change the features it was trained on.
FEATURE_CUE_THRESHOLD = 0.5


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    low: str


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]


def lexicon_marks(text: str, tokens: Sequence[Token]) -> list[str]:
    """Per token: ``B``/``I`` inside a ``sentence``-profile lexicon cue, else ``""``."""
    marks = [""] * len(tokens)
    cues = find_hedges(text, profile="sentence")
    for cue in cues:
        first = True
        for i, tok in enumerate(tokens):
            if tok.start >= cue.start and tok.end <= cue.end:
                marks[i] = "B" if first else "I"
                first = False
    return marks


def _shape(word: str) -> str:
    if word.isdigit():
        return "num"
    if not word[0].isalnum():
        return "sym"
    return "word"


def token_features(text: str, tokens: Sequence[Token], marks: Sequence[str]) -> list[list[str]]:
    """Feature strings of every token for the cue tagger."""
    words = [t.low for t in tokens]
    padded = ["<s>", "<s>", *words, "</s>", "</s>"]
    rows = []
    for i, word in enumerate(words):
        j = i + 2
        prev1, prev2, next1, next2 = padded[j - 1], padded[j - 2], padded[j + 1], padded[j + 2]
        feats = [
            "bias",
            f"w={word}",
            f"p4={word[:4]}",
            f"p6={word[:6]}",
            f"s3={word[-3:]}",
            f"w-1={prev1}",
            f"w+1={next1}",
            f"w-2={prev2}",
            f"w+2={next2}",
            f"w-1w={prev1}_{word}",
            f"ww+1={word}_{next1}",
            f"ww+1+2={word}_{next1}_{next2}",
            f"w-2-1w={prev2}_{prev1}_{word}",
            f"shape={_shape(word)}",
        ]
        if text[tokens[i].start].isupper() and i > 0:
            feats.append("cap")
        if marks[i]:
            feats.append(f"lex={marks[i]}")
            feats.append(f"lexw={marks[i]}_{word}")
        if i > 0 and marks[i - 1]:
            feats.append(f"lex-1={marks[i - 1]}")
        if i + 1 < len(words) and marks[i + 1]:
            feats.append(f"lex+1={marks[i + 1]}")
        rows.append(feats)
    return rows


def domain_features(tokens: Sequence[Token]) -> list[str]:
    """The sentence's distinct words: biomedical vocabulary separates the domains."""
    return ["bias", *sorted({f"u={t.low}" for t in tokens})]


def sentence_features(
    text: str,
    tokens: Sequence[Token],
    marks: Sequence[str],
    cues: Sequence[tuple[int, int]],
    cue_prob: float,
) -> list[tuple[str, float]]:
    """Features of a general-prose sentence: n-grams, lexicon cues and the tagger's evidence."""
    words = [t.low for t in tokens if t.low[0].isalnum()]
    feats: dict[str, float] = {"bias": 1.0, "tag_max": cue_prob}
    feats.update((f"u={w}", 1.0) for w in words)
    feats.update(
        (f"b={a}_{b}", 1.0) for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True)
    )
    feats.update((f"p5={w[:5]}", 1.0) for w in words if len(w) > 5)
    lex = [tokens[i].low for i, mark in enumerate(marks) if mark == "B"]
    feats.update((f"lex={w}", 1.0) for w in lex)
    feats["lex_n"] = float(min(len(lex), 3))
    feats.update((f"tag={text[s:e].lower()}", 1.0) for s, e in cues)
    feats["tag_n"] = float(min(len(cues), 3))
    return list(feats.items())


@dataclass
class LinearModel:
    """Weights over named features; ``scores`` returns one logit column per class."""

    vocab: dict[str, int]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)

    def matrix(self, rows: Iterable[Iterable[str | tuple[str, float]]]) -> csr_matrix:
        return build_matrix(rows, self.vocab)

    def scores(self, rows: Iterable[Iterable[str | tuple[str, float]]]) -> np.ndarray:
        return np.asarray(self.matrix(rows) @ self.weights, dtype=np.float64) + self.bias


def build_matrix(
    rows: Iterable[Iterable[str | tuple[str, float]]], vocab: dict[str, int]
) -> csr_matrix:
    """Sparse rows from feature names (value 1) or ``(name, value)`` pairs; unknown names drop."""
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for feats in rows:
        seen: dict[int, float] = {}
        for feat in feats:
            name, value = (feat, 1.0) if isinstance(feat, str) else feat
            index = vocab.get(name)
            if index is not None:
                seen[index] = value
        order = sorted(seen)  # a fixed summation order: same scores under any hash seed
        indices.extend(order)
        values.extend(seen[i] for i in order)
        indptr.append(len(indices))
    return csr_matrix(
        (np.asarray(values, dtype=np.float32), indices, indptr), shape=(len(indptr) - 1, len(vocab))
    )


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return np.asarray(shifted / shifted.sum(axis=1, keepdims=True))


def sigmoid(logits: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-logits)))


def decode_cues(
    tokens: Sequence[Token], probs: np.ndarray, threshold: float
) -> list[tuple[int, int]]:
    """Runs of cue words as character spans: a word is a cue when P(B) + P(I) clears the
    threshold, and it extends the previous cue only when that word is adjacent and I beats B."""
    spans: list[list[int]] = []
    previous_cue = False
    for i, tok in enumerate(tokens):
        p_b, p_i = probs[i, 1], probs[i, 2]
        if p_b + p_i < threshold:
            previous_cue = False
            continue
        if previous_cue and p_i > p_b:
            spans[-1][1] = tok.end
        else:
            spans.append([tok.start, tok.end])
        previous_cue = True
    return [(s, e) for s, e in spans]


@dataclass
class Evidence:
    text: str
    tokens: list[Token]
    probs: np.ndarray  # (tokens, 3): P(O), P(B), P(I)
    p_bio: float  # P(scientific prose)
    p_general: float  # P(uncertain) from the general-prose sentence model
    p_encoder: float | None = None  # P(uncertain) from the fine-tuned encoder, when it ran


@dataclass(frozen=True)
class Blend:
    """How much a sentence encoder's P(uncertain) counts in each domain's score (the rest is
    the linear models'), and the threshold on the blended score."""

    bio: float
    general: float
    threshold: float


class SentenceEncoder(Protocol):
    """What ``hedge_encoder.HedgeEncoder`` offers (kept as a protocol: no torch import here)."""

    blend: Blend

    def probabilities(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass
class HedgeModel:
    tagger: LinearModel
    domain: LinearModel
    sentence: LinearModel
    cue_threshold: float
    sentence_threshold: float

    def cue_probabilities(
        self, text: str, tokens: Sequence[Token], marks: Sequence[str]
    ) -> np.ndarray:
        if not tokens:
            return np.zeros((0, len(TAG_LABELS)))
        return softmax(self.tagger.scores(token_features(text, tokens, marks)))

    def predict(self, text: str) -> tuple[bool, list[tuple[int, int]]]:
        """``(uncertain, cue spans)`` for one sentence."""
        return self.predict_many([text])[0]

    def predict_many(
        self, texts: Sequence[str], encoder: SentenceEncoder | None = None
    ) -> list[tuple[bool, list[tuple[int, int]]]]:
        """``(uncertain, cue spans)`` per sentence; with ``encoder``, its verdict blended in."""
        blend = encoder.blend if encoder is not None else None
        return [self.decide(item, blend=blend) for item in self.evidence(texts, encoder)]

    def evidence(
        self, texts: Sequence[str], encoder: SentenceEncoder | None = None
    ) -> list[Evidence]:
        """What the three models (and ``encoder``) say about each sentence, before any
        threshold is applied."""
        tokenized = [tokenize(text) for text in texts]
        marks = [lexicon_marks(text, toks) for text, toks in zip(texts, tokenized, strict=True)]
        p_bio = sigmoid(self.domain.scores(domain_features(t) for t in tokenized)[:, 0])
        probs = [
            self.cue_probabilities(*args) for args in zip(texts, tokenized, marks, strict=True)
        ]
        feature_cues = [
            decode_cues(t, p, FEATURE_CUE_THRESHOLD) for t, p in zip(tokenized, probs, strict=True)
        ]
        best = [float((p[:, 1] + p[:, 2]).max()) if len(p) else 0.0 for p in probs]
        general = sigmoid(
            self.sentence.scores(
                sentence_features(*args)
                for args in zip(texts, tokenized, marks, feature_cues, best, strict=True)
            )[:, 0]
        )
        encoded: list[float | None] = (
            encoder.probabilities(texts).tolist() if encoder is not None else [None] * len(texts)
        )
        return [
            Evidence(*args)
            for args in zip(
                texts, tokenized, probs, p_bio.tolist(), general.tolist(), encoded, strict=True
            )
        ]

    @staticmethod
    def score(item: Evidence, blend: Blend | None = None) -> float:
        """P(uncertain): the domain-weighted mix of the tagger's best cue probability
        (scientific prose) and the sentence model's (general prose), each blended with the
        encoder's by ``blend`` when it ran.

        The mix rather than a hard switch because the domain model errs on short generic
        sentences ("Both messages rapidly declined thereafter."); cross-validation favoured it.
        """
        best = float((item.probs[:, 1] + item.probs[:, 2]).max()) if len(item.tokens) else 0.0
        bio, general = best, item.p_general
        if blend is not None and item.p_encoder is not None:
            bio = (1.0 - blend.bio) * bio + blend.bio * item.p_encoder
            general = (1.0 - blend.general) * general + blend.general * item.p_encoder
        return item.p_bio * bio + (1.0 - item.p_bio) * general

    def decide(
        self,
        item: Evidence,
        cue_threshold: float | None = None,
        sentence_threshold: float | None = None,
        blend: Blend | None = None,
    ) -> tuple[bool, list[tuple[int, int]]]:
        """Uncertain when the linear ``score`` clears ``sentence_threshold`` (default: the
        model's), or, when the encoder ran, its ``blend`` clears the blend's threshold.

        The encoder may add uncertainty, never veto it: it learnt CoNLL-2010's conventions, in
        whose Wikipedia lists epistemic "may" or "according to" mostly do not count, and would
        drop hedges that news, this project's prose, means as hedges ("The attack may have been
        carried out by rebels", "the death toll is expected to rise"). Cross-validation puts
        the price at 0.6 points of CoNLL F1 (docs/framing.md). The cues are the tagger's,
        else (general prose) the lexicon's.
        """
        cue_threshold = self.cue_threshold if cue_threshold is None else cue_threshold
        if sentence_threshold is None:
            sentence_threshold = self.sentence_threshold
        uncertain = self.score(item) >= sentence_threshold
        if not uncertain and blend is not None and item.p_encoder is not None:
            uncertain = self.score(item, blend) >= blend.threshold
        if not uncertain:
            return False, []
        cues = decode_cues(item.tokens, item.probs, cue_threshold)
        if not cues:
            cues = [(c.start, c.end) for c in find_hedges(item.text, profile="sentence")]
        return True, cues

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> HedgeModel:
        with np.load(path, allow_pickle=False) as data:
            settings = data["settings"]

            def linear(prefix: str) -> LinearModel:
                vocab = {str(f): i for i, f in enumerate(data[f"{prefix}_vocab"])}
                weights = data[f"{prefix}_weights"].astype(np.float32)
                return LinearModel(vocab, weights, data[f"{prefix}_bias"].astype(np.float64))

            return cls(
                tagger=linear("tag"),
                domain=linear("dom"),
                sentence=linear("sent"),
                cue_threshold=float(settings[0]),
                sentence_threshold=float(settings[1]),
            )

    def save(self, path: Path) -> None:
        def arrays(prefix: str, model: LinearModel) -> dict[str, np.ndarray]:
            keep = np.flatnonzero(np.abs(model.weights).max(axis=1) > 1e-4)
            names = sorted(model.vocab, key=model.vocab.__getitem__)
            return {
                f"{prefix}_vocab": np.array([names[i] for i in keep], dtype=str),
                f"{prefix}_weights": model.weights[keep].astype(np.float16),
                f"{prefix}_bias": model.bias.astype(np.float64),
            }

        contents: dict[str, Any] = {
            "settings": np.array([self.cue_threshold, self.sentence_threshold], dtype=np.float64),
            **arrays("tag", self.tagger),
            **arrays("dom", self.domain),
            **arrays("sent", self.sentence),
        }
        np.savez_compressed(path, **contents)


@lru_cache(maxsize=1)
def default_model() -> HedgeModel:
    return HedgeModel.load()
