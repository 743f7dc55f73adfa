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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

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


@lru_cache(maxsize=1 << 15)
def _form(word: str) -> tuple[str, str]:
    """A word's lower case and shape (remembered: the same words come back in every text)."""
    return word.lower(), _shape(word)


@dataclass(frozen=True)
class _Columns:
    """The tokens of a text as parallel lists (what :class:`Token` holds, one list per field)."""

    lows: list[str]
    starts: list[int]
    ends: list[int]
    sents: list[int]
    shapes: list[str]


def _columns(text: str) -> _Columns:
    """Words and punctuation with their sentence numbers, column by column (no object per token)."""
    matches = list(_WORD.finditer(text))
    starts = [m.start() for m in matches]
    forms = [_form(m.group()) for m in matches]
    lows = [low for low, _ in forms]
    shapes = [shape for _, shape in forms]
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    sents = [0] * len(matches)
    if bounds and matches:
        # A token's sentence number counts the tokens before it that follow a new sentence end:
        # several ends between two tokens (blank lines) start one sentence, not several.
        passed = np.searchsorted(np.array(bounds), np.array(starts), side="right")
        sents = [0, *np.cumsum(np.diff(passed) > 0).tolist()]
    return _Columns(lows, starts, [m.end() for m in matches], sents, shapes)


def tokenize(text: str) -> list[Token]:
    """Words and punctuation with their sentence numbers (character offsets into ``text``)."""
    cols = _columns(text)
    return [
        Token(*fields)
        for fields in zip(cols.lows, cols.starts, cols.ends, cols.sents, cols.shapes, strict=True)
    ]


def _sentences(sents: Sequence[int]) -> list[tuple[int, int]]:
    """``[first, last)`` token ranges of each sentence, from the tokens' sentence numbers."""
    if not sents:
        return []
    # sentence numbers go 0, 1, 2, ... without gaps, so sentence n is the n-th range
    firsts = [0, *(np.flatnonzero(np.diff(sents)) + 1).tolist()]
    return list(zip(firsts, [*firsts[1:], len(sents)], strict=True))


def _bucket(n: int, edges: Sequence[int]) -> int:
    for k, edge in enumerate(edges):
        if n <= edge:
            return k
    return len(edges)


