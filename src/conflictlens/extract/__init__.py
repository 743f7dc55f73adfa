"""Extraction: events, dates, casualty figures, attribution and relations from parsed sentences.

Modules are imported by their users (``conflictlens.extract.events`` and so on); this package
file stays import-free so that one extractor can be used without loading the others.
"""

__all__: list[str] = []
