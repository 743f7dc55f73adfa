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


def _numbered_texts(count: int) -> list[str]:
    texts = list(SNIPPETS.values())
    return [f"{texts[i % len(texts)]} (Report {i}.)" for i in range(count)]


def test_two_processes_share_many_groups_and_keep_their_order(snippet_docs):
    """More groups than the worker is given at once: this process analyses some of them."""
    from conflictlens.pipeline import iter_analyze, make_raw

    raws = [make_raw(text, published="2024-03-08") for text in _numbered_texts(60)]
    serial = [d.model_dump() for d in iter_analyze(raws, n_process=1)]
    parallel = [d.model_dump() for d in iter_analyze(raws, n_process=2)]
    assert parallel == serial


def test_two_processes_read_the_input_as_they_go(snippet_docs):
    """An endless stream (a huge JSONL file) gives its first documents without being read whole."""
    from itertools import count, islice

    from conflictlens.pipeline import iter_analyze, make_raw

    texts = _numbered_texts(len(SNIPPETS))
    pulled = 0

    def endless():
        nonlocal pulled
        for i in count():
            pulled += 1
            yield make_raw(texts[i % len(texts)], doc_id=f"doc-{i}", published="2024-03-08")

    documents = iter_analyze(endless(), n_process=2)
    first = list(islice(documents, 3))
    documents.close()
    assert [d.doc_id for d in first] == ["doc-0", "doc-1", "doc-2"]
    assert pulled < 200
