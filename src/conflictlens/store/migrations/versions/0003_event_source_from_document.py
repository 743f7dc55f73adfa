"""Events without a source of their own get their document's.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

An event's source is the outlet that reported it; the pipeline always copies the document's
source into its events, but records written by other means may leave it empty. From this
revision ``Store.save`` fills it, so the API's source filter reads one indexed column
(``ix_events_source_event_date``) instead of merging two queries. This fills the rows stored
before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_events = sa.table("events", sa.column("doc_id"), sa.column("source"))
_documents = sa.table("documents", sa.column("doc_id"), sa.column("source"))


def upgrade() -> None:
    document_source = (
        sa.select(_documents.c.source)
        .where(_documents.c.doc_id == _events.c.doc_id)
        .scalar_subquery()
    )
    has_source = sa.exists().where(
        _documents.c.doc_id == _events.c.doc_id,
        _documents.c.source.is_not(None),
        _documents.c.source != "",
    )
    op.execute(
        _events.update()
        .where(sa.or_(_events.c.source.is_(None), _events.c.source == ""), has_source)
        .values(source=document_source)
    )


def downgrade() -> None:
    """Nothing to undo: which sources were filled in is not recorded (they are correct)."""
