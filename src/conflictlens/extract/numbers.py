"""How many: fatality and injury figures, coded by ACLED's conservative rules.

A number in a conflict report is a casualty figure only when a casualty word governs it:
"20 fighters ... were killed", "killing 12", "left 5 dead", "the death toll rose to 7". Ages,
durations, distances, years and counts of things are not; neither are the attackers counted in
"five fighters ... beheading a boy" (the victim is the one boy).

Values follow the ACLED Codebook, "Reported fatalities" (https://acleddata.com/knowledge-base/
codebook/): the reported number is used as is and the lowest estimate wins ("more than 20" -> 20,
never rounded up); "dozens" -> 12, "hundreds" -> 100; "several", "many", "few" -> 3 or 10 by
scale (here 3 for few/several/some, 10 for many); "tens" -> 10 (ACLED fatality FAQ). Injuries are
kept apart and never count as fatalities; "casualties" alone is not a cue (ACLED records 0).

Why regular expressions and not the dependency parse: the figures and their cue words sit in a
handful of fixed constructions, this runs on every candidate sentence before (and without) the
spaCy parse, and the lexicons live in ``data/`` where analysts can extend them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from conflictlens.knowledge.normalize import CASE_FOLD_TRAPS

__all__ = ["CasualtyMention", "find_casualties", "parse_number"]

_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class CasualtyMention:
    """A casualty figure: its value (low/best/high), its evidence and what kind of harm."""

    kind: str  # "killed" | "injured"
    best: int | None
    low: int | None
    high: int | None
    start: int  # the number phrase ("20", "at least 12", "dozens")
    end: int
    cue_start: int  # the word that makes it a casualty ("killed", "dead", "death toll")
    cue_end: int
    rising: bool  # "expected to rise", "feared dead"
    aggregate: bool  # a cumulative figure over many events ("since 2011", "in six months")
    subject: str | None  # who was counted ("fighters", "civilians") when easy to tell


# --------------------------------------------------------------------------- lexicons


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, Any], dict[str, Any]]:
    with (_DATA / "number_words.json").open(encoding="utf-8") as handle:
        numbers = json.load(handle)
    with (_DATA / "casualty_lexicon.json").open(encoding="utf-8") as handle:
        lexicon = json.load(handle)
    return numbers, lexicon


_NUMS, _LEX = _load()
_UNITS: dict[str, int] = _NUMS["units"]
_TENS: dict[str, int] = _NUMS["tens"]
_SCALES: dict[str, int] = _NUMS["scales"]
# More than the deadliest single events on record: a typo or an aggregate, not one event.
_MAX_PLAUSIBLE = 10_000_000
_FIXED: dict[str, int] = _NUMS["fixed"]
_VAGUE: dict[str, int] = _NUMS["vague"]
_MODIFIERS: dict[str, str] = {
    phrase: cls
    for cls in ("lower_bound", "approximate", "just_below", "upper_bound", "strictly_below")
    for phrase in _LEX[cls]
}


def _alt(words: list[str] | set[str] | dict[str, Any]) -> str:
    """Regex alternation, longest first, spaces matching any whitespace."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_WORD_NUM = rf"(?:{_alt({**_UNITS, **_TENS, **_SCALES})})"
_SPELLED = rf"(?:a\s+(?:hundred|thousand)|{_WORD_NUM}(?:(?:\s+and\s+|[\s-]){_WORD_NUM})*)"
_DIGITS = r"(?<![\w.,/-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:million|thousand|hundred))?"
_VAGUE_SCALE = r"(?:several|a\s+few|some|many)\s+(?:hundred|thousand|dozen)"
_VALUE = rf"(?:{_DIGITS}|{_VAGUE_SCALE}|{_alt({**_VAGUE, **_FIXED})}|{_SPELLED})"
_RANGE_SEP = r"(?:\s*(?:-|–|—)\s*|\s+(?:to|or)\s+)"
_PHRASE = re.compile(
    rf"(?i:\b(?:(?P<mod>{_alt(_MODIFIERS)})\s+)?"
    rf"(?:between\s+(?P<a1>{_VALUE})\s+and\s+(?P<b1>{_VALUE})"
    rf"|(?P<a2>{_VALUE})(?:{_RANGE_SEP}(?P<b2>{_VALUE}))?))(?![\w-]*\d)(?!\w)"
)

