"""Alembic migrations: the initial revision is the schema, old files are adopted without loss,
a newer layout is refused, and ``conflictlens db`` shows and performs upgrades."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from conflictlens.cli import main
from conflictlens.errors import StoreError
from conflictlens.store import Store, migrate, schema
from conflictlens.store.urls import parse_db_url

LEGACY_DUMP = Path(__file__).parent / "data" / "legacy_v1.sql"


def _legacy_file(tmp_path: Path) -> Path:
    path = tmp_path / "legacy.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(LEGACY_DUMP.read_text(encoding="utf-8"))
    return path


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name != "alembic_version"
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }


def test_store_migrations_head_equals_the_schema_on_both_backends(backend_url: str) -> None:
    Store(backend_url).close()
    engine = create_engine(parse_db_url(backend_url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, schema.metadata) == []
            assert migrate.current(conn) == migrate.head()
            assert conn.execute(text("SELECT version FROM schema_version")).all() == [(1,)]
    finally:
        engine.dispose()


def test_store_migrations_adopt_a_file_written_before_alembic(tmp_path: Path) -> None:
    path = _legacy_file(tmp_path)
    before = _rows(path)
    assert before["documents"] and before["registry_aliases"]
    with Store(f"sqlite:///{path}") as store:
        document = store.get_document("doc-1")
        assert [e.event_id for e in document.events] == ["doc-1-e1", "doc-1-e2"]
        assert document.events[0].according_to == ["a local monitor"]
    after = _rows(path)
    # Revisions after 0001 add derived rows only: event_actors (0002) and planner statistics.
    added = {name: after.pop(name) for name in list(after) if name not in before}
    assert set(added) <= {"event_actors", "sqlite_stat1", "sqlite_stat4"}
    assert after == before  # every row kept
    assert ("doc-1", "doc-1-e1", "Civilians (Syria)", "2024-04-16", 4) in added["event_actors"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (migrate.head(),)
        ]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        indexes = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"ix_events_by_date", "ix_registry_aliases_norm"} <= indexes


def test_store_migrations_adoption_creates_missing_tables(tmp_path: Path) -> None:
    path = _legacy_file(tmp_path)
    with sqlite3.connect(path) as conn:  # a file from before the corroboration tables
        conn.execute("DROP TABLE cluster_members")
        conn.execute("DROP TABLE event_clusters")
    with Store(f"sqlite:///{path}") as store:
        assert store.stats()["documents"] == 2
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM event_clusters").fetchone() == (0,)


def test_store_migrations_unknown_revision_is_refused(backend_url: str) -> None:
    Store(backend_url).close()
    engine = create_engine(parse_db_url(backend_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"newer conflictlens.*9999_future"):
        Store(backend_url)


def test_store_migrations_newer_legacy_file_is_not_touched(tmp_path: Path) -> None:
    path = _legacy_file(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_version SET version = 2")
    with pytest.raises(StoreError, match="newer"):
        Store(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "alembic_version" not in tables


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        main(list(args))
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0
    else:
        code = 0
    out, err = capsys.readouterr()
    return code, out, err


def test_store_migrations_db_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.sqlite"
    code, _, err = _cli(capsys, "db", "current", "--db", str(missing))
    assert (code, err.strip()) == (1, f"conflictlens: {missing}: no such database file")
    assert not missing.exists()

    legacy = str(_legacy_file(tmp_path))
    code, out, _ = _cli(capsys, "db", "current", "--db", legacy)
    assert code == 0 and "written before migrations" in out
    head = migrate.head()
    code, out, _ = _cli(capsys, "db", "upgrade", "--db", legacy)
    assert (code, out.strip()) == (0, f"{legacy}: upgraded from no revision to {head} (head)")
    code, out, _ = _cli(capsys, "db", "upgrade", "--db", legacy)
    assert out.strip() == f"{legacy}: already at revision {head} (head)"
    code, out, _ = _cli(capsys, "db", "current", "--db", legacy)
    assert out.strip() == f"{legacy}: revision {head} (head: up to date)"


def test_store_migrations_db_current_on_postgresql_hides_password(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _cli(capsys, "db", "current", "--db", pg_url)
    assert code == 0 and "empty (no revision)" in out
    _cli(capsys, "db", "upgrade", "--db", pg_url)
    with_password = pg_url.replace("postgres@", "postgres:hunter2@")
    code, out, _ = _cli(capsys, "db", "current", "--db", with_password)
    assert code == 0 and f"revision {migrate.head()} (head" in out and "hunter2" not in out


REBUILD_DOCUMENTS = """
import sqlalchemy as sa
from alembic import op

revision = "9999_rebuild"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents", recreate="always") as batch_op:
        batch_op.alter_column("title", type_=sa.Text())
"""


def test_store_migrations_sqlite_table_rebuild_keeps_child_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later revision that rebuilds ``documents`` (SQLite's only way to alter a column) must
    not cascade-delete every event: migrations run with foreign keys off, checked after."""
    extra = tmp_path / "versions"
    extra.mkdir()
    (extra / "9999_rebuild.py").write_text(
        REBUILD_DOCUMENTS.replace("{head}", migrate.head()), encoding="utf-8"
    )
    shipped = Path(migrate.__file__).parent / "migrations" / "versions"
    plain_config = migrate.alembic_config

    def with_extra_revision(connection=None):  # type: ignore[no-untyped-def]
        config = plain_config(connection)
        config.set_main_option("path_separator", "os")
        config.set_main_option("version_locations", os.pathsep.join([str(shipped), str(extra)]))
        return config

    monkeypatch.setattr(migrate, "alembic_config", with_extra_revision)
    migrate._scripts.cache_clear()
    try:
        path = _legacy_file(tmp_path)
        before = _rows(path)
        with Store(f"sqlite:///{path}") as store:
            assert store.stats()["events"] == 4
        after = _rows(path)
        assert {name: after[name] for name in before} == before
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
                ("9999_rebuild",)
            ]
    finally:
        monkeypatch.undo()
        migrate._scripts.cache_clear()
