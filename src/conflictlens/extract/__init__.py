"""Extraction: events, dates, casualty figures, attribution and relations from parsed sentences."""

from conflictlens.extract.events import extract_events
from conflictlens.extract.facts import DocContext, PlaceMention, SentenceFacts

__all__ = ["DocContext", "PlaceMention", "SentenceFacts", "extract_events"]