_NOT_UNITS = re.compile(
    rf"^[\s-]*(?i:{_alt([u.lstrip('-') for u in _LEX['not_casualty_units']])})(?![a-z])"
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH_BEFORE = re.compile(rf"(?:{_MONTHS})\.?\s+$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b")
_AGE_BEFORE = re.compile(
    r"(?i:\b(?:aged|age|ages|No\.|number|#|\$|US\$|£|€|page|article|resolution))\s*$"
)

_VICTIMS = _alt(_LEX["victim_nouns"])
_VICTIM_RE = re.compile(rf"\b(?i:{_VICTIMS})\b")
_AUX = _alt(_LEX["auxiliaries"])
_ADV = _alt(_LEX["adverbs"])
_KILLED_PASSIVE = _alt(_LEX["killed_passive"])
_KILLED_INTRANS = _alt(_LEX["killed_intransitive"])
_KILLED_NOUNS = _alt(_LEX["killed_nouns"])
_INJ_PASSIVE = _alt(_LEX["injured_passive"])
_INJ_NOUNS = _alt(_LEX["injured_nouns"])
_STOP_NP = (
    r"(?:who|which|that|said|says|was|were|is|are|have|has|had|been|be|not|no|to|by|in|on|at|"
    rf"including|casualties|casualty|{_alt({**_UNITS, **_TENS, **_SCALES, **_VAGUE, **_FIXED})})"
)

# number ... [aux] [adverbs] cue   ("20 fighters from X, a group ..., were killed")
_AFTER = re.compile(
    rf"(?i:^(?P<np>(?:\s+of)?(?:\s+(?!{_STOP_NP}\b)[A-Za-z][\w'’.-]*){{0,5}}?)"
    rf"(?P<app>\s*,[^,.;:!?]{{1,120}},"
    # the same apposition with its commas lost (FA-KES, OCR, social posts): a subset first
    rf"|\s+(?:including|most of them|mostly|many of them|among them)\b[^,.;:!?]{{1,80}}?)?"
    # "two civilians who were killed": a relative pronoun only before a passive auxiliary
    # ("two gunmen who killed" counts the killers)
    rf"(?:\s+(?:who|that)(?=\s+(?:{_AUX})\b))?"
    rf"(?P<aux>\s+(?:{_AUX}))?(?:\s+(?:{_ADV}))*\s*"
    rf"(?P<cue>(?P<k>{_KILLED_PASSIVE}|{_KILLED_INTRANS}|{_KILLED_NOUNS})"
    rf"|(?P<i>{_INJ_PASSIVE}|{_INJ_NOUNS}))\b)"
)
# killing 12 / injuring 3 / claimed the lives of 5 / left 5 dead
_ACTIVE_KILL = _alt(_LEX["killed_active"])
_ACTIVE_INJ = _alt(_LEX["injured_active"])
_BEFORE = re.compile(
    rf"(?i:\b(?P<cue>(?P<k>{_ACTIVE_KILL})|(?P<i>{_ACTIVE_INJ})|(?P<l>{_alt(_LEX['leaving'])}))"
    rf"(?:\s+(?:a\s+total\s+of|an\s+estimated|a\s+further|another|all))?\s+$)"
)
_LEFT_AFTER = re.compile(
    rf"(?i:^(?:\s+of)?(?:\s+(?!{_STOP_NP}\b)[A-Za-z][\w'’-]*){{0,3}}?\s+"
    rf"(?P<cue>(?P<k>dead|killed)|(?P<i>injured|wounded|hurt))\b)"
)
_OBJECT_START = re.compile(
    rf"(?i:^\s+(?:a|an|the|his|her|their|its|one|two|three|four|five|\d|{_VICTIMS})\b)"
)
_TOLL = re.compile(
    rf"(?i:\b(?P<cue>(?P<k>{_alt(_LEX['toll_killed'])})|(?P<i>{_alt(_LEX['toll_injured'])}))\b"
    rf"[^.;!?\d]{{0,100}}?(?:\b(?:{_alt(_LEX['toll_verbs'])})\s+)?$)"
)
_COORD = re.compile(
    r"^(?:\s+(?:of\s+)?(?!(?i:casualt|injur|wound|killed|dead|death))[A-Za-z][\w'’-]*){0,3}"
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)$"
)
# right after a single victim, another group of the same toll: "a commander and five of his
# aides", "a child, as well as 3 women" ("... and 3 were arrested" has a verb of its own)
_JOINT = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s+as\s+well\s+as\s+)$")
_OWN_VERB = re.compile(r"(?i:^\s+(?:were|was|are|is|have|has|had|will|would)\b)")
_SINGULAR = _alt(_LEX["singular_victims"])
_SINGLE_PASSIVE = re.compile(
    rf"(?i:\b(?P<det>a|an|one)\s+(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{_SINGULAR})"
    rf"(?:\s+who)?\s+(?:(?:was|has\s+been|had\s+been|got|is)\s+(?:(?:{_ADV})\s+)*"
    rf"(?P<cue>(?P<k>{_KILLED_PASSIVE})|(?P<i>{_INJ_PASSIVE}))"
    rf"|(?P<cue2>died|perished|lost\s+(?:his|her)\s+life))\b)"
)
_SINGLE_ACTIVE = re.compile(
    rf"(?i:\b(?P<cue>(?P<k>{_ACTIVE_KILL})|(?P<i>{_ACTIVE_INJ}))\s+(?P<det>a|an|one)\s+"
    rf"(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{_SINGULAR})\b)"
)
_AGGREGATE = [c.lower() for c in _LEX["aggregate_cues"]]
# "during 27 months", "in six months", "over two years": a figure summed over a long period
_AGGREGATE_PERIOD = re.compile(
    r"(?i:\b(?:during|over|in|within|for)\s+(?:the\s+)?(?:past\s+|last\s+)?[\w-]+\s+"
    r"(?:weeks|months|years|decades)\b|\bduring\s+(?:the\s+)?(?:past\s+|last\s+)?[\w-]+\s+days\b"
    r"|\bsince\b)"
)
# "killed in Syria's civil war", "died in the conflict": a war's toll, not one event's.
# ("the war-torn city", "the conflict zone" are places, not the war.)
_AGGREGATE_WAR = re.compile(
    r"(?i:\b(?:killed|died|dead|deaths?|lives)\b[^.;]{0,40}?\bin\s+(?:the\s+|this\s+|its\s+|"
    r"a\s+|\w+'?s\s+)?(?:\w+\s+){0,2}?(?:war|conflict|uprising|insurgency)\b(?!-|\s+(?:zones?|areas?|regions?)\b))"
)
# A monitor's daily count: "222 died yesterday" (a headline: no full stop), "199 were killed
# yesterday, including 78 civilians ...", "26 killed yesterday including 6 regime forces". A
# bare figure of two digits or more killed on a day, as a whole headline or broken down into
# fighters or civilians, sums many events; "25 were killed yesterday, including 5 children." is
# one event's toll.
_AGGREGATE_DAILY = re.compile(
    r"(?i:\W*(?:about\s+|at\s+least\s+|more\s+than\s+)?\d[\d,]+\s+"
    r"(?:people\s+|persons\s+)?(?:were\s+|have\s+been\s+)?(?:killed|died)\s+"
    r"(?:yesterday|today|on\s+\w+day)(?:\s+[\d/.-]+)?\s*"
    r"(?:$|,?\s*including\b.{0,60}?\b(?:regime|government|army|forces|soldiers|fighters|"
    r"militants|militiamen|members|isis|civilians|citizens)\b))"
)
# A figure no single event's toll reaches (the deadliest single events ACLED codes are in the
# low thousands): "More than 300,000 people have been killed" is the war's count.
_AGGREGATE_SIZE = 10_000
_RISING = [c.lower() for c in _LEX["rising_cues"]]
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”’)]|$)|\n")
# Small patterns used per figure, compiled once.
_SPACES = re.compile(r"\s+")
_SCALE_WORDS = re.compile(r"(?:several|a few|some|many) (hundred|thousand|dozen)")
_DIGIT_WORDS = re.compile(r"([\d,]+(?:\.\d+)?)(?: (million|thousand|hundred))?")
_VAGUE_SCALE_RE = re.compile(_VAGUE_SCALE)
_SLASH_DIGIT = re.compile(r"^/\d")
_YEAR_LIKE = re.compile(r"(?:1[6-9]|20)\d\d")
_VICTIM_NEXT = re.compile(rf"^\s+(?i:{_VICTIMS})\b")
_NP_END = re.compile(r"(?i:[,;.]|\b(?:from|in|on|at|who|which|that|and|including|mostly)\b)")
_OWN_CUE_NEXT = re.compile(r"(?i:\s*(?:people\s+)?(?:injured|wounded|dead|killed))")
_KILLED_AND_WOUNDED = re.compile(
    r"(?i:\s+(?:and|or|and/or)\s+(?:wounded|injured|killed|dead|wound))"
)
# "killed 15 injured": the figure's own cue; "killed 2 and injured 5" joins two verbs
_OWN_CUE = re.compile(
    rf"(?i:^(?:\s+(?!(?:and|or)\b)[A-Za-z]+)?\s+(?:{_INJ_PASSIVE}|dead|{_KILLED_PASSIVE})\b)"
)
_ONLY_VICTIM = re.compile(rf"(?i:^\s+(?:{_VICTIMS})\s*$)")
_TOLL_WORD = re.compile(r"\b(?:toll|number|figure)\b")

