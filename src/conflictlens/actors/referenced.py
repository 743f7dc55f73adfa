"""Actors that texts name as what others belong to, never as a side of an event here.

"The al-Qaeda-linked Nusra Front" says something about the Nusra Front's ties; coding al-Qaeda
as an actor of that event would be wrong. Such actors live in their own KB file
(``knowledge/data/actors_referenced.jsonl``): the relation extractor and the registry know
them, the event extractor's KB does not.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from conflictlens.knowledge.actors import ActorKB

__all__ = ["referenced_kb"]


@lru_cache(maxsize=1)
def referenced_kb() -> ActorKB:
    """The referenced-only actors, with the same matcher as the main KB."""
    text = (
        resources.files("conflictlens.knowledge")
        .joinpath("data/actors_referenced.jsonl")
        .read_text("utf-8")
    )
    return ActorKB.from_jsonl(text)
