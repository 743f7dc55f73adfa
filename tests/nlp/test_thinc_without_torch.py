"""The CLI keeps torch out of spaCy's model layer: every command would pay ~1 s and ~100 MB."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

_PROBE = """
import sys
from conflictlens.cli import main
try:
    main(["analyze", "-", "--published", "2024-01-02"])
except SystemExit as done:
    assert done.code == 0, done.code
print("torch loaded:", "torch" in sys.modules, "thinc loaded:", "thinc" in sys.modules)
"""


def _run(code: str, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], input=stdin, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")
def test_a_cli_command_runs_spacy_without_importing_torch() -> None:
    out = _run(_PROBE, "Gunmen killed three soldiers near Homs on Monday.\n")
    assert "torch loaded: False thinc loaded: True" in out


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")
def test_torch_can_still_be_imported_afterwards() -> None:
    code = (
        "from conflictlens.nlp import import_thinc_without_torch\n"
        "import_thinc_without_torch()\n"
        "import spacy, thinc.compat, torch\n"
        "print(thinc.compat.has_torch, torch.tensor([1, 2]).sum().item())\n"
    )
    assert _run(code).split() == ["False", "3"]
