"""The training command: reproducible from a corpus folder, writes a model that loads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from conflictlens.framing.techniques import TechniqueModel, find_techniques
from conflictlens.framing.train_techniques import main

# Tiny corpus written for this test, in the PTC layout (title, blank line, one sentence a line).
SENTENCES = [
    ("The shameful traitors betrayed the nation", "Loaded_Language", "shameful traitors"),
    ("Only a fool would trust these lying crooks", "Name_Calling,Labeling", "lying crooks"),
    ("The council met on Monday to discuss the budget", None, None),
    ("Rain is expected in the north later this week", None, None),
]


def _corpus(root: Path) -> Path:
    articles = root / "train" / "articles"
    articles.mkdir(parents=True)
    rows = []
    for n in range(6):
        lines = ["Title of article", ""]
        text = ""
        for sentence, technique, fragment in SENTENCES:
            lines.append(sentence + ".")
            text = "\n".join(lines) + "\n"
            if technique and fragment:
                start = text.rindex(fragment)
                rows.append(f"{n}\t{technique}\t{start}\t{start + len(fragment)}")
        (articles / f"article{n}.txt").write_text(text, encoding="utf-8")
    (root / "train" / "labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def test_training_writes_a_loadable_deterministic_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _corpus(tmp_path / "ptc")
    first, second = tmp_path / "m1.npz", tmp_path / "m2.npz"
    main(["--data", str(data), "--output", str(first)])  # no score.py: trains without evaluation
    main(["--data", str(data), "--output", str(second), "--no-evaluate"])
    assert "no score.py" in capsys.readouterr().err
    model = TechniqueModel.load(first)
    assert set(model.classes) == {"Loaded_Language", "Name_Calling,Labeling"}
    assert first.read_bytes() == second.read_bytes()
    found = find_techniques("The shameful traitors betrayed the nation.\n", model)
    assert all(t.technique in model.classes for t in found)


def test_training_refuses_a_wrong_folder(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="train/articles"):
        main(["--data", str(tmp_path), "--output", str(tmp_path / "m.npz")])


@pytest.mark.slow
def test_span_tagger_training_writes_an_adapter_that_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from conflictlens.framing import span_tagger, train_span_tagger
    from conflictlens.framing.techniques import DocumentFeatures

    if not span_tagger.available():
        pytest.skip(f"neural tagger: {span_tagger.missing()}")
    monkeypatch.setattr(train_span_tagger, "EPOCHS", 1)
    data = _corpus(tmp_path / "ptc")
    out = tmp_path / "adapter"
    train_span_tagger.main(["--data", str(data), "--output", str(out)])
    assert "no score.py" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [
        "adapter_config.json",
        "adapter_model.safetensors",
        "settings.json",
    ]
    assert str(tmp_path) not in (out / "adapter_config.json").read_text(encoding="utf-8")
    tagger = span_tagger.SpanTagger.load(out)
    doc = DocumentFeatures("The shameful traitors betrayed the nation.\n")
    assert tagger.token_probabilities(doc).shape == (len(doc.lows),)
    assert tagger.settings == span_tagger.Settings(0.4, 1, 100)  # no saved settings yet


@pytest.mark.slow
def test_span_classifier_training_writes_a_head_that_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conflictlens.framing import span_classifier, train_span_classifier
    from conflictlens.framing.techniques import technique_names

    if span_classifier.missing() is not None:
        pytest.skip(f"neural classifier: {span_classifier.missing()}")
    data = _corpus(tmp_path / "ptc")
    first, second = tmp_path / "h1.npz", tmp_path / "h2.npz"
    train_span_classifier.main(["--data", str(data), "--output", str(first)])
    assert "no score.py" in capsys.readouterr().err
    train_span_classifier.main(["--data", str(data), "--output", str(second), "--no-evaluate"])
    assert first.read_bytes() == second.read_bytes()
    head = span_classifier.EmbeddingHead.load(first)
    assert head.classes == technique_names()
    text = "These lying crooks, these shameful traitors."
    spans = [(6, 18), (26, 43)]
    vectors = span_classifier.load_embedder().embed([text[s:e] for s, e in spans])
    features = np.hstack([vectors, span_classifier.fragment_extras(text, spans)])
    picked = [head.classes[k] for k in head.probabilities(features).argmax(axis=1)]
    assert set(picked) <= {"Loaded_Language", "Name_Calling,Labeling"}
