"""Which reports describe one event: compatible type, date, place, actors; near-misses apart."""

from __future__ import annotations

from conflictlens.corroborate import similarity
from corroborate.corroborate_records import report


def test_matching_same_event_from_two_outlets_with_different_tolls() -> None:
    a = report("d1", "SANA", fatalities=43)
    b = report("d2", "Observatory", fatalities=48, actor1="Islamic State (Syria)")
    score = similarity(a, b)
    assert score is not None and score > 0.7


def test_matching_conflicting_perpetrators_do_not_split() -> None:
    a = report("d1", "SANA", actor1="Hayat Tahrir al-Sham")
    b = report("d2", "Orient", actor1="Military Forces of Syria (2000-2024)")
    assert similarity(a, b) is not None  # both name the same victims: one event, disputed


def test_matching_same_place_other_day_is_another_event() -> None:
    a = report("d1", "Reuters")
    later = report(
        "d2", "Reuters AR", event_date="2017-01-12", date_start="2017-01-12", date_end="2017-01-12"
    )
    assert similarity(a, later) is None


def test_matching_one_day_apart_is_tolerated() -> None:
    a = report("d1", "Reuters")
    b = report("d2", "AFP", event_date="2017-01-08", date_start="2017-01-08", date_end="2017-01-08")
    assert similarity(a, b) is not None


def test_matching_same_day_other_place_is_another_event() -> None:
    a = report("d1", "Reuters")
    idlib = report("d2", "AFP", admin1="Idleb", location="Idlib", latitude=35.93, longitude=36.63)
    assert similarity(a, idlib) is None
    # Same governorate, a town 40 km away, both named exactly: not the same place either.
    nearby = report("d3", "AFP", location="Al Bab", latitude=36.37, longitude=37.52)
    assert similarity(a, nearby) is None


def test_matching_region_level_report_matches_a_town_inside_it() -> None:
    a = report("d1", "Reuters")
    region = report("d2", "TASS", location="Aleppo", geo_precision=3, latitude=None, longitude=None)
    assert similarity(a, region) is not None


def test_matching_uncertainty_does_not_force_a_merge() -> None:
    a = report("d1", "Reuters")
    month = report(
        "d2",
        "TASS",
        event_date="2017-01-15",
        date_start="2017-01-01",
        date_end="2017-01-31",
        time_precision=3,
    )
    country_only = report("d3", "TASS", admin1="", location="Syria", geo_precision=3)
    assert similarity(a, month) is None
    assert similarity(a, country_only) is None


def test_matching_disjoint_named_actor_pairs_are_two_events() -> None:
    a = report(
        "d1",
        "Reuters",
        actor1="Islamic State (Syria)",
        actor2="SDF: Syrian Democratic Forces",
        event_type="Battles",
        sub_event_type="Armed clash",
    )
    b = report(
        "d2",
        "AFP",
        actor1="Military Forces of Turkey (2016-)",
        actor2="Hayat Tahrir al-Sham",
        event_type="Battles",
        sub_event_type="Armed clash",
    )
    assert similarity(a, b) is None


def test_matching_never_within_one_document() -> None:
    assert similarity(report("d1", "Reuters"), report("d1", "Reuters", event_id="e2")) is None


def test_matching_a_day_apart_in_the_governorate_city_needs_a_tie() -> None:
    city = {"location": "Aleppo", "latitude": 36.2, "longitude": 37.16, "fatalities_low": None}
    a = report("d1", "Reuters", fatalities=22, actor1="", **city)
    b = report(
        "d2",
        "AFP",
        fatalities=19,
        actor1="",
        event_date="2017-01-08",
        date_start="2017-01-08",
        date_end="2017-01-08",
        **city,
    )
    assert similarity(a, b) is None  # two days' shelling of Aleppo, two tolls: two events
    same_toll = b.event.model_copy(update={"fatalities": 22})
    assert similarity(a, type(b)(b.doc_id, b.source, b.published, same_toll)) is not None
