"""The REST API over the store (FastAPI): ``conflictlens serve`` runs ``create_app``."""

from conflictlens.api.app import API_PREFIX, create_app

__all__ = ["API_PREFIX", "create_app"]
