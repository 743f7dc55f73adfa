"""End to end on the synthetic outlet rewrites: analyse into a store, read the clusters back.

The set (tests/fixtures/corroborate/) has three incidents each told by several outlets and
near-misses (same town five days later, same day in another governorate). Pairwise precision
must stay perfect: merging different events is the error analysts cannot see afterwards.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from conflictlens.cli import main
from conflictlens.store import Store
from conflictlens.store.cluster_tables import iter_consensus

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "corroborate" / "reports.jsonl"


def _pairs(groups: list[set[str]]) -> set[tuple[str, str]]:
    return {pair for group in groups for pair in itertools.combinations(sorted(group), 2)}


@pytest.fixture(scope="module")
def clustered(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, dict[str, str]]:
    folder = tmp_path_factory.mktemp("synthetic")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    with pytest.raises(SystemExit) as done:
        main(["analyze", str(FIXTURE), "--db", url, "--output", str(folder / "docs.jsonl")])
    assert done.value.code == 0
    gold = {
        row["id"]: row["event"]
        for row in map(json.loads, FIXTURE.read_text(encoding="utf-8").splitlines())
    }
    with Store(url) as store:
        return list(iter_consensus(store)), gold


def test_synthetic_clustering_precision_and_recall(clustered) -> None:
    records, gold = clustered
    predicted = _pairs([set(r.doc_ids) for r in records])
    by_event: dict[str, set[str]] = {}
    for doc_id, label in gold.items():
        by_event.setdefault(label, set()).add(doc_id)
    truth = _pairs(list(by_event.values()))
    true_positive = len(predicted & truth)
    precision = true_positive / len(predicted)
    recall = true_positive / len(truth)
    assert precision == 1.0, sorted(predicted - truth)
    assert recall >= 0.7, sorted(truth - predicted)


def test_synthetic_wire_copy_counted_once(clustered) -> None:
    records, _gold = clustered
    azaz = next(r for r in records if "azaz-reuters" in r.doc_ids)
    assert {"azaz-jordantimes", "azaz-reuters"} in [set(docs) for docs in azaz.syndicated]
    assert azaz.independent_sources == azaz.source_count - 1
    fatalities = azaz.fields["fatalities"]
    assert fatalities.value == 43 and fatalities.high == 48
