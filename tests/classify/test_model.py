from pathlib import Path

import numpy as np
import pytest

from conflictlens.classify import LABELS, EventTypeClassifier, type_sentence

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "case2021_task2" / "dev.tsv"


@pytest.fixture(scope="module")
def classifier(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("CONFLICTLENS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    EventTypeClassifier.default.cache_clear()
    yield EventTypeClassifier.default()
    mp.undo()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Two suicide bombers blew themselves up outside a mosque in Konduga, killing 9.",
            "SUIC_BOMB",
        ),
        ("Warplanes bombed a fuel depot held by the armed group near Tarhuna.", "AIR_STRIKE"),
        (
            "Police used water cannon to break up a peaceful rally of pensioners in Tbilisi.",
            "PROTEST_WITH_INTER",
        ),
        ("Soldiers shot dead four people at a peaceful march in Conakry.", "FORCE_AGAINST_PROTEST"),
        ("Gunmen kidnapped a village chief and his driver near Kachia.", "ABDUCT_DISSAP"),
        ("The rival parties signed a ceasefire agreement in Addis Ababa.", "AGREEMENT"),
        (
            "A 6.4 magnitude earthquake struck the coast, destroying hundreds of homes.",
            "NATURAL_DISASTER",
        ),
        ("The group claimed responsibility for the ambush in a statement on Telegram.", "ATTRIB"),
    ],
)
def test_model_predicts_the_codebook_type(classifier, text, label):
    assert classifier.predict([text]) == [label]


def test_model_predict_proba_is_a_distribution_over_all_labels(classifier):
    (probs,) = classifier.predict_proba(["Rockets hit the airport in Erbil overnight."])
    assert set(probs) == set(LABELS)
    assert abs(sum(probs.values()) - 1.0) < 1e-6
    assert max(probs, key=probs.get) == "ART_MISS_ATTACK"


def test_model_empty_input_gives_empty_output(classifier):
    assert classifier.predict([]) == [] and classifier.predict_proba([]) == []


def test_model_explain_gives_cues_with_offsets(classifier):
    text = "A landmine exploded under a minibus on the road to Menaka."
    cues = classifier.explain(text)
    assert any(label == "REM_EXPLOS" and text[s:e] == "landmine" for label, s, e, _ in cues)


def test_model_single_text_fast_path_matches_batch(classifier):
    texts = ["Militants fired mortars at the base.", "Residents marched against the new tax law."]
    batch = classifier._model_log_proba(texts)
    for row, text in zip(batch, texts, strict=True):
        fast = classifier._single_log_proba(text, classifier.lexicon.scores(text))
        assert np.allclose(row, fast)


def test_model_type_sentence_returns_acled_label_or_none(classifier):
    label, probability = type_sentence("A roadside bomb killed two soldiers near Kandahar.")
    assert label == "REM_EXPLOS" and 0.5 < probability <= 1.0
    assert type_sentence("The cabinet will meet on Thursday to discuss the budget.") is None


@pytest.mark.shared_data
@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/case2021_task2/dev.tsv not present")
def test_model_dev_weighted_f1_reaches_target(classifier):
    from conflictlens.classify.train import read_labelled_tsv, weighted_f1

    texts, gold = read_labelled_tsv(DEV)
    assert weighted_f1(gold, classifier.predict(texts)) >= 0.80
