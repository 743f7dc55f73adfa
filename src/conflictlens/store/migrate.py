"""Bringing a database to the layout this release writes, with Alembic, without an alembic.ini.

Every ``Store`` calls ``upgrade`` when it opens a database: an empty one gets every table, a
file written before migrations existed (it has ``schema_version`` but no ``alembic_version``)
keeps its rows and is stamped, an older one is upgraded. Concurrent openers wait for each
other (a PostgreSQL advisory lock; SQLite's write lock), so a layout is migrated once.
``python -m conflictlens.store.migrate revision -m "..."`` writes a new revision for developers
(docs/store.md).
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from conflictlens.errors import StoreError
from conflictlens.store.engine import is_sqlite, make_engine, reason
from conflictlens.store.urls import parse_db_url, redact, sqlite_file

SCRIPT_LOCATION = "conflictlens.store:migrations"
#: Key of the PostgreSQL advisory lock held while migrating (any constant unique to us).
_LOCK_KEY = 0x636C656E73  # "clens"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code; ``connection`` is what env.py migrates."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    """The newest revision this release knows."""
    found = _scripts().get_current_head()
    if found is None:  # pragma: no cover - the package always ships the initial revision
        raise RuntimeError("the store migrations have no revision")
    return found


def known_revisions() -> set[str]:
    return {script.revision for script in _scripts().walk_revisions()}


def current(conn: Connection) -> str | None:
    """The database's revision; ``None`` for an empty database or one made before Alembic."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, name: str, target: str = "head") -> tuple[str | None, str]:
    """Migrate the database behind ``engine`` to ``target``; (revision before, revision after).

    ``name`` is how messages show the database. A revision this release does not know means a
    newer conflictlens wrote the database: refused, nothing changed.
    """
    wanted = head() if target == "head" else target
    with engine.connect() as conn:
        found = current(conn)
        conn.rollback()
    _check_known(found, name)
    if found == wanted:
        return found, wanted
    with engine.connect() as conn:
        sqlite = is_sqlite(conn)
        if sqlite:
            # SQLite rebuilds a table to alter it (Alembic's batch mode): dropping the old copy
            # with foreign keys on would cascade-delete every child row. The pragma is a no-op
            # inside a transaction, so it is switched before BEGIN and restored after.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            if sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            found = current(conn)  # another process may have migrated while we waited
            _check_known(found, name)
            if found != wanted:
                command.upgrade(alembic_config(conn), target)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreError(name, "migration would break foreign keys; nothing changed")
            conn.commit()
        finally:
            conn.rollback()
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
    return found, wanted


def _check_known(revision: str | None, name: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise StoreError(
            name,
            f"written by a newer conflictlens (layout revision {revision!r}, "
            f"this one knows up to {head()!r}); upgrade conflictlens",
        )


def has_tables(conn: Connection) -> bool:
    """Whether the database holds anything of ours (any revision, or a pre-Alembic file)."""
    names = set(inspect(conn).get_table_names())
    return bool(names & {"alembic_version", "documents", "schema_version"})


@dataclass(frozen=True)
class Status:
    """Where a database stands: its revision (``None``: empty, or made before Alembic)."""

    revision: str | None
    head: str
    has_tables: bool

    @property
    def describe(self) -> str:
        if self.revision == self.head:
            return f"revision {self.revision} (head: up to date)"
        if self.revision is not None and self.revision not in known_revisions():
            return f"revision {self.revision}, newer than this release's head {self.head}"
        if self.revision is not None:
            return f"revision {self.revision}; head is {self.head} (conflictlens db upgrade)"
        if self.has_tables:
            return (
                f"written before migrations (no revision); head is {self.head} "
                "(conflictlens db upgrade)"
            )
        return f"empty (no revision); head is {self.head}"


def status(url: str) -> Status:
    """The revision of the database at ``url``, read without changing anything."""
    name = redact(url)
    parsed = parse_db_url(url)
    path = sqlite_file(parsed)
    if path is not None and not path.is_file():
        raise StoreError(name, "no such database file")
    try:
        engine = make_engine(parsed)
    except ImportError as exc:
        raise StoreError(name, f"database driver missing ({exc})") from exc
    try:
        with engine.connect() as conn:
            return Status(current(conn), head(), has_tables(conn))
    except SQLAlchemyError as exc:
        raise StoreError(name, f"cannot open the database ({reason(exc)})") from exc
    finally:
        engine.dispose()


def new_revision(message: str, *, autogenerate: bool = True) -> list[Path]:
    """Write a revision file (for developers): the difference between ``schema.metadata`` and
    the layout at head, computed on a scratch SQLite database. Review it before committing."""
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(parse_db_url(f"sqlite:///{scratch}/head.sqlite"))
        try:
            upgrade(engine, "scratch database")
            with engine.begin() as conn:
                scripts = command.revision(
                    alembic_config(conn), message=message, autogenerate=autogenerate
                )
        finally:
            engine.dispose()
    listed = scripts if isinstance(scripts, list) else [scripts]
    return [Path(script.path) for script in listed if script is not None]


def _main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m conflictlens.store.migrate",
        description="Write a new store revision from the changes made to the schema modules.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    revision = sub.add_parser("revision", help="autogenerate a revision file")
    revision.add_argument("-m", "--message", required=True)
    revision.add_argument("--empty", action="store_true", help="no autogenerate: an empty file")
    args = parser.parse_args(argv)
    for path in new_revision(args.message, autogenerate=not args.empty):
        print(path)


if __name__ == "__main__":
    _main()
