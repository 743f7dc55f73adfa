"""How the text characterises an actor: "the Nour al-Din al-Zinki terrorist group", "the notorious
ISIS group", "Liwa al-Quds (Al-Quds Brigade) is a Palestinian resistance movement".

Outlet labels are framing, not identity: the actor keeps its canonical neutral name, and the label
is recorded next to it with who applied it (the outlet, or the speaker of a quote). Labels come
from data (``knowledge/data/labels.jsonl`` plus ``framing/data/labels.json``); the rules only look
at the words right around a mention, so a label is attached only where the text predicates it
of that actor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from conflictlens.extract.attribution import QuoteSpan

_HERE = Path(__file__).parent
_KB_LABELS = _HERE.parent / "knowledge" / "data" / "labels.jsonl"
_OWN_LABELS = _HERE / "data" / "labels.json"

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_ARTICLES = frozenset({"a", "an", "the"})
_COPULAS = frozenset({"is", "was", "are", "were", "remains", "became", "becomes"})
#: Words that end the noun phrase a copula or apposition introduces.
_NP_END = frozenset(
    {
        "which",
        "that",
        "who",
        "whose",
        "and",
        "but",
        "with",
        "in",
        "on",
        "at",
        "for",
        "from",
        "to",
        "by",
        "among",
        "of",
        "like",
        "not",
        "also",
        "than",
        "as",
    }
)
_MAX_NP_WORDS = 6


@dataclass(frozen=True)
class ActorLabel:
    """A label ``text[start:end]`` applied to ``actor_name``; ``voice`` is who applies it."""

    actor_name: str
    label: str
    start: int
    end: int
    voice: str
    loaded: bool


@dataclass(frozen=True)
class _Lexicon:
    phrases: dict[tuple[str, ...], bool]  # lowercase word sequence -> loaded
    longest: int
    heads: frozenset[str]


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in _TOKEN.finditer(phrase))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    entries: list[dict] = []
    if _KB_LABELS.exists():  # the knowledge base's list wins where both define a label
        entries += [
            json.loads(line)
            for line in _KB_LABELS.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    own = json.loads(_OWN_LABELS.read_text(encoding="utf-8"))
    entries += own["labels"]
    phrases: dict[tuple[str, ...], bool] = {}
    for entry in entries:
        for surface in [entry["label"], *entry.get("variants", [])]:
            phrases.setdefault(_words(surface), bool(entry.get("loaded", False)))
    return _Lexicon(
        phrases, max(len(p) for p in phrases), frozenset(h.lower() for h in own["heads"])
    )


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _match_at(
    tokens: Sequence[tuple[str, int, int]], i: int, lex: _Lexicon
) -> tuple[int, bool] | None:
    """Longest label starting at token ``i``: (end token index, loaded)."""
    for n in range(min(lex.longest, len(tokens) - i), 0, -1):
        key = tuple(t[0] for t in tokens[i : i + n])
        if key in lex.phrases:
            return i + n, lex.phrases[key]
    return None


def _match_ending_at(
    tokens: Sequence[tuple[str, int, int]], j: int, lex: _Lexicon
) -> tuple[int, bool] | None:
    """Longest label ending right before token ``j``: (start token index, loaded)."""
    for n in range(min(lex.longest, j), 0, -1):
        key = tuple(t[0] for t in tokens[j - n : j])
        if key in lex.phrases:
            return j - n, lex.phrases[key]
    return None


def _skip_parenthetical(tokens: Sequence[tuple[str, int, int]], i: int) -> int:
    """'Liwa al-Quds (Al-Quds Brigade) is …': step over an alias in brackets."""
    if i < len(tokens) and tokens[i][0] == "(":
        for k in range(i + 1, min(i + 12, len(tokens))):
            if tokens[k][0] == ")":
                return k + 1
    return i


def _predicated(
    text: str, tokens: Sequence[tuple[str, int, int]], i: int, lex: _Lexicon
) -> tuple[int, int, bool] | None:
    """A label inside 'is a Palestinian resistance movement' / ', a Palestinian armed group'."""
    if i < len(tokens) and tokens[i][0] in _COPULAS:
        i += 1
    elif i < len(tokens) and tokens[i][0] == ",":
        i += 1
        if i >= len(tokens) or tokens[i][0] not in _ARTICLES:
            return None  # a list ("ISIS, Nusra and …"), not an apposition
    else:
        return None
    if i < len(tokens) and tokens[i][0] in _ARTICLES:
        i += 1
    for k in range(i, min(i + _MAX_NP_WORDS, len(tokens))):
        word = tokens[k][0]
        if word in _NP_END or not (word[0].isalnum()):
            return None
        found = _match_at(tokens, k, lex)
        if found:
            if all(text[t[1]].isupper() for t in tokens[i : found[0]]):
                return None  # "…, the Palestine Liberation Army": a name in a list, not a label
            return k, found[0], found[1]
    return None


def _label_inside(
    text: str, tokens: Sequence[tuple[str, int, int]], first: int, last: int, lex: _Lexicon
) -> tuple[int, int, bool] | None:
    """A loaded label the mention's own words apply: "Assad regime forces", "Israeli regime"
    name state forces with the outlet's word for them. Only words written in lower case count:
    in a name they are capitalised ("Islamic Resistance in Iraq" is no label)."""
    for k in range(first, last + 1):
        found = _match_at(tokens, k, lex)
        if found and found[1] and found[0] <= last + 1:  # loaded only: "army" is a name's word
            words = tokens[k : found[0]]
            if all(text[t[1] : t[2]].islower() or t[0] in _ARTICLES for t in words):
                return k, found[0], found[1]
    return None


def _voice(start: int, end: int, quotes: Sequence[QuoteSpan]) -> str:
    for quote in quotes:
        if quote.start <= start and end <= quote.end:
            return quote.speaker
    return "outlet"


def find_labels(
    text: str, actor_spans: Sequence[tuple[int, int, str]], quotes: Sequence[QuoteSpan]
) -> list[ActorLabel]:
    """Labels the text applies to each actor mention ``(start, end, canonical name)``.

    Looks right after the mention ("… al-Zinki terrorist group", "… is a resistance movement",
    "…, a Palestinian armed group") and right before it ("the notorious ISIS group"). Labels not
    next to a mention ("foreign-backed Takfiri terrorist groups" with no actor named) are left out.
    """
    if not actor_spans:
        return []  # labels are only looked for next to a mention: skip tokenising the text
    lex = _lexicon()
    tokens = _tokens(text)
    starts = {t[1]: n for n, t in enumerate(tokens)}
    ends = {t[2]: n for n, t in enumerate(tokens)}
    found: dict[tuple[str, int, int], ActorLabel] = {}

    def add(name: str, i: int, j: int, loaded: bool) -> None:
        start, end = tokens[i][1], tokens[j - 1][2]
        if "\n" in text[min(start, m_start) : max(end, m_end)]:
            return  # a heading next to a paragraph says nothing about the heading's actor
        found.setdefault(
            (name, start, end),
            ActorLabel(name, text[start:end], start, end, _voice(start, end, quotes), loaded),
        )

    for m_start, m_end, name in actor_spans:
        first, last = starts.get(m_start), ends.get(m_end)
        if first is None or last is None:
            continue  # the mention does not sit on token boundaries; do not guess
        after = _skip_parenthetical(tokens, last + 1)
        direct = _match_at(tokens, last + 1, lex)
        if direct:
            add(name, last + 1, direct[0], direct[1])
        predicated = _predicated(text, tokens, after, lex)
        if predicated:
            add(name, *predicated)
        before = _match_ending_at(tokens, first, lex)
        if before:
            add(name, before[0], first, before[1])
        inside = _label_inside(text, tokens, first, last, lex)
        if inside:
            add(name, *inside)
    return sorted(found.values(), key=lambda label: (label.start, label.actor_name))
