"""Reading official GeoNames dump files, streaming, with a clear error on a bad or cut-off file.

GeoNames (download.geonames.org/export/dump, CC BY 4.0, "GeoNames, geonames.org") serves
tab-separated UTF-8 files, most also zipped: the geoname table per country (``SY.zip``), for
the world (``allCountries.zip``) or by population (``cities500.zip`` .. ``cities15000.zip``);
``admin1CodesASCII.txt`` and ``admin2Codes.txt``; ``alternateNamesV2.zip`` (or the older
``alternateNames.zip``, or per country ``alternatenames/SY.zip``); and ``countryInfo.txt``.
Their columns are documented in GeoNames' ``readme.txt``. No maintained Python library reads
them as a stream with row validation (``geonames-lib`` and friends load whole files into
memory or a fixed schema), so this module does it with the standard library.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from conflictlens.errors import InputError, UsageError

__all__ = ["DumpFile", "GeonameRow", "detect", "read_rows"]

GEONAME_COLUMNS = 19
KINDS = ("geoname", "admin1", "admin2", "alternates", "countries")

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class GeonameRow:
    """One row of the geoname table (see GeoNames' readme.txt)."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin2_code: str
    admin3_code: str
    admin4_code: str
    population: int
    modified: str


@dataclass(frozen=True)
class DumpFile:
    """A dump file on disk: which table it holds and how many bytes it will stream."""

    path: Path
    kind: str
    member: str | None  # the .txt inside a .zip
    size: int


def _zip_member(path: Path) -> tuple[str, int]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if i.filename.endswith(".txt")]
    except zipfile.BadZipFile as exc:
        raise InputError(str(path), "corrupt or truncated zip file") from exc
    # alternateNamesV2.zip also holds iso-languagecodes.txt; the data member is the largest.
    infos = [i for i in infos if not i.filename.startswith("iso-languagecodes")] or infos
    if not infos:
        raise InputError(str(path), "zip file holds no .txt GeoNames table")
    best = max(infos, key=lambda i: i.file_size)
    return best.filename, best.file_size


def _kind_from_name(name: str) -> str | None:
    lowered = name.lower()
    if lowered.startswith("admin1codes"):
        return "admin1"
    if lowered.startswith("admin2codes"):
        return "admin2"
    if lowered.startswith("alternatenames"):
        return "alternates"
    if lowered.startswith("countryinfo"):
        return "countries"
    if lowered.startswith(("featurecodes", "iso-languagecodes", "timezones", "hierarchy")):
        return "unsupported"
    return None


def _kind_from_line(line: str) -> str | None:
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) == GEONAME_COLUMNS and fields[0].isdigit():
        return "geoname"
    if len(fields) in (8, 10) and fields[0].isdigit() and fields[1].isdigit():
        return "alternates"
    if len(fields) == 4 and fields[3].isdigit() and "." in fields[0]:
        return "admin2" if fields[0].count(".") >= 2 else "admin1"
    return None


def detect(path: Path) -> DumpFile:
    """What ``path`` holds, from its name and first line; a UsageError if it is no dump."""
    if not path.is_file():
        raise UsageError(str(path), "no such file")
    member: str | None = None
    if path.suffix.lower() == ".zip":
        member, size = _zip_member(path)
        name = Path(member).name
        # alternatenames/SY.zip holds SY.txt: the zip's folder says what it is.
        hint = _kind_from_name(path.name) or _kind_from_name(path.parent.name)
    else:
        size = path.stat().st_size
        name = path.name
        hint = None
    kind = hint or _kind_from_name(name)
    if kind == "unsupported":
        raise UsageError(str(path), "not a GeoNames table import-geonames loads (see --help)")
    if kind is None:
        with _open_text(DumpFile(path, "?", member, size)) as handle:
            first = next((ln for ln in handle if ln.strip() and not ln.startswith("#")), "")
        kind = _kind_from_line(first)
    if kind is None:
        raise UsageError(
            str(path),
            "not a GeoNames dump file (expected the geoname table, admin1/admin2 codes, "
            "alternate names or countryInfo)",
        )
    return DumpFile(path, kind, member, size)


