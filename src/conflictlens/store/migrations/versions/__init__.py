"""Alembic revisions of the store layout, oldest first (see docs/store.md to add one)."""
