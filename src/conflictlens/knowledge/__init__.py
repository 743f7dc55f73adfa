"""Knowledge as data: the actor KB and the place gazetteer, with transliteration-proof matching."""

from conflictlens.knowledge.actors import Actor, ActorKB, ActorMatch, Label, load_labels
from conflictlens.knowledge.gazetteer import Gazetteer, Place, PlaceMatch
from conflictlens.knowledge.normalize import name_key, normalize_name

__all__ = [
    "Actor",
    "ActorKB",
    "ActorMatch",
    "Gazetteer",
    "Label",
    "Place",
    "PlaceMatch",
    "load_labels",
    "name_key",
    "normalize_name",
]
