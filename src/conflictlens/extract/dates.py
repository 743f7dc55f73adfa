"""When: date expressions resolved against the publication date, with ACLED time precision.

News reports rarely print a full date: "on Thursday", "nearly two weeks ago", "in July" only mean
something relative to the day the article was published. This module finds such expressions,
resolves each to the span of days it allows (inclusive) and gives it an ACLED ``time_precision``
(1 = a day, 2 = a week or a few days, 3 = a month or vaguer).

Why a small regex grammar instead of ``dateparser.search_dates``: search_dates flags ordinary words
("may", "second", "now") as dates, returns single datetimes instead of spans, ignores hedges
("nearly two weeks ago") and does not check a printed weekday against the date. The forms news
uses are few and regular; a grammar over them is exact about offsets, explicit about spans and
runs in microseconds per sentence. ``dateparser`` is still used as the last fallback of
:func:`parse_published`, where a whole string is known to be a date.

Spans of relative past expressions never end after ``published``. ``event_date`` follows the
ACLED Codebook ("Time precision codes"): the actual date when known; otherwise the middle of the
period, or its first / last day when the text says "beginning" / "end" (early / late) of a month.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["DateMention", "event_date", "find_dates", "is_year_only", "parse_published"]

_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class DateMention:
    """One date expression: its text span and the span of days it allows."""

    start: int  # offsets into the full document text
    end: int
    text: str
    date_start: date  # inclusive
    date_end: date  # inclusive
    precision: int  # ACLED time_precision: 1 day, 2 week / a few days, 3 month or vaguer
    relative: bool  # resolved against the publication date
    warning: str | None = None  # weekday/date mismatch and the like
    kind: str = "date"  # date | month | year | since | decade | weekday | day | week | ago | vague
    anchor: str = "middle"  # which day ACLED codes for a span: start | middle | end


# --------------------------------------------------------------------------- vocabulary


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    with (_DATA / "date_words.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _alternation(names: list[str]) -> str:
    """Longest first, so "Sept" wins over "Sep" and "September" over both."""
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


_W = _words()
_MONTHS: dict[str, int] = _W["months"]
_WEEKDAYS: dict[str, int] = _W["weekdays"]
_WEEKDAYS_ANY: dict[str, int] = {**_WEEKDAYS, **_W["weekday_abbreviations"]}
_PARTS: dict[str, dict[str, Any]] = {k: v for k, v in _W["month_parts"].items() if k != "_about"}
_UNIT_DAYS: dict[str, int] = _W["units_in_days"]
_TOLERANCE: dict[str, int] = {k: v for k, v in _W["ago_tolerance_days"].items() if k != "_about"}
_HEDGES: dict[str, dict[str, int]] = {k: v for k, v in _W["ago_hedges"].items() if k != "_about"}
_VAGUE: dict[str, list[int]] = {k: v for k, v in _W["vague_counts"].items() if k != "_about"}
_RECENT: dict[str, int] = {k: v for k, v in _W["recent_periods_days"].items() if k != "_about"}

# Month and weekday names are matched case-sensitively (capitalised): "may", "march" and "sun"
# are ordinary words; a month abbreviation may carry a full stop ("Apr.").
_MONTH = rf"(?:{_alternation(list(_MONTHS))})\.?"
_WD_FULL = _alternation(list(_WEEKDAYS))
_WD_ANY = rf"(?:{_alternation(list(_WEEKDAYS_ANY))})\.?"
_DAY = r"(?<![\d,.])(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[6-9]|20)\d\d(?!\d)"
_I = "(?i:"  # scoped case-insensitivity for ordinary words

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
# (Only the small counts that occur with "ago"; big numbers come from numbers.parse_number.)
_COUNT = (
    r"(?P<count>\d{1,3}|"
    + _alternation(list(_NUMBER_WORDS))
    + "|"
    + _alternation([k for k in _VAGUE if k not in {"a", "an", "one"}])
    + r"|an?)"
)
_HEDGE = r"(?P<hedge>" + _alternation([k for k in _HEDGES if k]) + r")"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"


def _month_num(token: str) -> int:
    return _MONTHS[token.rstrip(".")]


def _weekday_num(token: str) -> int:
    return _WEEKDAYS_ANY[token.rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _precision_for_length(first: date, last: date) -> int:
    days = (last - first).days + 1
    return 1 if days <= 1 else 2 if days <= 10 else 3


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    mention: DateMention | None  # None: a date-looking span that is impossible; it blocks others


_Resolver = Callable[[re.Match[str], date | None, str], "DateMention | bool | None"]
# A resolver returns a DateMention; None (an impossible date: consume the span, report nothing);
# False (not resolvable, e.g. relative without a publication date: consume, report nothing); or
# True (not a date expression after all: ignore the match).


def _mk(
    match: re.Match[str],
    first: date,
    last: date,
    precision: int,
    relative: bool,
    *,
    group: str | int = 0,
    span: tuple[int, int] | None = None,
    warning: str | None = None,
    kind: str = "date",
    anchor: str = "middle",
    published: date | None = None,
) -> DateMention:
    start, end = span if span is not None else match.span(group)
    if relative and published is not None:
        last = min(last, published)
        first = min(first, last)
    return DateMention(
        start=start,
        end=end,
        text=match.string[start:end],
        date_start=first,
        date_end=last,
        precision=precision,
        relative=relative,
        warning=warning,
        kind=kind,
        anchor=anchor,
    )


def _weekday_warning(day: date, weekday: int) -> str:
    return (
        f"weekday mismatch: {day.isoformat()} is a {calendar.day_name[day.weekday()]}, "
        f"the text says {calendar.day_name[weekday]}"
    )


def _full_date(match: re.Match[str], published: date | None, _: str) -> DateMention | None:
    day = _safe_date(
        int(match["year"]), _month_num(match["month"]), int(re.sub(r"\D", "", match["day"]))
    )
    if day is None:
        return None
    warning = None
    if match["wd"] and _weekday_num(match["wd"]) != day.weekday():
        warning = _weekday_warning(day, _weekday_num(match["wd"]))
    return _mk(match, day, day, 1, False, warning=warning)


def _iso_date(match: re.Match[str], published: date | None, _: str) -> DateMention | None:
    day = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    return None if day is None else _mk(match, day, day, 1, False)


def _day_month(match: re.Match[str], published: date | None, _: str) -> DateMention | bool | None:
    """ "April 19", "Thursday, April 18": the most recent such date not after publication."""
    month, day_num = _month_num(match["month"]), int(re.sub(r"\D", "", match["day"]))
    if _safe_date(2000, month, day_num) is None:  # 2000 is a leap year: Feb 29 stays possible
        return None
    if published is None:
        return False
    candidates = []
    for year in range(published.year, published.year - 9, -1):
        day = _safe_date(year, month, day_num)
        if day is not None and day <= published:
            candidates.append(day)
        if len(candidates) == 2:
            break
    if not candidates:
        return None
    chosen, warning = candidates[0], None
    if match["wd"]:
        weekday = _weekday_num(match["wd"])
        if chosen.weekday() != weekday:
            if len(candidates) > 1 and candidates[1].weekday() == weekday:
                chosen = candidates[1]
            else:
                warning = _weekday_warning(chosen, weekday)
    return _mk(match, chosen, chosen, 1, True, warning=warning, published=published)


def _part_bounds(part: str | None, year: int, month: int) -> tuple[date, date, str, int]:
    first, last = _month_span(year, month)
    if not part:
        return first, last, "middle", 3
    key = part.lower().split()[-1] if " of" not in part.lower() else part.lower().split()[1]
    key = key.rstrip("-")
    info = _PARTS.get(key, {"first": 1, "last": 31, "anchor": "middle"})
    lo = _safe_date(year, month, info["first"]) or first
    hi = _safe_date(year, month, min(info["last"], last.day)) or last
    return lo, hi, info["anchor"], 3


def _month_year(match: re.Match[str], published: date | None, _: str) -> DateMention:
    first, last, anchor, precision = _part_bounds(
        match["part"], int(match["year"]), _month_num(match["month"])
    )
    return _mk(match, first, last, precision, False, group="x", kind="month", anchor=anchor)


def _month_only(match: re.Match[str], published: date | None, _: str) -> DateMention | bool:
    """ "in July": the most recent July not after publication (ACLED precision 3)."""
    if not match["prep"] and not match["part"]:
        return True  # a bare capitalised "May" / "March" is too often a name or a verb
    if published is None:
        return False
    month = _month_num(match["month"])
    prep = (match["prep"] or "").strip().lower()
    year = published.year if month <= published.month else published.year - 1
    if prep == "last" and month == published.month:
        year -= 1
    first, last, anchor, precision = _part_bounds(match["part"], year, month)
    span = (match.start("x"), match.end("x"))
    if prep == "since":  # "since July": from the start of that month up to publication
        span = (match.start("prep"), match.end("x"))
        return _mk(
            match, first, published, precision, True, span=span, kind="since", anchor="start",
            published=published,
        )  # fmt: skip
    return _mk(
        match, first, last, precision, True, span=span, kind="month", anchor=anchor,
        published=published,
    )  # fmt: skip


def _year(match: re.Match[str], published: date | None, _: str) -> DateMention:
    year = int(match["year"])
    prep = re.sub(r"\s+", " ", (match["prep"] or "").lower())
    keep_prep = prep in {"since", "early", "late", "mid"} or prep.endswith(" of")
    span = (match.start("prep") if keep_prep else match.start("year"), match.end("year"))
    first, last = date(year, 1, 1), date(year, 12, 31)
    if prep in {"early", "late", "mid", "the end of", "the beginning of", "the start of"}:
        anchor = "start" if prep in {"early", "the beginning of", "the start of"} else "end"
        anchor = "middle" if prep == "mid" else anchor
        if anchor == "start":
            last = date(year, 4, 30)
        elif anchor == "end":
            first = date(year, 9, 1)
        else:
            first, last = date(year, 5, 1), date(year, 8, 31)
    if prep == "since":
        return _mk(
            match, first, max(last, published or last), 3, False, span=span, kind="since",
            anchor="start",
        )  # fmt: skip
    return _mk(match, first, last, 3, False, span=span, kind="year")


def _decade(match: re.Match[str], published: date | None, _: str) -> DateMention:
    decade = int(match["decade"])
    return _mk(match, date(decade, 1, 1), date(decade + 9, 12, 31), 3, False, kind="decade")


def _weekday_only(match: re.Match[str], published: date | None, _: str) -> DateMention | bool:
    """ "on Thursday": the most recent Thursday at or before publication."""
    if published is None:
        return False
    weekday = _WEEKDAYS[match["wd"]]
    back = (published.weekday() - weekday) % 7
    if back == 0 and (match["mod"] or "").strip().lower() == "last":
        back = 7
    day = published - timedelta(days=back)
    return _mk(match, day, day, 1, True, group="x", kind="weekday", published=published)


_DAY_WORDS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "yesterday": 1, "last night": 1, "the day before yesterday": 2,
}  # fmt: skip


def _day_word(match: re.Match[str], published: date | None, _: str) -> DateMention | bool:
    if published is None:
        return False
    key = re.sub(r"\s+", " ", match[0].lower())
    key = "yesterday" if key.startswith("yesterday") else key
    day = published - timedelta(days=_DAY_WORDS[key])
    return _mk(match, day, day, 1, True, kind="day", published=published)


def _period(match: re.Match[str], published: date | None, _: str) -> DateMention | bool:
    """last/this/earlier this week|weekend|month|year."""
    if published is None:
        return False
    words = re.sub(r"\s+", " ", match[0].lower())
    unit = words.split()[-1]
    previous = words.startswith(("last", "past", "previous", "early last", "late last"))
    monday = published - timedelta(days=published.weekday())
    anchor = "middle"
    if unit == "week":
        first = monday - timedelta(days=7) if previous else monday
        last = first + timedelta(days=6)
        precision = 2
    elif unit == "weekend":
        saturday = monday - timedelta(days=2) if published.weekday() < 5 else monday + timedelta(5)
        first = saturday - timedelta(days=7) if previous and published.weekday() >= 5 else saturday
        last = first + timedelta(days=1)
        precision = 2
    elif unit == "month":
        ref = _shift_months(published, 1) if previous else published
        first, last = _month_span(ref.year, ref.month)
        precision = 3
    else:
        year = published.year - 1 if previous else published.year
        first, last = date(year, 1, 1), date(year, 12, 31)
        precision = 3
    if words.startswith(("early", "late")) and unit in {"month", "year", "week"}:
        middle = first + (last - first) // 2
        if words.startswith("early"):
            last, anchor = middle, "start"
        else:
            first, anchor = middle, "end"
    kind = "year" if unit == "year" else "week" if unit in {"week", "weekend"} else "month"
    return _mk(match, first, last, precision, True, kind=kind, anchor=anchor, published=published)


def _count_range(count: str) -> tuple[int, int]:
    key = re.sub(r"\s+", " ", count.lower())
    if key.isdigit():
        return int(key), int(key)
    if key in _NUMBER_WORDS:
        return _NUMBER_WORDS[key], _NUMBER_WORDS[key]
    lo, hi = _VAGUE[key]
    return lo, hi


def _ago(match: re.Match[str], published: date | None, _: str) -> DateMention | bool:
    """ "nearly two weeks ago": a span around publication minus N units, widened by hedges."""
    if published is None:
        return False
    unit = match["unit"].lower()
    lo, hi = _count_range(match["count"])
    size, tol = _UNIT_DAYS[unit], _TOLERANCE[unit]
    hedge = _HEDGES[re.sub(r"\s+", " ", (match["hedge"] or "").lower())]
    if lo != hi:  # a vague count already is a range: no extra tolerance for an unhedged one
        oldest = published - timedelta(days=hi * size + hedge["older"] * tol)
        newest = published - timedelta(days=max(0, lo * size - (hedge["newer"] - 1) * tol))
    else:
        centre = published - timedelta(days=lo * size)
        oldest = centre - timedelta(days=hedge["older"] * tol)
        newest = centre + timedelta(days=hedge["newer"] * tol)
    newest = min(newest, published)
    precision = 3 if unit in {"month", "year", "decade"} else _precision_for_length(oldest, newest)
    return _mk(match, oldest, newest, max(precision, 2), True, kind="ago", published=published)


def _past_period(match: re.Match[str], published: date | None, _: str) -> DateMention | bool:
    """ "over the past two weeks", "in recent months": from N units back up to publication."""
    if published is None:
        return False
    unit = match["unit"].lower()
    if match["recent"]:
        back = _RECENT[unit]
    else:
        hi = _count_range(match["count"])[1] if match["count"] else 1
        back = hi * _UNIT_DAYS[unit]
    first = published - timedelta(days=back)
    precision = max(2, _precision_for_length(first, published))
    return _mk(match, first, published, precision, True, kind="vague", published=published)


# --------------------------------------------------------------------------- grammar

# Cheap searches that a pattern's every match needs to succeed in the same range: a pattern is
# tried only where its gates find something (most sentences name no month and no weekday).
_HAS_DIGIT = re.compile(r"\d")
_HAS_MONTH = re.compile(_alternation(list(_MONTHS)))
_HAS_WEEKDAY = re.compile(_WD_FULL)
_HAS_UNIT = re.compile(r"(?i:day|week|month|year|decade)")
_HAS_AGO = re.compile(r"(?i:ago)")
_HAS_DAYTIME = re.compile(r"(?i:day|night|morning|afternoon|evening)")
_HAS_YEAR = re.compile(r"(?:1[6-9]|20)\d\d")  # _YEAR, and the ISO and decade years in it
_HAS_THIS_LAST = re.compile(r"(?i:this|last|previous)")
_HAS_RECENT = re.compile(r"(?i:recent|past|last)")
_MONTH_DIGIT = (_HAS_MONTH, _HAS_DIGIT)
_MONTH_YEAR = (_HAS_MONTH, _HAS_YEAR)

_PATTERNS: list[tuple[re.Pattern[str], _Resolver, tuple[re.Pattern[str], ...]]] = [
    (
        re.compile(
            rf"(?:(?P<wd>{_WD_ANY}),?\s+)?(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+"
            rf"(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})"
        ),
        _full_date,
        _MONTH_YEAR,
    ),
    (
        re.compile(
            rf"(?:(?P<wd>{_WD_ANY}),?\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})"
        ),
        _full_date,
        _MONTH_YEAR,
    ),
    (
        re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        _iso_date,
        (_HAS_YEAR,),
    ),
    (
        re.compile(
            rf"(?:(?P<wd>{_WD_ANY}),?\s+)?(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{_MONTH})"
            r"(?![\w-])"
        ),
        _day_month,
        _MONTH_DIGIT,
    ),
    (
        re.compile(
            rf"(?:(?P<wd>{_WD_ANY}),?\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?![\w,.]\d)"
        ),
        _day_month,
        _MONTH_DIGIT,
    ),
    (
        re.compile(
            rf"(?P<x>(?:(?P<part>{_I}early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))"
            rf"[\s-]+)?(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR}))"
        ),
        _month_year,
        _MONTH_YEAR,
    ),
    (
        re.compile(
            rf"\b(?P<prep>{_I}in|during|since|last|this|throughout|of|from)\s+)?"
            rf"(?P<x>(?:(?P<part>{_I}early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))"
            rf"[\s-]+)?(?P<month>{_MONTH}))(?![\w-]|\s+\d)"
        ),
        _month_only,
        (_HAS_MONTH,),
    ),
    (
        re.compile(
            rf"\b(?P<prep>{_I}in|since|during|throughout|by|until|from|early|late|mid|"
            rf"the\s+(?:beginning|start|end)\s+of|the\s+year|around|before|after|as\s+of))"
            rf"[\s-]+(?P<year>{_YEAR})(?!\s*(?:%|{_I}percent|per\s+cent))|[.,]\d|s\b)"
        ),
        _year,
        (_HAS_YEAR,),
    ),
    (re.compile(r"\b(?:the\s+)?(?P<decade>(?:1[89]|20)\d0)s\b"), _decade, (_HAS_YEAR,)),
    (
        re.compile(
            rf"\b(?P<x>(?:(?P<mod>{_I}last|this|early|late)\s+))?(?P<wd>{_WD_FULL})"
            rf"(?:\s+{_I}morning|afternoon|evening|night))?)\b"
        ),
        _weekday_only,
        (_HAS_WEEKDAY,),
    ),
    (
        re.compile(
            r"\b(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|"
            r"this\s+(?:morning|afternoon|evening)|earlier\s+today)\b"
        ),
        _day_word,
        (_HAS_DAYTIME,),
    ),
    (
        re.compile(
            r"\b(?i:(?:early|late)\s+(?:this|last)\s+(?:week|month|year)|"
            r"(?:earlier|later)\s+this\s+(?:week|month|year)|"
            r"(?:last|previous|this)\s+(?:weekend|week|month|year))\b"
        ),
        _period,
        (_HAS_UNIT, _HAS_THIS_LAST),
    ),
    (
        re.compile(rf"\b(?i:(?:{_HEDGE}\s+)?{_COUNT}\s+{_UNIT}\s+ago)\b"),
        _ago,
        (_HAS_AGO,),
    ),
    (
        re.compile(
            r"\b(?i:(?:in|over|during|within)\s+(?:the\s+)?(?:"
            rf"(?P<recent>recent)(?:\s+few)?|(?:past|last)(?:\s+{_COUNT})?)\s+{_UNIT})\b"
        ),
        _past_period,
        (_HAS_UNIT, _HAS_RECENT),
    ),
]


def _candidates(text: str, published: date | None, start: int, end: int) -> Iterator[_Candidate]:
    known: dict[re.Pattern[str], bool] = {}
    for pattern, resolve, gates in _PATTERNS:
        if not _gates_pass(gates, text, start, end, known):
            continue  # a piece every match contains is missing: the pattern cannot match
        for match in pattern.finditer(text, start, end):
            result = resolve(match, published, text)
            if result is True:
                continue
            if result is False:
                yield _Candidate(match.start(), match.end(), None)
            else:
                yield _Candidate(match.start(), match.end(), result or None)


def _gates_pass(
    gates: tuple[re.Pattern[str], ...],
    text: str,
    start: int,
    end: int,
    known: dict[re.Pattern[str], bool],
) -> bool:
    """Whether every gate finds something in ``text[start:end]``; each gate searched once."""
    for gate in gates:
        hit = known.get(gate)
        if hit is None:
            hit = known[gate] = gate.search(text, start, end) is not None
        if not hit:
            return False
    return True


def find_dates(
    text: str, published: date | None, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, resolved against ``published``; never raises.

    Overlapping matches keep the longest one ("Thursday, April 18" over "Thursday"); an
    impossible date ("February 30, 2024") keeps its span and yields nothing, so that no shorter
    piece of it ("February") is reported instead. Relative expressions need ``published``.
    """
    end = len(text) if end is None else min(end, len(text))
    try:
        found = sorted(
            _candidates(text, published, max(0, start), end),
            key=lambda c: (c.start, -(c.end - c.start)),
        )
    except (ValueError, OverflowError, KeyError, IndexError):  # defensive: calendar edge cases
        return []
    mentions: list[DateMention] = []
    taken_until = -1
    for candidate in found:
        if candidate.start < taken_until:
            continue
        taken_until = candidate.end
        if candidate.mention is not None:
            mentions.append(candidate.mention)
    return mentions


def event_date(mention: DateMention) -> date:
    """The single ACLED ``event_date`` for a mention.

    ACLED Codebook, "Time precision codes": the actual date when the source gives one
    (precision 1); for a week or similar period the middle of the period; for a month the
    midpoint, or the first / last day when the source notes the beginning / end of the month.
    Spans are already clipped to the publication date, so the result is never after it.
    """
    if mention.anchor == "start" or mention.precision == 1:
        return mention.date_start
    if mention.anchor == "end":
        return mention.date_end
    return mention.date_start + (mention.date_end - mention.date_start) // 2


def is_year_only(mention: DateMention) -> bool:
    """True for "in 2013", "since 2015", "last year", "the 1990s": history, not event days."""
    return mention.kind in {"year", "since", "decade"}


def parse_published(value: str) -> date | None:
    """A publication date from metadata: ISO date or datetime, RFC 2822 (RSS), else dateparser."""
    text = (value or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        import dateparser

        parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    except Exception:  # dateparser raises assorted errors on odd input; metadata is optional
        return None
    return parsed.date() if parsed is not None else None
