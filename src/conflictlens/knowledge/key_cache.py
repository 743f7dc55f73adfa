"""Matching keys of many names, computed once per machine and kept in the user cache directory.

The packaged gazetteer has about 570,000 names; normalising them (transliteration folds, article
rules) takes most of its load time, seconds on every start of ``conflictlens``. The keys depend
only on the names and on ``normalize.py``, so they are cached in a plain text file (one key per
line) named after a digest of both: a changed name list or normaliser gets new keys, and a
missing, truncated or unwritable cache only costs the computation.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_cache_dir

from conflictlens.knowledge import normalize


def cache_dir() -> Path:
    """``$CONFLICTLENS_CACHE_DIR``, else the platform's user cache directory."""
    return Path(os.environ.get("CONFLICTLENS_CACHE_DIR") or user_cache_dir("conflictlens"))


def name_keys(names: Sequence[str]) -> list[str]:
    """``[normalize.name_key(n) for n in names]``, read from the cache when it is there."""
    digest = hashlib.sha256(Path(normalize.__file__).read_bytes())
    for name in names:
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
    path = cache_dir() / f"name-keys-{digest.hexdigest()[:20]}.txt"
    try:
        keys = path.read_text(encoding="utf-8").split("\n")
        if len(keys) == len(names):
            return keys
    except (OSError, UnicodeDecodeError):
        pass
    keys = [normalize.name_key(name) for name in names]
    _write(path, "\n".join(keys))
    return keys


def _write(path: Path, content: str) -> None:
    """Write atomically (temporary file, then rename); a read-only cache is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".name-keys-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(temporary, path)
    except OSError:
        return
