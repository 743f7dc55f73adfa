"""Who says it and how sure: hedge cues, source attributions, direct quotes, certainty.

Conflict reporting lives on attribution ("according to one source", "Terrorists claimed") and
hedging ("likely by ISIS", "the death toll expected to rise"). This module finds those signals
with token rules over plain text, so it runs on every sentence without a parse; the cue and
attribution lexicons live in ``data/hedge_cues.json`` and ``data/attribution_cues.json``.

Offsets are Python ``str`` indices into the text that was passed in.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from conflictlens.records import CERTAINTY_ORDER
from conflictlens.text_cache import RecentTexts

_DATA = Path(__file__).parent / "data"

#: Words and single punctuation marks; hyphenated and apostrophe words stay whole ("well-known").
_TOKEN = re.compile(r"\w+(?:[-'’/]\w+)*|[^\w\s]")
_CLAUSE_BREAK = frozenset(',;:()[]“”"—–')
_SENTENCE_END = frozenset(".!?")
_LEFT_SCOPE_STOP = frozenset(
    {"with", "and", "but", "while", "as", "after", "before", "that", "which"}
)

#: Hedge kind -> the event certainty it implies (CERTAINTY_ORDER runs from sure to doubtful).
_KIND_CERTAINTY = {
    "epistemic": "suspected",
    "reported": "reported",
    "alleged": "alleged",
    "claimed": "claimed",
    "disputed": "disputed",
    "weasel": "reported",
    "projection": "reported",
}
_SOURCE_CERTAINTY = {
    "according_to": "reported",
    "said": "reported",
    "reported": "reported",
    "claimed": "claimed",
    "accused": "alleged",
    "denied": "disputed",
    "confirmed": "confirmed",
}


@dataclass(frozen=True)
class HedgeCue:
    """A hedge cue at ``[start, end)`` qualifying the claim at ``scope``."""

    cue: str
    start: int
    end: int
    scope: tuple[int, int]
    kind: str


@dataclass(frozen=True)
class SourceAttribution:
    """Who a claim is attributed to: ``source`` is the normalised name, ``[start, end)`` its span.

    ``scope`` is the sentence the attribution covers; ``kind`` is the attributing construction
    (according_to, said, claimed, reported, accused, denied, confirmed).
    """

    source: str
    start: int
    end: int
    kind: str
    scope: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class QuoteSpan:
    """A direct quote: ``[start, end)`` is the quoted text without its quote marks."""

    speaker: str
    start: int
    end: int
    speaker_start: int
    speaker_end: int


class _Token(NamedTuple):
    # A NamedTuple rather than a dataclass: a document makes thousands, and a tuple is built
    # several times faster.
    text: str
    low: str
    start: int
    end: int


@dataclass(frozen=True)
class _CueEntry:
    words: tuple[str, ...]
    kind: str
    profiles: frozenset[str]
    lowercase: bool
    scope: str
    only_next: tuple[tuple[str, ...], ...]
    not_next: tuple[tuple[str, ...], ...]
    only_prev: tuple[tuple[str, ...], ...]
    not_prev: tuple[tuple[str, ...], ...]


def _scan(text: str, start: int, stop: int) -> list[_Token]:
    return [
        _Token(m[0], m[0].lower().replace("’", "'"), m.start(), m.end())
        for m in _TOKEN.finditer(text, start, stop)
    ]


@dataclass
class _TextIndex:
    """What is derived from one whole text once: its tokens and its sentence breaks."""

    tokens: list[_Token]
    starts: list[int]
    ends: list[int]
    breaks: list[tuple[int, int]] | None = None  # _SENTENCE_BREAK matches, filled on demand
    break_ends: list[int] | None = None


#: The indexes of the last few texts. One document is tokenised for its quotes, its hedges and
#: again for every sentence (of several documents in turn when the pipeline analyses a group);
#: each sentence's tokens are a slice of the document's.
_INDEXES: RecentTexts[_TextIndex] = RecentTexts()


def _index(text: str) -> _TextIndex:
    def make() -> _TextIndex:
        tokens = _scan(text, 0, len(text))
        return _TextIndex(tokens, [t.start for t in tokens], [t.end for t in tokens])

    return _INDEXES.get(text, len(text), make)


def _tokenize(text: str, start: int = 0, end: int | None = None) -> list[_Token]:
    """Tokens of ``text[start:end]``, the same as scanning only that range.

    The token pattern has no look-behind, so a scan from ``start`` finds exactly the
    whole-text tokens inside the range, unless a whole-text token straddles ``start`` or ``end``
    (a range cut inside a word): that rare case is scanned directly.
    """
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        return _scan(text, start, stop)
    index = _index(text)
    tokens, starts, ends = index.tokens, index.starts, index.ends
    first = bisect_left(starts, start)  # first token starting at or after ``start``
    last = bisect_left(starts, stop, first)  # tokens [first, last) start before ``stop``
    if (first > 0 and ends[first - 1] > start) or (last > first and ends[last - 1] > stop):
        return _scan(text, start, stop)
    return tokens[first:last]


def _phrases(values: Sequence[str] | None) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(v.lower().split()) for v in values or ())


@lru_cache(maxsize=1)
def _cue_index() -> dict[str, tuple[_CueEntry, ...]]:
    """First word -> cue entries, longest first (so "whether or not" beats "whether")."""
    raw = json.loads((_DATA / "hedge_cues.json").read_text(encoding="utf-8"))
    index: dict[str, list[_CueEntry]] = {}
    for item in raw["cues"]:
        entry = _CueEntry(
            words=tuple(item["cue"].lower().split()),
            kind=item["kind"],
            profiles=frozenset(name for name in ("news", "sentence") if item.get(name, True)),
            lowercase=item.get("lowercase", False),
            scope=item.get("scope", "right"),
            only_next=_phrases(item.get("only_next")),
            not_next=_phrases(item.get("not_next")),
            only_prev=_phrases(item.get("only_prev")),
            not_prev=_phrases(item.get("not_prev")),
        )
        index.setdefault(entry.words[0], []).append(entry)
    return {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in index.items()}


@dataclass(frozen=True)
class _AttributionLexicon:
    verbs: dict[str, str]
    verb_not_next: dict[str, tuple[tuple[str, ...], ...]]
    titles: frozenset[str]
    demonyms: frozenset[str]
    source_nouns: frozenset[str]
    source_modifiers: frozenset[str]
    determiners: frozenset[str]
    name_particles: frozenset[str]
    auxiliaries: frozenset[str]
    non_subject: frozenset[str]
    pronouns: frozenset[str]

    def descriptor(self, low: str) -> bool:
        """Role words that describe a source rather than name it ("Major General", "agency")."""
        return (
            low in self.titles
            or low in self.demonyms
            or low in self.source_nouns
            or low in self.source_modifiers
            or low.endswith("-based")
        )


@lru_cache(maxsize=1)
def _attribution_lexicon() -> _AttributionLexicon:
    raw = json.loads((_DATA / "attribution_cues.json").read_text(encoding="utf-8"))
    sets = {
        key: frozenset(w.lower() for w in raw[key])
        for key in (
            "titles",
            "demonyms",
            "source_nouns",
            "source_modifiers",
            "determiners",
            "name_particles",
            "auxiliaries",
            "non_subject",
            "pronouns",
        )
    }
    return _AttributionLexicon(
        verbs={verb.lower(): kind for verb, kind in raw["verbs"].items()},
        verb_not_next={verb: _phrases(after) for verb, after in raw["verb_not_next"].items()},
        **sets,
    )


def attributing_verbs() -> frozenset[str]:
    """The verb forms that attribute a claim to a source ("said", "denied", "claimed")."""
    return frozenset(_attribution_lexicon().verbs)


def _words_at(tokens: Sequence[_Token], i: int, words: tuple[str, ...]) -> bool:
    return (
        i >= 0
        and i + len(words) <= len(tokens)
        and all(tokens[i + k].low == w for k, w in enumerate(words))
    )


def _context_ok(entry: _CueEntry, tokens: Sequence[_Token], i: int) -> bool:
    after = i + len(entry.words)
    if entry.lowercase and i > 0 and not tokens[i].text.islower():
        return False  # "May" inside a sentence is the month
    if entry.only_next and not any(_words_at(tokens, after, p) for p in entry.only_next):
        return False
    if any(_words_at(tokens, after, p) for p in entry.not_next):
        return False
    if entry.only_prev and not any(_words_at(tokens, i - len(p), p) for p in entry.only_prev):
        return False
    return not any(_words_at(tokens, i - len(p), p) for p in entry.not_prev)


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+|\n\s*\n|\n")
_SENTENCE_STOP = re.compile(r"[.!?](?=[\"”’)]*(\s|$))|\n")


def _sentence_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around ``pos`` in ``[lo, hi)``: cut at . ! ? before a space, or a line break."""
    start = lo
    if lo == 0:  # a whole text: look its breaks up instead of rescanning from its start
        start = _last_break(text, pos)
    else:
        for m in _SENTENCE_BREAK.finditer(text, lo, pos):
            start = m.end()
    stop = _SENTENCE_STOP.search(text, pos, hi)
    end = stop.end() if stop else hi
    return start, end


