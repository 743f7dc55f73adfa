"""Reading ``geoparse`` input: JSONL lines ``{"doc_id", "text"}``, bad lines reported, not fatal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from conflictlens.errors import InputError

__all__ = ["read_geoparse_input"]


def read_geoparse_input(path: Path) -> Iterator[tuple[str, str] | InputError]:
    """``(doc_id, text)`` per good line, an ``InputError`` naming ``path:line`` per bad one."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline()
            except UnicodeDecodeError:
                yield InputError(f"{path}:{number + 1}", "not UTF-8 text")
                return
            if not line:
                return
            number += 1
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:
                yield InputError(f"{path}:{number}", "malformed JSON (a truncated line?)")
                continue
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                yield InputError(f"{path}:{number}", 'expected an object with a "text" string')
                continue
            doc_id = item.get("doc_id", item.get("id"))
            yield (str(doc_id) if doc_id is not None else str(number), item["text"])
