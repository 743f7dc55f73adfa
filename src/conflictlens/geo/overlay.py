"""Imported GeoNames places as extra candidates for ``Gazetteer.find``.

A full dump has millions of names, too many for an in-memory automaton, so the text is looked
up instead: every run of up to ``MAX_WORDS`` words that starts with a capital is turned into
its name key and all keys of a text go to the SQLite index in one batched query. As for the
packaged GeoNames names, a match must spell the name as GeoNames does (diacritics and case
aside); only curated names match across transliterations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from conflictlens.geo.database import GeonamesDB, GeonamesRecord
from conflictlens.knowledge.gazetteer import KINDS, Place
from conflictlens.knowledge.normalize import ARTICLES, Token, fold_ascii, tokenize

__all__ = ["GeonamesOverlay"]

MAX_WORDS = 5
_WORD_RE = re.compile(r"[^\W_]+")


def _plain(text: str) -> tuple[str, ...]:
    words = [fold_ascii(w).casefold() for w in _WORD_RE.findall(text.replace("'", ""))]
    return tuple(w for i, w in enumerate(words) if not (w in ARTICLES and i < len(words) - 1))


class GeonamesOverlay:
    """Finds imported GeoNames places in texts; countries and admin1 named as the gazetteer does."""

    def __init__(
        self,
        path: Path,
        country_names: Mapping[str, str],
        admin1_names: Mapping[tuple[str, str], str],
        stop: frozenset[str],
    ) -> None:
        self.db = GeonamesDB(path)
        self._country_names = country_names
        self._admin1_names = admin1_names
        self._stop = stop

    def spans(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[tuple[int, int, tuple[Place, ...]]]:
        """Every capitalised word run that names an imported place: (start, end, places)."""
        runs: list[list[Token]] = [[]]
        for token in tokenize(text, start, end):
            if token is None:
                runs.append([])
            else:
                runs[-1].append(token)
        grams: dict[tuple[int, int], str] = {}
        for run in runs:
            words = [t for t in run if not t.is_article]
            for i, first in enumerate(words):
                if not text[first.start].isupper():
                    continue
                for j in range(i, min(i + MAX_WORDS, len(words))):
                    last = words[j]
                    surface = text[first.start : last.end]
                    if i == j and surface in self._stop:
                        continue
                    grams[(first.start, last.end)] = " ".join(w.key for w in words[i : j + 1])
        found = self.db.lookup(grams.values())
        out = []
        for (span_start, span_end), key in grams.items():
            records = found.get(key)
            if not records:
                continue
            seen = _plain(text[span_start:span_end])
            fitting = tuple(self._place(r) for r in records if _plain(r.matched) == seen)
            if fitting:
                out.append((span_start, span_end, fitting))
        return out

    def _place(self, record: GeonamesRecord) -> Place:
        country = self._country_names.get(record.country_code, record.country_code)
        admin1 = self._admin1_names.get((record.country_code, record.admin1_code), record.admin1)
        return Place(
            name=record.name if record.kind != "country" else country,
            kind=record.kind,
            country=country if record.kind != "continent" else "",
            admin1="" if record.kind in ("country", "continent") else admin1,
            admin2=record.admin2,
            lat=record.lat,
            lon=record.lon,
            geonameid=record.geonameid,
            population=record.population,
            feature=record.feature,
            geo_precision=KINDS.get(record.kind, ("", 2, 9))[1],
            source="GeoNames (geonames.org, CC BY 4.0), imported dump",
            country_code=record.country_code,
        )
