"""Resolution: mentions in the text -> entries of the knowledge base and the gazetteer."""

from conflictlens.resolve.places import resolve_places

__all__ = ["resolve_places"]
