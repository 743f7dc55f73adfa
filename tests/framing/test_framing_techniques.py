"""Persuasion techniques: spans obey the corpus rules and index the text exactly as given."""

from __future__ import annotations

import numpy as np
import pytest

from conflictlens.framing.techniques import (
    MODEL_FILE,
    DocumentFeatures,
    TechniqueModel,
    classify_spans,
    find_techniques,
    technique_names,
)

# Written for these tests (no corpus text): loaded words, slogans, fear and repetition.
TEXT = (
    "Traitors Sell Out Our Nation Again\n\n"
    "The corrupt, treasonous elites have once again betrayed every patriotic citizen.\n"
    "These evil criminals want to destroy our great country and flood our cities with chaos!\n"
    "Make our nation strong again, because only real patriots can stop this disaster.\n"
    "The minister said the talks were productive and a new meeting is planned for Tuesday.\n"
    "Everyone knows the so-called experts are lying, and the shameful cover-up must end now!\n"
)


def test_techniques_are_the_fourteen_semeval_labels() -> None:
    names = technique_names()
    assert len(names) == 14
    assert "Loaded_Language" in names and "Name_Calling,Labeling" in names


def test_found_spans_obey_the_corpus_rules() -> None:
    found = find_techniques(TEXT)
    assert found, "a text full of loaded language yields at least one technique"
    for item in found:
        fragment = TEXT[item.start : item.end]
        assert fragment, item
        assert fragment[0] not in " \t\n.,:;" and fragment[-1] not in " \t\n.,:;", fragment
        assert item.technique in technique_names()
    assert any(t.technique == "Loaded_Language" for t in found)


def test_neutral_sentence_is_mostly_left_alone() -> None:
    found = find_techniques(TEXT)
    neutral = TEXT.index("The minister said")
    neutral_end = TEXT.index("\n", neutral)
    inside = sum(max(0, min(t.end, neutral_end) - max(t.start, neutral)) for t in found)
    assert inside < (neutral_end - neutral) / 2


def test_offsets_index_text_with_bom_and_unicode_exactly() -> None:
    text = "\ufeff“Shameful” — " + TEXT
    for item in find_techniques(text):
        shifted = item.start - (len(text) - len(TEXT))
        if shifted >= 0:
            assert text[item.start : item.end] == TEXT[shifted : shifted + item.end - item.start]


def test_repeated_span_gets_distinct_techniques() -> None:
    span = (TEXT.index("evil criminals"), TEXT.index("evil criminals") + len("evil criminals"))
    labels = classify_spans(TEXT, [span, span, span])
    assert len(labels) == 3 and len(set(labels)) == 3


def test_classify_spans_keeps_order_and_count() -> None:
    spans = [(0, 8), (TEXT.index("Make"), TEXT.index("again,") + 5)]
    labels = classify_spans(TEXT, spans)
    assert len(labels) == 2 and all(label in technique_names() for label in labels)


def test_empty_text_has_no_techniques() -> None:
    assert find_techniques("") == []
    assert find_techniques("   \n") == []


def test_model_ships_small_and_loads_without_pickle(tmp_path) -> None:
    assert MODEL_FILE.stat().st_size < 5_000_000
    model = TechniqueModel.load(MODEL_FILE)
    assert sorted(model.classes) == sorted(technique_names())
    copy = tmp_path / "copy.npz"
    model.save(copy)
    again = TechniqueModel.load(copy)
    doc = DocumentFeatures(TEXT)
    assert np.allclose(model.token_probabilities(doc), again.token_probabilities(doc), atol=1e-3)


@pytest.mark.shared_data
def test_ptc_article_spans_follow_the_rules(shared_data) -> None:
    articles = sorted((shared_data / "ptc" / "train" / "articles").glob("article*.txt"))[:5]
    for path in articles:
        text = open(path, encoding="utf-8").read()  # noqa: SIM115 - as the scorer reads it
        for item in find_techniques(text):
            assert 0 <= item.start < item.end <= len(text)
            assert text[item.start] not in " \n.,:;" and text[item.end - 1] not in " \n.,:;"
