"""Sentence uncertainty from a fine-tuned MiniLM encoder (the ``neural`` extra).

The linear hedge models (``hedge_model.py``) decide scientific prose well, from a cue tagger
trained on BioScope's cues, and general prose poorly: Wikipedia's weasels ("some critics",
"is widely regarded as", "it has been suggested") are vague attribution in endless wordings, and
no bag of words we tried beat a lexicon by much. The packaged MiniLM encoder, fine-tuned (LoRA)
to label whole sentences uncertain or not, reads them in context. Its probability is blended
with the linear models' score per domain (``hedge_model.Blend``), and the blend can make a
sentence uncertain that the linear models let pass, never the reverse
(``HedgeModel.decide`` says why); the cue spans stay the tagger's. Cross-validated scores are
in docs/framing.md.

What ships: ``data/hedge_encoder/`` (the adapter, the sentence head and ``blend.json``),
written by ``python -m conflictlens.framing.train_hedge_encoder``. Frozen sentence embeddings
(as the technique classifier uses) were tried first and carry no signal here: mean pooling
washes out the one word that hedges.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from conflictlens.framing import span_tagger
from conflictlens.framing.hedge_model import DATA_DIR, Blend
from conflictlens.framing.span_tagger import Window, load_adapted, padded
from conflictlens.nlp.encoder import wants_neural

ADAPTER_DIR = DATA_DIR / "hedge_encoder"
BLEND_FILE = "blend.json"
#: Word pieces read per sentence (the CoNLL-2010 sentences: median 33, 99th centile 110).
MAX_PIECES = 128
BATCH = 64


def read_blend(adapter_dir: Path) -> Blend:
    data = json.loads((adapter_dir / BLEND_FILE).read_text(encoding="utf-8"))
    return Blend(float(data["bio"]), float(data["general"]), float(data["threshold"]))


def write_blend(blend: Blend, adapter_dir: Path) -> None:
    text = json.dumps(
        {"bio": blend.bio, "general": blend.general, "threshold": blend.threshold}, indent=2
    )
    (adapter_dir / BLEND_FILE).write_text(text + "\n", encoding="utf-8")


def pieces(tokenizer: Any, texts: Sequence[str]) -> list[Window]:
    """Each text's word pieces, cut at ``MAX_PIECES`` (offsets unused: one label per text)."""
    if not texts:
        return []
    encoded = tokenizer(list(texts), truncation=True, max_length=MAX_PIECES)
    return [Window(list(ids), []) for ids in encoded["input_ids"]]


class HedgeEncoder:
    """P(uncertain) per sentence from the fine-tuned encoder, and how to blend it."""

    def __init__(self, tokenizer: Any, model: Any, blend: Blend) -> None:
        self.tokenizer = tokenizer
        self.model = model.eval()
        self.blend = blend

    @classmethod
    def load(cls, adapter_dir: Path = ADAPTER_DIR) -> HedgeEncoder:
        tokenizer, model = load_adapted(adapter_dir, per_sentence=True)
        return cls(tokenizer, model, read_blend(adapter_dir))

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts),)``: P(the sentence is uncertain)."""
        import torch

        items = pieces(self.tokenizer, texts)
        out = np.zeros(len(items))
        # Similar lengths share a batch: less padding, the same numbers.
        order = sorted(range(len(items)), key=lambda i: len(items[i].input_ids))
        with torch.inference_mode():
            for first in range(0, len(order), BATCH):
                chunk = order[first : first + BATCH]
                logits = self.model(**padded([items[i] for i in chunk])).logits
                out[chunk] = torch.softmax(logits.float(), dim=-1)[:, 1].numpy()
        return out


def missing(adapter_dir: Path = ADAPTER_DIR) -> str | None:
    """What the hedge encoder lacks here (a sentence), or None when it can run."""
    lacking = span_tagger.extra_missing()
    if lacking:
        return lacking
    if not (adapter_dir / "adapter_model.safetensors").is_file():
        return f"no adapter in {adapter_dir} (python -m conflictlens.framing.train_hedge_encoder)"
    return None


def for_detector(name: str) -> HedgeEncoder | None:
    """The encoder ``--detector NAME`` asks for: ``neural`` (an error when it cannot run),
    ``linear`` (None: the linear models alone), ``auto`` (neural when installed)."""
    if wants_neural(name, missing(), "neural hedge encoder"):
        return default_encoder()
    return None


@lru_cache(maxsize=1)
def default_encoder() -> HedgeEncoder:
    """The packaged adapter on the packaged base model (loaded once per process)."""
    return HedgeEncoder.load(ADAPTER_DIR)
