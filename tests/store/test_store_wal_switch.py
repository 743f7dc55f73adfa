"""A new SQLite store switches its file to WAL even while another connection holds it open."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from sqlalchemy.engine import make_url

from conflictlens.store.engine import make_engine


def test_the_wal_switch_waits_for_another_connections_lock(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE t (x)")
    # A writer's reserved lock (what a store's write transaction takes): SQLite refuses the
    # switch at once, without waiting out the busy timeout.
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    release.start()
    try:
        engine = make_engine(make_url(f"sqlite:///{path}"))
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        engine.dispose()
    finally:
        release.join()
        other.close()
