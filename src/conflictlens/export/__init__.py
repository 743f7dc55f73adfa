"""Writing records out: JSON Lines, ACLED-compatible CSV, GeoJSON."""

from conflictlens.export.acled_csv import ACLED_COLUMNS, COLUMNS, EXTRA_COLUMNS, acled_region
from conflictlens.export.registry import FORMATS, check_format, write_documents, write_events

__all__ = [
    "ACLED_COLUMNS",
    "COLUMNS",
    "EXTRA_COLUMNS",
    "FORMATS",
    "acled_region",
    "check_format",
    "write_documents",
    "write_events",
]
