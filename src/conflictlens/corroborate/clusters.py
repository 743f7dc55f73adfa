"""Putting reports of one event from different documents into one cluster, as they arrive.

Each stored document is handled once per version, in one transaction: its text's MinHash
finds earlier copies through the LSH buckets in the store; each of its events finds candidate
clusters through the blocking keys (country, region, date window) of their members, and joins
the best cluster it is compatible with *every* report of (complete linkage: a chain of "close
enough" pairs never merges two different events). The batch command runs the same step over
every document not yet handled, so batch and stream give the same clusters for the same order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from conflictlens.corroborate import minhash
from conflictlens.corroborate.config import DEFAULT_CONFIG, CorroborateConfig
from conflictlens.corroborate.consensus import build_consensus
from conflictlens.corroborate.matching import Report, similarity, window
from conflictlens.errors import StoreError
from conflictlens.records import Document
from conflictlens.store import Store
from conflictlens.store import cluster_tables as tables

#: Added to a cluster's score when one of its reports comes from a copy of this text.
_COPY_BONUS = 0.2


@dataclass
class CorroborateResult:
    """What a batch run did: documents handled, and what the store holds afterwards."""

    documents: int
    duplicate_pairs: int
    clusters: int
    multi_report_clusters: int
    multi_source_clusters: int


def _cluster_id(doc_id: str, event_id: str) -> str:
    """Stable: named after the report that founded the cluster."""
    return "c" + hashlib.sha1(f"{doc_id}\x1f{event_id}".encode()).hexdigest()[:16]


def update_clusters(
    store: Store, document: Document, *, text: str, config: CorroborateConfig = DEFAULT_CONFIG
) -> bool:
    """Cluster one stored document's events; ``False`` when its clusters were already current.

    Call after ``Store.save``: the document must be in the store. Runs in its own transaction,
    so a failure leaves the earlier clusters as they were (and the document stored).
    """
    try:
        with store._engine.begin() as conn:
            version = tables.stored_version(conn, document.doc_id)
            if version is None:
                return False
            clustered = tables.clustered_version(conn, document.doc_id)
            if clustered == version:
                return False
            _update(conn, document, text, version, config, seen_before=clustered is not None)
            return True
    except SQLAlchemyError as exc:
        raise StoreError(
            f"{store.url} (document {document.doc_id!r})",
            f"clusters not updated, earlier clusters kept ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0]})",
        ) from exc


def corroborate_store(
    store: Store,
    *,
    rebuild: bool = False,
    config: CorroborateConfig = DEFAULT_CONFIG,
    progress: Callable[[str], None] | None = None,
) -> CorroborateResult:
    """Bring the store's clusters up to date (every document, with ``rebuild``)."""
    if rebuild:
        with store._engine.begin() as conn:
            tables.clear(conn)
    with store._engine.connect() as conn:
        pending = tables.pending_documents(conn)
    for doc_id in pending:
        document = store.get_document(doc_id)
        if document is None:  # deleted meanwhile
            continue
        update_clusters(store, document, text=document.text or "", config=config)
        if progress is not None:
            progress(doc_id)
    found = tables.counts(store)
    return CorroborateResult(documents=len(pending), **found)


def _update(
    conn: Connection,
    document: Document,
    text: str,
    version: tuple[str, str],
    config: CorroborateConfig,
    *,
    seen_before: bool,
) -> None:
    doc_id = document.doc_id
    # A new document has nothing to forget: five deletes saved per document in a stream.
    touched = tables.forget_document(conn, doc_id) if seen_before else set()

    sig = minhash.signature(text, config)
    keys = minhash.band_keys(sig, config)
    copies: dict[str, float] = {}
    for other, blob in tables.bucket_neighbours(conn, doc_id, keys).items():
        score = minhash.similarity(sig, minhash.from_bytes(blob))
        if score >= config.duplicate_threshold:
            copies[other] = score
    tables.save_duplicates(conn, ((doc_id, other, s) for other, s in copies.items()))
    tables.save_signature(conn, doc_id, version, minhash.to_bytes(sig), keys)

    for event in document.events:
        source = event.source or document.source or f"(unnamed: {doc_id})"
        report = Report(doc_id, source, document.published, event)
        span = window(report, config)
        bounds = None
        chosen = None
        if span is not None and event.country and event.admin1:
            low, high = span.widened()
            bounds = (low.isoformat(), high.isoformat())
            chosen = _best_cluster(conn, report, bounds, set(copies), config)
        if chosen is None:
            chosen = tables.create_cluster(conn, _cluster_id(doc_id, event.event_id))
        tables.add_member(conn, chosen, report, bounds)
        touched.add(chosen)

    alive = tables.drop_empty(conn, touched) if seen_before else touched
    reports = tables.cluster_reports(conn, alive)
    pairs = tables.duplicates_among(
        conn, {r.doc_id for members in reports.values() for r in members}
    )
    for cluster_id in sorted(alive):
        members = reports.get(cluster_id, [])
        if members:
            tables.write_consensus(conn, build_consensus(cluster_id, members, pairs))


def _best_cluster(
    conn: Connection,
    report: Report,
    bounds: tuple[str, str],
    copies: set[str],
    config: CorroborateConfig,
) -> str | None:
    """The candidate cluster every report of which is compatible with ``report``, best first."""
    event = report.event
    candidates = tables.candidate_clusters(
        conn, report.doc_id, event.country, event.admin1, bounds[0], bounds[1]
    )
    best: tuple[float, str] | None = None
    for cluster_id, members in tables.cluster_reports(conn, candidates).items():
        scores = []
        for member in members:
            score = similarity(report, member, config)
            if score is None:
                break
            scores.append(score)
        else:
            if not scores:
                continue
            total = sum(scores) / len(scores)
            if any(member.doc_id in copies for member in members):
                total += _COPY_BONUS
            if best is None or (total, best[1]) > (best[0], cluster_id):
                best = (total, cluster_id)
    return best[1] if best else None
