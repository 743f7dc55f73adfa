"""Scoring learned relations against hand-judged sentences of real articles.

The gold file names sentences by dataset, document id and character offsets (plus a short hash
of the sentence, so a changed corpus is noticed) and lists the relations each sentence states;
the corpus text itself stays in ``../shared/data``. Run ``python -m conflictlens.actors.gold
GOLD DATA_DIR``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

__all__ = ["score_relations"]

_STATE = re.compile(r"^Military Forces of (?:the )?(.+?) \(\d{4}-(?:\d{4})?\)$")


def _side(name: str) -> str:
    """One key per side: a state's armed forces and the state are one supporter or ally."""
    found = _STATE.match(name)
    return (found.group(1) if found else name).casefold().replace("-", " ")


def _key(triple: tuple[str, str, str] | list[str]) -> tuple[str, str, str]:
    subject, predicate, obj = triple
    if predicate in ("allied_with", "fights") and _side(obj) < _side(subject):
        subject, obj = obj, subject  # symmetric predicates
    return _side(subject), predicate, _side(obj)


def score_relations(gold_path: Path, data_dir: Path) -> dict[str, Any]:
    """Precision and recall of ``analyze``'s relations on the judged sentences."""
    from conflictlens import analyze

    rows = [json.loads(line) for line in gold_path.read_text().splitlines() if line.strip()]
    records: dict[str, dict[str, Any]] = {}
    for dataset in {row["dataset"] for row in rows}:
        for path in sorted((data_dir / dataset).glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                records.setdefault(str(record.get("id")), record)
    documents: dict[str, Any] = {}
    found = correct = gold_total = gold_found = stale = 0
    errors: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    # Per predicate: [extracted, correct, gold, gold found] — alias precision is read apart.
    by_predicate: dict[str, list[int]] = {}
    for row in rows:
        record = records.get(row["doc_id"])
        if record is None:
            stale += 1
            continue
        text = record["text"]
        sentence = text[row["start"] : row["end"]]
        if hashlib.sha1(sentence.encode()).hexdigest()[:12] != row["sha1"]:
            stale += 1
            continue
        if row["doc_id"] not in documents:
            documents[row["doc_id"]] = analyze(
                text,
                doc_id=row["doc_id"],
                published=record.get("published"),
                source=record.get("source"),
            )
        extracted = {
            _key((r.subject, r.predicate, r.object))
            for r in documents[row["doc_id"]].relations
            if row["start"] <= r.start < row["end"]
        }
        gold = {_key(t) for t in row["gold"]}
        found += len(extracted)
        correct += len(extracted & gold)
        gold_total += len(gold)
        gold_found += len(gold & extracted)
        for triple in extracted | gold:
            counts = by_predicate.setdefault(triple[1], [0, 0, 0, 0])
            counts[0] += triple in extracted
            counts[1] += triple in extracted and triple in gold
            counts[2] += triple in gold
            counts[3] += triple in gold and triple in extracted
        if extracted - gold:
            errors.append(
                {"doc_id": row["doc_id"], "start": row["start"], "wrong": sorted(extracted - gold)}
            )
        if gold - extracted:
            missed.append(
                {"doc_id": row["doc_id"], "start": row["start"], "missed": sorted(gold - extracted)}
            )
    return {
        "sentences": len(rows) - stale,
        "stale": stale,
        "extracted": found,
        "correct": correct,
        "precision": round(correct / found, 3) if found else None,
        "gold": gold_total,
        "recall": round(gold_found / gold_total, 3) if gold_total else None,
        "by_predicate": {
            name: {"extracted": c[0], "correct": c[1], "gold": c[2], "found": c[3]}
            for name, c in sorted(by_predicate.items())
        },
        "wrong": errors,
        "missed": missed,
    }


if __name__ == "__main__":
    print(json.dumps(score_relations(Path(sys.argv[1]), Path(sys.argv[2])), indent=1))
