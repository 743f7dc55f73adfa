"""``DIR/manifest.json``: which shards are complete, with their counts and input fingerprints.

The manifest is the only record of completion: a shard's Parquet files are written (and
renamed into place) before its entry is added, and the manifest itself is replaced atomically
(temp file, fsync, rename), so after a crash or ``kill -9`` it lists only shards whose files are
whole, and a rerun redoes the rest.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conflictlens.errors import InputError

MANIFEST = "manifest.json"
#: Bumped when the layout of a batch output changes incompatibly.
FORMAT_VERSION = 1


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Manifest:
    """What a batch output holds; ``shards`` maps shard id -> entry (status ``"done"``)."""

    pipeline_version: str
    shard_size: int
    shards: dict[str, dict[str, Any]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # every planned shard, in plan order
    created: str = field(default_factory=now)
    updated: str = field(default_factory=now)

    def done(self, shard_id: str, fingerprint: str) -> bool:
        entry = self.shards.get(shard_id)
        return (
            entry is not None
            and entry.get("status") == "done"
            and entry.get("fingerprint") == fingerprint
            and entry.get("pipeline_version") == self.pipeline_version
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "pipeline_version": self.pipeline_version,
            "shard_size": self.shard_size,
            "created": self.created,
            "updated": self.updated,
            "order": self.order,
            "totals": self.totals(),
            "shards": self.shards,
        }

    def totals(self) -> dict[str, int]:
        keys = ("documents", "events", "words", "errors", "duplicates_dropped", "renamed")
        done = [e for e in self.shards.values() if e.get("status") == "done"]
        return {"shards_done": len(done)} | {k: sum(int(e.get(k, 0)) for e in done) for k in keys}

    def save(self, directory: Path) -> None:
        """Replace ``DIR/manifest.json`` atomically (a reader sees the old or the new one)."""
        self.updated = now()
        target = directory / MANIFEST
        tmp = directory / f".{MANIFEST}.{os.getpid()}.tmp"
        with tmp.open("w", encoding="utf-8") as out:
            json.dump(self.to_json(), out, indent=1, sort_keys=False)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)


def read_manifest(directory: Path) -> Manifest | None:
    """The manifest in ``directory``, None when there is none; InputError when unreadable."""
    path = directory / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT_VERSION:
            raise InputError(str(path), f"unknown batch format {data.get('format')!r}")
        return Manifest(
            pipeline_version=str(data["pipeline_version"]),
            shard_size=int(data["shard_size"]),
            shards=dict(data.get("shards") or {}),
            order=list(data.get("order") or []),
            created=str(data.get("created") or now()),
            updated=str(data.get("updated") or now()),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(str(path), f"not a readable batch manifest ({exc})") from exc


__all__ = ["FORMAT_VERSION", "MANIFEST", "Manifest", "read_manifest"]