def _last_break(text: str, pos: int) -> int:
    """End of the last ``_SENTENCE_BREAK`` match in ``text[:pos]`` (0 if none).

    The pattern has no look-around, so the matches in ``text[:pos]`` are the whole text's
    matches that end by ``pos``, plus what a rescan finds from the start of a match that
    ``pos`` cuts (a run of spaces and line breaks).
    """
    index = _index(text)
    if index.breaks is None or index.break_ends is None:
        index.breaks = [m.span() for m in _SENTENCE_BREAK.finditer(text)]
        index.break_ends = [end for _, end in index.breaks]
    k = bisect_right(index.break_ends, pos)  # matches [0, k) end by ``pos``
    start = index.break_ends[k - 1] if k else 0
    if k < len(index.breaks) and index.breaks[k][0] < pos:
        for m in _SENTENCE_BREAK.finditer(text, index.breaks[k][0], pos):
            start = m.end()
    return start


def _scope(
    tokens: Sequence[_Token], i: int, j: int, how: str, text: str, lo: int, hi: int
) -> tuple[int, int]:
    """The clause or phrase a cue at tokens ``[i, j)`` qualifies."""
    sent_start, sent_end = _sentence_bounds(text, tokens[i].start, lo, hi)
    if how == "sentence":
        return sent_start, sent_end
    if how == "left":
        k = i
        while (
            k > 0
            and tokens[k - 1].start >= sent_start
            and tokens[k - 1].text not in _CLAUSE_BREAK
            and tokens[k - 1].low not in _LEFT_SCOPE_STOP
        ):
            k -= 1
        return tokens[k].start, tokens[j - 1].end
    k = j
    while (
        k < len(tokens)
        and tokens[k].end <= sent_end
        and tokens[k].text not in _CLAUSE_BREAK
        and tokens[k].text not in _SENTENCE_END
    ):
        k += 1
    if k == j:  # cue closes its clause ("..., as suspected."): it qualifies what came before
        return _scope(tokens, i, j, "left", text, lo, hi)
    return tokens[i].start, tokens[k - 1].end


