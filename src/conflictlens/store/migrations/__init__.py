"""Alembic environment of the store: ``env.py``, the revision template and ``versions/``.

Driven from ``conflictlens.store.migrate`` (no ``alembic.ini``); see docs/store.md.
"""
