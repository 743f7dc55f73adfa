"""The two seed articles, analysed once per test session (loading the model takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictlens.records import Document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEEDS = {
    "000": ("000_6ca5efe176715221.txt", "2016-10-07", "Alwaght"),
    "003": ("003_fa6d3bb78d6323a6.txt", "2024-04-21", "TMJ News"),
}


@pytest.fixture(scope="session")
def seed_docs() -> dict[str, tuple[str, Document]]:
    from conflictlens import analyze

    out = {}
    for key, (name, published, source) in SEEDS.items():
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        out[key] = (text, analyze(text, doc_id=key, published=published, source=source))
    return out
