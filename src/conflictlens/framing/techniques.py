"""Persuasion techniques (SemEval-2020 Task 11): which fragments persuade, and how.

Two linear models over sparse string features, trained on the Propaganda Techniques Corpus by
``python -m conflictlens.framing.train_techniques`` and shipped as ``data/techniques_model.npz``
(vocabularies and float16 weights, read with ``allow_pickle=False``, so any numpy reads it and
no scikit-learn version is pinned by a pickle):

* span identification: one in/out probability per word from the word, its neighbours, its
  sentence and repetitions in the document; runs of words above a threshold become spans;
* technique classification: one of the 14 techniques per span from its words, its context and
  how often the document repeats it.

Why not a transformer: the package must run on CPU, offline, and stay a few MB; a linear model
over hand-picked features is the strongest thing that fits (scores in docs/framing.md).
Spans obey the corpus rules: they never start or end with whitespace or ``.,:;``, and offsets
index the text exactly as given.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

from conflictlens.records import Technique

DATA_DIR = Path(__file__).parent / "data"
MODEL_FILE = DATA_DIR / "techniques_model.npz"
TECHNIQUES_FILE = DATA_DIR / "techniques.txt"

_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
# A sentence ends at a line break, or at . ! ? (and closing quotes) followed by space and a capital
# or an opening quote. The corpus has one sentence per line; other text mostly has paragraphs.
_SENTENCE_END = re.compile(r"\n+|(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_EDGE = frozenset(" \t\n\r.,:;")
_QUOTES = frozenset('"“”«»')
#: Function words that say nothing about repetition (a repeated "the" is not a technique).
_STOP = frozenset((DATA_DIR / "technique_stopwords.txt").read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def technique_names() -> tuple[str, ...]:
    """The 14 SemEval-2020 Task 11 technique labels, in the corpus's spelling."""
    lines = TECHNIQUES_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip())


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark ``text[start:end]``; ``sent`` is its sentence number."""

    low: str
    start: int
    end: int
    sent: int
    shape: str


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if not word[0].isalnum():
        return word if word in "!?\"“”'‘’-—()" else "p"
    if word.isupper() and len(word) > 1:
        return "X"
    return "Xx" if word[0].isupper() else "x"


def tokenize(text: str) -> list[Token]:
    """Words and punctuation with their sentence numbers (character offsets into ``text``)."""
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    tokens: list[Token] = []
    sent, b = 0, 0
    for match in _WORD.finditer(text):
        while b < len(bounds) and bounds[b] <= match.start():
            b += 1
            if tokens and tokens[-1].sent == sent:
                sent += 1
        word = match.group()
        tokens.append(Token(word.lower(), match.start(), match.end(), sent, _shape(word)))
    return tokens


def _sentences(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """``[first, last)`` token ranges of each sentence."""
    ranges: list[tuple[int, int]] = []
    first = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or tokens[i].sent != tokens[first].sent:
            ranges.append((first, i))
            first = i
    return ranges


def _bucket(n: int, edges: Sequence[int]) -> int:
    for k, edge in enumerate(edges):
        if n <= edge:
            return k
    return len(edges)


class DocumentFeatures:
    """Per-document context both models share: tokens, sentences, word and bigram counts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.sentences = _sentences(self.tokens)
        self.sentence_of = [0] * len(self.tokens)
        for n, (first, last) in enumerate(self.sentences):
            for i in range(first, last):
                self.sentence_of[i] = n
        lows = [t.low for t in self.tokens]
        self.word_counts = Counter(lows)
        self.bigram_counts = Counter(pairwise(lows))
        self.in_quote = self._quoted()
        self.lower_text = text.lower()
        self._starts = [t.start for t in self.tokens]
        self._ends = [t.end for t in self.tokens]

    def _quoted(self) -> list[bool]:
        inside, flags = False, []
        last_sent = -1
        for token in self.tokens:
            if token.sent != last_sent:
                inside, last_sent = False, token.sent
            if token.low in _QUOTES:
                inside = not inside
                flags.append(True)
            else:
                flags.append(inside)
        return flags

    def token_features(self) -> list[list[str]]:
        """String features of every token for span identification."""
        toks = self.tokens
        lows = [t.low for t in toks]
        n = len(toks)
        out: list[list[str]] = []
        sentence_info: list[list[str]] = []
        for first, last in self.sentences:
            words = lows[first:last]
            info = [f"slen={_bucket(last - first, (5, 10, 20, 35, 60))}"]
            if "!" in words:
                info.append("s!")
            if "?" in words:
                info.append("s?")
            if any(w in _QUOTES for w in words):
                info.append("s_quote")
            caps = sum(1 for t in toks[first:last] if t.shape == "X")
            if caps:
                info.append("s_caps")
            sentence_info.append(info)
        for i, token in enumerate(toks):
            first, last = self.sentences[self.sentence_of[i]]
            w = lows[i]
            prev1 = lows[i - 1] if i > first else "<s>"
            prev2 = lows[i - 2] if i - 1 > first else "<s>"
            next1 = lows[i + 1] if i + 1 < last else "</s>"
            next2 = lows[i + 2] if i + 2 < last else "</s>"
            rel = (i - first) / max(1, last - first - 1)
            feats = [
                "bias",
                f"w={w}",
                f"sh={token.shape}",
                f"suf={w[-3:]}",
                f"w-1={prev1}",
                f"w+1={next1}",
                f"w-2={prev2}",
                f"w+2={next2}",
                f"w-1w={prev1}|{w}",
                f"ww+1={w}|{next1}",
                f"sh-1={toks[i - 1].shape if i > first else '<s>'}|{token.shape}",
                f"pos={_bucket(int(rel * 10), (0, 2, 5, 8, 9))}",
                f"idx={min(i - first, 4)}",
                f"ridx={min(last - 1 - i, 4)}",
                f"sent={_bucket(self.sentence_of[i], (0, 1, 3, 8))}",
            ]
            if self.in_quote[i]:
                feats.append("inq")
            feats.extend(sentence_info[self.sentence_of[i]])
            if w not in _STOP and w[0].isalpha():
                count = self.word_counts[w]
                feats.append(f"rep={_bucket(count, (1, 2, 4))}")
                if i + 1 < n and self.bigram_counts[(w, lows[i + 1])] > 1:
                    feats.append("rep2")
            out.append(feats)
        return out

    def span_features(self, start: int, end: int) -> list[str]:
        """String features of ``text[start:end]`` for technique classification."""
        toks = self.tokens
        # tokens overlapping [start, end): ends are sorted, and so are starts
        inside = list(range(bisect_right(self._ends, start), bisect_left(self._starts, end)))
        feats = ["bias"]
        if not inside:
            return [*feats, "empty"]
        first, last = inside[0], inside[-1] + 1
        words = [toks[i].low for i in inside]
        content = [w for w in words if w[0].isalpha()]
        feats += [f"sw={w}" for w in set(words)]
        feats += [f"sb={a}|{b}" for a, b in set(pairwise(words))]
        feats += [f"suf={w[-4:]}" for w in set(content) if len(w) > 4]
        feats += [f"first={words[0]}", f"last={words[-1]}"]
        feats.append(f"len={_bucket(len(words), (1, 2, 3, 5, 8, 12, 20, 35))}")
        s_first, s_last = self.sentences[self.sentence_of[first]]
        feats += [f"lw={toks[i].low}" for i in range(max(s_first, first - 3), first)]
        feats += [f"rw={toks[i].low}" for i in range(last, min(s_last, last + 3))]
        if first > s_first:
            feats.append(f"l1={toks[first - 1].low}")
        if last < s_last:
            feats.append(f"r1={toks[last].low}")
        covered = len(words) / max(1, s_last - s_first)
        feats.append(f"cover={_bucket(int(covered * 10), (2, 5, 8, 9))}")
        sentence = [t.low for t in toks[s_first:s_last]]
        for mark in ("!", "?"):
            if mark in sentence:
                feats.append(f"s{mark}")
        if any(self.in_quote[i] for i in inside):
            feats.append("inq")
        if sum(1 for i in inside if toks[i].shape == "X"):
            feats.append("caps")
        if all(toks[i].shape in ("Xx", "X", "p", "-") for i in inside if toks[i].low[0].isalpha()):
            feats.append("titlecase")
        phrase = self.text[start:end].lower()
        repeats = self.lower_text.count(phrase) if len(phrase) > 2 else 1
        feats.append(f"rep={_bucket(repeats, (1, 2, 3, 5))}")
        if content:
            top = (
                max(self.word_counts[w] for w in content if w not in _STOP)
                if any(w not in _STOP for w in content)
                else 0
            )
            feats.append(f"maxrep={_bucket(top, (1, 2, 3, 5, 8))}")
        return feats


