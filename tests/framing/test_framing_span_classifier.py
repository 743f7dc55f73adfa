"""The technique classifier with span embeddings: what `conflictlens framing` labels with."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from conflictlens.framing import span_classifier
from conflictlens.framing.techniques import (
    DocumentFeatures,
    classify_spans,
    default_model,
    technique_names,
)

pytestmark = pytest.mark.skipif(
    span_classifier.missing() is not None, reason=f"neural classifier: {span_classifier.missing()}"
)

# Written for these tests (no corpus text).
TEXT = (
    "The corrupt, treasonous elites have once again betrayed every patriotic citizen.\n"
    "Either we stop them now or our country is finished forever.\n"
    "The minister said the talks were productive.\n"
)


def _span(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


@pytest.fixture(scope="module")
def classifier() -> span_classifier.SpanClassifier:
    return span_classifier.default_classifier()


def test_the_shipped_head_covers_the_fourteen_techniques(classifier) -> None:
    head = classifier.head
    assert head.classes == technique_names()
    assert head.weights.shape == (384 + 5, 14) and head.bias.shape == (14,)
    assert 0.0 < head.mix < 1.0


def test_every_span_gets_all_techniques_ranked(classifier) -> None:
    doc = DocumentFeatures(TEXT)
    spans = [_span("corrupt, treasonous elites"), _span("Either we stop them now")]
    ranked = classifier.classify(doc, spans)
    assert [sorted(r) for r in ranked] == [sorted(technique_names())] * 2
    probs = classifier.probabilities(doc, spans)
    assert np.allclose(probs.sum(axis=1), 1.0)


def test_with_no_weight_on_embeddings_it_is_the_linear_classifier(classifier) -> None:
    doc = DocumentFeatures(TEXT)
    spans = [_span("corrupt, treasonous elites"), _span("our country is finished forever")]
    linear_only = span_classifier.SpanClassifier(
        classifier.embedder, replace(classifier.head, mix=0.0), default_model()
    )
    assert [r[0] for r in linear_only.classify(doc, spans)] == [
        r[0] for r in default_model().classify(doc, spans)
    ]


def test_a_fragment_gets_the_same_label_whatever_it_is_batched_with(classifier) -> None:
    alone = classifier.embedder.embed(["treasonous elites"])
    together = classifier.embedder.embed(["treasonous elites", TEXT, "talks"])
    assert np.allclose(alone[0], together[0], atol=1e-5)


def test_a_fragment_listed_twice_gets_its_two_likeliest_techniques(classifier) -> None:
    span = _span("corrupt, treasonous elites")
    labels = classify_spans(TEXT, [span, span], classifier=classifier)
    ranked = classifier.classify(DocumentFeatures(TEXT), [span])[0]
    assert labels == list(ranked[:2])


def test_extras_see_a_repeated_and_a_quoted_fragment() -> None:
    text = 'They lie. "Fake news" again: they lie and lie.'
    first, second = text.index("They lie"), text.index("they lie")
    quoted = text.index("Fake news")
    rows = span_classifier.fragment_extras(
        text, [(first, first + 8), (second, second + 8), (quoted, quoted + 9)]
    )
    count, earlier, _, in_quotes, repeated = rows.T
    assert count.tolist() == [np.log1p(2), np.log1p(2), np.log1p(1)]  # case is ignored
    assert earlier.tolist() == [0.0, 1.0, 0.0] and repeated.tolist() == [1.0, 1.0, 0.0]
    assert in_quotes.tolist() == [0.0, 0.0, 1.0]
