"""Batch fixtures: the test articles and an in-process CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conflictlens.cli import main

DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out.strip().splitlines()[-1])


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTLENS_DB", f"sqlite:///{tmp_path / 'default-store.sqlite'}")
    monkeypatch.delenv("CONFLICTLENS_PROGRESS", raising=False)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``cli("load", dir, "--db", url)`` -> Result(code, stdout, stderr), in-process."""

    def run(*args: object) -> Result:
        capsys.readouterr()
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
def articles() -> Path:
    """Six short test articles, one JSONL line each, with ids b1..b6."""
    return DATA / "articles.jsonl"
