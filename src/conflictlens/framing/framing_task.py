"""The core of ``conflictlens framing``: read texts exactly as given, find or classify techniques.

Offsets must index "the file's text exactly as read" (CONTRACT.md), which is what the PTC
scorer does: ``open(path, encoding="utf-8").read()``. So ``.txt`` files are decoded here, not by
``ingest`` (which drops a byte-order mark): Python text mode keeps the BOM as a character and
turns ``\\r\\n`` into ``\\n``, and so does this reader. Other formats go through ``ingest``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictlens.errors import InputError
from conflictlens.records import Framing, Hedge, Label, Quote, Technique

_ARTICLE = re.compile(r"^article(\d+)\.txt$", re.IGNORECASE)
#: Biggest .txt file read (the same order as ingest's per-document limit).
MAX_TEXT_BYTES = 20_000_000


@dataclass
class FramingInput:
    """One text to analyse: ``article_id`` is what ``--format ptc`` writes in column 1."""

    doc_id: str
    article_id: str
    text: str
    warnings: list[str] = field(default_factory=list)


def _read_txt(path: Path, name: str) -> FramingInput:
    from conflictlens.ingest.detect import decode_text, looks_binary
    from conflictlens.ingest.text import normalize_newlines, read_bytes_limited

    data = read_bytes_limited(path, name, MAX_TEXT_BYTES)
    warnings: list[str] = []
    if looks_binary(data):
        raise InputError(name, "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, warnings = decode_text(data, name)
    text = normalize_newlines(text)
    if not text.strip():
        raise InputError(name, "empty file (only whitespace)")
    match = _ARTICLE.match(path.name)
    return FramingInput(path.stem, match.group(1) if match else path.stem, text, warnings)


def read_framing_inputs(inputs: Sequence[str]) -> Iterator[FramingInput | InputError]:
    """Every text of every input in order; a bad input yields its ``InputError`` (not raised)."""
    from conflictlens.ingest.reader import iter_directory, read_inputs

    for item in inputs:
        path = Path(item)
        files = list(iter_directory(path)) if path.is_dir() else [path]
        for file in files:
            name = str(file)
            if item != "-" and file.suffix.lower() == ".txt":
                try:
                    yield _read_txt(file, name)
                except InputError as error:
                    yield error
                except OSError as error:
                    yield InputError(name, f"cannot read: {error.strerror or error}")
                continue
            for raw in read_inputs([item if item == "-" else name]):
                if isinstance(raw, InputError):
                    yield raw
                else:
                    yield FramingInput(raw.doc_id, raw.doc_id, raw.text, list(raw.warnings))


def read_spans(path: Path) -> dict[str, list[tuple[int, int]]]:
    """``--spans`` rows by article id, in file order: ``article_id, technique|?, start, end``."""
    spans: dict[str, list[tuple[int, int]]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read spans ({error})") from error
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        columns = line.rstrip("\r").split("\t")
        if len(columns) != 4:
            raise InputError(
                f"{path}:{number}", f"expected 4 tab-separated columns, found {len(columns)}"
            )
        article, _, start, end = columns
        try:
            begin, finish = int(start), int(end)
        except ValueError:
            raise InputError(f"{path}:{number}", "start and end must be integers") from None
        if not 0 <= begin < finish:
            raise InputError(f"{path}:{number}", f"bad span {begin}-{finish}")
        spans.setdefault(article.strip().removeprefix("article"), []).append((begin, finish))
    return spans


def framing_of(text: str, techniques: list[Technique]) -> Framing:
    """The contract's Framing for a bare text: techniques, hedges, quotes, actor labels."""
    from conflictlens.extract.attribution import find_hedges, find_quotes
    from conflictlens.framing.labels import find_labels
    from conflictlens.knowledge import ActorKB

    quotes = find_quotes(text)
    actors = [(m.start, m.end, m.actor.name) for m in ActorKB.default().find(text)]
    return Framing(
        techniques=techniques,
        hedges=[
            Hedge(cue=h.cue, start=h.start, end=h.end, scope=h.scope) for h in find_hedges(text)
        ],
        quotes=[Quote(speaker=q.speaker, start=q.start, end=q.end) for q in quotes],
        labels=[
            Label(
                actor=lab.actor_name, label=lab.label, start=lab.start, end=lab.end, voice=lab.voice
            )
            for lab in find_labels(text, actors, quotes)
        ],
    )


def framing_record(item: FramingInput, techniques: list[Technique]) -> dict[str, Any]:
    """One ``--format jsonl`` line."""
    record: dict[str, Any] = {"doc_id": item.doc_id}
    if item.article_id != item.doc_id:
        record["article_id"] = item.article_id
    record["framing"] = framing_of(item.text, techniques).model_dump(mode="json")
    if item.warnings:
        record["warnings"] = item.warnings
    return record
