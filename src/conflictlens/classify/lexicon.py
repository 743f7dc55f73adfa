"""Weighted trigger lexicon: cues from the ACLED codebook definitions, with evidence spans.

Each label has a few regex cues with a weight. A cue may *require* a context (a protest word for
"tear gas" to mean Protest with intervention) or be cancelled by one (*unless*: "defused" cancels
an IED cue). These encode the codebook's precedence rules as data instead of if-chains.
The cues are regexes rather than an Aho-Corasick automaton because most need inflection
wildcards and word boundaries; 30 compiled patterns still scan a sentence in well under 1 ms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from conflictlens.classify.vocabulary import LABELS

DATA_DIR = Path(__file__).resolve().parent / "data"

LEXICON_FILE = "lexicon.json"
#: ``<GOV>`` inside a cue pattern stands for the ``_context`` regex of that name.
_PLACEHOLDER = re.compile(r"<([A-Z_]+)>")


@dataclass(frozen=True)
class Cue:
    """One weighted trigger pattern for one label."""

    label: str
    pattern: re.Pattern[str]
    weight: float
    requires: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None


#: A matched cue: (label, start, end, weight), offsets into the text as given.
CueMatch = tuple[str, int, int, float]


class TriggerLexicon:
    """Scores a text against every label's cues; the scores double as model features."""

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = cues
        self.labels = LABELS
        self._index = {label: i for i, label in enumerate(LABELS)}

    @classmethod
    def from_json(cls, data: dict) -> TriggerLexicon:
        flags = re.IGNORECASE
        raw_contexts: dict[str, str] = dict(data.get("_context", {}))
        contexts = {name: re.compile(rx, flags) for name, rx in raw_contexts.items()}

        def context(value: str | None) -> re.Pattern[str] | None:
            if value is None:
                return None
            return contexts.get(value) or re.compile(value, flags)

        cues = []
        for label, entries in data["labels"].items():
            if label not in LABELS:
                raise ValueError(f"{LEXICON_FILE}: unknown label {label!r}")
            for entry in entries:
                pattern = _PLACEHOLDER.sub(lambda m: raw_contexts[m.group(1)], entry["pattern"])
                cues.append(
                    Cue(
                        label=label,
                        pattern=re.compile(r"\b(?:" + pattern + r")\b", flags),
                        weight=float(entry["weight"]),
                        requires=context(entry.get("requires")),
                        unless=context(entry.get("unless")),
                    )
                )
        return cls(cues)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> TriggerLexicon:
        """The packaged lexicon (``classify/data/lexicon.json``), loaded once."""
        path = DATA_DIR / LEXICON_FILE
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))

    def matches(self, text: str) -> list[CueMatch]:
        """Every cue occurrence that counts in this text, in text order."""
        found: list[CueMatch] = []
        for cue in self.cues:
            hits = list(cue.pattern.finditer(text))
            if not hits or not self._applies(cue, text):
                continue
            found.extend((cue.label, m.start(), m.end(), cue.weight) for m in hits)
        found.sort(key=lambda match: (match[1], -match[3]))
        return found

    def scores(self, text: str) -> list[float]:
        """Per-label evidence (in ``LABELS`` order): each cue counts once, however often it hits."""
        totals = [0.0] * len(self.labels)
        for cue in self.cues:
            if cue.pattern.search(text) and self._applies(cue, text):
                totals[self._index[cue.label]] += cue.weight
        return totals

    @staticmethod
    def _applies(cue: Cue, text: str) -> bool:
        if cue.requires is not None and not cue.requires.search(text):
            return False
        return not (cue.unless is not None and cue.unless.search(text))
