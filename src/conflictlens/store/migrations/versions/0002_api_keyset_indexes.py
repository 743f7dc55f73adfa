"""Indexes for the API's filtered keyset pages, and ``event_actors`` (who an event names).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05

Each filter column the API offers gets an index on (column, sort key, doc_id, event_id), so a
page is read in index order; the single-column indexes they extend are dropped. The actor
filter had to scan the "; "-joined associated-actor columns of every event: ``event_actors``
holds one row per (event, actor named in any role), filled here from the stored events.
A store with events gets fresh statistics at the end (``ANALYZE``) for the query planner.
"""

from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEY = ["doc_id", "event_id"]
_BY_DATE = ["admin1", "country", "event_type", "source", "sub_event_type"]
_REPLACED = {"ix_events_country": ["country"], "ix_events_event_date": ["event_date"]}
_REPLACED["ix_events_event_type"] = ["event_type"]

_events = sa.table(
    "events",
    *(sa.column(name) for name in ("doc_id", "event_id", "event_date", "fatalities")),
    *(sa.column(name) for name in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")),
)
_event_actors = sa.table(
    "event_actors",
    *(sa.column(name) for name in ("doc_id", "event_id", "actor", "event_date", "fatalities")),
)


def upgrade() -> None:
    op.create_table(
        "event_actors",
        sa.Column("doc_id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("event_date", sa.String(length=10), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id", "event_id"],
            ["events.doc_id", "events.event_id"],
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("doc_id", "event_id", "actor"),
    )
    _backfill_event_actors()
    # Indexes after the bulk insert: building them once is cheaper than updating them per row.
    for sort in ("event_date", "fatalities"):
        op.create_index(
            f"ix_event_actors_actor_by_{sort.split('_')[-1]}",
            "event_actors",
            ["actor", sort, *_KEY],
        )
    for name in _REPLACED:
        op.drop_index(name, table_name="events")
    # Coordinates last: a bounding box is tested on index entries before a row is read.
    op.create_index("ix_events_by_date", "events", ["event_date", *_KEY, "latitude", "longitude"])
    op.create_index("ix_events_by_fatalities", "events", ["fatalities", *_KEY])
    for column in _BY_DATE:
        op.create_index(f"ix_events_{column}_by_date", "events", [column, "event_date", *_KEY])
    op.create_index(
        "ix_events_sub_event_type_by_fatalities", "events", ["sub_event_type", "fatalities", *_KEY]
    )
    op.create_index(
        "ix_events_country_admin1_by_date", "events", ["country", "admin1", "event_date", *_KEY]
    )
    # Statistics of empty tables would mislead the planner once they fill: only a store with
    # events gets them now (a bulk load into a fresh store: run ANALYZE afterwards, docs/store.md).
    if op.get_bind().execute(sa.select(_events.c.doc_id).limit(1)).first() is not None:
        op.execute("ANALYZE")


def _backfill_event_actors() -> None:
    """One row per actor an event names; actor1/actor2 in SQL, associated lists in Python
    (splitting a "; "-joined list is spelled differently in every SQL dialect)."""
    e = _events.c
    named = sa.union(
        *(
            sa.select(e.doc_id, e.event_id, column, e.event_date, e.fatalities).where(column != "")
            for column in (e.actor1, e.actor2)
        )
    )
    columns = ["doc_id", "event_id", "actor", "event_date", "fatalities"]
    op.execute(_event_actors.insert().from_select(columns, named))
    batch: list[dict[str, object]] = []
    for row in _associated(op.get_bind()):
        batch.append(dict(zip(columns, row, strict=True)))
        if len(batch) >= 10_000:
            op.get_bind().execute(_event_actors.insert(), batch)
            batch = []
    if batch:
        op.get_bind().execute(_event_actors.insert(), batch)


def _associated(bind: sa.Connection) -> Iterator[tuple[object, ...]]:
    e = _events.c
    query = sa.select(
        e.doc_id, e.event_id, e.event_date, e.fatalities, e.actor1, e.actor2,
        e.assoc_actor_1, e.assoc_actor_2,
    ).where(sa.or_(e.assoc_actor_1 != "", e.assoc_actor_2 != ""))  # fmt: skip
    # Fetched whole: inserting while a cursor is open on the same table is not portable.
    for doc_id, event_id, day, fatalities, actor1, actor2, *lists in bind.execute(query).all():
        names = {name for joined in lists for name in (joined or "").split("; ") if name}
        for name in sorted(names - {actor1, actor2}):
            yield doc_id, event_id, name, day, fatalities


def downgrade() -> None:
    op.drop_index("ix_events_country_admin1_by_date", table_name="events")
    op.drop_index("ix_events_sub_event_type_by_fatalities", table_name="events")
    for column in _BY_DATE:
        op.drop_index(f"ix_events_{column}_by_date", table_name="events")
    op.drop_index("ix_events_by_fatalities", table_name="events")
    op.drop_index("ix_events_by_date", table_name="events")
    for name, columns in _REPLACED.items():
        op.create_index(name, "events", columns)
    op.drop_index("ix_event_actors_actor_by_fatalities", table_name="event_actors")
    op.drop_index("ix_event_actors_actor_by_date", table_name="event_actors")
    op.drop_table("event_actors")
