"""Persisting analysed documents: an embedded SQLite file by default, PostgreSQL by URL."""

from conflictlens.store.repository import SaveResult, Store
from conflictlens.store.schema import SCHEMA_VERSION
from conflictlens.store.urls import default_db_url, parse_db_url, redact

__all__ = ["SCHEMA_VERSION", "SaveResult", "Store", "default_db_url", "parse_db_url", "redact"]
