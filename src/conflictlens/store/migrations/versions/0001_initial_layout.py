"""The layout as it was when the store moved to Alembic (schema_version 1), every table.

Revision ID: 0001
Revises:
Create Date: 2026-12-05

Files written before Alembic already hold some or all of these tables: a table or index that
exists is left as it is (with its rows), a missing one is created, and the file is stamped.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _create(name: str, *parts: SchemaItem, indexes: Sequence[tuple[str, list[str]]] = ()) -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table(name):
        op.create_table(name, *parts)
        present: set[str] = set()
    else:
        present = {index["name"] for index in inspector.get_indexes(name) if index["name"]}
    for index, columns in indexes:
        if index not in present:
            op.create_index(index, name, columns)


def upgrade() -> None:
    _create(
        "documents",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("analysed_at", sa.String(length=32), nullable=False),
        sa.Column("pipeline_version", sa.String(), nullable=False),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("extra", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("doc_id"),
        indexes=[
            ("ix_documents_published", ["published"]),
            ("ix_documents_source", ["source"]),
        ],
    )
    _create(
        "event_clusters",
        sa.Column("cluster_id", sa.String(), nullable=False),
        sa.Column("event_date", sa.String(length=10), nullable=True),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("consensus", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("cluster_id"),
        indexes=[
            ("ix_event_clusters_event_date", ["event_date"]),
        ],
    )
    _create(
        "registry_actors",
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("inter", sa.Integer(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("active", sa.String(length=16), nullable=False),
        sa.Column("origin", sa.String(length=8), nullable=False),
        sa.Column("provisional", sa.Integer(), nullable=False),
        sa.Column("merged_into", sa.String(), nullable=True),
        sa.Column("first_doc_id", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("actor_id"),
        indexes=[
            ("ix_registry_actors_name", ["name"]),
        ],
    )
    _create(
        "registry_merges",
        sa.Column("merge_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kept_id", sa.String(), nullable=False),
        sa.Column("merged_id", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("merged_at", sa.String(length=32), nullable=False),
        sa.Column("undone_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("merge_id"),
    )
    _create(
        "schema_version",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )
    _create(
        "actor_mentions",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("surface", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=True),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("extra", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        indexes=[
            ("ix_actor_mentions_doc_id", ["doc_id"]),
            ("ix_actor_mentions_name", ["name"]),
        ],
    )
    _create(
        "cluster_members",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("cluster_id", sa.String(), nullable=False),
        sa.Column("day_from", sa.String(length=10), nullable=True),
        sa.Column("day_to", sa.String(length=10), nullable=True),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("admin1", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["cluster_id"], ["event_clusters.cluster_id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("doc_id", "event_id"),
        indexes=[
            ("ix_cluster_members_block", ["country", "admin1", "day_to"]),
            ("ix_cluster_members_cluster_id", ["cluster_id"]),
        ],
    )
    _create(
        "corroborate_buckets",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        indexes=[
            ("ix_corroborate_buckets_bucket", ["bucket"]),
            ("ix_corroborate_buckets_doc_id", ["doc_id"]),
        ],
    )
    _create(
        "corroborate_signatures",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("pipeline_version", sa.String(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("doc_id"),
    )
    _create(
        "duplicate_pairs",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("other_doc_id", sa.String(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["other_doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("doc_id", "other_doc_id"),
        indexes=[
            ("ix_duplicate_pairs_other_doc_id", ["other_doc_id"]),
        ],
    )
    _create(
        "events",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("event_date", sa.String(length=10), nullable=True),
        sa.Column("date_start", sa.String(length=10), nullable=True),
        sa.Column("date_end", sa.String(length=10), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=False),
        sa.Column("disorder_type", sa.Text(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("actor1", sa.Text(), nullable=False),
        sa.Column("assoc_actor_1", sa.Text(), nullable=False),
        sa.Column("inter1", sa.Integer(), nullable=True),
        sa.Column("actor2", sa.Text(), nullable=False),
        sa.Column("assoc_actor_2", sa.Text(), nullable=False),
        sa.Column("inter2", sa.Integer(), nullable=True),
        sa.Column("interaction", sa.Integer(), nullable=True),
        sa.Column("civilian_targeting", sa.Text(), nullable=False),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("iso", sa.Integer(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=False),
        sa.Column("admin2", sa.Text(), nullable=False),
        sa.Column("admin3", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=False),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("fatalities_low", sa.Integer(), nullable=True),
        sa.Column("fatalities_high", sa.Integer(), nullable=True),
        sa.Column("injuries", sa.Integer(), nullable=True),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("according_to", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("field_certainty", sa.Text(), nullable=False),
        sa.Column("extra", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("doc_id", "event_id"),
        indexes=[
            ("ix_events_actor1", ["actor1"]),
            ("ix_events_actor2", ["actor2"]),
            ("ix_events_country", ["country"]),
            ("ix_events_doc_id", ["doc_id"]),
            ("ix_events_event_date", ["event_date"]),
            ("ix_events_event_type", ["event_type"]),
        ],
    )
    _create(
        "framing_items",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        indexes=[
            ("ix_framing_items_doc_id", ["doc_id"]),
            ("ix_framing_items_kind", ["kind"]),
        ],
    )
    _create(
        "places",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("feature", sa.String(length=16), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("extra", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        indexes=[
            ("ix_places_doc_id", ["doc_id"]),
            ("ix_places_name", ["name"]),
        ],
    )
    _create(
        "registry_aliases",
        sa.Column("alias_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("norm", sa.Text(), nullable=False),
        sa.Column("doc_id", sa.String(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("certainty", sa.String(length=16), nullable=True),
        sa.Column("voice", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("alias_id"),
        indexes=[
            ("ix_registry_aliases_actor", ["actor_id"]),
            ("ix_registry_aliases_doc", ["doc_id"]),
            ("ix_registry_aliases_norm", ["norm"]),
        ],
    )
    _create(
        "registry_relations",
        sa.Column("relation_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subject_id", sa.String(), nullable=False),
        sa.Column("predicate", sa.String(length=32), nullable=False),
        sa.Column("object_id", sa.String(), nullable=True),
        sa.Column("object_name", sa.Text(), nullable=False),
        sa.Column("object_kind", sa.String(length=16), nullable=False),
        sa.Column("doc_id", sa.String(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("voice", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("origin", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("relation_id"),
        indexes=[
            ("ix_registry_relations_doc", ["doc_id"]),
            ("ix_registry_relations_object", ["object_id"]),
            ("ix_registry_relations_subject", ["subject_id"]),
        ],
    )
    _create(
        "relations",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("predicate", sa.String(length=32), nullable=False),
        sa.Column("object", sa.Text(), nullable=False),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("voice", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("extra", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], ondelete="CASCADE"),
        indexes=[
            ("ix_relations_doc_id", ["doc_id"]),
            ("ix_relations_object", ["object"]),
            ("ix_relations_subject", ["subject"]),
        ],
    )
    # Read by conflictlens releases from before Alembic, which refuse a newer number.
    version_table = sa.table("schema_version", sa.column("version", sa.Integer))
    if op.get_bind().execute(sa.select(sa.func.count()).select_from(version_table)).scalar() == 0:
        op.bulk_insert(version_table, [{"version": 1}])


def downgrade() -> None:
    for name in (
        "relations",
        "registry_relations",
        "registry_aliases",
        "places",
        "framing_items",
        "events",
        "duplicate_pairs",
        "corroborate_signatures",
        "corroborate_buckets",
        "cluster_members",
        "actor_mentions",
        "schema_version",
        "registry_merges",
        "registry_actors",
        "event_clusters",
        "documents",
    ):
        op.drop_table(name)
