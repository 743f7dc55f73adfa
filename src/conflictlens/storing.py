"""Analyse-then-store: the one step that puts an analysed document into the store.

``conflictlens analyze`` and the API's ``POST /documents`` both end with the same four things
(the content hash that makes re-runs no-ops, the save, the actor registry update, the
corroboration clusters); they call this so the two ways in cannot drift apart.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conflictlens.records import Document, RawDocument
    from conflictlens.store import Store
    from conflictlens.store.repository import SaveResult


def content_hash(raw: RawDocument) -> str:
    """What decides "unchanged": the text and every metadata field the input carried."""
    key = "\x1f".join(
        str(value or "") for value in (raw.text, raw.title, raw.published, raw.source, raw.url)
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def store_analysed(store: Store, document: Document, raw: RawDocument) -> SaveResult:
    """Save ``document`` (analysed from ``raw``), then register its actors and cluster its events.

    Spans index into ``raw.text``, so that is the text stored. The registry and the clusters
    are updated even for an unchanged document: each is a no-op when already current, and it
    repairs a store where an earlier run stopped between the save and these updates.
    """
    return store_document(store, document, text=raw.text, digest=content_hash(raw))


def store_document(store: Store, document: Document, *, text: str, digest: str) -> SaveResult:
    """The same step for a document analysed elsewhere (``conflictlens load`` of batch output,
    which carries the text and its content hash)."""
    from conflictlens.actors import update_registry
    from conflictlens.corroborate import update_clusters

    outcome = store.save(document, text=text, content_hash=digest)
    update_registry(store, document, text)
    update_clusters(store, document, text=text)
    return outcome
