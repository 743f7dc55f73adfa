"""``analyze_batch()``: order, metadata and worker processes must not change the results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictlens.records import DocumentBatch

pytestmark = pytest.mark.slow

SNIPPETS = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "api" / "snippets.json").read_text("utf-8")
)


def test_api_batch_two_processes_give_the_same_documents_in_order(snippet_docs):
    from conflictlens import analyze_batch

    texts = list(SNIPPETS.values())
    serial = analyze_batch(texts, published="2024-03-08", source="Test Wire", n_process=1)
    parallel = analyze_batch(texts, published="2024-03-08", source="Test Wire", n_process=2)
    assert isinstance(parallel, DocumentBatch)
    assert [d.model_dump() for d in parallel] == [d.model_dump() for d in serial]
    assert [d.text for d in serial] == texts


def test_api_batch_matches_one_by_one_analysis(snippet_docs):
    from conflictlens import analyze, analyze_batch

    texts = [SNIPPETS["suicide"], SNIPPETS["quiet"], SNIPPETS["arrest"]]
    batch = analyze_batch(texts, published="2024-03-08")
    single = [analyze(text, published="2024-03-08") for text in texts]
    assert [d.model_dump() for d in batch] == [d.model_dump() for d in single]
    assert all(d.published == "2024-03-08" for d in batch)


def test_api_batch_of_nothing_is_an_empty_batch():
    from conflictlens import analyze_batch

    batch = analyze_batch([], n_process=2)
    assert isinstance(batch, DocumentBatch) and list(batch) == []
    assert len(batch.to_pandas()) == 0
