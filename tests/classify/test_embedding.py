"""The embedding half of ``classify``: which classifier ``--detector`` picks, what the mix labels,
and that its trainer rebuilds the same file."""

from __future__ import annotations

import pytest

from conflictlens.classify import embedding
from conflictlens.classify.model import EventTypeClassifier
from conflictlens.classify.vocabulary import LABELS

needs_neural = pytest.mark.skipif(
    embedding.missing() is not None, reason=f"embedding classifier: {embedding.missing()}"
)


def test_linear_detector_is_the_lexicon_and_tfidf_classifier():
    assert isinstance(embedding.for_detector("linear"), EventTypeClassifier)


def test_unknown_detector_names_the_choices():
    with pytest.raises(ValueError, match="choose from auto, neural, linear"):
        embedding.for_detector("bert")


def test_mix_is_a_product_of_experts():
    import numpy as np

    linear = np.log(np.array([[0.7, 0.3]]))
    embedded = np.array([[0.0, 1.0]])  # the embedding rules the first label out
    mixed = embedding.mixed_log_proba(linear, embedded, 0.4)
    assert mixed.argmax() == 1


@needs_neural
@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "label"),
    [
        # Reworded past the lexicon's cues: what the snippet means decides.
        (
            "Police fired tear gas and rubber bullets to disperse students rallying outside "
            "parliament.",
            "PROTEST_WITH_INTER",
        ),
        (
            "Gunmen seized control of the district headquarters after government troops withdrew.",
            "NON_STATE_ACTOR_OVERTAKES_TER",
        ),
        (
            "Soldiers and insurgents exchanged fire for hours near the border crossing.",
            "ARMED_CLASH",
        ),
        ("Fighter jets pounded rebel positions on the outskirts of the town.", "AIR_STRIKE"),
        ("Armed men abducted a local aid worker from his home in the village.", "ABDUCT_DISSAP"),
        ("The two sides signed a ceasefire agreement in Doha on Sunday.", "AGREEMENT"),
    ],
)
def test_neural_detector_labels_reworded_reports(text, label):
    assert embedding.for_detector("neural").predict([text]) == [label]


@needs_neural
@pytest.mark.slow
def test_trainer_is_deterministic_and_keeps_the_label_order(tmp_path, capsys):
    from conflictlens.classify import train_embeddings

    data = tmp_path / "data"
    (data / "case2021_task2").mkdir(parents=True)
    (data / "case2021_task2" / "dev.tsv").write_text(
        "id\ttext\tlabel\n"
        "1\tTroops repelled an assault on the checkpoint.\tARMED_CLASH\n"
        "2\tWarplanes bombed a market in the city.\tAIR_STRIKE\n",
        encoding="utf-8",
    )
    first, second = tmp_path / "h1.npz", tmp_path / "h2.npz"
    train_embeddings.main(["--data", str(data), "--output", str(first), "--no-evaluate"])
    train_embeddings.main(["--data", str(data), "--output", str(second), "--no-evaluate"])
    assert "2 dev texts" in capsys.readouterr().err
    assert first.read_bytes() == second.read_bytes()
    head = embedding.EmbeddingHead.load(first)
    assert head.classes == tuple(LABELS)
    assert (head.c, head.mix) == (train_embeddings.DEFAULT_C, train_embeddings.DEFAULT_MIX)
