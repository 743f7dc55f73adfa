"""Fatality and injury figures by ACLED's conservative rules."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictlens.extract.numbers import CasualtyMention, find_casualties, parse_number

SHARED = Path(__file__).parents[2] / "../shared/data"


def figures(text: str) -> list[tuple[str, str, int | None]]:
    return [(m.kind, text[m.start : m.end], m.best) for m in find_casualties(text)]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("20", (20, 20, 20)),
        ("at least 12", (12, 12, None)),
        ("more than 20", (20, 20, None)),
        ("over 20", (20, 20, None)),
        ("dozens", (12, 12, None)),
        ("a dozen", (12, 12, 12)),
        ("hundreds", (100, 100, None)),
        ("several", (3, 3, None)),
        ("a few", (3, 3, None)),
        ("many", (10, 10, None)),
        ("tens", (10, 10, None)),
        ("twenty", (20, 20, 20)),
        ("five", (5, 5, 5)),
        ("two hundred", (200, 200, 200)),
        ("twenty-five", (25, 25, 25)),
        ("34,000", (34000, 34000, 34000)),
        ("20 to 30", (20, 20, 30)),
        ("between 20 and 30", (20, 20, 30)),
        ("nearly 20", (None, 20, 20)),
        ("about 20", (None, 20, None)),
        ("not a number", (None, None, None)),
    ],
)
def test_numbers_parse_number_follows_acled(phrase, expected):
    assert parse_number(phrase) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20 fighters from the brigade, an armed group, were killed.", [("killed", "20", 20)]),
        ("The strike killed 12 people.", [("killed", "12", 12)]),
        ("Gunmen attacked, killing at least 12.", [("killed", "at least 12", 12)]),
        ("The blast left 5 dead.", [("killed", "5", 5)]),
        ("The death toll rose to 7.", [("killed", "7", 7)]),
        ("12 people died in the attack.", [("killed", "12", 12)]),
        ("5 were wounded.", [("injured", "5", 5)]),
        ("Shells hit the market, injuring 3.", [("injured", "3", 3)]),
        ("Dozens of civilians were killed.", [("killed", "Dozens", 12)]),
        ("More than 20 soldiers were killed.", [("killed", "More than 20", 20)]),
        ("Twenty people were killed.", [("killed", "Twenty", 20)]),
        ("Two civilians who were killed in Idlib were buried.", [("killed", "Two", 2)]),
        ("Three soldiers that were wounded died later.", [("injured", "Three", 3)]),
        # the relative clause's own verb: the gunmen killed, the one boy was killed
        ("Two gunmen who killed a boy were arrested.", [("killed", "a", 1)]),
        ("IS executed at least 70 of its own members.", [("killed", "at least 70", 70)]),
        (
            "The helicopter was shot down, killing all five people on board.",
            [("killed", "five", 5)],
        ),
        ("The army executed 3 operations.", []),
        ("Gunmen killed two and wounded five.", [("killed", "two", 2), ("injured", "five", 5)]),
    ],
)
def test_numbers_find_casualty_patterns(text, expected):
    assert figures(text) == expected


def test_numbers_killed_and_injured_are_kept_apart():
    text = "The raid killed 12 people and injured 30 others; 10 civilians killed 15 injured."
    assert figures(text) == [
        ("killed", "12", 12),
        ("injured", "30", 30),
        ("killed", "10", 10),
        ("injured", "15", 15),
    ]


def test_numbers_range_keeps_low_and_high():
    (mention,) = find_casualties("Between 20 and 30 people were killed.")
    assert (mention.low, mention.best, mention.high) == (20, 20, 30)


@pytest.mark.parametrize(
    "text",
    [
        "A boy who was about 10 years old was seen.",
        "The offensive lasted six months.",
        "north of the 55-kilometer protected area",
        "In 1948 over 90,000 Palestinians fled to Syria.",
        "The air force destroyed three bases for militants.",
        "Casualties were reported after the clashes.",
        "The war began in 2011 and 2,000 families were displaced.",
    ],
)
def test_numbers_non_casualty_numbers_are_ignored(text):
    assert find_casualties(text) == []


def test_numbers_attackers_are_not_victims_singular_victim_is_one():
    text = (
        "Video images emerged of five fighters from the Nour al-Din group beheading a "
        "Palestinian boy who was about 10 years old."
    )
    (mention,) = find_casualties(text)
    assert (mention.kind, mention.best, mention.subject) == ("killed", 1, "boy")
    assert text[mention.cue_start : mention.cue_end] == "beheading"
    assert find_casualties("Five gunmen killed a soldier.")[0].best == 1


def test_numbers_singular_passive_victim():
    (mention,) = find_casualties("A civilian was killed in the shelling.")
    assert (mention.best, mention.subject) == (1, "civilian")


def test_numbers_aggregate_figures_are_flagged():
    text = (
        "the onslaught in Gaza that has now killed more than 34,000 Palestinians, mostly women "
        "and children, in a span of six months."
    )
    (mention,) = find_casualties(text)
    assert mention.aggregate and mention.best == 34000 and mention.high is None
    (single,) = find_casualties("An airstrike killed 12 people in Idlib on Monday.")
    assert not single.aggregate


def test_numbers_rising_toll_is_flagged():
    (mention,) = find_casualties(
        "Several members were injured too, with the death toll expected to rise."
    )
    assert (mention.kind, mention.best, mention.rising, mention.subject) == (
        "injured",
        3,
        True,
        "members",
    )
    later = find_casualties("At least 112 people were killed. The number was expected to rise.")
    assert later[0].rising


def test_numbers_coordinated_figures_share_their_cue():
    assert figures("20 fighters and 3 civilians were killed.") == [
        ("killed", "20", 20),
        ("killed", "3", 3),
    ]


def test_numbers_subject_is_the_counted_noun():
    (mention,) = find_casualties("20 Palestinian fighters were killed on Friday.")
    assert mention.subject == "fighters"


def test_numbers_window_and_offsets():
    text = "5 were wounded. The strike killed 12 people."
    found = find_casualties(text, start=16)
    assert [(m.kind, text[m.start : m.end]) for m in found] == [("killed", "12")]


def test_numbers_fast_enough_per_sentence():
    sentence = (
        "20 fighters from Liwa al-Quds, a Palestinian armed group affiliated with the Syrian "
        "army, were killed, and several members were injured, with the toll expected to rise."
    )
    started = time.perf_counter()
    for _ in range(200):
        find_casualties(sentence)
    assert (time.perf_counter() - started) / 200 < 0.002


_NUMBER_WORDS = ["12", "at least 7", "more than 30", "dozens", "several", "twenty", "5 to 9"]
_FRAMES = [
    "{n} civilians were killed.",
    "The strike killed {n} people.",
    "The blast left {n} dead.",
    "{n} soldiers were wounded.",
    "The death toll rose to {n}.",
    "Fighting raged, injuring {n}.",
]


@settings(max_examples=80, deadline=None)
@given(
    prefix=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40),
    number=st.sampled_from(_NUMBER_WORDS),
    frame=st.sampled_from(_FRAMES),
)
def test_numbers_bounds_ordered_and_offsets_slice_phrase(prefix, number, frame):
    text = prefix + " " + frame.format(n=number)
    for mention in find_casualties(text):
        assert isinstance(mention, CasualtyMention)
        low, best, high = parse_number(text[mention.start : mention.end])
        if text[mention.start : mention.end].lower() not in {"a", "an", "one"}:
            assert (low, best, high) == (mention.low, mention.best, mention.high)
        values = [v for v in (mention.low, mention.best, mention.high) if v is not None]
        assert values == sorted(values)
        assert mention.kind in {"killed", "injured"}
        assert 0 <= mention.cue_start < mention.cue_end <= len(text)


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=200))
def test_numbers_never_raise_on_arbitrary_text(text):
    for mention in find_casualties(text):
        assert 0 <= mention.start < mention.end <= len(text)


@pytest.mark.shared_data
def test_numbers_fakes_titles_recover_crowd_counts():
    """FA-KES headlines ("10 civilians killed 15 injured ...") against the crowd's counts."""
    path = SHARED / "realnews/fakes/fakes.jsonl"
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found = 0
    for row in rows:
        killed = [m for m in find_casualties(row["title"]) if m.kind == "killed"]
        if killed:
            found += 1
            assert all(m.best is None or m.best >= 0 for m in killed)
    assert found >= 30, found


