"""Why the registry refuses a claim or a command: one error type, exit code 1 (data)."""

from __future__ import annotations

from conflictlens.errors import InputError


class RegistryRefusal(InputError):
    """A claim the registry will not hold: a self-loop, an alias cycle, an unknown predicate,
    or a merge/split that does not apply. ``source`` names the claim or the actor."""

    code = "E400"
