"""conflictlens: source-attributed, ACLED-compatible conflict event data from news articles.

>>> from conflictlens import analyze
>>> document = analyze(text, published="2024-04-21", source="Outlet")
>>> document.events[0].sub_event_type, document.to_pandas()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from conflictlens.records import (
    ActorMention,
    Document,
    DocumentBatch,
    Event,
    Framing,
    RawDocument,
    Relation,
    Toponym,
)

if TYPE_CHECKING:
    from conflictlens.pipeline import analyze, analyze_batch

__version__ = "0.1.0"

__all__ = [
    "ActorMention",
    "Document",
    "DocumentBatch",
    "Event",
    "Framing",
    "RawDocument",
    "Relation",
    "Toponym",
    "__version__",
    "analyze",
    "analyze_batch",
]


def __getattr__(name: str) -> Any:
    # The pipeline imports spaCy: load it on first use, not on `import conflictlens`.
    if name in ("analyze", "analyze_batch"):
        from conflictlens import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
