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
from typing import Any

from conflictlens.classify.vocabulary import LABELS
from conflictlens.knowledge.normalize import CASE_FOLD_TRAPS

try:  # CPython's own regex parser (private, there since 3.11): without it every cue is searched
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - another Python implementation
    sre_parse = None  # type: ignore[assignment]

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
        # For the fast ``scores``: every cue's label index and the word sets that each of its
        # matches draws a word from (``_needles``); one regex that finds all those words (the
        # longest at each position); for each word it can find, the sets that word satisfies.
        self._gated: list[tuple[Cue, int, tuple[int, ...]]] = []
        sets: list[tuple[str, ...]] = []
        for cue in cues:
            needed = _needles(cue.pattern)
            ids = tuple(range(len(sets), len(sets) + len(needed)))
            sets.extend(needed)
            self._gated.append((cue, self._index[cue.label], ids))
        words = sorted({word for words in sets for word in words})
        self._word_scan = re.compile(f"(?=({_trie_pattern(words)}))") if words else None
        self._sets_for = {
            found: frozenset(
                i for i, words in enumerate(sets) if any(found.startswith(w) for w in words)
            )
            for found in words
        }

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
        """Per-label evidence (in ``LABELS`` order): each cue counts once, however often it hits.

        A cue whose pattern cannot match without a word of each of its word sets is skipped
        when the lowercased text lacks one: one scan for all the words is far cheaper than a
        regex search per cue (most cues fire in no given sentence). A word found at a position
        stands for every shorter word it starts with. Exact only where lowercasing agrees with
        the regex's case folding, so a text with a character that breaks this runs every search.
        """
        totals = [0.0] * len(self.labels)
        met: frozenset[int] | None = None
        if self._word_scan is not None and not CASE_FOLD_TRAPS.search(text):
            found = self._word_scan.findall(text.lower())
            met = frozenset().union(*map(self._sets_for.__getitem__, found))
        for cue, index, needed in self._gated:
            if met is not None and not met.issuperset(needed):
                continue
            if cue.pattern.search(text) and self._applies(cue, text):
                totals[index] += cue.weight
        return totals

    @staticmethod
    def _applies(cue: Cue, text: str) -> bool:
        if cue.requires is not None and not cue.requires.search(text):
            return False
        return not (cue.unless is not None and cue.unless.search(text))


def _needles(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Word sets such that every match of ``pattern`` contains a word of each set.

    Read from the parsed pattern: a run of literal characters that every match passes
    through is a set of one word; a group that every match passes through gives one run of
    each of its alternatives. The words are lowercase ASCII; () when nothing is known.
    """
    if sre_parse is None:
        return ()
    try:
        found = _required(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    except Exception:  # an unexpected parse shape only costs the shortcut
        return ()
    sets = []
    for words in found:
        if all(word.isascii() for word in words) and min(map(len, words)) >= 3:
            # "flooded" is in a text only if "flood" is: test the shorter word alone
            sets.append(
                tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))
            )
    return tuple(sets)


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words``, the longest at a position, shared prefixes merged.

    A plain alternation of hundreds of words tries each at every position; as a trie, a
    position costs one branch per character that can follow.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word first

    return pattern(trie)


def _required(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Word sets that a match of this pattern sequence draws a word from, each of them."""
    needed: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is sre_parse.LITERAL:
            run.append(chr(av))
            continue
        if run:
            needed.append(frozenset({"".join(run).lower()}))
            run = []
        if op is sre_parse.SUBPATTERN:
            needed.extend(_required(list(av[-1])))
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and av[0] >= 1:
            needed.extend(_required(list(av[2])))
        elif op is sre_parse.BRANCH:
            # one set for the group: the most selective set of each alternative, pooled
            best = [_most_selective(_required(list(branch))) for branch in av[1]]
            if all(best):
                needed.append(frozenset().union(*(words for words in best if words)))
    return needed


def _most_selective(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The set whose shortest word is longest (ties: fewer words): it rules out most texts."""
    return max(sets, key=lambda words: (min(map(len, words)), -len(words)), default=None)
