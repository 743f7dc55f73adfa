"""What earlier runs fetched: validators, content hashes and dates per URL, in a SQLite file.

A file of its own rather than tables in the store: ``--output DIR`` runs have no store at all,
the store may be a shared PostgreSQL server while fetch state belongs to one fetching machine,
and HTTP caching data does not need the store's migrations. stdlib ``sqlite3``, bound
parameters only; one connection, used by the main thread alone (workers never touch it).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from conflictlens.errors import UsageError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS fetched (
    url TEXT PRIMARY KEY,          -- as listed in an input file or linked from a feed
    kind TEXT NOT NULL,            -- 'feed' | 'article' | 'entry' (feed entry without a link)
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,             -- of the article's text and metadata; NULL for feeds
    doc_id TEXT,
    first_fetched TEXT NOT NULL,   -- UTC, ISO 8601
    last_fetched TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Record:
    """One URL's state after a successful fetch; written only once its article is safe."""

    url: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    doc_id: str | None = None


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class FetchState:
    """Open (creating if needed) the state file at ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path)
            self._conn.execute(_SCHEMA)
            self._conn.commit()
        except (OSError, sqlite3.Error) as error:
            raise UsageError(str(path), f"cannot open the fetch state file ({error})") from None

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> FetchState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Record | None:
        row = self._conn.execute(
            "SELECT url, kind, etag, last_modified, content_hash, doc_id FROM fetched "
            "WHERE url = ?",
            (url,),
        ).fetchone()
        return Record(*row) if row else None

    def save(self, record: Record) -> None:
        """Insert or replace one URL's state, committed at once (a crash loses nothing saved)."""
        now = _now()
        with self._conn:
            self._conn.execute(
                "INSERT INTO fetched (url, kind, etag, last_modified, content_hash, doc_id, "
                "first_fetched, last_fetched) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag, "
                "last_modified = excluded.last_modified, content_hash = excluded.content_hash, "
                "doc_id = excluded.doc_id, last_fetched = excluded.last_fetched",
                (
                    record.url,
                    record.kind,
                    record.etag,
                    record.last_modified,
                    record.content_hash,
                    record.doc_id,
                    now,
                    now,
                ),
            )

    def touch(self, url: str) -> None:
        """A 304: the URL was checked now and is unchanged."""
        with self._conn:
            self._conn.execute("UPDATE fetched SET last_fetched = ? WHERE url = ?", (_now(), url))

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM fetched").fetchone()[0])