#: The cue phrases that can link a figure (``_AFTER``, ``_BEFORE``, ``_TOLL``) or make a single
#: victim (``_SINGLE_PASSIVE``, whose "died|perished|lost his/her life" is written out here).
_CUE_PHRASES = [
    *(
        phrase
        for key in (
            "killed_passive", "killed_intransitive", "killed_nouns", "injured_passive",
            "injured_nouns", "killed_active", "injured_active", "leaving", "toll_killed",
            "toll_injured",
        )
        for phrase in _LEX[key]
    ),
    "died", "perished", "lost his life", "lost her life",
]  # fmt: skip


def _cue_words(phrases: list[str]) -> tuple[str, ...] | None:
    """One lowercase word of each cue phrase, or None when a word is not plain ASCII.

    Every casualty figure is linked to a cue inside the searched range, so a range that
    contains none of these words has none; the last long word is the rarest one.
    """
    words = set()
    for phrase in phrases:
        parts = phrase.lower().split()
        words.add(([w for w in parts if len(w) > 3] or parts)[-1])
    if not all(w.isascii() and w.isalpha() for w in words):
        return None
    # a text holds "wounded" only if it holds "wound": test the shorter one alone
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


_CUE_WORDS = _cue_words(_CUE_PHRASES)


def _may_hold_figures(text: str, start: int, end: int) -> bool:
    """False only when ``text[start:end]`` holds no casualty cue word (so no figure)."""
    piece = text[start:end]
    if _CUE_WORDS is None or CASE_FOLD_TRAPS.search(piece):
        return True
    low = piece.lower()
    return any(map(low.__contains__, _CUE_WORDS))


