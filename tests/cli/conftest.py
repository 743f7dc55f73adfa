"""Running the ``conflictlens`` command end to end, in-process and as a subprocess.

In-process runs (``cli``) share one loaded spaCy model for the whole session; subprocess runs
(``cli_proc``) are for what only a real process shows: stdin, and that no traceback reaches
stderr. Every test gets its own store: the user's default store is never touched.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conflictlens.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cli"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def lines(self) -> list[dict]:
        """The JSONL documents on stdout."""
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]

    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """CONFLICTLENS_DB points into tmp_path, so a test that forgets --db cannot reach the
    user's store; progress and debug switches from the developer's shell are cleared."""
    default = tmp_path / "default-store.sqlite"
    monkeypatch.setenv("CONFLICTLENS_DB", f"sqlite:///{default}")
    monkeypatch.delenv("CONFLICTLENS_PROGRESS", raising=False)
    monkeypatch.delenv("CONFLICTLENS_DEBUG", raising=False)
    return default


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'x.sqlite'}"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``cli("analyze", path, "--no-store")`` -> Result(code, stdout, stderr), in-process."""

    def run(*args: object) -> Result:
        capsys.readouterr()  # drop anything printed before
        try:
            main([str(a) for a in args])
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        else:
            code = 0
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli_proc(tmp_path: Path) -> Callable[..., Result]:
    """The same, as ``python -m conflictlens`` in a child process (stdin optional)."""

    def run(*args: object, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Result:
        completed = subprocess.run(
            [sys.executable, "-m", "conflictlens", *(str(a) for a in args)],
            input=stdin if stdin is not None else b"",
            capture_output=True,
            cwd=tmp_path,
            env={**os.environ, **(env or {})},
            timeout=120,
        )
        return Result(
            completed.returncode,
            completed.stdout.decode("utf-8", "replace"),
            completed.stderr.decode("utf-8", "replace"),
        )

    return run


def dump_store(url: str) -> dict[str, list[tuple]]:
    """Every row of every table of a SQLite store, sorted: to compare two states exactly."""
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        tables = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("sqlite_")
        ]
        return {
            table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }


def stored(url: str) -> dict[str, list[str]]:
    """doc_id -> the event ids stored for it."""
    from conflictlens.store import Store

    store = Store(url)
    try:
        found: dict[str, list[str]] = {doc.doc_id: [] for doc in store.documents()}
        for doc_id, event in store.events():
            found.setdefault(doc_id, []).append(event.event_id)
        return found
    finally:
        store.close()


def assert_one_line_error(result: Result, name: str, reason: str) -> None:
    """The contract's error shape: one stderr line naming the input and the reason."""
    lines = result.err_lines()
    assert len(lines) == 1, result.err
    assert name in lines[0], lines[0]
    assert reason.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in result.err
