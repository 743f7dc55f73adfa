"""Run a corpus's own ``score.py`` and a CONTRACT command, each as its own process.

The scorers in ``../shared/data`` are the official ones (the hidden test sets are scored with
the same files), so they are never copied or re-implemented here: each is run on predictions
written to a temporary folder and its ``--json`` output is read back. The commands under test
(``geoparse``, ``framing``) are run exactly as a user runs them, ``python -m conflictlens ...``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from conflictlens.errors import InputError
from conflictlens.eval.report import TaskUnavailable


def run_scorer(script: Path, args: list[str | Path]) -> dict[str, Any]:
    """``python score.py ARGS --json`` -> its JSON object; one-line ``InputError`` on failure."""
    if not script.is_file():
        raise TaskUnavailable(f"no official scorer at {script}")
    command = [sys.executable, str(script), *map(str, args), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise InputError(str(script), f"scorer failed (exit {done.returncode}): {_last(done)}")
    try:
        result: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise InputError(str(script), f"scorer printed no JSON ({error.msg})") from error
    return result


def command_available(name: str) -> bool:
    """Whether this installation has the ``conflictlens NAME`` command (it may be unbuilt)."""
    import typer

    from conflictlens.cli import app

    group = typer.main.get_command(app)
    return name in getattr(group, "commands", {})


def run_command(name: str, args: list[str | Path], *, cwd: Path | None = None) -> None:
    """``python -m conflictlens NAME ARGS``; a non-zero exit becomes a one-line ``InputError``."""
    if not command_available(name):
        raise TaskUnavailable(f"this build has no `conflictlens {name}` command")
    env = {**os.environ, "CONFLICTLENS_PROGRESS": "0"}
    command = [sys.executable, "-m", "conflictlens", name, *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd, env=env)
    if done.returncode != 0:
        raise InputError(f"conflictlens {name}", f"exit {done.returncode}: {_last(done)}")


def _last(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no message"
