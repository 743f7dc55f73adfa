"""The fast span-model path: feature ids and scores equal the string features' bit for bit."""

from __future__ import annotations

import numpy as np

from conflictlens.framing.techniques import (
    DocumentFeatures,
    LinearModel,
    TechniqueModel,
    TokenFeatureIds,
    find_techniques,
    tokenize,
)

# Written for these tests: quotes, capitals, ! and ?, repeated phrases, odd tokens, blank lines.
TEXTS = [
    'SHAMEFUL traitors! "They lie," he said. Do they lie? They lie again and again.\n\n\n'
    "Next line | with || bars and = signs, 42 numbers_and_under_scores — “curly quotes” 'too'.",
    "One.",
    "x",
    "The evil criminals want chaos. The evil criminals want chaos! Stop them (now)?",
    "\ufeff«Unbalanced quote in one sentence. Another sentence starts here",
]


def _vocab(texts: list[str], keep_every: int) -> dict[str, int]:
    features = sorted(
        {f for t in texts for row in DocumentFeatures(t).token_features() for f in row}
    )
    return {f: i for i, f in enumerate(features[::keep_every])}


def test_feature_ids_are_the_string_features_in_order() -> None:
    for keep_every in (1, 3):  # every feature known, then most of them unknown
        vocab = _vocab(TEXTS, keep_every)
        ids = TokenFeatureIds(vocab)
        for text in TEXTS:
            doc = DocumentFeatures(text)
            rows = ids(doc).tolist()
            for row, features in zip(rows, doc.token_features(), strict=True):
                assert [i for i in row if i != len(vocab)] == [
                    vocab[f] for f in features if f in vocab
                ]


def _bits(array: np.ndarray) -> bytes:
    return np.ascontiguousarray(array).tobytes()


def test_indexed_scores_equal_sparse_scores_bit_for_bit() -> None:
    vocab = _vocab(TEXTS, 1)
    rng = np.random.default_rng(7)
    # float16 weights with very small ones (rows the fast sum cannot vouch for), and float32
    # weights that are not float16 values (the fast sum is never used)
    tiny = rng.normal(0, 1, (len(vocab), 1)) * 10.0 ** rng.integers(-7, 1, (len(vocab), 1))
    models = [
        LinearModel(vocab, tiny.astype(np.float16).astype(np.float32), np.array([0.25])),
        LinearModel(vocab, rng.normal(0, 1, (len(vocab), 3)).astype(np.float32), np.zeros(3)),
    ]
    for model in models:
        ids = TokenFeatureIds(vocab)
        for text in TEXTS:
            doc = DocumentFeatures(text)
            expected = model.scores(doc.token_features())
            assert _bits(model.indexed_scores(ids(doc))) == _bits(expected)


def test_packaged_model_probabilities_match_the_string_path() -> None:
    model = TechniqueModel.load()
    for text in TEXTS:
        doc = DocumentFeatures(text)
        logits = model.spans.scores(doc.token_features())[:, 0]
        assert _bits(model.token_probabilities(doc)) == _bits(1.0 / (1.0 + np.exp(-logits)))


def test_remembered_words_do_not_leak_between_texts() -> None:
    model = TechniqueModel.load()
    first = [find_techniques(t, model) for t in TEXTS]
    again = [find_techniques(t, model) for t in reversed(TEXTS)][::-1]
    assert first == again
    ids = TokenFeatureIds(model.spans.vocab)
    ids.MAX_WORDS = 3  # the memory starts afresh many times
    for text in TEXTS:
        doc = DocumentFeatures(text)
        assert ids(doc).tolist() == TokenFeatureIds(model.spans.vocab)(doc).tolist()


def test_blank_lines_start_one_sentence_and_offsets_index_the_text() -> None:
    text = "One two. Three\n\n\nFour.\nFive"
    tokens = tokenize(text)
    assert [t.sent for t in tokens] == [0, 0, 0, 1, 2, 2, 3]
    assert all(text[t.start : t.end].lower() == t.low for t in tokens)
    assert DocumentFeatures(text).tokens == tokens
