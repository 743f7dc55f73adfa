"""The neural span tagger: what `conflictlens framing` finds fragments with by default."""

from __future__ import annotations

import pytest

from conflictlens.framing import span_tagger
from conflictlens.framing.techniques import DocumentFeatures, find_techniques, technique_names

pytestmark = pytest.mark.skipif(
    not span_tagger.available(), reason=f"neural tagger: {span_tagger.missing()}"
)

# Written for these tests (no corpus text).
LOADED = (
    "Traitors Sell Out Our Nation Again\n\n"
    "The corrupt, treasonous elites have once again betrayed every patriotic citizen.\n"
    "These evil criminals want to destroy our great country and flood our cities with chaos!\n"
    "The minister said the talks were productive and a new meeting is planned for Tuesday.\n"
)


@pytest.fixture(scope="module")
def tagger() -> span_tagger.SpanTagger:
    return span_tagger.default_tagger()


def test_one_probability_per_word_of_the_linear_tokenizer(tagger) -> None:
    doc = DocumentFeatures(LOADED)
    probs = tagger.token_probabilities(doc)
    assert probs.shape == (len(doc.lows),)
    assert ((probs > 0) & (probs < 1)).all()


def test_loaded_sentences_hold_fragments_and_the_neutral_one_does_not(tagger) -> None:
    found = find_techniques(LOADED, detector=tagger)
    neutral = LOADED.index("The minister said")
    assert any(t.end <= neutral for t in found), found
    assert all(t.start < neutral for t in found), [LOADED[t.start : t.end] for t in found]
    for t in found:
        fragment = LOADED[t.start : t.end]
        assert fragment[0] not in " \t\n.,:;" and fragment[-1] not in " \t\n.,:;", fragment
        assert t.technique in technique_names()


def test_a_sentence_longer_than_one_window_is_read_to_its_end(tagger) -> None:
    # ~600 word pieces in one sentence: the tail is scored from its own overlapping window.
    sentence = " ".join(["The committee met and the committee talked"] * 80) + "."
    doc = DocumentFeatures(sentence)
    items = span_tagger.windows(tagger.tokenizer, doc.text, span_tagger.sentence_spans(doc))
    assert len(span_tagger.sentence_spans(doc)) == 1 and len(items) > 1
    covered = max(end for window in items for _, end in window.offsets)
    assert covered == len(sentence)
    assert (tagger.token_probabilities(doc) > 0).all()


def test_offsets_survive_a_byte_order_mark_and_curly_quotes(tagger) -> None:
    prefix = "\ufeff“Shameful” — "
    text = prefix + LOADED
    for item in find_techniques(text, detector=tagger):
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end].strip() == text[item.start : item.end]


def test_empty_and_punctuation_only_texts(tagger) -> None:
    assert find_techniques("", detector=tagger) == []
    assert find_techniques("... !!! ;;", detector=tagger) == []
