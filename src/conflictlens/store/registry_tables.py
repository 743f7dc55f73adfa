"""The actor registry's tables: actors, their aliases and relations, each with provenance.

``registry_actors``
    actor_id (key), name (canonical, neutral), type, inter (ACLED code), country, active
    (years), origin (``kb``: seeded from the knowledge base; ``text``: learned from an article),
    provisional (1 while a learned actor is not confirmed), merged_into (the actor this one was
    merged into, NULL when it stands alone), first_doc_id.
``registry_aliases``
    One row per alias *claim*: actor_id, alias (as written), norm (normalised for look-up),
    doc_id / outlet / published (NULL for the knowledge base), span_start, span_end, evidence
    (the sentence), certainty, voice.
``registry_relations``
    One row per relation *claim*: subject_id, predicate, object_id (an actor, or NULL),
    object_name (the actor's canonical name or the literal: a person, a place, a year),
    object_kind (actor | person | place | year | country), doc_id, outlet, published,
    certainty, voice (``outlet`` or the quoted speaker), span_start, span_end, evidence, origin
    (``text`` or ``kb``). Two outlets naming two commanders are two rows: both kept.
``registry_merges``
    merge_id, kept_id, merged_id, note, merged_at, undone_at (NULL while the merge holds): the
    log that makes every merge reversible (``conflictlens actors split``).

Rows learned from a document carry its ``doc_id`` and go with it (``ON DELETE CASCADE``);
re-registering a document replaces its rows, so the registry never double-counts.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text

from conflictlens.store.schema import metadata


def _doc_ref() -> Column[str]:
    return Column("doc_id", String, ForeignKey("documents.doc_id", ondelete="CASCADE"))


registry_actors = Table(
    "registry_actors",
    metadata,
    Column("actor_id", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("inter", Integer),
    Column("country", Text),
    Column("active", String(16), nullable=False, default=""),
    Column("origin", String(8), nullable=False),
    Column("provisional", Integer, nullable=False, default=0),
    Column("merged_into", String),
    Column("first_doc_id", String),
    Index("ix_registry_actors_name", "name"),
)

registry_aliases = Table(
    "registry_aliases",
    metadata,
    Column("alias_id", Integer, primary_key=True, autoincrement=True),
    Column("actor_id", String, nullable=False),
    Column("alias", Text, nullable=False),
    Column("norm", Text, nullable=False),
    _doc_ref(),
    Column("outlet", Text),
    Column("published", String(10)),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("evidence", Text),
    Column("certainty", String(16)),
    Column("voice", Text),
    Index("ix_registry_aliases_norm", "norm"),
    Index("ix_registry_aliases_actor", "actor_id"),
    Index("ix_registry_aliases_doc", "doc_id"),
)

registry_relations = Table(
    "registry_relations",
    metadata,
    Column("relation_id", Integer, primary_key=True, autoincrement=True),
    Column("subject_id", String, nullable=False),
    Column("predicate", String(32), nullable=False),
    Column("object_id", String),
    Column("object_name", Text, nullable=False),
    Column("object_kind", String(16), nullable=False),
    _doc_ref(),
    Column("outlet", Text),
    Column("published", String(10)),
    Column("certainty", String(16), nullable=False),
    Column("voice", Text, nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("evidence", Text),
    Column("origin", String(8), nullable=False),
    Index("ix_registry_relations_subject", "subject_id"),
    Index("ix_registry_relations_object", "object_id"),
    Index("ix_registry_relations_doc", "doc_id"),
)

registry_merges = Table(
    "registry_merges",
    metadata,
    Column("merge_id", Integer, primary_key=True, autoincrement=True),
    Column("kept_id", String, nullable=False),
    Column("merged_id", String, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("merged_at", String(32), nullable=False),
    Column("undone_at", String(32)),
)
