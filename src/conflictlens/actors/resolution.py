"""Entity resolution: which registered actor a surface form names, if the evidence is strong.

An exact match on the normalised name (transliterations folded: "Liwa Al Quds" = "Liwaa
al-Quds") is that actor. Otherwise a fuzzy match (RapidFuzz, over word-sorted normalised
names) links only when it is very close, or close *and* the candidate is named in the same
document; anything weaker becomes a provisional actor, so near-namesakes such as Liwa al-Quds'
"Al-Quds Brigade" and Islamic Jihad's "Al-Quds Brigades" are never silently joined.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process

from conflictlens.knowledge.normalize import name_key, normalize_name

__all__ = ["AliasIndex", "Resolution", "thresholds"]


@lru_cache(maxsize=1)
def thresholds() -> dict[str, Any]:
    """The fuzzy-match thresholds of ``data/resolution.json``."""
    raw = resources.files("conflictlens.actors").joinpath("data/resolution.json").read_text()
    return {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}


@dataclass(frozen=True)
class Resolution:
    """The actor a surface form resolves to (``None``: new) and why."""

    actor_id: str | None
    how: str  # exact | fuzzy | context | new
    score: float = 0.0


class AliasIndex:
    """Normalised aliases of the registered actors, following merges to the kept actor."""

    def __init__(self) -> None:
        self._by_norm: dict[str, set[str]] = {}
        self._keys: dict[str, set[str]] = {}  # word-sorted key -> actor ids, for fuzzy matching
        self.merged_into: dict[str, str | None] = {}
        self.names: dict[str, str] = {}
        self.countries: dict[str, str] = {}
        self.provisional: set[str] = set()

    def add_actor(
        self,
        actor_id: str,
        name: str,
        merged_into: str | None = None,
        *,
        country: str | None = None,
        provisional: bool = False,
    ) -> None:
        self.names[actor_id] = name
        self.merged_into[actor_id] = merged_into
        if country:
            self.countries[actor_id] = country
        if provisional:
            self.provisional.add(actor_id)
        self.add_alias(actor_id, name)

    def add_alias(self, actor_id: str, alias: str) -> None:
        norm = normalize_name(alias)
        if not norm:
            return
        self._by_norm.setdefault(norm, set()).add(actor_id)
        self._keys.setdefault(name_key(alias), set()).add(actor_id)

    def canonical(self, actor_id: str) -> str:
        """The actor that ``actor_id`` stands for now: itself, or where it was merged."""
        seen = {actor_id}
        while (parent := self.merged_into.get(actor_id)) is not None:
            if parent in seen:  # the registry refuses cycles; never loop on a damaged file
                break
            seen.add(parent)
            actor_id = parent
        return actor_id

    def exact(self, surface: str) -> str | None:
        """The one actor whose alias is ``surface`` (normalised); None if none or ambiguous."""
        found = {self.canonical(a) for a in self._by_norm.get(normalize_name(surface), ())}
        return next(iter(found)) if len(found) == 1 else None

    def exact_all(self, surface: str) -> set[str]:
        return {self.canonical(a) for a in self._by_norm.get(normalize_name(surface), ())}

    def resolve(
        self, surface: str, context: Iterable[str] = (), country: str | None = None
    ) -> Resolution:
        """Link ``surface`` to an actor when the evidence is strong, else say it is new.

        ``context``: actor ids named in the same document; a near match to one of them is
        accepted at a lower score than a near match to an actor the document never names.
        ``country``: the document's country; a near match to an actor of another country is
        accepted only when the document names that actor too ("Al-Quds Brigade" in a Gaza
        report is not Syria's Liwa al-Quds on spelling alone).
        """
        found = self.exact_all(surface)
        if len(found) == 1:
            return Resolution(next(iter(found)), "exact", 100.0)
        if len(found) > 1:
            in_context = found & {self.canonical(a) for a in context}
            if len(in_context) == 1:
                return Resolution(next(iter(in_context)), "context", 100.0)
            return Resolution(None, "new")
        key = name_key(surface)
        limits = thresholds()
        if len(key.replace(" ", "")) < limits["min_length"] or not self._keys:
            return Resolution(None, "new")
        choices = list(self._keys)
        context_ids = {self.canonical(a) for a in context}
        best: Resolution = Resolution(None, "new")
        for choice, score, _ in process.extract(
            key,
            choices,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=limits["link_in_context"],
            limit=5,
        ):
            actors = {self.canonical(a) for a in self._keys[choice]}
            if len(actors) != 1:
                continue
            actor_id = next(iter(actors))
            elsewhere = bool(country) and self.countries.get(actor_id, country) != country
            if score >= limits["link_alone"] and score > best.score and not elsewhere:
                best = Resolution(actor_id, "fuzzy", score)
            elif actor_id in context_ids and score > best.score:
                best = Resolution(actor_id, "context", score)
        return best
