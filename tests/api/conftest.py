"""Short conflict-news snippets analysed once per session, and the invariants every event keeps.

The snippets are written for these tests (no corpus text). The invariant checker is a fixture
rather than an importable helper so that the property and real-news tests share one definition.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conflictlens.classify import acled_types, sub_event_label
from conflictlens.records import Document, Event

PUBLISHED = "2024-03-08"  # a Friday
SNIPPETS_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "api" / "snippets.json"

#: name -> text, written for these tests (no corpus text). Varied on purpose: every ACLED family,
#: hedges, ranges, outlet labels, and four texts that report no event.
SNIPPETS: dict[str, str] = json.loads(SNIPPETS_FILE.read_text(encoding="utf-8"))

NON_EVENTS = ("aggregate", "history", "conditional", "quiet")
LOADED_LABELS = re.compile(r"terroris|martyr|regime", re.IGNORECASE)
ACTOR_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


def _event_problems(text: str, published: str | None, event: Event) -> list[str]:
    """Every way this event breaks what an analyst relies on; empty when it is sound."""
    problems: list[str] = []
    for name, spans in event.evidence.items():
        if name not in Event.model_fields:
            problems.append(f"evidence names unknown field {name!r}")
        for start, end in spans:
            if not 0 <= start < end <= len(text):
                problems.append(f"evidence {name} span {start}-{end} outside text ({len(text)})")
            elif not text[start:end].strip():
                problems.append(f"evidence {name} span {start}-{end} slices blank text")

    low, best, high = event.fatalities_low, event.fatalities, event.fatalities_high
    if best < 0:
        problems.append(f"negative fatalities {best}")
    if low is not None and low > best:
        problems.append(f"fatalities_low {low} > fatalities {best}")
    if high is not None and best > high:
        problems.append(f"fatalities {best} > fatalities_high {high}")

    if event.event_date is not None:
        if event.date_start is None or event.date_end is None:
            problems.append("event_date set without date_start/date_end")
        else:
            chain = [event.date_start, event.event_date, event.date_end]
            if published:
                chain.append(published)
            if chain != sorted(chain):
                problems.append(f"dates out of order (start, event, end, published): {chain}")

    try:
        types = acled_types(sub_event_label(event.sub_event_type))
    except KeyError:
        types = None
    if types != (event.disorder_type, event.event_type, event.sub_event_type):
        problems.append(
            "not an ACLED type triple: "
            f"{(event.disorder_type, event.event_type, event.sub_event_type)}"
        )

    codes = sorted(code for code in (event.inter1, event.inter2) if code)
    expected = None if not codes else codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)
    if event.interaction != expected:
        problems.append(
            f"interaction {event.interaction} != {expected} "
            f"from inter1 {event.inter1} / inter2 {event.inter2}"
        )

    for name in ACTOR_FIELDS:
        if LOADED_LABELS.search(getattr(event, name)):
            problems.append(f"{name} uses a loaded label: {getattr(event, name)!r}")
    return problems


def _document_problems(text: str, document: Document) -> list[str]:
    problems = [
        f"{event.event_id}: {problem}"
        for event in document.events
        for problem in _event_problems(text, document.published, event)
    ]
    for actor in document.actors:
        if LOADED_LABELS.search(actor.name):
            problems.append(f"actor mention canonical name uses a loaded label: {actor.name!r}")
    return problems


@pytest.fixture(scope="session")
def document_problems() -> Callable[[str, Document], list[str]]:
    """``document_problems(text, document)``: the invariant violations of every event."""
    return _document_problems


@pytest.fixture(scope="session")
def snippet_docs() -> dict[str, Document]:
    """Every snippet analysed once (the spaCy model loads here, once per session)."""
    from conflictlens import analyze

    return {
        name: analyze(text, doc_id=name, published=PUBLISHED, source="Test Wire")
        for name, text in SNIPPETS.items()
    }
