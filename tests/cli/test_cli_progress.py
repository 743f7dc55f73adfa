"""Progress on stderr for multi-document runs, never mixed into the JSONL on stdout."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow  # runs whole commands (most load the spaCy model)


def test_cli_analyze_progress_bar_on_stderr_stdout_stays_clean(cli, fixtures, monkeypatch):
    monkeypatch.setenv("CONFLICTLENS_PROGRESS", "1")
    result = cli("analyze", fixtures / "three_documents.jsonl", "--no-store")
    assert result.code == 0, result.err
    documents = [json.loads(line) for line in result.out.splitlines()]  # every line is JSON
    assert [d["doc_id"] for d in documents] == ["idlib-1", "aleppo-1", "daraa-1"]
    assert "analysing" in result.err
    assert "3/3" in result.err, "the bar ends complete"
    assert "━" in result.err, "a drawn bar, not just a counter"


def test_cli_analyze_progress_counts_bad_lines_too(cli, tmp_path, fixtures, monkeypatch):
    monkeypatch.setenv("CONFLICTLENS_PROGRESS", "1")
    path = tmp_path / "with-a-bad-line.jsonl"
    lines = (fixtures / "three_documents.jsonl").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], "{not json}", lines[1]]) + "\n", encoding="utf-8")
    result = cli("analyze", path, "--no-store")
    assert result.code == 1
    assert "3/3" in result.err
    assert "with-a-bad-line.jsonl:2: malformed JSON" in result.err
    assert len(result.out.splitlines()) == 2


def test_cli_analyze_no_progress_without_a_terminal_or_the_switch(cli, fixtures):
    result = cli("analyze", fixtures / "three_documents.jsonl", "--no-store")
    assert result.code == 0
    assert result.err == "", "piped runs stay quiet unless CONFLICTLENS_PROGRESS=1"


def test_cli_summary_lists_stored_events_and_counts(cli, db, fixtures):
    cli("analyze", fixtures / "three_documents.jsonl", "--db", db)
    result = cli("summary", "--db", db)
    assert result.code == 0, result.err
    assert "conflictlens: stored events" in result.out
    assert "3 documents" in result.out
    assert "Wire B" in result.out