class DocumentFeatures:
    """Per-document context both models share: tokens, sentences, word and bigram counts.

    Tokens are kept as parallel lists (``lows``, ``shapes``, offsets); :attr:`tokens` builds
    :class:`Token` objects only for callers that want them. What only some paths need is computed
    on first use.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        cols = _columns(text)
        self.lows = cols.lows
        self.shapes = cols.shapes
        self.starts = cols.starts
        self.ends = cols.ends
        #: sentence numbers are consecutive from 0, so a token's number indexes ``sentences``
        self.sentence_of = cols.sents
        self.sentences = _sentences(cols.sents)
        self.in_quote = self._quoted()

    @cached_property
    def tokens(self) -> list[Token]:
        return [
            Token(*fields)
            for fields in zip(
                self.lows, self.starts, self.ends, self.sentence_of, self.shapes, strict=True
            )
        ]

    @cached_property
    def word_counts(self) -> Counter[str]:
        return Counter(self.lows)

    @cached_property
    def bigram_counts(self) -> Counter[tuple[str, str]]:
        return Counter(pairwise(self.lows))

    @cached_property
    def lower_text(self) -> str:
        return self.text.lower()

    def _quoted(self) -> list[bool]:
        """Quote marks, and the tokens between two of them in one sentence."""
        if not self.lows:
            return []
        quote = np.fromiter((w in _QUOTES for w in self.lows), dtype=bool, count=len(self.lows))
        before = np.cumsum(quote) - quote  # quote marks before each token in the document
        firsts = np.array([first for first, _ in self.sentences])
        # an odd number of quote marks before a token in its sentence: it is inside a quote
        opened = (before - before[firsts][self.sentence_of]) % 2 == 1
        flags: list[bool] = (quote | opened).tolist()
        return flags

    def token_features(self) -> list[list[str]]:
        """String features of every token for span identification.

        :class:`TokenFeatureIds` builds the same features as vocabulary ids: keep them in step.
        """
        lows, shapes = self.lows, self.shapes
        n = len(lows)
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
            caps = sum(1 for shape in shapes[first:last] if shape == "X")
            if caps:
                info.append("s_caps")
            sentence_info.append(info)
        for i, shape in enumerate(shapes):
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
                f"sh={shape}",
                f"suf={w[-3:]}",
                f"w-1={prev1}",
                f"w+1={next1}",
                f"w-2={prev2}",
                f"w+2={next2}",
                f"w-1w={prev1}|{w}",
                f"ww+1={w}|{next1}",
                f"sh-1={shapes[i - 1] if i > first else '<s>'}|{shape}",
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
        lows, shapes = self.lows, self.shapes
        # tokens overlapping [start, end): ends are sorted, and so are starts
        inside = list(range(bisect_right(self.ends, start), bisect_left(self.starts, end)))
        feats = ["bias"]
        if not inside:
            return [*feats, "empty"]
        first, last = inside[0], inside[-1] + 1
        words = lows[first:last]
        content = [w for w in words if w[0].isalpha()]
        feats += [f"sw={w}" for w in set(words)]
        feats += [f"sb={a}|{b}" for a, b in set(pairwise(words))]
        feats += [f"suf={w[-4:]}" for w in set(content) if len(w) > 4]
        feats += [f"first={words[0]}", f"last={words[-1]}"]
        feats.append(f"len={_bucket(len(words), (1, 2, 3, 5, 8, 12, 20, 35))}")
        s_first, s_last = self.sentences[self.sentence_of[first]]
        feats += [f"lw={lows[i]}" for i in range(max(s_first, first - 3), first)]
        feats += [f"rw={lows[i]}" for i in range(last, min(s_last, last + 3))]
        if first > s_first:
            feats.append(f"l1={lows[first - 1]}")
        if last < s_last:
            feats.append(f"r1={lows[last]}")
        covered = len(words) / max(1, s_last - s_first)
        feats.append(f"cover={_bucket(int(covered * 10), (2, 5, 8, 9))}")
        sentence = lows[s_first:s_last]
        for mark in ("!", "?"):
            if mark in sentence:
                feats.append(f"s{mark}")
        if any(self.in_quote[i] for i in inside):
            feats.append("inq")
        if sum(1 for i in inside if shapes[i] == "X"):
            feats.append("caps")
        if all(shapes[i] in ("Xx", "X", "p", "-") for i in inside if lows[i][0].isalpha()):
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


class TokenFeatureIds:
    """:meth:`DocumentFeatures.token_features` as ids in one vocabulary, built with arrays.

    The same features in the same order, one column per kind (``len(vocab)`` where a token has no
    feature of a kind, or one the vocabulary lacks), without writing a string per feature: what a
    word brings is looked up once and remembered across documents (it depends on nothing else),
    what a position or count brings is a small table, and the rest is array arithmetic.
    """

    KINDS = 23
    #: Distinct words remembered (about 300 bytes each); past that the memory starts afresh.
    MAX_WORDS = 50_000

    def __init__(self, vocab: Mapping[str, int]) -> None:
        self.vocab = vocab
        self.absent = absent = len(vocab)

        def table(prefix: str, size: int) -> np.ndarray:
            return np.array([vocab.get(f"{prefix}{k}", absent) for k in range(size)], np.intp)

        self._bias = vocab.get("bias", absent)
        self._pos, self._idx, self._ridx = table("pos=", 6), table("idx=", 5), table("ridx=", 5)
        self._sent, self._slen, self._rep = table("sent=", 5), table("slen=", 6), table("rep=", 4)
        flags = ("inq", "s!", "s?", "s_quote", "s_caps", "rep2")
        self._flags = np.array([vocab.get(f, absent) for f in flags], np.intp)
        self._words: dict[str, tuple[int, ...]] = {}
        self._shapes: dict[tuple[str, str], tuple[int, int]] = {}

    def _word(self, word: str) -> tuple[int, ...]:
        """Ids of w=, suf=, w-1=, w+1=, w-2=, w+2= for ``word``, and four flags: counts for
        repetition, is ``!``, is ``?``, is a quote mark."""
        get, absent = self.vocab.get, self.absent
        ids = (
            get("w=" + word, absent),
            get("suf=" + word[-3:], absent),
            get("w-1=" + word, absent),
            get("w+1=" + word, absent),
            get("w-2=" + word, absent),
            get("w+2=" + word, absent),
            word not in _STOP and word[0].isalpha(),
            word == "!",
            word == "?",
            word in _QUOTES,
        )
        if len(self._words) >= self.MAX_WORDS:
            self._words.clear()
        self._words[word] = ids
        return ids

    def _shape_pair(self, previous: str, shape: str) -> tuple[int, int]:
        """Ids of sh= and sh-1= for a token's shape after ``previous`` (``<s>``: none)."""
        get, absent = self.vocab.get, self.absent
        ids = (get("sh=" + shape, absent), get(f"sh-1={previous}|{shape}", absent))
        self._shapes[previous, shape] = ids  # a few hundred pairs at most
        return ids

    def __call__(self, doc: DocumentFeatures) -> np.ndarray:
        """``(tokens, KINDS)`` ids of the features of each token of ``doc``."""
        n, absent, get = len(doc.lows), self.absent, self.vocab.get
        if not n:
            return np.zeros((0, self.KINDS), dtype=np.intp)
        lows = doc.lows
        ids = np.empty((n, self.KINDS), dtype=np.intp)

        # words as small numbers (two more for the sentence edges), then what each word brings
        numbers: dict[str, int] = {}
        wid = np.array([numbers.setdefault(w, len(numbers)) for w in lows], np.intp)
        words = [*numbers, "<s>", "</s>"]
        bos, eos = len(numbers), len(numbers) + 1
        known = self._words
        by_word = np.array([known.get(w) or self._word(w) for w in words], np.intp)

        sent = np.array(doc.sentence_of, np.intp)
        firsts = np.array([first for first, _ in doc.sentences], np.intp)
        lengths = np.array([last - first for first, last in doc.sentences], np.intp)
        pos = np.arange(n) - firsts[sent]  # tokens before this one in its sentence
        size = lengths[sent]
        rpos = size - 1 - pos  # tokens after it
        padded = np.concatenate(((bos, bos), wid, (eos, eos)))
        prev1 = np.where(pos >= 1, padded[1 : n + 1], bos)
        next1 = np.where(rpos >= 1, padded[3 : n + 3], eos)
        prev2 = np.where(pos >= 2, padded[:n], bos)
        next2 = np.where(rpos >= 2, padded[4 : n + 4], eos)

        # shapes as small numbers too (one more for the sentence start), then what a shape
        # brings after each other shape
        shape_numbers: dict[str, int] = {}
        sid = np.array([shape_numbers.setdefault(s, len(shape_numbers)) for s in doc.shapes])
        shapes = [*shape_numbers, "<s>"]
        known_shapes = self._shapes
        by_shape = np.array(
            [
                [
                    known_shapes.get((before, shape)) or self._shape_pair(before, shape)
                    for shape in shapes[:-1]
                ]
                for before in shapes
            ],
            np.intp,
        )
        shape_before = np.where(
            pos >= 1, np.concatenate(((len(shapes) - 1,), sid[:-1])), len(shapes) - 1
        )
        by_shape = by_shape[shape_before, sid]

        ids[:, 0] = self._bias
        ids[:, 1] = by_word[wid, 0]
        ids[:, 2] = by_shape[:, 0]
        ids[:, 3] = by_word[wid, 1]
        ids[:, 4] = by_word[prev1, 2]
        ids[:, 5] = by_word[next1, 3]
        ids[:, 6] = by_word[prev2, 4]
        ids[:, 7] = by_word[next2, 5]
        ids[:, 8] = [
            get(f"w-1w={words[a]}|{b}", absent) for a, b in zip(prev1.tolist(), lows, strict=True)
        ]
        ids[:, 9] = [
            get(f"ww+1={a}|{words[b]}", absent) for a, b in zip(lows, next1.tolist(), strict=True)
        ]
        ids[:, 10] = by_shape[:, 1]
        # _bucket is the number of edges below the value: searchsorted on the left
        rel = pos / np.maximum(1, size - 1)
        ids[:, 11] = self._pos[np.searchsorted((0, 2, 5, 8, 9), (rel * 10).astype(np.intp))]
        ids[:, 12] = self._idx[np.minimum(pos, 4)]
        ids[:, 13] = self._ridx[np.minimum(rpos, 4)]
        ids[:, 14] = self._sent[np.searchsorted((0, 1, 3, 8), sent)]
        ids[:, 16] = self._slen[np.searchsorted((5, 10, 20, 35, 60), lengths)][sent]

        # yes/no features: in a quote; the sentence has ! ? a quote mark, a word in capitals;
        # a repeated bigram starts here
        flags = np.zeros((n, 6), dtype=bool)
        flags[:, 0] = doc.in_quote
        marks = by_word[wid, 7:10].astype(bool)  # is !, is ?, is a quote mark
        capitals = sid == shape_numbers.get("X", -1)
        marks = np.column_stack([marks, capitals]).astype(np.intp)
        flags[:, 1:5] = (np.add.reduceat(marks, firsts, axis=0) > 0)[sent]
        content = by_word[wid, 6].astype(bool)  # counts for repetition
        bigrams = wid[:-1] * len(words) + wid[1:]
        _, bigram_of, counts = np.unique(bigrams, return_inverse=True, return_counts=True)
        flags[:-1, 5] = content[:-1] & (counts[bigram_of] > 1)
        flag_ids = np.where(flags, self._flags, absent)
        ids[:, 15] = flag_ids[:, 0]
        ids[:, 17:21] = flag_ids[:, 1:5]
        repeats = np.bincount(wid)[wid]
        ids[:, 21] = np.where(content, self._rep[np.searchsorted((1, 2, 4), repeats)], absent)
        ids[:, 22] = flag_ids[:, 5]
        return ids