# --------------------------------------------------------------------------- values


def _word_value(words: str) -> int | None:
    """ "two hundred and fifty" -> 250; digits with commas and scales too."""
    text = _SPACES.sub(" ", words.strip().lower())
    if text in _FIXED:
        return _FIXED[text]
    if text in _VAGUE:
        return _VAGUE[text]
    scale_match = _SCALE_WORDS.fullmatch(text)
    if scale_match:  # "several hundred": no more than the plural unit (ACLED "hundreds" -> 100)
        return {"hundred": 100, "thousand": 1000, "dozen": 12}[scale_match[1]]
    digit_match = _DIGIT_WORDS.fullmatch(text)
    if digit_match:
        number = Fraction(digit_match[1].replace(",", ""))  # exact: no float rounding
        number *= _SCALES.get(digit_match[2] or "", 1)
        if number.denominator != 1 or number > _MAX_PLAUSIBLE:
            return None  # "2.5 people" or a figure no single report carries
        return int(number)
    total = current = 0
    seen = False
    for token in re.split(
        r"[\s-]+", text.replace("a hundred", "one hundred").replace("a thousand", "one thousand")
    ):
        if token == "and":
            continue
        if token in _UNITS or token in _TENS:
            current += _UNITS.get(token, 0) + _TENS.get(token, 0)
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _interpret(match: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    first = match["a1"] or match["a2"]
    second = match["b1"] or match["b2"]
    a = _word_value(first)
    if a is None:
        return None, None, None
    mod = _MODIFIERS.get(_SPACES.sub(" ", (match["mod"] or "").lower()), "")
    vague = _SPACES.sub(" ", first.lower()) in _VAGUE or bool(_VAGUE_SCALE_RE.match(first))
    if second is not None:
        b = _word_value(second)
        if b is None:
            return None, None, None
        low, high = min(a, b), max(a, b)
        return low, low, high  # "20 to 30": ACLED records the lower figure
    if mod == "lower_bound" or (vague and not mod):
        return a, a, None
    if mod == "approximate":
        return None, a, None
    if mod in {"just_below", "upper_bound"}:
        return None, a, a
    if mod == "strictly_below":
        return None, None, a
    return a, a, a


def parse_number(phrase: str) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) for a number phrase by ACLED's conservative rules.

    "at least 12" -> (12, 12, None); "more than 20" -> (20, 20, None); "dozens" -> (12, 12,
    None); "20 to 30" -> (20, 20, 30); "twenty" -> (20, 20, 20); unknown -> (None, None, None).
    """
    text = (phrase or "").strip()
    if text.lower() in {"a", "an", "one"}:
        return 1, 1, 1
    match = _PHRASE.fullmatch(text)
    return (None, None, None) if match is None else _interpret(match)


# --------------------------------------------------------------------------- finding


@dataclass
class _Phrase:
    start: int
    end: int
    low: int | None
    best: int | None
    high: int | None
    linked: tuple[str, int, int, str] | None = None  # kind, cue_start, cue_end, direction
    subject: str | None = None


def _is_excluded(text: str, match: re.Match[str]) -> bool:
    start, end = match.span()
    after = text[end : end + 24]
    before = text[max(0, start - 24) : start]
    if _NOT_UNITS.match(after) or _MONTH_AFTER.match(after) or _MONTH_BEFORE.search(before):
        return True
    if _AGE_BEFORE.search(before) or _SLASH_DIGIT.match(after):  # "25/12/2012" is a date
        return True
    core = match["a2"] or ""
    if _YEAR_LIKE.fullmatch(core) and not match["mod"]:
        return not _VICTIM_NEXT.match(after)  # a year, unless it counts people
    return False


def _phrases(text: str, start: int, end: int) -> list[_Phrase]:
    found = []
    for match in _PHRASE.finditer(text, start, end):
        if _is_excluded(text, match):
            continue
        low, best, high = _interpret(match)
        if low is None and best is None and high is None:
            continue
        found.append(_Phrase(match.start(), match.end(), low, best, high))
    return found


def _subject(np: str, offset: int, text: str) -> str | None:
    """The head noun of the counted phrase: the last victim noun before "from/of/in/," etc."""
    head = _NP_END.split(np)[0]
    victim = None
    for hit in _VICTIM_RE.finditer(head):
        victim = text[offset + hit.start() : offset + hit.end()]
    return victim


def _sentence(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    begin = lo
    for hit in _SENTENCE_END.finditer(text, max(lo, pos - 400), pos):
        begin = hit.end()
    after = _SENTENCE_END.search(text, pos, hi)
    return begin, (after.end() if after else hi)


def _link_after(text: str, phrase: _Phrase, limit: int) -> bool:
    """number [noun phrase] [, apposition,] [aux] [adverbs] cue."""
    window = text[phrase.end : min(limit, phrase.end + 240)]
    match = _AFTER.match(window)
    if match is None:
        return False
    cue = match["cue"].lower()
    after_cue = window[match.end() : match.end() + 40]
    # "5 gunmen killed a boy": the number is the subject of an active verb, not a victim;
    # "10 civilians killed 15 injured": a second figure with its own cue is not an object.
    if (
        not match["aux"]
        and cue in {"killed", "injured", "wounded"}
        and _OBJECT_START.match(after_cue)
    ):
        nxt = _PHRASE.match(after_cue.lstrip())
        rest = after_cue.lstrip()[nxt.end() :] if nxt else ""
        if not (nxt and _OWN_CUE_NEXT.match(rest)):
            return False
    if match["app"] and not match["aux"]:
        return False  # an apposition without "were/was" is not this figure's predicate
    if _KILLED_AND_WOUNDED.match(after_cue):
        return False  # "30 killed and wounded": not a fatality count (ACLED: unclear -> 0)
    kind = "killed" if match["k"] else "injured"
    cue_start = phrase.end + match.start("cue")
    phrase.linked = (kind, cue_start, phrase.end + match.end("cue"), "after")
    phrase.subject = _subject(match["np"], phrase.end, text)
    return True


def _link_before(text: str, phrase: _Phrase, lo: int, hi: int) -> bool:
    """killing 12 / injuring 3 / left 5 dead / the death toll rose to 7."""
    window_start = max(lo, phrase.start - 140)
    before = text[window_start : phrase.start]
    after = text[phrase.end : min(phrase.end + 60, hi)]  # never into the next sentence
    match = _BEFORE.search(before[-60:])
    if match is not None:
        offset = phrase.start - len(before[-60:])
        if match["l"]:
            left = _LEFT_AFTER.match(after)
            if left is None:
                return False
            kind = "killed" if left["k"] else "injured"
            cue = (phrase.end + left.start("cue"), phrase.end + left.end("cue"))
        else:
            own = _OWN_CUE.match(after)
            if own is not None and not _ONLY_VICTIM.match(after[: own.end()]):
                return False  # "killed 15 injured": the figure belongs to its own cue
            kind = "killed" if match["k"] else "injured"
            cue = (offset + match.start("cue"), offset + match.end("cue"))
        subject = _subject(after[:30], phrase.end, text)
        if subject is None and match["cue"].lower().startswith("execut"):
            return False  # "executed 3 operations": carried out, not put to death
        phrase.linked = (kind, cue[0], cue[1], "before")
        phrase.subject = subject
        return True
    toll = _TOLL.search(before)
    if toll is not None:
        kind = "killed" if toll["k"] else "injured"
        phrase.linked = (
            kind,
            window_start + toll.start("cue"),
            window_start + toll.end("cue"),
            "before",
        )
        phrase.subject = _subject(after[:30], phrase.end, text)
        return True
    return False


def _coordinate(text: str, phrases: list[_Phrase]) -> None:
    """ "20 fighters and 3 civilians were killed", "killing 12 soldiers and 3 civilians"."""
    for index, phrase in enumerate(phrases):
        if phrase.linked is not None:
            continue
        if index + 1 < len(phrases):
            nxt = phrases[index + 1]
            if (
                nxt.linked
                and nxt.linked[3] == "after"
                and _COORD.match(text[phrase.end : nxt.start])
            ):
                phrase.linked = nxt.linked
                phrase.subject = _subject(text[phrase.end : nxt.start], phrase.end, text)
                continue
        if index > 0:
            prev = phrases[index - 1]
            if (
                prev.linked
                and prev.linked[3] == "before"
                and _COORD.match(text[prev.end : phrase.start])
            ):
                phrase.linked = prev.linked
                phrase.subject = _subject(text[phrase.end : phrase.end + 30], phrase.end, text)


def _daily_count(text: str, pos: int, s_start: int, s_end: int) -> bool:
    """Whether the figure at ``pos`` belongs to a monitor's daily count; a headline list joins
    its items with ";" ("Gunmen kill 2 ...;137 killed on Friday"), so only its own item."""
    lo = text.rfind(";", s_start, pos) + 1 or s_start
    hi = text.find(";", pos, s_end)
    return bool(_AGGREGATE_DAILY.match(text, lo, s_end if hi < 0 else hi))


def _context_flags(text: str, pos: int, lo: int, hi: int, cue: str) -> tuple[bool, bool]:
    s_start, s_end = _sentence(text, pos, lo, hi)
    sentence = text[s_start:s_end].lower()
    aggregate = (
        any(c in sentence for c in _AGGREGATE)
        or bool(_AGGREGATE_PERIOD.search(sentence))
        or bool(_AGGREGATE_WAR.search(sentence))
        or _daily_count(text, pos, s_start, s_end)
    )
    next_end = _SENTENCE_END.search(text, min(s_end + 1, hi), hi)
    following = text[s_end : next_end.end() if next_end else hi].lower()
    rising = any(c in sentence for c in _RISING) or cue.lower().startswith("feared")
    if not rising and _TOLL_WORD.search(following):
        rising = any(c in following for c in _RISING)
    return rising, aggregate


def find_casualties(text: str, start: int = 0, end: int | None = None) -> list[CasualtyMention]:
    """Fatality and injury figures in ``text[start:end]``; offsets index the full text."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if not _may_hold_figures(text, start, end):
        return []
    phrases = _phrases(text, start, end)
    # A figure inside the phrase of one linked after it, before that one's verb ("15 people
    # including a number of children were killed"), is part of its description, not a count.
    described_until = -1
    for phrase in phrases:
        if phrase.start < described_until:
            continue
        if not _link_before(text, phrase, start, end) and _link_after(text, phrase, end):
            assert phrase.linked is not None  # _link_after links what it returns True for
            described_until = phrase.linked[1]
    _coordinate(text, phrases)

    mentions: dict[tuple[int, int], CasualtyMention] = {}
    for phrase in phrases:
        if phrase.linked is None:
            continue
        kind, cue_start, cue_end, _ = phrase.linked
        rising, aggregate = _context_flags(text, phrase.start, start, end, text[cue_start:cue_end])
        aggregate = aggregate or max(phrase.low or 0, phrase.best or 0) >= _AGGREGATE_SIZE
        mentions[(phrase.start, phrase.end)] = CasualtyMention(
            kind, phrase.best, phrase.low, phrase.high, phrase.start, phrase.end,
            cue_start, cue_end, rising, aggregate, phrase.subject,
        )  # fmt: skip
    for pattern in (_SINGLE_PASSIVE, _SINGLE_ACTIVE):
        for match in pattern.finditer(text, start, end):
            span = match.span("det")
            if span in mentions:
                continue
            cue_group = "cue" if match["cue"] else "cue2"
            kind = "injured" if match["i"] else "killed"
            cue_text = match[cue_group]
            rising, aggregate = _context_flags(text, span[0], start, end, cue_text)
            mentions[span] = CasualtyMention(
                kind, 1, 1, 1, span[0], span[1], match.start(cue_group), match.end(cue_group),
                rising, aggregate, match["noun"],
            )  # fmt: skip
            if pattern is _SINGLE_ACTIVE:
                # "killed a commander as well as five of his entourage": one toll of six
                for phrase in phrases:
                    if (
                        phrase.linked is None
                        and phrase.start >= match.end()
                        and _JOINT.match(text[match.end() : phrase.start])
                        and not _OWN_VERB.match(text[phrase.end : phrase.end + 12])
                    ):
                        subject = _subject(text[phrase.end : phrase.end + 30], phrase.end, text)
                        mentions[(phrase.start, phrase.end)] = CasualtyMention(
                            kind, phrase.best, phrase.low, phrase.high, phrase.start,
                            phrase.end, match.start(cue_group), match.end(cue_group), rising,
                            aggregate, subject,
                        )  # fmt: skip
    return sorted(mentions.values(), key=lambda m: (m.start, m.end))
