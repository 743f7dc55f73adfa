"""Checks against the shared developer corpora; skipped (with the reason) when they are absent."""

import json

import pytest

from conflictlens.ingest import detect_language, read_inputs

from .conftest import SHARED_DATA, split

pytestmark = [
    pytest.mark.shared_data,
    pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=f"shared data not found at {SHARED_DATA}"),
]

LANGUAGES = {"English": "en", "Arabic": "ar", "Hebrew": "he", "Hindi": "hi", "French": "fr"}


def test_shared_data_realnews_reads_without_errors() -> None:
    folder = SHARED_DATA / "realnews"
    documents, errors = split(list(read_inputs([str(folder)])))
    assert errors == []
    assert len(documents) > 500
    assert len({document.doc_id for document in documents}) == len(documents)


def test_shared_data_language_detection_on_fignews_posts() -> None:
    path = SHARED_DATA / "realnews" / "fignews2024" / "fignews_iaa.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    correct = sum(detect_language(row["text"]) == LANGUAGES[row["source_language"]] for row in rows)
    assert correct / len(rows) >= 0.95
