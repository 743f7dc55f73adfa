"""The fine-tuned hedge encoder: how its verdict is blended in, and that it trains and loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conflictlens.framing import hedge_encoder
from conflictlens.framing.hedge_model import Blend, Evidence, default_model, tokenize
from conflictlens.framing.hedges_task import hedge_rows

from .test_hedge_model import _fixture_sentences

WEASEL = "Some critics say the album is the finest ever made."
PLAIN = "The album was released in 1999 in France."


def _evidence(p_bio: float, best: float, general: float, encoded: float | None) -> Evidence:
    tokens = tokenize("It may rain.")
    probs = np.zeros((len(tokens), 3))
    probs[:, 0] = 1.0
    probs[1] = [1.0 - best, best, 0.0]
    return Evidence("It may rain.", tokens, probs, p_bio, general, encoded)


def test_hedge_score_blends_the_encoder_per_domain():
    item = _evidence(p_bio=0.25, best=0.8, general=0.2, encoded=0.6)
    linear = 0.25 * 0.8 + 0.75 * 0.2
    assert default_model().score(item) == pytest.approx(linear)
    blend = Blend(bio=0.5, general=1.0, threshold=0.5)
    assert default_model().score(item, blend) == pytest.approx(0.25 * 0.7 + 0.75 * 0.6)
    # No encoder verdict (the linear detector): the blend changes nothing.
    alone = _evidence(p_bio=0.25, best=0.8, general=0.2, encoded=None)
    assert default_model().score(alone, blend) == pytest.approx(linear)


def test_hedge_decision_uses_the_blend_threshold_only_when_the_encoder_ran():
    model = default_model()
    item = _evidence(p_bio=0.0, best=0.0, general=0.3, encoded=0.3)
    low, high = Blend(0.0, 0.0, 0.25), Blend(0.0, 0.0, 0.9)
    assert model.decide(item, blend=low)[0] is True
    assert model.decide(item, blend=high)[0] is False
    alone = _evidence(p_bio=0.0, best=0.0, general=0.3, encoded=None)
    assert model.decide(alone, blend=low) == model.decide(alone)


def test_the_encoder_adds_uncertainty_but_never_vetoes_the_linear_models():
    # News hedges that CoNLL's Wikipedia lists mostly leave unmarked ("may have been") stay
    # hedges however low the encoder puts them.
    model = default_model()
    sure = _evidence(p_bio=0.0, best=0.0, general=0.6, encoded=0.0)
    assert model.decide(sure, blend=Blend(1.0, 1.0, 0.5))[0] is True
    added = _evidence(p_bio=0.0, best=0.0, general=0.1, encoded=0.9)
    assert model.decide(added)[0] is False
    assert model.decide(added, blend=Blend(1.0, 1.0, 0.5))[0] is True


def test_hedge_detector_names_are_checked():
    assert hedge_encoder.for_detector("linear") is None
    with pytest.raises(ValueError, match="unknown detector 'bert'"):
        hedge_encoder.for_detector("bert")


def _hedges_cli(tmp_path: Path, rows: str, *options: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "in.tsv"
    path.write_text("id\ttext\n" + rows, encoding="utf-8")
    command = [sys.executable, "-m", "conflictlens", "hedges", str(path), *options]
    return subprocess.run(command, capture_output=True, text=True)


def test_hedges_cli_refuses_an_unknown_detector(tmp_path: Path):
    done = _hedges_cli(tmp_path, f"1\t{PLAIN}\n", "--detector", "bert")
    assert done.returncode == 2
    assert "--detector" in done.stderr and "unknown detector 'bert'" in done.stderr


def test_hedges_cli_linear_detector_writes_the_contract_rows(tmp_path: Path):
    done = _hedges_cli(tmp_path, f"a\t{WEASEL}\nb\t{PLAIN}\n", "--detector", "linear")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "id\tuncertain\tcues"
    assert [line.split("\t")[:2] for line in lines[1:]] == [["a", "1"], ["b", "0"]]


needs_neural = pytest.mark.skipif(
    hedge_encoder.missing() is not None, reason=f"hedge encoder: {hedge_encoder.missing()}"
)


@pytest.mark.slow
@needs_neural
def test_packaged_hedge_encoder_tells_weasels_from_plain_statements():
    encoder = hedge_encoder.default_encoder()
    weasel, plain = encoder.probabilities([WEASEL, PLAIN])
    assert weasel > 0.5 > plain
    rows = list(hedge_rows([("a", WEASEL), ("b", PLAIN)], encoder))
    assert [(r[0], r[1]) for r in rows] == [("a", 1), ("b", 0)]
    assert rows[0][2], "an uncertain sentence keeps its cue spans"


@pytest.mark.slow
@pytest.mark.skipif(
    hedge_encoder.span_tagger.extra_missing() is not None,
    reason=f"hedge encoder: {hedge_encoder.span_tagger.extra_missing()}",
)
def test_hedge_encoder_training_writes_an_adapter_that_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from conflictlens.framing import train_hedge_encoder

    monkeypatch.setattr(train_hedge_encoder, "EPOCHS", 1)
    blend = Blend(0.2, 0.7, 0.4)
    trained = train_hedge_encoder.fit(_fixture_sentences(), blend)
    out = tmp_path / "adapter"
    trained.save(out)
    assert sorted(p.name for p in out.iterdir()) == [
        "adapter_config.json",
        "adapter_model.safetensors",
        "blend.json",
    ]
    assert str(tmp_path) not in (out / "adapter_config.json").read_text(encoding="utf-8")
    assert json.loads((out / "blend.json").read_text(encoding="utf-8"))["general"] == 0.7
    loaded = hedge_encoder.HedgeEncoder.load(out)
    assert loaded.blend == blend
    texts = [WEASEL, PLAIN, "It may rain."]
    assert np.allclose(loaded.probabilities(texts), trained.probabilities(texts), atol=1e-5)
