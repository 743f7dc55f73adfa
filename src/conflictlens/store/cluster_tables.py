"""Tables of corroboration (near-duplicates, event clusters, consensus) and their reads/writes.

``corroborate_signatures``
    doc_id (key), content_hash and pipeline_version (of the document version clustered),
    signature (MinHash, little-endian uint32 values).
``corroborate_buckets``
    doc_id, bucket: one row per LSH band of the document's signature. A new document finds
    its possible copies by looking up its own bucket keys (indexed), never by scanning.
``duplicate_pairs``
    doc_id, other_doc_id (doc_id < other_doc_id), similarity (estimated Jaccard of the texts).
``event_clusters``
    cluster_id (key), event_date, country, reports, sources, independent_sources (counts),
    consensus (the JSON line ``conflictlens corroborate`` writes), updated_at.
``cluster_members``
    doc_id, event_id (key; one report), cluster_id, and the report's date window (day_from,
    day_to, widened by its tolerance), country and admin1: the blocking keys a new report's
    candidates are found by (index on country, admin1, day_to). Windows are NULL for reports
    too vague to corroborate anything (no date, or no place below the country).

Everything here is derived from the documents and events tables and can be rebuilt with
``conflictlens corroborate --rebuild``. Rows go with their document (foreign keys, cascade).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    and_,
    delete,
    insert,
    or_,
    select,
    update,
)

from conflictlens.store.schema import JSONText, _doc_fk, documents, events, metadata

if TYPE_CHECKING:
    from conflictlens.corroborate.consensus import ConsensusEvent
    from conflictlens.corroborate.matching import Report
    from conflictlens.store.repository import Store

signatures = Table(
    "corroborate_signatures",
    metadata,
    _doc_fk(primary_key=True),
    Column("content_hash", String, nullable=False),
    Column("pipeline_version", String, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

buckets = Table(
    "corroborate_buckets",
    metadata,
    _doc_fk(),
    Column("bucket", BigInteger, nullable=False),
    Index("ix_corroborate_buckets_bucket", "bucket"),
    Index("ix_corroborate_buckets_doc_id", "doc_id"),
)

duplicate_pairs = Table(
    "duplicate_pairs",
    metadata,
    _doc_fk(primary_key=True),
    Column(
        "other_doc_id",
        String,
        ForeignKey("documents.doc_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("similarity", Float, nullable=False),
    Index("ix_duplicate_pairs_other_doc_id", "other_doc_id"),
)

event_clusters = Table(
    "event_clusters",
    metadata,
    Column("cluster_id", String, primary_key=True),
    Column("event_date", String(10)),
    Column("country", Text, nullable=False, default=""),
    Column("reports", Integer, nullable=False, default=0),
    Column("sources", Integer, nullable=False, default=0),
    Column("independent_sources", Integer, nullable=False, default=0),
    Column("consensus", JSONText),
    Column("updated_at", String(32), nullable=False),
    Index("ix_event_clusters_event_date", "event_date"),
)

cluster_members = Table(
    "cluster_members",
    metadata,
    _doc_fk(primary_key=True),
    Column("event_id", String, primary_key=True),
    Column(
        "cluster_id",
        String,
        ForeignKey("event_clusters.cluster_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("day_from", String(10)),
    Column("day_to", String(10)),
    Column("country", Text, nullable=False, default=""),
    Column("admin1", Text, nullable=False, default=""),
    Index("ix_cluster_members_cluster_id", "cluster_id"),
    Index("ix_cluster_members_block", "country", "admin1", "day_to"),
)

_DERIVED = (cluster_members, event_clusters, duplicate_pairs, buckets, signatures)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- documents to (re)process ----------------------------------------------------------------


def pending_documents(conn: Connection) -> list[str]:
    """Documents never clustered, or changed since: in publication order (undated last)."""
    query = (
        select(documents.c.doc_id)
        .select_from(documents.outerjoin(signatures, signatures.c.doc_id == documents.c.doc_id))
        .where(
            or_(
                signatures.c.doc_id.is_(None),
                signatures.c.content_hash != documents.c.content_hash,
                signatures.c.pipeline_version != documents.c.pipeline_version,
            )
        )
        .order_by(documents.c.published.is_(None), documents.c.published, documents.c.doc_id)
    )
    return list(conn.execute(query).scalars())


def stored_version(conn: Connection, doc_id: str) -> tuple[str, str] | None:
    """The stored document's (content_hash, pipeline_version), or ``None`` if not stored."""
    row = conn.execute(
        select(documents.c.content_hash, documents.c.pipeline_version).where(
            documents.c.doc_id == doc_id
        )
    ).first()
    return None if row is None else (row.content_hash, row.pipeline_version)