def test_numbers_killed_or_wounded_and_casualties_are_not_fatalities():
    assert find_casualties("More than 15 killed or wounded by aerial bombardment.") == []
    text = "7 casualties including four children killed in shelling"
    assert figures(text) == [("killed", "four", 4)]
    assert figures("Final death toll for Tuesday 25/12/2012") == []


def test_numbers_long_period_totals_are_aggregate():
    (mention,) = find_casualties("About 4500 persons executed by ISIS during 27 months.")
    assert mention.aggregate and mention.best == 4500


def test_a_figure_is_not_linked_to_a_cue_in_the_next_sentence() -> None:
    # "Shelling left 3" is a headline; "Dead" starts the next paragraph: no toll, and never an
    # evidence span outside the sentence that was asked about.
    text = "Shelling left 3\n\nDead bodies were found near the market on Monday."
    assert find_casualties(text, 0, 15) == []
    (same_sentence,) = find_casualties("Shelling left 3 dead near the market.", 0, 37)
    assert (same_sentence.kind, same_sentence.best) == ("killed", 3)


@pytest.mark.parametrize(
    "text, best",
    [
        # an apposition whose commas were lost: the outer figure counts, the inner is part of it
        ("At least 15 people including a number of children were killed by airstrikes.", 15),
        ("Over 110 Al-Nusra militants most of them non-Syrians were killed in the raid.", 110),
        ("20 fighters, including 3 children, were killed.", 20),
        ("The rocket led to the killing of one person and the injury of 40 others.", 1),
    ],
)
def test_numbers_the_count_is_the_outer_figure_and_nouns_of_killing_link(text, best):
    killed = [m for m in find_casualties(text) if m.kind == "killed"]
    assert [m.best for m in killed] == [best]


