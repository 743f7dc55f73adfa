"""The shipped hedge model: cue spans, weasels, determinism, and the training round trip."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conflictlens.framing import train_hedges
from conflictlens.framing.hedge_model import MODEL_FILE, HedgeModel, default_model, tokenize
from conflictlens.framing.hedges_task import BATCH, hedge_rows


def _cue_texts(text: str) -> list[str]:
    _, cues = default_model().predict(text)
    return [text[s:e] for s, e in cues]


def test_hedge_model_marks_epistemic_cues_in_scientific_prose():
    text = "These data indicate that NF-kappaB may bind the promoter in activated T cells."
    uncertain, _ = default_model().predict(text)
    assert uncertain
    assert _cue_texts(text) == ["indicate that", "may"]


def test_hedge_model_keeps_plain_findings_certain():
    text = "IL-2 mRNA was detected in activated T cells by Northern blot analysis."
    assert default_model().predict(text) == (False, [])


def test_hedge_model_counts_wikipedia_weasels_as_uncertain():
    uncertain, cues = default_model().predict("Many critics consider it the best film ever made.")
    assert uncertain and cues
    assert default_model().predict("The film was released in 1994 in France.") == (False, [])


def test_hedge_model_rows_keep_input_order_across_batches_and_are_deterministic():
    texts = [
        f"Sentence {i} may be hedged." if i % 2 else f"Row {i} is plain." for i in range(BATCH + 3)
    ]
    records = [(str(i), t) for i, t in enumerate(texts)]
    first = list(hedge_rows(records))
    assert [r[0] for r in first] == [str(i) for i in range(len(texts))]
    assert first == list(hedge_rows(records))
    assert [r[1] for r in first[:4]] == [0, 1, 0, 1]


def test_hedge_model_file_is_small_and_needs_no_pickle():
    assert MODEL_FILE.stat().st_size < 3_000_000
    with np.load(MODEL_FILE, allow_pickle=False) as data:
        assert {"tag_vocab", "dom_vocab", "sent_vocab", "settings"} <= set(data.files)


def _fixture_sentences() -> list[train_hedges.Sentence]:
    rows = [
        ("bsa-S1.1", "bio_abstract", "These results suggest a role for p53.", 1, [(14, 21)]),
        ("bsa-S1.2", "bio_abstract", "p53 was expressed in T cells.", 0, []),
        ("bsa-S2.1", "bio_abstract", "This may reflect binding of NF-kB.", 1, [(5, 8)]),
        ("bsa-S2.2", "bio_abstract", "The protein was purified from cells.", 0, []),
        ("bsa-S3.1", "bio_abstract", "These data indicate that p53 binds DNA.", 1, [(11, 24)]),
        ("wkt-aa", "wiki_train", "Some critics say the album is great.", 1, None),
        ("wkt-bb", "wiki_train", "The album was released in 1999.", 0, None),
        ("wkt-cc", "wiki_train", "Many fans consider him a legend.", 1, None),
        ("wkt-dd", "wiki_train", "He was born in Paris in 1950.", 0, None),
    ]
    sentences = []
    for row_id, source, text, uncertain, cues in rows:
        tokens = tokenize(text)
        marks = train_hedges.lexicon_marks(text, tokens)
        sentences.append(
            train_hedges.Sentence(row_id, source, text, uncertain, cues, tokens, marks)
        )
    return sentences


def test_hedge_model_training_round_trips_through_the_npz(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(train_hedges, "MIN_COUNT", 1)
    model = train_hedges.fit(_fixture_sentences())
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = HedgeModel.load(path)
    texts = ["This may suggest a role.", "Some critics say so.", "It was purified."]
    assert loaded.predict_many(texts) == model.predict_many(texts)


def test_hedge_model_gold_tags_follow_the_cue_spans():
    text = "We asked whether or not p53 binds."
    tokens = tokenize(text)
    sentence = train_hedges.Sentence(
        "bsa-S9.1", "bio_abstract", text, 1, [(9, 23)], tokens, [""] * len(tokens)
    )
    assert sentence.tags() == [0, 0, 1, 2, 2, 0, 0, 0]
    assert sentence.group == "bsa-S9"


@pytest.mark.shared_data
@pytest.mark.slow
def test_hedge_model_cli_scores_on_dev_with_the_folder_scorer(shared_data: Path, tmp_path: Path):
    folder = shared_data / "hedges"
    if not (folder / "dev.tsv").is_file():
        pytest.skip(f"no hedges/dev.tsv under {shared_data}")
    pred = tmp_path / "pred.tsv"
    subprocess.run(
        [
            *(sys.executable, "-m", "conflictlens", "hedges", str(folder / "dev.tsv")),
            *("--detector", "linear", "-o", str(pred)),  # the encoder: the eval regression test
        ],
        check=True,
    )
    scores = json.loads(
        subprocess.run(
            [
                sys.executable,
                str(folder / "score.py"),
                str(folder / "dev.tsv"),
                str(pred),
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    # Trained on dev itself, so this guards the wiring, not the quality (see docs/framing.md).
    assert scores["coverage"] == 1.0
    assert scores["sentence"]["f1"] > 0.80
    assert scores["cue"]["exact"]["f1"] > 0.85
