"""Reading every input format into ``RawDocument`` records.

``read_inputs`` is the one entry point the pipeline needs: files, directories and stdin, in
input order, with bad inputs reported in the stream as ``InputError`` values instead of raised.
"""

from conflictlens.ingest.detect import decode_text, detect_language, looks_binary
from conflictlens.ingest.html import fragment_to_text
from conflictlens.ingest.meta import DEFAULT_LIMITS, IngestLimits, normalize_date
from conflictlens.ingest.reader import (
    FORMATS,
    STDIN,
    SUPPORTED_EXTENSIONS,
    check_paths,
    count_documents,
    format_of,
    iter_directory,
    read_inputs,
)

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "STDIN",
    "SUPPORTED_EXTENSIONS",
    "IngestLimits",
    "check_paths",
    "count_documents",
    "decode_text",
    "detect_language",
    "format_of",
    "fragment_to_text",
    "iter_directory",
    "looks_binary",
    "normalize_date",
    "read_inputs",
]
