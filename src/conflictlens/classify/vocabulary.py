"""The CASE 2021 Task 2 label set and its mapping to ACLED codebook strings.

The mapping lives in ``knowledge/data/acled_event_types.json`` so that every stage (classify,
extract, export) reads the same vocabulary; this module only indexes it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

VOCABULARY_FILE = "acled_event_types.json"


@lru_cache(maxsize=1)
def load_vocabulary() -> dict[str, Any]:
    """The parsed vocabulary file (disorder types, event types, sub-event types, CASE labels)."""
    path = Path(__file__).resolve().parents[1] / "knowledge" / "data" / VOCABULARY_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def _case_labels() -> list[dict[str, Any]]:
    return list(load_vocabulary()["case_labels"])


LABELS: tuple[str, ...] = tuple(entry["label"] for entry in _case_labels())
_BY_LABEL: dict[str, dict[str, Any]] = {entry["label"]: entry for entry in _case_labels()}
_BY_SUB_EVENT: dict[str, str] = {
    entry["sub_event_type"].casefold(): entry["label"]
    for entry in _case_labels()
    if entry["sub_event_type"]
}


def acled_types(label: str) -> tuple[str, str, str] | None:
    """CASE code -> ``(disorder_type, event_type, sub_event_type)``; None for non-ACLED labels.

    Raises ``KeyError`` for a code outside the 30-label set, so typos do not pass silently.
    """
    entry = _BY_LABEL[label]
    if not entry["acled"]:
        return None
    return entry["disorder_type"], entry["event_type"], entry["sub_event_type"]


def sub_event_label(sub_event_type: str) -> str:
    """ACLED sub-event string (any case, surrounding spaces ignored) -> CASE code."""
    try:
        return _BY_SUB_EVENT[sub_event_type.strip().casefold()]
    except KeyError:
        raise KeyError(f"not an ACLED sub-event type: {sub_event_type!r}") from None


def label_name(label: str) -> str:
    """The human-readable name of a CASE code ("Armed clash", "Diplomatic event")."""
    return str(_BY_LABEL[label]["name"])
