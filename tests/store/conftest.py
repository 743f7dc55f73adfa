"""Stores for the tests: in-memory, or a SQLite file in tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conflictlens.store import Store


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
