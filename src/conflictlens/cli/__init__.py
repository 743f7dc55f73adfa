"""The ``conflictlens`` command: thin Typer wrappers around library functions.

One module per command group (spaCy's ``cli/`` layout); each command parses options and calls
library functions (``pipeline``, ``store``, ``export``, ``classify``, ``framing``), and heavy
imports happen inside the commands so ``conflictlens --help`` stays instant. Importing a module
registers its commands on ``app``.
"""

from conflictlens.cli import analyze, stored, tasks
from conflictlens.cli._app import app, main

__all__ = ["analyze", "app", "main", "stored", "tasks"]
