"""One document id, one document: the rule applied within a shard and across shards.

Walking documents in a fixed order (shards in plan order, documents in input order), the first
document with an id keeps it. A later one with the same id and the same content (text and
metadata) is the same article read twice (two feeds, an overlapping dump) and is dropped; one
with different content is kept under ``<id>-<content hash>`` with a warning, as ``analyze``
does for two inputs sharing an id. Its event ids are re-derived from the new id so that they
stay unique too. The order is fixed, so the outcome does not depend on which worker finished
first.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from conflictlens.records import Document


@dataclass(frozen=True)
class Decision:
    action: Literal["keep", "drop", "rename"]
    doc_id: str


def decide(seen: dict[str, str], doc_id: str, content_hash: str) -> Decision:
    """What to do with ``doc_id`` given the ids already taken (id -> content hash); records
    the outcome in ``seen``."""
    known = seen.get(doc_id)
    if known is None:
        seen[doc_id] = content_hash
        return Decision("keep", doc_id)
    if known == content_hash:
        return Decision("drop", doc_id)
    for width in (8, 16, 64):
        candidate = f"{doc_id}-{content_hash[:width]}"
        taken = seen.get(candidate)
        if taken == content_hash:
            return Decision("drop", candidate)
        if taken is None:
            seen[candidate] = content_hash
            return Decision("rename", candidate)
    raise ValueError(f"document id {doc_id!r}: cannot find a free id")  # needs a sha256 collision


def renamed(document: Document, new_id: str) -> Document:
    """``document`` under ``new_id``, with a warning and event ids derived from the new id."""
    events = [
        event.model_copy(
            update={
                "event_id": "CL"
                + hashlib.sha1(f"{new_id}|{event.event_id}".encode()).hexdigest()[:14]
            }
        )
        for event in document.events
    ]
    warning = f"doc_id '{document.doc_id}' is also used by another document; this one is '{new_id}'"
    return document.model_copy(
        update={"doc_id": new_id, "events": events, "warnings": [*document.warnings, warning]}
    )


__all__ = ["Decision", "decide", "renamed"]
