"""Build ``geo/data/given_names.txt``: first names that make the next word a surname.

Run ``python -m conflictlens.geo.build_given_names`` (needs the build-time packages ``faker`` and
``spacy-lookups-data``: ``pip install 'conflictlens[gazetteer-build]'``). Toponym recognition reads
"Tim Whitley" or "Alison Patti, a spokesperson" as a person when the word before a small town's
name is a first name, even at the start of a sentence, where a capitalised word alone proves
nothing. No maintained package ships a plain first-name list as data; Faker's person providers
hold the common given names of many English-, Spanish-, French-, German-, Italian-, Portuguese-
and Dutch-speaking countries, so they are read once here and the list is kept in the repository.

A name is left out when its lower case is an English verb, adjective or adverb ("Will",
"Hope", "Frank", "Bill": the WordNet base forms of ``spacy-lookups-data``'s English lemma index;
word frequencies cannot tell, they fold "Tim" into "tim"), a modal, a month or a day, or the main
name of a country, a province of a large country or a large place in the default gazetteer
("Georgia", "Texas", "Austin"), so that neither a sentence's first word nor a place's name before
another is taken for a first name. Deterministic: the same package versions give the same file.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from conflictlens.knowledge.gazetteer import Gazetteer, Place

OUTPUT = Path(__file__).parent / "data" / "given_names.txt"
#: Faker person providers read (their first-name lists).
LOCALES = (
    "en", "en_US", "en_GB", "en_IE", "en_NZ", "en_IN", "en_KE", "en_NG", "en_PK",
    "es_ES", "es_MX", "fr_FR", "de_DE", "it_IT", "pt_BR", "nl_NL",
)  # fmt: skip
#: Parts of speech whose base forms are words first ("Will", "Hope"), names second.
WORD_CLASSES = ("verb", "adj", "adv")
#: Words WordNet does not list as verbs that open sentences and dates: modals, months, days.
NOT_NAMES = frozenset(
    [
        *("may", "might", "must", "can", "shall", "could", "would", "should"),
        *("january", "february", "march", "april", "june", "july", "august", "september"),
        *("october", "november", "december", "monday", "tuesday", "wednesday", "thursday"),
        *("friday", "saturday", "sunday"),
    ]
)
#: A place this large keeps its name out of the list (it may stand before another place).
LARGE_PLACE = 100_000
_NAME = re.compile(r"^[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?$")


def faker_first_names(locales: Iterable[str] = LOCALES) -> set[str]:
    """Every first name of the Faker person providers of ``locales``."""
    names: set[str] = set()
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            names.update(getattr(provider, attribute, ()))
    return {name for name in names if _NAME.match(name) and len(name) >= 3}


def place_names(gazetteer: Gazetteer, names: Iterable[str]) -> set[str]:
    """Those of ``names`` that are the main name of a country, a continent, a region, a province
    of a country of a million people or more, or a place of ``LARGE_PLACE`` people or more
    ("Georgia", "Texas", "Austin"; not "Paul", a province of Cabo Verde)."""
    sizes: dict[str, int] = {}

    def country_size(country: str) -> int:
        if country not in sizes:
            sizes[country] = max(
                (p.population for m in gazetteer.find(country) for p in m.candidates
                 if p.kind == "country" and p.name == country),
                default=0,
            )  # fmt: skip
        return sizes[country]

    def large(place: Place) -> bool:
        if place.kind in ("country", "continent", "region"):
            return True
        if place.kind == "admin1":
            return country_size(place.country) >= 1_000_000
        return place.population >= LARGE_PLACE

    out: set[str] = set()
    for name in sorted(names):
        for match in gazetteer.find(name):
            whole = match.start == 0 and match.end == len(name)
            if whole and any(p.name == name and large(p) for p in match.candidates):
                out.add(name)
    return out


def english_words() -> set[str]:
    """Lower-case base forms of English verbs, adjectives and adverbs (WordNet's, as
    ``spacy-lookups-data`` packages them)."""
    import gzip
    import json
    from importlib import resources

    try:
        index = resources.files("spacy_lookups_data").joinpath("data/en_lemma_index.json.gz")
    except ModuleNotFoundError as exc:
        raise SystemExit("build_given_names: pip install spacy-lookups-data (build only)") from exc
    with index.open("rb") as handle:
        table = json.loads(gzip.decompress(handle.read()))
    return {word for part in WORD_CLASSES for word in table[part]}


def build(names: set[str]) -> list[str]:
    """``names`` less English words and the names of countries, provinces and large places."""
    words = english_words()
    kept = {name for name in names if name.lower() not in words | NOT_NAMES}
    return sorted(kept - place_names(Gazetteer.default(), kept))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog=f"python -m {__spec__.name}", description=__doc__)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        names = faker_first_names()
    except ImportError as exc:
        raise SystemExit("build_given_names: pip install faker (build time only)") from exc
    kept = build(names)
    header = "# First names from Faker's person providers (MIT): python -m " + __spec__.name + "\n"
    args.output.write_text(header + "".join(f"{n}\n" for n in kept), encoding="utf-8")
    print(f"wrote {args.output}: {len(kept)} of {len(names)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
