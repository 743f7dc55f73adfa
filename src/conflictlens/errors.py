"""Errors users see, each mapped to one exit code (CONTRACT: 2 = usage, 1 = data).

The CLI catches ``ConflictlensError`` in one place and prints ``str(error)`` as a single line on
stderr; the API maps the same classes to HTTP statuses. Messages always name the input.
"""

from __future__ import annotations


class ConflictlensError(Exception):
    """Base class: ``exit_code`` is what the CLI returns for it."""

    exit_code = 1
    code = "E000"

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class UsageError(ConflictlensError):
    """The command was called wrongly (unknown option value, missing path): exit 2."""

    exit_code = 2
    code = "E100"


class InputError(ConflictlensError):
    """An input could not be read or is not what its format promises: exit 1."""

    exit_code = 1
    code = "E200"


class StoreError(ConflictlensError):
    """The store could not be opened or written; nothing half-written is left: exit 1."""

    exit_code = 1
    code = "E300"