@dataclass
class LinearModel:
    """A linear model over string features: ``weights[vocab[f]]`` summed, plus ``bias``."""

    vocab: dict[str, int]
    weights: np.ndarray  # (features, outputs)
    bias: np.ndarray  # (outputs,)

    def scores(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """``(rows, outputs)`` scores: one sparse product, not a Python loop over weights."""
        vocab = self.vocab
        return self._product([{vocab[f] for f in feats if f in vocab} for feats in rows])

    def _product(self, rows: Sequence[set[int]]) -> np.ndarray:
        # The sparse product adds each row's weights in float32, in the order the set iterates.
        indptr, indices = [0], list[int]()
        for ids in rows:
            indices.extend(ids)
            indptr.append(len(indices))
        matrix = csr_matrix(
            (np.ones(len(indices), dtype=np.float32), indices, indptr),
            shape=(len(rows), len(self.vocab)),
        )
        return np.asarray(matrix @ self.weights, dtype=np.float64) + self.bias

    @cached_property
    def _exact_tables(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """Weights as float64, their magnitudes and lowest set bits, ``(outputs, features + 1)``
        (the last column is zero, for padding; a row of features reads neighbouring memory).

        None unless every weight is a float16 value (as the shipped model's are, see ``save``).
        """
        weights = self.weights
        if weights.dtype != np.float32 or not np.array_equal(
            weights, weights.astype(np.float16).astype(np.float32)
        ):
            return None
        exact = np.hstack([weights.T.astype(np.float64), np.zeros((weights.shape[1], 1))])
        mantissa, exponent = np.frexp(exact)  # exact = mantissa * 2**exponent, 0.5 <= |m| < 1
        significand = (mantissa * 2.0**24).astype(np.int64)  # a whole number: float32 has 24 bits
        lowest = np.ldexp((significand & -significand).astype(np.float64), exponent - 24)
        lowest[exact == 0] = np.inf
        return exact, np.abs(exact), lowest

    def indexed_scores(self, ids: np.ndarray) -> np.ndarray:
        """``scores`` of rows given as vocabulary ids in feature order (``len(vocab)``: none).

        Equal to ``scores`` of the same features bit for bit. ``scores`` adds float32s in the
        order a set of ids iterates; here a row's weights are summed at once in float64. Both are
        exact, hence equal, when every partial sum fits float32's 24-bit significand: the weights
        are whole multiples of the smallest lowest set bit among them, so that holds when their
        magnitudes add up to less than 2**24 times it. Other rows (few) take the sparse product.
        """
        absent = len(self.vocab)
        tables = self._exact_tables
        if tables is None:
            exact = np.zeros(len(ids), dtype=bool)
            scores = np.zeros((len(ids), self.weights.shape[1]))
        else:
            weights, magnitudes, lowest = tables  # (outputs, features + 1)
            scores = weights[:, ids].sum(axis=2).T + self.bias
            exact = (magnitudes[:, ids].sum(axis=2) < lowest[:, ids].min(axis=2) * 2.0**24).all(0)
        if not exact.all():
            rows = np.flatnonzero(~exact)
            # the sets as ``scores`` builds them: same ids added in the same order
            sets = [{i for i in row if i != absent} for row in ids[rows].tolist()]
            scores[rows] = self._product(sets)
        return scores


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

    @cached_property
    def _token_ids(self) -> TokenFeatureIds:
        return TokenFeatureIds(self.spans.vocab)

    def token_probabilities(self, doc: DocumentFeatures) -> np.ndarray:
        """P(the token is part of a persuasive fragment), per token."""
        if not doc.lows:
            return np.zeros(0)
        logits = self.spans.indexed_scores(self._token_ids(doc))[:, 0]
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
    above = (probs >= threshold).tolist()
    for first, last in doc.sentences:
        hot = [i for i in range(first, last) if above[i]]
        runs: list[list[int]] = []
        for i in hot:
            if runs and i - runs[-1][-1] - 1 <= max_gap:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            words = sum(1 for i in range(run[0], run[-1] + 1) if doc.lows[i][0].isalnum())
            if words < min_words:
                continue
            start, end = _trimmed(doc.text, doc.starts[run[0]], doc.ends[run[-1]])
            if end > start:
                spans.append((start, end))
    return spans


@lru_cache(maxsize=1)
def default_model() -> TechniqueModel:
    """The packaged model (loaded once per process)."""
    return TechniqueModel.load(MODEL_FILE)


class SpanDetector(Protocol):
    """What finds fragments in place of the linear span model (``span_tagger.SpanTagger``)."""

    def detect(self, doc: DocumentFeatures) -> list[tuple[int, int]]: ...


class SpanClassifier(Protocol):
    """What labels fragments in place of the linear classifier (``span_classifier``)."""

    def classify(
        self, doc: DocumentFeatures, spans: Sequence[tuple[int, int]]
    ) -> list[tuple[str, ...]]: ...


def find_techniques(
    text: str,
    model: TechniqueModel | None = None,
    detector: SpanDetector | None = None,
    classifier: SpanClassifier | None = None,
) -> list[Technique]:
    """Persuasion techniques in ``text``: detected fragments, each with its likeliest technique.

    ``detector`` (the neural span tagger) finds the fragments instead of the linear span model,
    ``classifier`` (linear plus span embeddings) labels them instead of the linear classifier.
    Offsets index ``text`` exactly; no span starts or ends with whitespace or ``.,:;``.
    """
    model = model or default_model()
    doc = DocumentFeatures(text)
    spans = (detector or model).detect(doc)
    ranked = (classifier or model).classify(doc, spans)
    return [
        Technique(technique=kinds[0], start=start, end=end)
        for (start, end), kinds in zip(spans, ranked, strict=True)
    ]


def classify_spans(
    text: str,
    spans: Sequence[tuple[int, int]],
    model: TechniqueModel | None = None,
    classifier: SpanClassifier | None = None,
) -> list[str]:
    """One technique per given span, in the given order.

    A span listed k times gets the k likeliest techniques, one per row: the corpus labels one
    fragment with several techniques as repeated rows, and repeating the top guess would score
    at most one of them.
    """
    model = model or default_model()
    doc = DocumentFeatures(text)
    unique = list(dict.fromkeys(spans))
    ranked = dict(zip(unique, (classifier or model).classify(doc, unique), strict=True))
    seen: Counter[tuple[int, int]] = Counter()
    out = []
    for span in spans:
        kinds = ranked[span]
        out.append(kinds[min(seen[span], len(kinds) - 1)])
        seen[span] += 1
    return out
