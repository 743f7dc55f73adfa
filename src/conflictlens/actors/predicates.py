"""The relation predicates the registry accepts, read from ``data/predicates.json``.

Keeping the vocabulary in data lets ``actors show`` read every predicate the same way and lets
the registry refuse anything else (a typo'd or invented predicate never reaches the graph).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from conflictlens.actors.errors import RegistryRefusal

__all__ = ["Predicate", "check_predicate", "predicates"]


@dataclass(frozen=True)
class Predicate:
    """One predicate: what its object is and how it reads in either direction."""

    name: str
    object: str  # actor | person | place | year | actor_or_country
    symmetric: bool
    functional: bool
    reads: str
    inverse: str


@lru_cache(maxsize=1)
def predicates() -> dict[str, Predicate]:
    """Every accepted predicate by name."""
    raw = resources.files("conflictlens.actors").joinpath("data/predicates.json").read_text()
    rows = json.loads(raw)["predicates"]
    return {name: Predicate(name=name, **row) for name, row in rows.items()}


def check_predicate(name: str, claim: str = "") -> Predicate:
    """The predicate called ``name``, or a refusal naming the claim and the accepted ones."""
    found = predicates().get(name)
    if found is None:
        raise RegistryRefusal(
            claim or name,
            f"unknown predicate '{name}' (accepted: {', '.join(sorted(predicates()))})",
        )
    return found
