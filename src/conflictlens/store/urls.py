"""Database URLs: where the store lives by default, and how user input becomes an engine URL.

Users type ``--db`` values by hand, so a bare file path is accepted as a SQLite file, and
passwords are masked before a URL appears in any message.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from conflictlens.errors import StoreError

ENV_VAR = "CONFLICTLENS_DB"
_MEMORY = {"", ":memory:"}


def default_db_url() -> str:
    """``$CONFLICTLENS_DB`` if set, else a SQLite file in the user data dir."""
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        return configured
    path = Path(user_data_dir("conflictlens")) / "conflictlens.sqlite"
    return f"sqlite:///{path}"


def parse_db_url(url: str) -> URL:
    """A SQLAlchemy ``URL`` for ``url``; a plain path (no ``://``) means a SQLite file."""
    text = url.strip()
    if "://" not in text:
        if text in _MEMORY:
            return make_url("sqlite://")
        text = f"sqlite:///{Path(text).expanduser().resolve()}"
    try:
        parsed = make_url(text)
    except ArgumentError as exc:
        raise StoreError(redact(url), f"not a database URL ({exc})") from exc
    if parsed.drivername == "postgres":  # the scheme libpq, psql and many hosting panels print
        parsed = parsed.set(drivername="postgresql")
    if parsed.drivername == "postgresql":
        # The bare name's default driver differs between SQLAlchemy releases (psycopg2 in 2.0,
        # psycopg 3 in 2.1): pick whichever is installed so users need not spell it out.
        for driver in ("psycopg", "psycopg2"):
            if find_spec(driver):
                parsed = parsed.set(drivername=f"postgresql+{driver}")
                break
    return parsed


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, or ``None`` for in-memory databases and other backends."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in _MEMORY or database.startswith("file::memory:") or "mode=memory" in database:
        return None
    return Path(database).expanduser()


def redact(url: str | URL) -> str:
    """The URL as users may see it in messages: any password replaced by ``***``."""
    try:
        parsed = url if isinstance(url, URL) else make_url(str(url))
    except ArgumentError:
        return str(url)
    return parsed.render_as_string(hide_password=True)
