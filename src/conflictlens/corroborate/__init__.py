"""Corroboration across outlets: copies of one story, one event in many reports, consensus."""

from conflictlens.corroborate.clusters import CorroborateResult, corroborate_store, update_clusters
from conflictlens.corroborate.config import DEFAULT_CONFIG, CorroborateConfig
from conflictlens.corroborate.consensus import (
    ConsensusEvent,
    Dissent,
    FieldConsensus,
    ReportView,
    build_consensus,
    consensus_event,
)
from conflictlens.corroborate.matching import Report, similarity, window

__all__ = [
    "DEFAULT_CONFIG",
    "ConsensusEvent",
    "CorroborateConfig",
    "CorroborateResult",
    "Dissent",
    "FieldConsensus",
    "Report",
    "ReportView",
    "build_consensus",
    "consensus_event",
    "corroborate_store",
    "similarity",
    "update_clusters",
    "window",
]
