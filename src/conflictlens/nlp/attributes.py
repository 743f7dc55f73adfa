"""A fast stand-in for the model's ``attribute_ruler``, for the attributes extraction reads.

The packaged English model maps fine-grained tags to coarse POS (plus a few word- and
dependency-specific exceptions) with spaCy's ``AttributeRuler``, which runs a ``Matcher`` with
~180 token patterns over every sentence: about a sixth of all parse time in ``make bench``.
Extraction reads only ``pos_``, ``tag_`` and ``dep_`` (the lemmatizer is excluded; morphology is
never read), so this component applies the *same patterns*, read from the loaded ruler, through
dictionary lookups: later patterns win, conditions see the tagger's and parser's values — the
ruler's own semantics. Patterns that set only LEMMA or MORPH are dropped; a pattern shape this
module does not understand makes ``from_patterns`` return None and the caller keeps the ruler.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as UPOS_IDS
from spacy.tokens import Doc

#: The token attributes a pattern may test here.
_TESTABLE = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: Distinct (tag, lower, dep, is_space) combinations remembered before the memo starts afresh.
_MEMO_SIZE = 200_000
#: The attributes extraction reads: a pattern setting none of them is irrelevant here.
_KEPT = ("POS", "TAG", "DEP")


@dataclass(frozen=True)
class _Rule:
    order: int  # the pattern's position in the ruler: later rules win
    token_tests: tuple[tuple[tuple[str, Any, str], ...], ...]  # (attribute, value(s), mode)
    index: int  # which token of the match gets the attributes
    attrs: tuple[tuple[str, str], ...]

    @property
    def width(self) -> int:
        return len(self.token_tests)

    @property
    def tests(self) -> tuple[tuple[str, Any, str], ...]:
        return self.token_tests[0]


def _test(spec: Any) -> tuple[Any, str] | None:
    """(value or set, "eq" | "in" | "not_in"); None for a Matcher operator not handled here."""
    if isinstance(spec, dict):
        if len(spec) != 1 or next(iter(spec)) not in ("IN", "NOT_IN"):
            return None
        op, values = next(iter(spec.items()))
        return frozenset(values), op.lower()
    return spec, "eq"


def _compile(order: int, pattern: Mapping[str, Any]) -> _Rule | bool | None:
    """A rule, False when irrelevant here, None when its shape is not understood."""
    attrs = tuple((k, v) for k, v in pattern["attrs"].items() if k in _KEPT)
    if not attrs:
        return False
    if len(pattern["patterns"]) != 1:
        return None
    tokens: list[tuple[tuple[str, Any, str], ...]] = []
    for token in pattern["patterns"][0]:
        tests = []
        for key, spec in token.items():
            parsed = _test(spec)
            if key not in _TESTABLE or parsed is None:
                return None
            tests.append((key, *parsed))
        tokens.append(tuple(tests))
    index = pattern.get("index", 0)
    index = index + len(tokens) if index < 0 else index
    if not 0 <= index < len(tokens):
        return None
    return _Rule(order, tuple(tokens), index, attrs)


def _passes(values: Mapping[str, Any], tests: Iterable[tuple[str, Any, str]]) -> bool:
    for key, want, mode in tests:
        value = values[key]
        if mode == "eq":
            if value != want:
                return False
        elif (value in want) != (mode == "in"):
            return False
    return True


class FastAttributes:
    """Sets POS/TAG/DEP from the attribute ruler's patterns, indexed by tag and lower form."""

    def __init__(self, rules: Sequence[_Rule] = ()) -> None:
        self.use(rules)

    def use(self, rules: Sequence[_Rule]) -> None:
        self.rules = list(rules)
        self.by_tag: dict[str, list[_Rule]] = {}
        self.by_lower: dict[str, list[_Rule]] = {}
        self.anywhere: list[_Rule] = []  # single-token rules with neither key: tested on all
        self.wide: list[_Rule] = [r for r in rules if r.width > 1]
        self._memo: dict[tuple[int, ...], tuple[_Rule, ...]] = {}
        for rule in rules:
            if rule.width > 1:
                continue
            # Index by the values a token must have; NOT_IN tests cannot be indexed.
            tests = {key: (want, mode) for key, want, mode in rule.tests if mode != "not_in"}
            if "TAG" in tests:
                self._index(self.by_tag, rule, *tests["TAG"])
            elif "LOWER" in tests:
                self._index(self.by_lower, rule, *tests["LOWER"])
            else:
                self.anywhere.append(rule)

    @staticmethod
    def _index(table: dict[str, list[_Rule]], rule: _Rule, want: Any, mode: str) -> None:
        for key in want if mode == "in" else (want,):
            table.setdefault(key, []).append(rule)

    @classmethod
    def from_patterns(cls, patterns: Sequence[Mapping[str, Any]]) -> FastAttributes | None:
        rules = []
        for order, pattern in enumerate(patterns):
            rule = _compile(order, pattern)
            if rule is None:
                return None
            if isinstance(rule, _Rule):
                rules.append(rule)
        return cls(rules)

    def __call__(self, doc: Doc) -> Doc:
        # Token attributes as integers (C arrays, no Token objects); which single-token rules
        # hit depends only on a token's (tag, lower, dep, is_space), so that is memoised.
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE, POS]).tolist()
        strings = doc.vocab.strings
        hits: list[tuple[int, int, _Rule]] = []  # (rule order, token index, rule)
        for i, (tag, lower, dep, space, _pos) in enumerate(rows):
            key = (tag, lower, dep, space)
            found = self._memo.get(key)
            if found is None:
                found = self._single_hits(_values(strings, key))
                if len(self._memo) >= _MEMO_SIZE:
                    self._memo.clear()
                self._memo[key] = found
            hits.extend((rule.order, i, rule) for rule in found)
        if self.wide:
            values = [_values(strings, tuple(row[:4])) for row in rows]
            for rule in self.wide:
                for start in range(len(rows) - rule.width + 1):
                    if all(
                        _passes(values[start + k], tests)
                        for k, tests in enumerate(rule.token_tests)
                    ):
                        hits.append((rule.order, start + rule.index, rule))
        if not hits:
            return doc
        hits.sort(key=lambda hit: (hit[0], hit[1]))
        pos = [row[4] for row in rows]
        other: dict[tuple[int, str], str] = {}  # (token, "TAG" | "DEP") -> value, rare
        for _order, i, rule in hits:
            for name, value in rule.attrs:
                if name == "POS":
                    pos[i] = UPOS_IDS[value]
                else:
                    other[(i, name)] = value
        column: Any = numpy.asarray(pos, dtype="uint64").reshape(-1, 1)
        doc.from_array([POS], column)
        for (i, name), value in other.items():
            if name == "TAG":
                doc[i].tag_ = value
            else:
                doc[i].dep_ = value
        return doc

    def _single_hits(self, values: Mapping[str, Any]) -> tuple[_Rule, ...]:
        candidates = (
            *self.by_tag.get(values["TAG"], ()),
            *self.by_lower.get(values["LOWER"], ()),
            *self.anywhere,
        )
        return tuple(rule for rule in candidates if _passes(values, rule.tests))


def _values(strings: Any, key: tuple[int, ...]) -> dict[str, Any]:
    tag, lower, dep, space = key
    return {
        "TAG": strings[tag],
        "LOWER": strings[lower],
        "DEP": strings[dep],
        "IS_SPACE": bool(space),
    }


@Language.factory("conflictlens_attributes")
def _make(nlp: Language, name: str) -> Any:
    # Rules are handed over by ``use_fast_attributes``; an empty instance changes nothing.
    return FastAttributes()


def use_fast_attributes(nlp: Language) -> None:
    """Swap the model's attribute ruler for ``FastAttributes`` over the same patterns."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler: Any = nlp.get_pipe("attribute_ruler")
    fast = FastAttributes.from_patterns(ruler.patterns)
    if fast is None:
        return  # a pattern shape we do not know: keep spaCy's ruler, correct if slower
    component: Any = nlp.replace_pipe("attribute_ruler", "conflictlens_attributes")
    component.use(fast.rules)
