"""The fast attribute component must give exactly the model ruler's POS, TAG and DEP."""

from __future__ import annotations

import pytest

from conflictlens.nlp.attributes import FastAttributes, use_fast_attributes
from conflictlens.nlp.loading import MODEL_NAME

SENTENCES = [
    "Something hit the base, but nobody was hurt, officials said.",
    "That is what the militia had been told to do if the army attacked.",
    "Those who fled to al-Nayrab said these fighters were likely associated with ISIS.",
    "The death toll is expected to rise , and  the   UN will send aid.\n\nIt didn't.",
    "Whether or not the strike killed 12, it is unclear whom they targeted; a few fled.",
]


@pytest.mark.slow
def test_same_attributes_as_the_models_ruler() -> None:
    import spacy

    stock = spacy.load(MODEL_NAME, exclude=["lemmatizer", "ner"])
    fast = spacy.load(MODEL_NAME, exclude=["lemmatizer", "ner"])
    use_fast_attributes(fast)
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributes)
    for text in SENTENCES:
        want = [(t.text, t.pos_, t.tag_, t.dep_) for t in stock(text)]
        got = [(t.text, t.pos_, t.tag_, t.dep_) for t in fast(text)]
        assert got == want, text
        # the mapping did something: coarse POS is set, not left empty
        assert all(pos for _text, pos, _tag, _dep in got)


def test_a_pattern_shape_it_does_not_know_keeps_the_ruler() -> None:
    unknown = [{"patterns": [[{"TAG": {"REGEX": "^V"}}]], "attrs": {"POS": "VERB"}, "index": 0}]
    assert FastAttributes.from_patterns(unknown) is None
    lemma_only = [{"patterns": [[{"LOWER": "n't"}]], "attrs": {"LEMMA": "not"}, "index": 0}]
    assert FastAttributes.from_patterns(lemma_only) is not None
