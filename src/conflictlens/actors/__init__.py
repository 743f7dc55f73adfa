"""The actor registry: who is who, with every alias and relation kept as a sourced claim.

Seeded from the knowledge base, filled from stored documents (``update_registry`` after each
save, ``rebuild_registry`` for a whole store), resolved (``AliasIndex``), merged and split
reversibly, and exported as a graph (GraphML, node-link JSON).
"""

from conflictlens.actors.errors import RegistryRefusal
from conflictlens.actors.graph import GRAPH_FORMATS, actor_graph, registry_graph, write_graph
from conflictlens.actors.merges import Merge, list_merges, merge_actors, split_actor
from conflictlens.actors.predicates import Predicate, check_predicate, predicates
from conflictlens.actors.profile import ActorProfile, ActorRow, Claim, actor_profile, list_actors
from conflictlens.actors.registry import (
    Provenance,
    RegistryUpdate,
    add_relation,
    rebuild_registry,
    update_registry,
)
from conflictlens.actors.resolution import AliasIndex, Resolution

__all__ = [
    "GRAPH_FORMATS",
    "ActorProfile",
    "ActorRow",
    "AliasIndex",
    "Claim",
    "Merge",
    "Predicate",
    "Provenance",
    "RegistryRefusal",
    "RegistryUpdate",
    "Resolution",
    "actor_graph",
    "actor_profile",
    "add_relation",
    "check_predicate",
    "list_actors",
    "list_merges",
    "merge_actors",
    "predicates",
    "rebuild_registry",
    "registry_graph",
    "split_actor",
    "update_registry",
    "write_graph",
]
