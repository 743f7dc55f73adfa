"""Consensus records: ACLED's conservative fatalities, dissent kept, copies counted once."""

from __future__ import annotations

from conflictlens.corroborate import build_consensus, consensus_event
from corroborate.corroborate_records import report


def _three_outlets() -> list:
    return [
        report("state", "SANA", fatalities=12, fatalities_low=12, actor1="Hayat Tahrir al-Sham"),
        report("monitor", "Observatory", fatalities=20, fatalities_low=20),
        report(
            "partisan",
            "Partisan",
            fatalities=24,
            fatalities_low=24,
            fatalities_high=36,
            certainty="claimed",
            actor1="Military Forces of Syria (2000-2024)",
        ),
    ]


def test_consensus_fatalities_best_is_lowest_credible_with_full_range() -> None:
    record = build_consensus("c1", _three_outlets())
    fatalities = record.fields["fatalities"]
    assert (fatalities.low, fatalities.value, fatalities.high) == (12, 12, 36)
    assert fatalities.sources == ["SANA"]
    assert {d.value: d.sources for d in fatalities.dissent} == {
        20: ["Observatory"],
        24: ["Partisan"],
    }


def test_consensus_claimed_figure_is_not_best_while_others_exist() -> None:
    reports = [
        report("army", "Army", fatalities=5, fatalities_low=5, certainty="claimed"),
        report("monitor", "Observatory", fatalities=9, fatalities_low=9),
    ]
    fatalities = build_consensus("c1", reports).fields["fatalities"]
    assert fatalities.value == 9 and fatalities.low == 5


def test_consensus_unknown_toll_is_not_a_zero() -> None:
    reports = [
        report("a", "A", fatalities=0, fatalities_low=None),
        report("b", "B", fatalities=7, fatalities_low=7),
    ]
    assert build_consensus("c1", reports).fields["fatalities"].value == 7


def test_consensus_named_perpetrator_wins_and_dissent_is_kept() -> None:
    record = build_consensus("c1", _three_outlets())
    actor1 = record.fields["actor1"]
    assert actor1.value == "Hayat Tahrir al-Sham"
    dissent = {d.value for d in actor1.dissent}
    assert dissent == {"Unidentified Armed Group (Syria)", "Military Forces of Syria (2000-2024)"}
    event = consensus_event(record)
    assert event.field_certainty["actor1"] == "disputed"
    assert event.source == "SANA; Observatory; Partisan"
    assert event.fatalities_low is not None and event.fatalities_low <= event.fatalities
    assert event.fatalities <= (event.fatalities_high or event.fatalities)


def test_consensus_syndicated_copies_count_once() -> None:
    reports = [
        report("reuters", "Reuters"),
        report("jordantimes", "Jordan Times"),
        report("sana", "SANA"),
        report("sana-2", "SANA", fatalities=44),
    ]
    record = build_consensus("c1", reports, duplicate_pairs=[("jordantimes", "reuters")])
    assert record.source_count == 3
    assert record.independent_sources == 2  # Reuters and its copy; SANA twice
    assert ["reuters", "jordantimes"] in record.syndicated
    assert record.doc_ids == ["reuters", "jordantimes", "sana", "sana-2"]
    assert [r.source for r in record.reports] == ["Reuters", "Jordan Times", "SANA", "SANA"]


def test_consensus_record_has_contract_keys() -> None:
    data = build_consensus("c1", _three_outlets()).to_json_dict()
    assert {"cluster_id", "doc_ids", "event_ids", "sources", "fields"} <= set(data)
    for field in data["fields"].values():
        assert {"value", "sources", "dissent"} <= set(field)
