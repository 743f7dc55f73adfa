"""Language processing: the spaCy pipeline, sentence splitting and the cheap sentence prefilter."""

from conflictlens.nlp.loading import import_thinc_without_torch, load_nlp, load_sentencizer
from conflictlens.nlp.prefilter import SentencePrefilter
from conflictlens.nlp.sentences import is_headline, split_sentences

__all__ = [
    "SentencePrefilter",
    "import_thinc_without_torch",
    "is_headline",
    "load_nlp",
    "load_sentencizer",
    "split_sentences",
]
