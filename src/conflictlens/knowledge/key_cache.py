"""What the knowledge base computes from its data files, kept in the user cache directory.

Name keys (``name_keys``) and the gazetteer's parsed tables (``cached_value``) depend only on
the packaged data and the code that reads it; both are rebuilt when either changes (the file
name carries a digest of them) and when the cache is missing, truncated or unwritable.

The packaged gazetteer has about 570,000 names; normalising them (transliteration folds, article
rules) takes most of its load time, seconds on every start of ``conflictlens``. The keys depend
only on the names and on ``normalize.py``, so they are cached in a plain text file (one key per
line) named after a digest of both: a changed name list or normaliser gets new keys, and a
missing, truncated or unwritable cache only costs the computation.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

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


T = TypeVar("T")


def digest_of(paths: Iterable[Path]) -> str:
    """One digest of the files' contents (and names), in the order given."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def cached_value(stem: str, digest: str, build: Callable[[], T]) -> T:
    """``build()``'s result, unpickled from ``<cache>/<stem>-<digest>.pickle`` when there.

    The file is written by this function only, in the user's own cache directory (the same
    trust as the classifier's cached model); anything unreadable is rebuilt and replaced.
    """
    path = cache_dir() / f"{stem}-{digest}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # type: ignore[no-any-return]
    except Exception:  # missing, truncated, from another Python: build it again
        pass
    value = build()
    _write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _write(path: Path, content: str | bytes) -> None:
    """Write atomically (temporary file, then rename); a read-only cache is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        mode = "wb" if isinstance(content, bytes) else "w"
        with os.fdopen(handle, mode, encoding=None if mode == "wb" else "utf-8") as out:
            out.write(content)
        os.replace(temporary, path)
    except OSError:
        return