def clustered_version(conn: Connection, doc_id: str) -> tuple[str, str] | None:
    """The document version its clusters were built from, or ``None`` if never clustered."""
    row = conn.execute(
        select(signatures.c.content_hash, signatures.c.pipeline_version).where(
            signatures.c.doc_id == doc_id
        )
    ).first()
    return None if row is None else (row.content_hash, row.pipeline_version)


def clear(conn: Connection) -> None:
    """Forget every fingerprint, duplicate pair and cluster (they are rebuilt from documents)."""
    for table in _DERIVED:
        conn.execute(delete(table))


def forget_document(conn: Connection, doc_id: str) -> set[str]:
    """Remove a document's fingerprint, pairs and memberships; the clusters it was in."""
    clusters = set(
        conn.execute(
            select(cluster_members.c.cluster_id).where(cluster_members.c.doc_id == doc_id)
        ).scalars()
    )
    conn.execute(delete(cluster_members).where(cluster_members.c.doc_id == doc_id))
    conn.execute(
        delete(duplicate_pairs).where(
            or_(duplicate_pairs.c.doc_id == doc_id, duplicate_pairs.c.other_doc_id == doc_id)
        )
    )
    conn.execute(delete(buckets).where(buckets.c.doc_id == doc_id))
    conn.execute(delete(signatures).where(signatures.c.doc_id == doc_id))
    return clusters


# -- near-duplicates -------------------------------------------------------------------------


def save_signature(
    conn: Connection,
    doc_id: str,
    version: tuple[str, str],
    signature: bytes,
    keys: Sequence[int],
) -> None:
    conn.execute(
        insert(signatures),
        [
            {
                "doc_id": doc_id,
                "content_hash": version[0],
                "pipeline_version": version[1],
                "signature": signature,
            }
        ],
    )
    if keys:
        conn.execute(insert(buckets), [{"doc_id": doc_id, "bucket": key} for key in keys])


def bucket_neighbours(conn: Connection, doc_id: str, keys: Sequence[int]) -> dict[str, bytes]:
    """Signatures of the stored documents sharing at least one LSH bucket with ``keys``."""
    if not keys:
        return {}
    shared = (
        select(buckets.c.doc_id)
        .where(buckets.c.bucket.in_(list(keys)), buckets.c.doc_id != doc_id)
        .distinct()
    )
    rows = conn.execute(
        select(signatures.c.doc_id, signatures.c.signature).where(
            signatures.c.doc_id.in_(shared.scalar_subquery())
        )
    )
    return {row.doc_id: row.signature for row in rows}


def save_duplicates(conn: Connection, pairs: Iterable[tuple[str, str, float]]) -> None:
    rows = [
        {"doc_id": min(a, b), "other_doc_id": max(a, b), "similarity": score}
        for a, b, score in pairs
    ]
    if rows:
        conn.execute(insert(duplicate_pairs), rows)


def duplicates_among(conn: Connection, doc_ids: Iterable[str]) -> list[tuple[str, str]]:
    ids = list(set(doc_ids))
    if len(ids) < 2:
        return []
    rows = conn.execute(
        select(duplicate_pairs.c.doc_id, duplicate_pairs.c.other_doc_id).where(
            duplicate_pairs.c.doc_id.in_(ids), duplicate_pairs.c.other_doc_id.in_(ids)
        )
    )
    return [(row.doc_id, row.other_doc_id) for row in rows]


def iter_duplicate_pairs(store: Store) -> Iterator[tuple[str, str, float]]:
    """Every stored near-duplicate pair, most similar first."""
    query = select(duplicate_pairs).order_by(
        duplicate_pairs.c.similarity.desc(), duplicate_pairs.c.doc_id
    )
    with store._engine.connect() as conn:
        for row in conn.execute(query):
            yield row.doc_id, row.other_doc_id, row.similarity


# -- clusters --------------------------------------------------------------------------------


def candidate_clusters(
    conn: Connection, doc_id: str, country: str, admin1: str, day_from: str, day_to: str
) -> set[str]:
    """Clusters holding a report of another document whose window and region could match."""
    query = select(cluster_members.c.cluster_id).where(
        cluster_members.c.country == country,
        cluster_members.c.admin1 == admin1,
        cluster_members.c.day_to >= day_from,
        cluster_members.c.day_from <= day_to,
        cluster_members.c.doc_id != doc_id,
    )
    return set(conn.execute(query.distinct()).scalars())


