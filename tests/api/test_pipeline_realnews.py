"""The invariants on real partisan articles, read in place from ../shared/data (never copied)."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

from conflictlens.records import RawDocument

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
FAKES = SHARED_DATA / "realnews" / "fakes" / "fakes.jsonl"
N_ARTICLES = 30


@pytest.fixture(scope="module")
def realnews() -> list[tuple[RawDocument, object]]:
    if not FAKES.is_file():
        pytest.skip(f"real-news corpus not found at {FAKES} (not part of the repository)")
    from conflictlens.ingest import read_inputs
    from conflictlens.pipeline import iter_analyze

    raws = list(islice(read_inputs([str(FAKES)]), N_ARTICLES))
    errors = [item for item in raws if not isinstance(item, RawDocument)]
    assert errors == [], f"unreadable lines: {errors}"
    documents = list(iter_analyze(iter(raws)))  # an exception here fails the test
    return list(zip(raws, documents, strict=True))


def test_pipeline_realnews_every_article_is_analysed_in_order(realnews):
    assert len(realnews) == N_ARTICLES
    assert [raw.doc_id for raw, _ in realnews] == [doc.doc_id for _, doc in realnews]
    assert sum(len(doc.events) for _, doc in realnews) > 0


def test_pipeline_realnews_every_event_keeps_the_invariants(realnews, document_problems):
    problems = {
        doc.doc_id: found for raw, doc in realnews if (found := document_problems(raw.text, doc))
    }
    assert problems == {}
