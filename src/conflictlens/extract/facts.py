"""The per-sentence facts that the event extractor reasons over.

The pipeline fills one ``SentenceFacts`` per candidate sentence (actor, place, date, casualty,
hedge and source mentions, plus the spaCy parse) and one ``DocContext`` per document; the
extractor in ``events.py`` only reads them. Keeping the facts in plain dataclasses lets tests
build them by hand without a model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class PlaceMention:
    """A toponym in the text resolved to one gazetteer place (or to none)."""

    start: int
    end: int
    surface: str
    place: Any  # knowledge.Place | None


@dataclass
class SentenceFacts:
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    doc: Any = None  # spaCy Doc of this sentence; token.idx is relative to ``start``
    actors: list[Any] = field(default_factory=list)  # knowledge.ActorMatch
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)  # extract.dates.DateMention
    casualties: list[Any] = field(default_factory=list)  # extract.numbers.CasualtyMention
    hedges: list[Any] = field(default_factory=list)  # extract.attribution.HedgeCue
    sources: list[Any] = field(default_factory=list)  # extract.attribution.SourceAttribution
    quotes: list[Any] = field(default_factory=list)  # extract.attribution.QuoteSpan
    label: tuple[str, float] | None = None  # sentence classifier's (CASE label, score)
    enriched: bool = True  # False: dates ... label are filled on demand by DocContext.enrich
    headline: bool = False  # a line of its own with no full stop (nlp.sentences.is_headline)


@dataclass
class DocContext:
    """What the whole document tells about every sentence: when, where, whose voice."""

    doc_id: str
    text: str
    published: date | None
    source: str
    kb: Any  # knowledge.ActorKB
    countries: Counter[str] = field(default_factory=Counter)
    places: list[PlaceMention] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    # Fills a sentence's dates, casualties, hedges, sources and label. The pipeline sets it so
    # that this work is done only for sentences that carry a live trigger, not for every one.
    enricher: Callable[[SentenceFacts], None] | None = None

    def enrich(self, sentence: SentenceFacts) -> None:
        if not sentence.enriched and self.enricher is not None:
            self.enricher(sentence)
            sentence.enriched = True

    @property
    def main_country(self) -> str:
        """The country the document is mostly about (most mentioned); '' when unknown."""
        return self.countries.most_common(1)[0][0] if self.countries else ""