@contextmanager
def _open_text(dump: DumpFile) -> Iterator[IO[str]]:
    try:
        if dump.member is not None:
            with zipfile.ZipFile(dump.path) as archive, archive.open(dump.member) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="")
        else:
            with dump.path.open(encoding="utf-8", newline="") as handle:
                yield handle
    except zipfile.BadZipFile as exc:
        raise InputError(str(dump.path), "corrupt or truncated zip file") from exc
    except EOFError as exc:
        raise InputError(str(dump.path), "truncated zip file (ends early)") from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(dump.path), f"not UTF-8 text ({exc.reason})") from exc


def _lines(dump: DumpFile, progress: Progress | None) -> Iterator[tuple[int, list[str]]]:
    with _open_text(dump) as handle:
        try:
            for number, line in enumerate(handle, start=1):
                if progress is not None:
                    progress(len(line))
                if not line.strip() or line.startswith("#"):
                    continue
                yield number, line.rstrip("\r\n").split("\t")
        except zipfile.BadZipFile as exc:
            raise InputError(str(dump.path), "corrupt zip file (CRC check failed)") from exc
        except EOFError as exc:
            raise InputError(str(dump.path), "truncated zip file (ends early)") from exc
        except UnicodeDecodeError as exc:
            raise InputError(str(dump.path), f"not UTF-8 text ({exc.reason})") from exc


def _bad(dump: DumpFile, number: int, reason: str) -> InputError:
    return InputError(f"{dump.path}:{number}", f"{reason} (a truncated or wrong file?)")


def _geoname(dump: DumpFile, number: int, fields: list[str]) -> GeonameRow:
    if len(fields) != GEONAME_COLUMNS:
        raise _bad(dump, number, f"expected {GEONAME_COLUMNS} columns, found {len(fields)}")
    try:
        lat, lon = float(fields[4]), float(fields[5])
        row = GeonameRow(
            geonameid=int(fields[0]),
            name=fields[1],
            asciiname=fields[2],
            alternatenames=tuple(n for n in fields[3].split(",") if n),
            lat=lat,
            lon=lon,
            feature_class=fields[6],
            feature_code=fields[7],
            country_code=fields[8],
            admin1_code=fields[10],
            admin2_code=fields[11],
            admin3_code=fields[12],
            admin4_code=fields[13],
            population=int(fields[14]) if fields[14] else 0,
            modified=fields[18],
        )
    except ValueError as exc:
        raise _bad(dump, number, f"bad number ({exc})") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise _bad(dump, number, f"coordinates out of range ({lat}, {lon})")
    return row


def read_rows(dump: DumpFile, progress: Progress | None = None) -> Iterator[Any]:
    """Validated rows of ``dump``: GeonameRow, or tuples for the code and name tables.

    admin1/admin2: ``(code, name, asciiname, geonameid)``; alternates: ``(alternate_id,
    geonameid, language, name, preferred, short, colloquial, historic)``; countries:
    ``(iso, name, geonameid)``.
    """
    for number, fields in _lines(dump, progress):
        if dump.kind == "geoname":
            yield _geoname(dump, number, fields)
        elif dump.kind in ("admin1", "admin2"):
            if len(fields) != 4:
                raise _bad(dump, number, f"expected 4 columns, found {len(fields)}")
            yield (fields[0], fields[1], fields[2], int(fields[3]) if fields[3] else None)
        elif dump.kind == "alternates":
            if len(fields) not in (8, 10) or not fields[0].isdigit() or not fields[1].isdigit():
                raise _bad(dump, number, f"expected 8 or 10 columns, found {len(fields)}")
            yield (int(fields[0]), int(fields[1]), fields[2], fields[3], *fields[4:8])
        elif dump.kind == "countries":
            if len(fields) < 17:
                raise _bad(dump, number, f"expected 19 columns, found {len(fields)}")
            yield (fields[0], fields[4], int(fields[16]) if fields[16].isdigit() else None)
