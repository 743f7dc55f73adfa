"""Database URLs as users type them."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictlens.errors import StoreError
from conflictlens.store import default_db_url, parse_db_url, redact


def test_urls_default_is_sqlite_in_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFLICTLENS_DB", raising=False)
    url = default_db_url()
    assert url.startswith("sqlite:///")
    assert url.endswith("conflictlens.sqlite")


def test_urls_default_respects_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTLENS_DB", "sqlite:////tmp/elsewhere.sqlite")
    assert default_db_url() == "sqlite:////tmp/elsewhere.sqlite"


def test_urls_plain_path_means_sqlite_file(tmp_path: Path) -> None:
    parsed = parse_db_url(str(tmp_path / "x.sqlite"))
    assert parsed.get_backend_name() == "sqlite"
    assert parsed.database == str(tmp_path / "x.sqlite")


def test_urls_garbage_is_store_error() -> None:
    with pytest.raises(StoreError):
        parse_db_url("a b://x")


def test_urls_redact_hides_password() -> None:
    assert "hunter2" not in redact("postgresql://me:hunter2@db.example.org/cl")