def cluster_reports(conn: Connection, cluster_ids: Iterable[str]) -> dict[str, list[Report]]:
    """Each cluster's reports, in publication order."""
    from conflictlens.corroborate.matching import Report
    from conflictlens.store.repository import _event

    ids = list(set(cluster_ids))
    found: dict[str, list[Report]] = defaultdict(list)
    if not ids:
        return found
    query = (
        select(
            cluster_members.c.cluster_id,
            documents.c.source.label("document_source"),
            documents.c.published.label("document_published"),
            *events.c,
        )
        .select_from(
            cluster_members.join(
                events,
                and_(
                    events.c.doc_id == cluster_members.c.doc_id,
                    events.c.event_id == cluster_members.c.event_id,
                ),
            ).join(documents, documents.c.doc_id == cluster_members.c.doc_id)
        )
        .where(cluster_members.c.cluster_id.in_(ids))
        .order_by(
            documents.c.published.is_(None),
            documents.c.published,
            cluster_members.c.doc_id,
            events.c.position,
        )
    )
    for row in conn.execute(query):
        event = _event(row)
        source = event.source or row.document_source or f"(unnamed: {row.doc_id})"
        found[row.cluster_id].append(Report(row.doc_id, source, row.document_published, event))
    return found


def create_cluster(conn: Connection, cluster_id: str) -> str:
    """A new, empty cluster; ``cluster_id`` with a suffix if a cluster already has that id
    (a document clustered again, or one deleted and added back, founds it a second time)."""
    chosen, n = cluster_id, 1
    while conn.execute(
        select(event_clusters.c.cluster_id).where(event_clusters.c.cluster_id == chosen)
    ).first():
        n += 1
        chosen = f"{cluster_id}-{n}"
    conn.execute(insert(event_clusters), [{"cluster_id": chosen, "updated_at": _now()}])
    return chosen


def add_member(
    conn: Connection,
    cluster_id: str,
    report: Report,
    window: tuple[str, str] | None,
) -> None:
    event = report.event
    conn.execute(
        insert(cluster_members),
        [
            {
                "doc_id": report.doc_id,
                "event_id": event.event_id,
                "cluster_id": cluster_id,
                "day_from": window[0] if window else None,
                "day_to": window[1] if window else None,
                "country": event.country,
                "admin1": event.admin1,
            }
        ],
    )


def write_consensus(conn: Connection, record: ConsensusEvent) -> None:
    fields = record.fields
    values: dict[str, Any] = {
        "event_date": fields["event_date"].value if "event_date" in fields else None,
        "country": (fields["country"].value if "country" in fields else None) or "",
        "reports": len(record.doc_ids),
        "sources": record.source_count,
        "independent_sources": record.independent_sources,
        "consensus": record.to_json_dict(),
        "updated_at": _now(),
    }
    conn.execute(
        update(event_clusters).where(event_clusters.c.cluster_id == record.cluster_id), [values]
    )


def drop_empty(conn: Connection, cluster_ids: Iterable[str]) -> set[str]:
    """Delete the given clusters that lost every report; the ones still holding reports."""
    ids = set(cluster_ids)
    if not ids:
        return ids
    alive = set(
        conn.execute(
            select(cluster_members.c.cluster_id)
            .where(cluster_members.c.cluster_id.in_(ids))
            .distinct()
        ).scalars()
    )
    gone = ids - alive
    if gone:
        conn.execute(delete(event_clusters).where(event_clusters.c.cluster_id.in_(gone)))
    return alive


def iter_consensus(store: Store, *, min_reports: int = 1) -> Iterator[ConsensusEvent]:
    """Stored consensus records, by event date (undated last), then cluster id."""
    from conflictlens.corroborate.consensus import ConsensusEvent

    query = (
        select(event_clusters.c.consensus)
        .where(event_clusters.c.reports >= min_reports, event_clusters.c.consensus.is_not(None))
        .order_by(
            event_clusters.c.event_date.is_(None),
            event_clusters.c.event_date,
            event_clusters.c.cluster_id,
        )
    )
    with store._engine.connect() as conn:
        for (payload,) in conn.execute(query):
            yield ConsensusEvent.model_validate(payload)


def counts(store: Store) -> dict[str, int]:
    """How many duplicate pairs, clusters and multi-report clusters the store holds."""
    from sqlalchemy import func

    with store._engine.connect() as conn:
        return {
            "duplicate_pairs": conn.execute(
                select(func.count()).select_from(duplicate_pairs)
            ).scalar_one(),
            "clusters": conn.execute(select(func.count()).select_from(event_clusters)).scalar_one(),
            "multi_report_clusters": conn.execute(
                select(func.count()).select_from(event_clusters).where(event_clusters.c.reports > 1)
            ).scalar_one(),
            "multi_source_clusters": conn.execute(
                select(func.count())
                .select_from(event_clusters)
                .where(event_clusters.c.independent_sources > 1)
            ).scalar_one(),
        }