def _iter_cues(text: str, start: int, end: int | None, profile: str) -> Iterator[HedgeCue]:
    hi = len(text) if end is None else end
    tokens = _tokenize(text, start, hi)
    index = _cue_index()
    after = 0  # tokens before this one belong to the last cue found: cues do not overlap
    for i in [i for i, token in enumerate(tokens) if token.low in index]:
        if i < after:
            continue
        for entry in index[tokens[i].low]:
            if (
                profile in entry.profiles
                and _words_at(tokens, i, entry.words)
                and _context_ok(entry, tokens, i)
            ):
                j = i + len(entry.words)
                # sentence-initial "According to X," covers the whole sentence
                how = entry.scope
                sent_start, _ = _sentence_bounds(text, tokens[i].start, start, hi)
                if entry.words[:2] == ("according", "to") and tokens[i].start == sent_start:
                    how = "sentence"
                yield HedgeCue(
                    cue=text[tokens[i].start : tokens[j - 1].end],
                    start=tokens[i].start,
                    end=tokens[j - 1].end,
                    scope=_scope(tokens, i, j, how, text, start, hi),
                    kind=entry.kind,
                )
                after = j
                break


def find_hedges(
    text: str, start: int = 0, end: int | None = None, *, profile: str = "news"
) -> list[HedgeCue]:
    """Hedge cues in ``text[start:end]``, left to right, non-overlapping (longest match wins).

    ``profile="sentence"`` swaps in the CoNLL-2010 notion of uncertainty: it adds vague
    quantifiers and peacock words ("some", "many", "legendary") that would flood news analysis,
    and drops attribution cues ("according to", "claimed") that news analysis needs but that
    do not make an encyclopedic or scientific sentence uncertain.
    """
    if profile not in {"news", "sentence"}:
        raise ValueError(f"unknown hedge profile {profile!r}")
    return list(_iter_cues(text, start, end, profile))


# --- sources -------------------------------------------------------------------------------

_NAME_TOKEN = re.compile(r"[A-Z][\w.'’-]*$|[A-Z]{2,}$")


def _is_name_token(tok: _Token, lex: _AttributionLexicon) -> bool:
    return bool(_NAME_TOKEN.match(tok.text)) or tok.low in lex.name_particles


