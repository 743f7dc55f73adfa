"""Alembic's entry point: migrate the connection ``conflictlens.store.migrate`` hands over.

There is no ``alembic.ini`` and no URL here: the store opens the database (same engine, same
SQLite pragmas as every other command) and passes its connection in ``config.attributes``.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context

from conflictlens.store import schema
from conflictlens.store.schema import JSONText

schema.load_extension_tables()


def _render_item(kind: str, item: Any, autogen_context: Any) -> str | Literal[False]:
    # JSONText is plain TEXT in the database; revisions must not import the live model.
    if kind == "type" and isinstance(item, JSONText):
        return "sa.Text()"
    return False


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run migrations through conflictlens.store.migrate (conflictlens db upgrade), "
        "not the alembic command line"
    )
context.configure(
    connection=connection,
    target_metadata=schema.metadata,
    # SQLite cannot ALTER most things: autogenerate writes batch operations, which also run
    # unchanged on PostgreSQL.
    render_as_batch=connection.dialect.name == "sqlite",
    render_item=_render_item,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
