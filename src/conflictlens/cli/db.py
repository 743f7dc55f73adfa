"""``conflictlens db``: which layout revision a store is at, and upgrading it explicitly.

Every command that opens a store upgrades it already; these are for operators who want to see
or do it on its own (before a deployment, or to check a PostgreSQL database others share).
"""

from __future__ import annotations

from typing import Annotated

import typer

from conflictlens.cli._app import app, open_store

db_app = typer.Typer(
    help="The store's layout: its revision, and upgrading it (docs/store.md).",
    no_args_is_help=True,
)
app.add_typer(db_app, name="db")

DbOption = Annotated[str | None, typer.Option("--db", help="Store URL.")]


def _url(db: str | None) -> str:
    from conflictlens.store import default_db_url

    return db if db is not None else default_db_url()


@db_app.command("current")
def current_cli(db: DbOption = None) -> None:
    """Print the store's revision and this release's head; changes nothing."""
    from conflictlens.store import redact
    from conflictlens.store.migrate import status

    url = _url(db)
    print(f"{redact(url)}: {status(url).describe}")


@db_app.command("upgrade")
def upgrade_cli(db: DbOption = None) -> None:
    """Bring the store (created if missing) to this release's layout, keeping every row."""
    from conflictlens.errors import StoreError
    from conflictlens.store import redact
    from conflictlens.store.migrate import head, status

    url = _url(db)
    try:
        before = status(url).revision
    except StoreError:
        before = None  # no database yet: opening the store creates it
    open_store(url).close()
    after = head()
    if before == after:
        print(f"{redact(url)}: already at revision {after} (head)")
    else:
        print(f"{redact(url)}: upgraded from {before or 'no revision'} to {after} (head)")