def _normalise_source(tokens: Sequence[_Token], text: str) -> str:
    """'Russian Major General Yuri Popov' -> 'Yuri Popov (Russian Major General)'.

    A personal name keeps its role in brackets; an organisation named after a generic noun
    ("news agency SANA") is just its name. "one source" keeps its determiner: it is the only
    thing that says how vague the source is.
    """
    lex = _attribution_lexicon()
    words = list(tokens)
    if len(words) > 1 and words[0].low in {"the", "a", "an"} and _is_name_token(words[1], lex):
        words = words[1:]
    if not words or all(t.low in lex.determiners or t.low in lex.pronouns for t in words):
        return ""
    j = len(words)
    while j > 0 and _is_name_token(words[j - 1], lex) and not lex.descriptor(words[j - 1].low):
        j -= 1
    name, role = words[j:], [t for t in words[:j] if t.low not in lex.determiners]
    if name and role and all(lex.descriptor(t.low) for t in role):
        name_text = text[name[0].start : name[-1].end]
        if any(t.low in lex.titles for t in role):
            return f"{name_text} ({text[role[0].start : role[-1].end]})"
        return name_text
    return text[words[0].start : words[-1].end]


def _source_word(tok: _Token, lex: _AttributionLexicon) -> bool:
    return _is_name_token(tok, lex) or lex.descriptor(tok.low)


def _subject_before(tokens: Sequence[_Token], v: int, sent_start: int) -> tuple[int, int] | None:
    """Token range of the attributing subject that ends right before the verb at ``v``."""
    lex = _attribution_lexicon()
    k = v
    while (
        k > 0
        and tokens[k - 1].start >= sent_start
        and (tokens[k - 1].low in lex.auxiliaries or tokens[k - 1].low.endswith("ly"))
    ):
        k -= 1
    end = k
    while k > 0 and tokens[k - 1].start >= sent_start:
        tok = tokens[k - 1]
        if tok.low in lex.determiners:
            k -= 1
            break  # the determiner opens the noun phrase
        if tok.low in lex.non_subject and not (
            tok.low in {"in", "from"} and k < end and k > 1 and _source_word(tokens[k - 2], lex)
        ):
            break
        if _source_word(tok, lex) or (tok.low in {"of", "for", "in", "from"} and k < end):
            k -= 1
            continue
        break
    while k < end and tokens[k].low in {"of", "for", "in", "from"}:
        k += 1
    if k == end:
        return None
    head = tokens[end - 1]
    if not _source_word(head, lex) or head.low in lex.pronouns:
        return None
    if all(
        t.low in lex.determiners or t.low in lex.pronouns or t.low in lex.non_subject
        for t in tokens[k:end]
    ):
        return None
    return k, end


def _subject_after(tokens: Sequence[_Token], v: int, sent_end: int) -> tuple[int, int] | None:
    """'..., said Yuri Popov' -> the name after the verb."""
    lex = _attribution_lexicon()
    k = start = v + 1
    while k < len(tokens) and tokens[k].end <= sent_end:
        tok = tokens[k]
        if tok.low in lex.non_subject or tok.low in lex.pronouns:
            break
        if tok.low in lex.determiners and k > start:
            break
        if not (_source_word(tok, lex) or tok.low in lex.determiners):
            break
        k += 1
    if k == start or all(t.low in lex.determiners for t in tokens[start:k]):
        return None
    return start, k


def _attribution(
    kind: str, span: Sequence[_Token], text: str, sent: tuple[int, int]
) -> SourceAttribution | None:
    name = _normalise_source(span, text)
    return SourceAttribution(name, span[0].start, span[-1].end, kind, sent) if name else None


def _according_to(
    tokens: Sequence[_Token], v: int, sent_end: int, text: str, sent: tuple[int, int]
) -> SourceAttribution | None:
    """'according to a new toll from the Observatory' -> the Observatory."""
    k = v + 2
    while (
        k < len(tokens)
        and k < v + 12
        and tokens[k].end <= sent_end
        and tokens[k].text not in _CLAUSE_BREAK
        and tokens[k].text not in _SENTENCE_END
        and tokens[k].low not in {"that", "who", "which", "on", "in", "at", "as", "to"}
        and not (
            k > v + 2
            and (tokens[k].low in _attribution_lexicon().verbs or tokens[k].low.endswith("ed"))
        )
    ):
        k += 1
    span = list(tokens[v + 2 : k])
    for i in range(len(span) - 1, 0, -1):
        if span[i].low in {"from", "by"}:
            span = span[i + 1 :]
            break
    return _attribution("according_to", span, text, sent) if span else None