def test_numbers_war_tolls_and_huge_figures_are_aggregate():
    (war,) = find_casualties("More than 170000 people have been killed in Syrias civil war.")
    (huge,) = find_casualties("More than 300000 people have been killed and millions fled.")
    (zone,) = find_casualties("At least 12 people died in the conflict zone on Monday.")
    (torn,) = find_casualties("20 people were killed in the war-torn city of Aleppo.")
    (spread,) = find_casualties("20 people were killed yesterday in several areas in Syria.")
    (days,) = find_casualties("The toll during 23 days of bombardment rose to 1170 killed.")
    assert war.aggregate and huge.aggregate and spread.aggregate and days.aggregate
    assert not zone.aggregate and not torn.aggregate


def test_numbers_a_monitors_daily_count_is_aggregate():
    # a whole headline, or a day's count broken down into fighters and civilians: many events
    (headline,) = find_casualties("222 died yesterday")
    broken = find_casualties(
        "81 persons were killed yesterday including 13 regime forces' members and about 40 ISIS "
        "members"
    )
    assert headline.aggregate and broken and all(m.aggregate for m in broken)
    # an item of a headline list keeps its own figure
    item, daily = find_casualties("Gunmen kill 2 IS militants in Bokamal;137 killed on Friday")
    assert (item.best, item.aggregate, daily.best, daily.aggregate) == (2, False, 137, True)
    # one event's toll, told after the event
    (toll,) = find_casualties("A shell hit Douma. 25 were killed yesterday, including 5 children.")
    assert not toll.aggregate


def test_numbers_a_single_victim_and_a_group_make_one_toll():
    text = "The army killed a terrorist commander as well as five of his entourage."
    figures = find_casualties(text)
    assert [m.best for m in figures] == [1, 5]
    assert len({(m.cue_start, m.cue_end) for m in figures}) == 1  # one verb: one toll of six
    # a group with a verb of its own is not the victims
    assert [m.best for m in find_casualties("Gunmen killed a policeman and 3 were arrested.")] == [
        1
    ]