@dataclass
class LinearModel:
    """A linear model over string features: ``weights[vocab[f]]`` summed, plus ``bias``."""

    vocab: dict[str, int]
    weights: np.ndarray  # (features, outputs)
    bias: np.ndarray  # (outputs,)

    def scores(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """``(rows, outputs)`` scores: one sparse product, not a Python loop over weights."""
        vocab = self.vocab
        indptr, indices = [0], list[int]()
        for feats in rows:
            indices.extend({vocab[f] for f in feats if f in vocab})
            indptr.append(len(indices))
        matrix = csr_matrix(
            (np.ones(len(indices), dtype=np.float32), indices, indptr),
            shape=(len(rows), len(vocab)),
        )
        return np.asarray(matrix @ self.weights, dtype=np.float64) + self.bias


@dataclass
class TechniqueModel:
    """The span model, the technique model, and the decoding settings tuned with them."""

    spans: LinearModel
    classes: tuple[str, ...]
    kinds: LinearModel
    threshold: float
    min_words: int
    max_gap: int

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> TechniqueModel:
        with np.load(path, allow_pickle=False) as data:
            settings = data["settings"]

            def linear(prefix: str) -> LinearModel:
                vocab = {str(f): i for i, f in enumerate(data[f"{prefix}_vocab"])}
                weights = data[f"{prefix}_weights"].astype(np.float32)
                if weights.ndim == 1:
                    weights = weights[:, None]
                return LinearModel(vocab, weights, data[f"{prefix}_bias"].astype(np.float64))

            return cls(
                spans=linear("si"),
                classes=tuple(str(c) for c in data["tc_classes"]),
                kinds=linear("tc"),
                threshold=float(settings[0]),
                min_words=int(settings[1]),
                max_gap=int(settings[2]),
            )

    def save(self, path: Path) -> None:
        def arrays(prefix: str, model: LinearModel) -> dict[str, np.ndarray]:
            vocab = sorted(model.vocab, key=model.vocab.__getitem__)
            return {
                f"{prefix}_vocab": np.array(vocab, dtype=str),
                f"{prefix}_weights": model.weights.astype(np.float16),
                f"{prefix}_bias": model.bias.astype(np.float64),
            }

        contents: dict[str, Any] = {
            "settings": np.array([self.threshold, self.min_words, self.max_gap], dtype=np.float64),
            "tc_classes": np.array(self.classes, dtype=str),
            **arrays("si", self.spans),
            **arrays("tc", self.kinds),
        }
        np.savez_compressed(path, **contents)

    def token_probabilities(self, doc: DocumentFeatures) -> np.ndarray:
        """P(the token is part of a persuasive fragment), per token."""
        if not doc.tokens:
            return np.zeros(0)
        logits = self.spans.scores(doc.token_features())[:, 0]
        return 1.0 / (1.0 + np.exp(-logits))

    def detect(
        self, doc: DocumentFeatures, probs: np.ndarray | None = None
    ) -> list[tuple[int, int]]:
        """Persuasive fragments as ``(start, end)`` character spans, in text order."""
        if probs is None:
            probs = self.token_probabilities(doc)
        return decode_spans(doc, probs, self.threshold, self.min_words, self.max_gap)

    def classify(
        self, doc: DocumentFeatures, spans: Sequence[tuple[int, int]]
    ) -> list[tuple[str, ...]]:
        """Techniques for each span, most likely first (all 14, ranked)."""
        if not spans:
            return []
        scores = self.kinds.scores([doc.span_features(s, e) for s, e in spans])
        order = np.argsort(-scores, axis=1)
        return [tuple(self.classes[k] for k in row) for row in order]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The corpus rule: no space, newline, ``.``, ``,``, ``:`` or ``;`` at either end."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def decode_spans(
    doc: DocumentFeatures, probs: np.ndarray, threshold: float, min_words: int, max_gap: int
) -> list[tuple[int, int]]:
    """Runs of tokens above ``threshold`` in one sentence, gaps of ``max_gap`` bridged."""
    spans: list[tuple[int, int]] = []
    for first, last in doc.sentences:
        hot = [i for i in range(first, last) if probs[i] >= threshold]
        runs: list[list[int]] = []
        for i in hot:
            if runs and i - runs[-1][-1] - 1 <= max_gap:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            words = sum(1 for i in range(run[0], run[-1] + 1) if doc.tokens[i].low[0].isalnum())
            if words < min_words:
                continue
            start, end = _trimmed(doc.text, doc.tokens[run[0]].start, doc.tokens[run[-1]].end)
            if end > start:
                spans.append((start, end))
    return spans


