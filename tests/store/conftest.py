"""Stores for the tests: in-memory, a SQLite file in tmp_path, or a database on a throwaway
PostgreSQL server (tests/pg_server.py) for the tests run on both backends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conflictlens.store import Store
from pg_server import pg_server, pg_url  # noqa: F401  (fixtures)


@pytest.fixture
def store() -> Iterator[Store]:
    db = Store("sqlite://")
    yield db
    db.close()


@pytest.fixture
def file_store(tmp_path: Path) -> Iterator[Callable[..., Store]]:
    opened: list[Store] = []

    def open_store(**kwargs: object) -> Store:
        db = Store(f"sqlite:///{tmp_path / 'cl.sqlite'}", **kwargs)
        opened.append(db)
        return db

    yield open_store
    for db in opened:
        db.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store URL on each backend: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'backend.sqlite'}"
    return str(request.getfixturevalue("pg_url"))
