"""Actors that texts name as what others belong to, never as a side of an event here.

"The al-Qaeda-linked Nusra Front" says something about the Nusra Front's ties; coding al-Qaeda
as an actor of that event would be wrong. Such actors live in their own KB file
(``knowledge/data/actors_referenced.jsonl``): the relation extractor and the registry know
them, the event extractor's KB does not.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from conflictlens.knowledge.actors import ActorKB, ActorMatch

# The word pattern the KB matcher tokenises texts with: the pre-check below must see the
# same words to be sure that it skips only texts the matcher would find nothing in.
from conflictlens.knowledge.normalize import TOKEN_RE, name_key, normalize_token

__all__ = ["find_referenced", "referenced_kb"]


@lru_cache(maxsize=1)
def referenced_kb() -> ActorKB:
    """The referenced-only actors, with the same matcher as the main KB."""
    text = (
        resources.files("conflictlens.knowledge")
        .joinpath("data/actors_referenced.jsonl")
        .read_text("utf-8")
    )
    return ActorKB.from_jsonl(text)


@lru_cache(maxsize=1)
def _first_keys() -> frozenset[str] | None:
    """The normalised first word of every name the referenced KB matches; None when that set
    cannot be read off names and aliases (state forces also match "<demonym> army" forms)."""
    kb = referenced_kb()
    if any(actor.type == "state_force" for actor in kb):
        return None
    keys = set()
    for actor in kb:
        for alias in (actor.name, *actor.aliases):
            key = name_key(alias) if alias else ""
            if key:
                keys.add(key.split(" ")[0])
    return frozenset(keys)


def find_referenced(text: str) -> list[ActorMatch]:
    """``referenced_kb().find(text)``, skipping at a fifth of the cost the texts (most) where
    no word normalises to the first word of a referenced actor's name."""
    keys = _first_keys()
    if keys is not None and not any(
        normalize_token(w) in keys for w in set(TOKEN_RE.findall(text))
    ):
        return []
    return referenced_kb().find(text)