@lru_cache(maxsize=1)
def default_model() -> TechniqueModel:
    """The packaged model (loaded once per process)."""
    return TechniqueModel.load(MODEL_FILE)


def find_techniques(text: str, model: TechniqueModel | None = None) -> list[Technique]:
    """Persuasion techniques in ``text``: detected fragments, each with its likeliest technique.

    Offsets index ``text`` exactly; no span starts or ends with whitespace or ``.,:;``.
    """
    model = model or default_model()
    doc = DocumentFeatures(text)
    spans = model.detect(doc)
    ranked = model.classify(doc, spans)
    return [
        Technique(technique=kinds[0], start=start, end=end)
        for (start, end), kinds in zip(spans, ranked, strict=True)
    ]


def classify_spans(
    text: str, spans: Sequence[tuple[int, int]], model: TechniqueModel | None = None
) -> list[str]:
    """One technique per given span, in the given order.

    A span listed k times gets the k likeliest techniques, one per row: the corpus labels one
    fragment with several techniques as repeated rows, and repeating the top guess would score
    at most one of them.
    """
    model = model or default_model()
    doc = DocumentFeatures(text)
    unique = list(dict.fromkeys(spans))
    ranked = dict(zip(unique, model.classify(doc, unique), strict=True))
    seen: Counter[tuple[int, int]] = Counter()
    out = []
    for span in spans:
        kinds = ranked[span]
        out.append(kinds[min(seen[span], len(kinds) - 1)])
        seen[span] += 1
    return out


def iter_ptc_rows(
    article_id: str, techniques: Sequence[Technique]
) -> Iterator[tuple[str, str, int, int]]:
    """``(article_id, technique, start, end)`` rows in the corpus's TSV order."""
    for item in techniques:
        yield article_id, item.technique, item.start, item.end
