"""The shortcuts in the per-sentence extractors give what the plain scans give, text by text."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictlens.extract import attribution, dates, numbers

WORDS = [
    "Police", "said", "according", "to", "“the", "army”", "claimed", "12", "killed", "were",
    "wounded", "April", "19,", "2024", "on", "Thursday", "two", "weeks", "ago", "İSIS", "ſhelled",
    "likely", "may", "the", "death", "toll", "rose", "to", "dozens", "left", "dead.", "Mr.",
    "well-known", "O’Brien", "attack.", "\n", "\n\n", "“It", "was", "over,”", "he", "said.",
    "last", "week", "in", "May", "1990s", "2024-04-02", "at", "least", "five", "civilians",
    "over", "the", "past", "recent", "months", "yesterday", "tonight", "Sept.", "mid-2015",
    "18th", "of", "March", "previous", "a", "boy", "was", "shot", "killing", "one", "soldier",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(TEXT, st.integers(0, 300), st.integers(0, 300))
def test_tokens_of_a_range_are_those_of_a_scan_of_it(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert attribution._tokenize(text, start, end) == attribution._scan(text, start, end)
    assert attribution._tokenize(text) == attribution._scan(text, 0, len(text))


def test_tokens_do_not_leak_between_texts():
    first, second = "Rebels said it.", "Rebels denied it."
    assert [t.text for t in attribution._tokenize(first)] == ["Rebels", "said", "it", "."]
    assert [t.text for t in attribution._tokenize(second)] == ["Rebels", "denied", "it", "."]
    # a range cut inside a word is scanned as such, not taken from the whole-text tokens
    assert [t.text for t in attribution._tokenize(second, 2, 9)] == ["bels", "de"]


def _plain_break(text: str, pos: int) -> int:
    start = 0
    for m in re.finditer(r"[.!?][\"”’)]*\s+|\n\s*\n|\n", text[:pos]):
        start = m.end()
    return start


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_sentence_start_lookup_matches_a_rescan(text):
    for pos in range(len(text) + 1):
        assert attribution._sentence_bounds(text, pos, 0, len(text))[0] == _plain_break(text, pos)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_date_gates_change_no_date(text):
    gated = dates.find_dates(text, date(2024, 4, 24))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dates, "_PATTERNS", [(p, r, ()) for p, r, _ in dates._PATTERNS])
        assert dates.find_dates(text, date(2024, 4, 24)) == gated


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_casualty_cue_gate_changes_no_figure(text):
    gated = numbers.find_casualties(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(numbers, "_CUE_WORDS", None)
        assert numbers.find_casualties(text) == gated


def test_casualty_cue_words_come_from_the_lexicon():
    assert numbers._CUE_WORDS is not None
    assert {"kill", "dead", "toll", "wounded", "died"} <= set(numbers._CUE_WORDS)
    assert numbers.find_casualties("Five soldiers and two civilians were in the convoy.") == []
