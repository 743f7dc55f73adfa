"""ACLED event typing on the CASE 2021 Task 2 label set (25 ACLED sub-event types + 5 others)."""

from conflictlens.classify.model import EventTypeClassifier, type_sentence
from conflictlens.classify.reader import classify_rows, read_classify_input
from conflictlens.classify.vocabulary import LABELS, acled_types, label_name, sub_event_label

__all__ = [
    "LABELS",
    "EventTypeClassifier",
    "acled_types",
    "classify_rows",
    "label_name",
    "read_classify_input",
    "sub_event_label",
    "type_sentence",
]
