"""The core of ``conflictlens hedges``: sentence-level uncertainty and cue spans (CoNLL-2010)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from conflictlens.framing.hedge_model import SentenceEncoder, default_model

BATCH = 512


def hedge_rows(
    records: Iterable[tuple[str, str]], encoder: SentenceEncoder | None = None
) -> Iterator[tuple[str, int, str]]:
    """``(id, text)`` -> ``(id, uncertain, "start-end;start-end")``, the rows the CLI writes.

    The trained hedge model (``framing/hedge_model.py``) decides; the fine-tuned ``encoder``,
    when given (``hedge_encoder.for_detector``), can add uncertainty it missed. The task counts
    vague quantifiers and weasel attributions ("some", "many", "critics say") as uncertainty,
    not only epistemic hedges. Sentences go through in batches (the linear models score a batch as
    one sparse matrix product); the output keeps the input order.
    """
    model = default_model()
    records = iter(records)
    while batch := list(islice(records, BATCH)):
        predictions = model.predict_many([text for _, text in batch], encoder)
        for (record_id, _), (uncertain, cues) in zip(batch, predictions, strict=True):
            yield record_id, int(uncertain), ";".join(f"{s}-{e}" for s, e in cues)


def read_hedge_input(path: Path) -> Iterator[tuple[str, str]]:
    """``(id, text)`` pairs from ``.tsv`` (header with ``id``, ``text``; no quoting) or ``.jsonl``.

    Raises ``ValueError`` naming the line when a row lacks an id or text.
    """
    path = Path(path)
    if path.suffix.lower() == ".jsonl":
        with path.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from error
                if (
                    not isinstance(item, dict)
                    or "id" not in item
                    or not isinstance(item.get("text"), str)
                ):
                    raise ValueError(f"{path}:{number}: needs 'id' and 'text'")
                yield str(item["id"]), item["text"]
        return
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return
        columns = [name.strip().lower() for name in header]
        if "id" not in columns or ("text" not in columns and "sentence" not in columns):
            raise ValueError(f"{path}: header needs 'id' and 'text' columns")
        id_col = columns.index("id")
        text_col = columns.index("text") if "text" in columns else columns.index("sentence")
        for number, row in enumerate(reader, 2):
            if not row:
                continue
            if len(row) <= max(id_col, text_col):
                raise ValueError(f"{path}:{number}: expected {len(columns)} tab-separated fields")
            yield row[id_col], row[text_col]
