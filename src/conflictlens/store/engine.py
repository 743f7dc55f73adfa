"""Engines for the store's two backends, and the write transaction both behave the same in.

SQLite needs per-connection pragmas (foreign keys are off by default) and an explicit
``BEGIN IMMEDIATE`` for read-then-write transactions: Python's sqlite3 module starts a
transaction only at the first INSERT, so two processes that both read first would otherwise
collide at their first write (``database is locked`` without waiting). PostgreSQL takes row
locks instead (see ``Store.save``).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.pool import StaticPool

from conflictlens.store.urls import sqlite_file

#: Seconds a SQLite writer waits for another process's write lock before giving up.
SQLITE_BUSY_TIMEOUT = 30


def make_engine(url: URL) -> Engine:
    """An engine for ``url``: PostgreSQL as is, SQLite with foreign keys and WAL."""
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    path = sqlite_file(url)
    if path is None:
        # One shared connection, or every new connection would see its own empty database.
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if path is not None:
            _use_wal(cursor)
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _use_wal(cursor: Any) -> None:
    """Put the database file in WAL mode (a setting of the file: once is enough for all).

    Switching needs the file to itself, and SQLite answers "database is locked" at once rather
    than waiting out the busy timeout when another connection is opening or using it (two
    processes starting on a new store): retry for up to ``SQLITE_BUSY_TIMEOUT`` seconds.
    """
    if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that reads, then writes: committed at the end, rolled back on error.

    On SQLite the write lock is taken up front (``BEGIN IMMEDIATE``, waiting up to
    ``SQLITE_BUSY_TIMEOUT``), so what was read is still true when the write happens.
    """
    with engine.begin() as conn:
        # (An in-memory store shares one connection, which may already be in a transaction.)
        if is_sqlite(conn) and not conn.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        yield conn


def reason(exc: BaseException) -> str:
    """A one-line reason: the driver's message without SQLAlchemy's statement dump."""
    original = getattr(exc, "orig", None)
    message = str(original if original is not None else exc)
    return " ".join(message.split("\n")[0].split()) or type(exc).__name__
