"""JSON Lines: the contract's Document shape, one per line."""

from __future__ import annotations

import io
import json

from export_records import document, located_event

from conflictlens.export import write_documents, write_events
from conflictlens.records import Document


def test_jsonl_one_contract_document_per_line() -> None:
    out = io.StringIO()
    assert write_documents([document("a"), document("b")], "jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert "text" not in first
    assert Document.model_validate(first) == document("a").model_copy(update={"text": None})


def test_jsonl_text_only_when_asked() -> None:
    out = io.StringIO()
    write_documents([document()], "jsonl", out, include_text=True)
    assert json.loads(out.getvalue())["text"] == "Strikes hit Aleppo."


def test_jsonl_keeps_non_ascii_readable() -> None:
    out = io.StringIO()
    write_documents([document(title="حلب")], "jsonl", out)
    assert "حلب" in out.getvalue()


def test_jsonl_events_carry_doc_id() -> None:
    out = io.StringIO()
    assert write_events([("a", located_event())], "jsonl", out) == 1
    line = json.loads(out.getvalue())
    assert line["doc_id"] == "a"
    assert line["event_id"] == "ev-1"
