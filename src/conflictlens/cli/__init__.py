"""The ``conflictlens`` command: thin Typer wrappers around library functions.

One module per command group (spaCy's ``cli/`` layout); each command parses options and calls
library functions (``pipeline``, ``store``, ``export``, ``classify``, ``framing``, ...), and heavy
imports happen inside the commands so ``conflictlens --help`` stays instant. Every public module
of this package is imported here, which registers its commands on ``app``: a new command group is
a new module, nothing else to edit.
"""

import importlib
import pkgutil

from conflictlens.cli._app import app, main

COMMAND_MODULES = tuple(
    sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
)
for _name in COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}")

__all__ = ["COMMAND_MODULES", "app", "main"]
