"""PostgreSQL URLs as users copy them from psql, libpq or a hosting panel."""

from __future__ import annotations

import pytest

from conflictlens.store import parse_db_url, redact


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_urls_postgres_use_psycopg_3(scheme: str) -> None:
    parsed = parse_db_url(f"{scheme}://me:pw@db.example.org:5433/cl")
    assert parsed.drivername == "postgresql+psycopg"
    assert (parsed.host, parsed.port, parsed.database) == ("db.example.org", 5433, "cl")


def test_urls_postgres_explicit_driver_is_kept() -> None:
    assert parse_db_url("postgresql+psycopg2://h/cl").drivername == "postgresql+psycopg2"


def test_urls_postgres_unix_socket_and_password_hidden() -> None:
    url = "postgresql://me:s3cret@/cl?host=/run/postgresql"
    assert parse_db_url(url).query["host"] == "/run/postgresql"
    assert "s3cret" not in redact(url)