def find_sources(text: str, start: int = 0, end: int | None = None) -> list[SourceAttribution]:
    """Attributions in ``text[start:end]``: "according to X", "X said", "the SOHR reported"."""
    hi = len(text) if end is None else end
    tokens = _tokenize(text, start, hi)
    lex = _attribution_lexicon()
    found: list[SourceAttribution] = []
    # only attributing verbs and "according" start an attribution: skip the other tokens fast
    starters = [v for v, tok in enumerate(tokens) if tok.low in lex.verbs or tok.low == "according"]
    for v in starters:
        tok = tokens[v]
        kind = lex.verbs.get(tok.low)
        is_according = tok.low == "according" and v + 1 < len(tokens) and tokens[v + 1].low == "to"
        if kind is None and not is_according:
            continue
        sent = _sentence_bounds(text, tok.start, start, hi)
        if is_according:
            attribution = _according_to(tokens, v, sent[1], text, sent)
        elif kind is None or any(
            _words_at(tokens, v + 1, p) for p in lex.verb_not_next.get(tok.low, ())
        ):
            continue
        elif (
            v + 1 < len(tokens)
            and tokens[v + 1].low == "by"
            and kind in {"reported", "claimed", "confirmed", "denied"}
        ):
            after = _subject_after(tokens, v + 1, sent[1])
            attribution = (
                _attribution(kind, tokens[after[0] : after[1]], text, sent) if after else None
            )
        else:
            where = _subject_before(tokens, v, sent[0])
            if where is None and v > 0 and tokens[v - 1].text in {",", '"', "”"}:
                where = _subject_after(tokens, v, sent[1])
            attribution = (
                _attribution(kind, tokens[where[0] : where[1]], text, sent) if where else None
            )
        if attribution is not None:
            found.append(attribution)
    return found


# --- quotes --------------------------------------------------------------------------------

_QUOTE = re.compile(r"“([^”]{2,}?)”|\"([^\"\n]{2,}?)\"")


def find_quotes(text: str) -> list[QuoteSpan]:
    """Direct quotes with their speaker; scare quotes (“shadow war”) have none and are skipped."""
    quotes: list[QuoteSpan] = []
    sources = find_sources(text)
    for m in _QUOTE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        q_start, q_end = m.start(group), m.end(group)
        speaker = _speaker_for(text, m.start(), m.end(), sources)
        if speaker is not None:
            quotes.append(QuoteSpan(speaker.source, q_start, q_end, speaker.start, speaker.end))
    return quotes


def _speaker_for(
    text: str, q_open: int, q_close: int, sources: Sequence[SourceAttribution]
) -> SourceAttribution | None:
    """The attribution introducing the quote ('X said, “…”') or following it ('“…,” X said')."""
    for source in sources:
        if source.kind == "according_to":
            continue
        gap_before = text[source.end : q_open]
        if 0 <= q_open - source.end <= 40 and re.fullmatch(
            r"\s*(?:\w+\s+){0,3}\w+[,:]?\s*", gap_before
        ):
            return source
        gap_after = text[q_close : source.start]
        if 0 <= source.start - q_close <= 40 and re.fullmatch(
            r"\s*(?:\w+\s+){0,3}\w*\s*", gap_after
        ):
            return source
    return None


# --- certainty -----------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def certainty_for(
    cues: Sequence[HedgeCue],
    sources: Sequence[SourceAttribution],
    *,
    span: tuple[int, int] | None = None,
) -> str:
    """The certainty of the claim at ``span`` (all cues and sources when ``span`` is None).

    The most doubtful signal wins (CERTAINTY_ORDER): a claim that one party "claimed" and that
    is "likely" is "suspected". Plain reporting is "reported"; "confirmed" needs an explicit
    confirmation by a named source and no hedge.
    """
    levels: list[str] = []
    for cue in cues:
        if span is None or _overlaps(cue.scope, span) or _overlaps((cue.start, cue.end), span):
            levels.append(_KIND_CERTAINTY.get(cue.kind, "reported"))
    for source in sources:
        covered = source.scope if source.scope != (0, 0) else (source.start, source.end)
        if span is None or _overlaps(covered, span):
            levels.append(_SOURCE_CERTAINTY.get(source.kind, "reported"))
    if not levels:
        return "reported"
    if "confirmed" in levels and all(level in {"confirmed", "reported"} for level in levels):
        return "confirmed"
    return max(
        (level for level in levels if level != "confirmed"),
        key=CERTAINTY_ORDER.index,
        default="reported",
    )
