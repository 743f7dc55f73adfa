"""Dates resolve against the publication date with ACLED time precision."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictlens.extract.dates import event_date, find_dates, is_year_only, parse_published

PUBLISHED = date(2024, 4, 24)  # a Wednesday
SHARED = Path(__file__).parents[2] / "../shared/data"


def one(text: str, published: date | None = PUBLISHED):
    found = find_dates(text, published)
    assert len(found) == 1, found
    mention = found[0]
    assert text[mention.start : mention.end] == mention.text
    return mention


@pytest.mark.parametrize("text", ["on April 19, 2024", "19 April 2024", "the 19th of April, 2024"])
def test_dates_full_date_is_exact_day(text):
    mention = one(text)
    assert (mention.date_start, mention.date_end, mention.precision) == (
        date(2024, 4, 19),
        date(2024, 4, 19),
        1,
    )
    assert not mention.relative


def test_dates_month_day_without_year_takes_most_recent_past():
    assert one("on April 19").date_start == date(2024, 4, 19)
    assert one("on May 3").date_start == date(2023, 5, 3)


def test_dates_weekday_check_moves_to_previous_year():
    mention = one("on Thursday, April 18", date(2025, 4, 20))  # Apr 18 2025 is a Friday
    assert mention.date_start == date(2024, 4, 18)
    assert mention.warning is None


def test_dates_weekday_mismatch_keeps_date_with_warning():
    mention = one("on Friday, April 18")
    assert mention.date_start == date(2024, 4, 18)
    assert mention.warning and "Thursday" in mention.warning


def test_dates_weekday_alone_is_most_recent_such_day():
    assert one("on Thursday").date_start == date(2024, 4, 18)
    assert one("on Wednesday").date_start == PUBLISHED


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yesterday", date(2024, 4, 23)), ("today", PUBLISHED), ("last night", date(2024, 4, 23))],
)
def test_dates_day_words(text, expected):
    mention = one(text)
    assert mention.date_start == mention.date_end == expected
    assert mention.precision == 1 and mention.relative


def test_dates_last_week_is_previous_calendar_week_precision_2():
    mention = one("last week")
    assert (mention.date_start, mention.date_end, mention.precision) == (
        date(2024, 4, 15),
        date(2024, 4, 21),
        2,
    )
    assert event_date(mention) == date(2024, 4, 18)  # ACLED: middle of the week


def test_dates_ago_spans_and_hedges_widen():
    plain = one("two weeks ago")
    nearly = one("Nearly two weeks ago")
    assert plain.precision == nearly.precision == 2
    assert nearly.date_end > plain.date_end  # "nearly": less time has passed
    assert nearly.date_start <= date(2024, 4, 10) <= nearly.date_end
    assert one("about two weeks ago").date_start < plain.date_start
    three = one("three days ago")
    assert three.date_start <= date(2024, 4, 21) <= three.date_end and three.precision == 2
    few = one("a few days ago")
    assert few.precision == 2 and few.date_end < PUBLISHED


def test_dates_month_alone_is_most_recent_past_month():
    mention = one("In July, video images emerged")
    assert (mention.text, mention.date_start, mention.date_end) == (
        "July",
        date(2023, 7, 1),
        date(2023, 7, 31),
    )
    assert mention.precision == 3
    current = one("in April")
    assert current.date_end == PUBLISHED  # never after publication


def test_dates_month_parts_follow_acled_anchors():
    early, late = one("in early March"), one("in late March")
    assert early.precision == late.precision == 3
    assert event_date(early) == date(2024, 3, 1)
    assert event_date(late) == date(2024, 3, 31)
    assert date(2024, 3, 11) <= event_date(one("in mid-March")) <= date(2024, 3, 20)


def test_dates_last_month_and_earlier_this_month():
    last = one("last month")
    assert (last.date_start, last.date_end, last.precision) == (
        date(2024, 3, 1),
        date(2024, 3, 31),
        3,
    )
    earlier = one("earlier this month")
    assert (earlier.date_start, earlier.date_end) == (date(2024, 4, 1), PUBLISHED)


def test_dates_years_are_year_only():
    founded = one("The brigade was formed in 2013 by engineer X")
    assert (founded.text, founded.date_start, founded.date_end, founded.precision) == (
        "2013",
        date(2013, 1, 1),
        date(2013, 12, 31),
        3,
    )
    assert is_year_only(founded)
    since = one("has supported the army since 2015.")
    assert since.text == "since 2015" and is_year_only(since)
    assert is_year_only(one("last year"))
    assert not is_year_only(one("on April 19, 2024"))


@pytest.mark.parametrize("text", ["on 31 February", "on February 30, 2024", "in February 30, 2024"])
def test_dates_impossible_dates_yield_nothing(text):
    assert find_dates(text, PUBLISHED) == []


def test_dates_relative_needs_publication_date():
    assert find_dates("on Thursday, two weeks ago, in July", None) == []
    assert one("on April 19, 2024", None).date_start == date(2024, 4, 19)


def test_dates_ordinary_words_are_not_dates():
    assert find_dates("May God protect them; troops march on; 2,000 people fled", PUBLISHED) == []


def test_dates_respects_start_end_window_and_offsets():
    text = "Yesterday it began. On Thursday, April 18, troops moved."
    found = find_dates(text, PUBLISHED, start=20)
    assert [m.text for m in found] == ["Thursday, April 18"]


def test_dates_parse_published_accepts_iso_and_rss():
    assert parse_published("2024-04-24") == PUBLISHED
    assert parse_published("2024-04-24T22:10:00+00:00") == PUBLISHED
    assert parse_published("2024-04-24T22:10:00Z") == PUBLISHED
    assert parse_published("Wed, 24 Apr 2024 10:00:00 GMT") == PUBLISHED
    assert parse_published("") is None
    assert parse_published("not a date") is None
    assert parse_published("2024-02-30") is None


def test_dates_fast_enough_per_sentence():
    sentence = (
        "Nearly two weeks ago, on Thursday, April 18, fighters from the brigade, formed in 2013, "
        "attacked positions in the eastern countryside, the ministry said last week."
    )
    started = time.perf_counter()
    for _ in range(200):
        find_dates(sentence, PUBLISHED)
    assert (time.perf_counter() - started) / 200 < 0.001


_PAST_PHRASES = [
    "on Thursday", "yesterday", "last week", "two weeks ago", "nearly two weeks ago",
    "a few days ago", "in July", "last month", "earlier this month", "in early March",
    "April 19", "on Thursday, April 18", "three days ago", "in recent months", "last year",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    published=st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
    phrase=st.sampled_from(_PAST_PHRASES),
)
def test_dates_relative_past_never_after_published(published, phrase):
    for mention in find_dates(f"It happened {phrase}.", published):
        assert mention.date_start <= mention.date_end <= published
        assert mention.date_start <= event_date(mention) <= mention.date_end
        assert mention.precision in (1, 2, 3)


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=200))
def test_dates_never_raise_on_arbitrary_text(text):
    for mention in find_dates(text, PUBLISHED):
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.shared_data
def test_dates_full_dates_in_fakes_texts_match_their_date_field():
    """FA-KES articles mostly open with a dateline near their incident date (the `date` field is
    the crowd-coded incident date, so a few days' or weeks' difference is expected)."""
    import json

    path = SHARED / "realnews/fakes/fakes.jsonl"
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    hits = total = 0
    for row in rows:
        published = parse_published(row["published"])
        full = [m for m in find_dates(row["text"][:300], published) if not m.relative]
        if full:
            total += 1
            hits += abs((full[0].date_start - published).days) <= 31 if published else 0
    assert total >= 20 and hits / total >= 0.9, (hits, total)


def test_dates_event_date_is_within_span():
    mention = one("over the past two weeks")
    assert mention.date_start == PUBLISHED - timedelta(days=14)
    assert mention.date_start <= event_date(mention) <= mention.date_end
