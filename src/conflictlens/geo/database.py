"""The GeoNames gazetteer as a SQLite file: import (atomic, idempotent) and indexed lookup.

``import_geonames`` streams dump files into a *copy* of the gazetteer file and swaps it in
only when every file has loaded: a corrupt, wrong or interrupted import leaves the previous
gazetteer as it was. Rows are keyed by geonameid (and alternate names by geonameid + name),
so importing the same files again changes nothing. Lookup goes by the normalised name key of
``knowledge.normalize`` (indexed), so any spelling GeoNames lists finds its place.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from conflictlens.errors import StoreError
from conflictlens.geo.dumps import DumpFile, GeonameRow, detect, read_rows
from conflictlens.knowledge.normalize import fold_ascii, name_key

__all__ = ["GeonamesDB", "ImportReport", "default_gazetteer_path", "import_geonames"]

ENV_VAR = "CONFLICTLENS_GAZETTEER"
BATCH = 5_000

metadata = MetaData()

places = Table(
    "places",
    metadata,
    Column("geonameid", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("asciiname", String),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("feature_class", String(1)),
    Column("feature_code", String(10)),
    Column("country_code", String(3)),
    Column("admin1_code", String(20)),
    Column("admin2_code", String(80)),
    Column("admin3_code", String(20)),
    Column("admin4_code", String(20)),
    Column("population", BigInteger),
    Column("modified", String(10)),
    Index("ix_places_name", "name"),
    Index("ix_places_asciiname", "asciiname"),
    Index("ix_places_feature", "feature_class", "feature_code"),
    Index("ix_places_admin", "country_code", "admin1_code", "admin2_code"),
    Index("ix_places_population", "population"),
    Index("ix_places_coords", "lat", "lon"),
)
names = Table(
    "names",
    metadata,
    Column("geonameid", Integer, nullable=False),
    Column("name", String, nullable=False),
    Column("key", String, nullable=False),
    Column("origin", String(8), nullable=False),  # name | ascii | alt | altfile
    Column("lang", String(7)),
    PrimaryKeyConstraint("geonameid", "name"),
    Index("ix_names_key", "key"),
)
admin1 = Table(
    "admin1",
    metadata,
    Column("code", String, primary_key=True),  # CC.ADM1
    Column("name", String, nullable=False),
    Column("asciiname", String),
    Column("geonameid", Integer),
    Index("ix_admin1_name", "name"),
    Index("ix_admin1_asciiname", "asciiname"),
)
admin2 = Table(
    "admin2",
    metadata,
    Column("code", String, primary_key=True),  # CC.ADM1.ADM2
    Column("name", String, nullable=False),
    Column("asciiname", String),
    Column("geonameid", Integer),
    Index("ix_admin2_name", "name"),
    Index("ix_admin2_asciiname", "asciiname"),
)
countries = Table(
    "countries",
    metadata,
    Column("iso", String(2), primary_key=True),
    Column("name", String, nullable=False),
    Column("geonameid", Integer),
)
meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", String, nullable=False),
)

# Alternate-name "languages" that are codes or links, not names (GeoNames readme).
_NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "fr_1793"})


def default_gazetteer_path() -> Path:
    """``$CONFLICTLENS_GAZETTEER`` if set, else ``gazetteer.sqlite`` in the user data dir."""
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("conflictlens")) / "gazetteer.sqlite"


def _matchable(name: str) -> bool:
    """Names worth a lookup key: as English news writes a place (Latin script, capitalised,
    not a code: GeoNames' alternate names also hold "QHS", "h xms", postcodes)."""
    return (
        len(name) >= 2
        and name[:1].isupper()
        and not (name.isupper() and len(name) > 3)
        and not _DIGIT.search(name)
        and (name.isascii() or fold_ascii(name).isascii())
    )


_DIGIT = re.compile(r"\d")


def _engine(path: Path, bulk: bool = False) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    if bulk:
        # The import writes a private copy that is swapped in at the end: no journal needed.
        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-200000")
            cursor.close()

    return engine


@dataclass
class ImportReport:
    """What an import loaded: rows per table and per file, and how long it took."""

    path: Path
    files: list[tuple[str, str, int]] = field(default_factory=list)  # (file, kind, rows)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(n for _, _, n in self.files)


_TABLES = {
    "places": places,
    "names": names,
    "admin1": admin1,
    "admin2": admin2,
    "countries": countries,
}
_CONFLICT = {"names": "OR IGNORE"}  # a name once per place; everything else: newest row wins


class _Writer:
    """Batched INSERT OR REPLACE / OR IGNORE: Core-built statements, bound parameters.

    Rows go to the driver's executemany as tuples in column order; building them as dicts for
    ``Connection.execute`` cost half the import time of a large dump.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._pending: dict[str, list[tuple[Any, ...]]] = {}
        self._columns = {name: [c.name for c in table.columns] for name, table in _TABLES.items()}
        self._sql = {}
        for name, table in _TABLES.items():
            statement = insert(table).prefix_with(_CONFLICT.get(name, "OR REPLACE"))
            compiled = statement.compile(
                dialect=connection.dialect, column_keys=self._columns[name]
            )
            self._sql[name] = str(compiled)

    def add(self, table: str, row: dict[str, Any]) -> None:
        batch = self._pending.setdefault(table, [])
        batch.append(tuple(row.get(c) for c in self._columns[table]))
        if len(batch) >= BATCH:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else list(self._pending):
            batch = self._pending.get(name)
            if batch:
                self._connection.exec_driver_sql(self._sql[name], batch)
                batch.clear()


def _add_name(writer: _Writer, geonameid: int, name: str, origin: str, lang: str = "") -> None:
    if _matchable(name):
        key = name_key(name)
        if key:
            writer.add(
                "names",
                {"geonameid": geonameid, "name": name, "key": key, "origin": origin, "lang": lang},
            )


def _load(writer: _Writer, dump: DumpFile, progress: Callable[[int], None] | None) -> int:
    count = 0
    for row in read_rows(dump, progress):
        count += 1
        if isinstance(row, GeonameRow):
            writer.add(
                "places",
                {
                    "geonameid": row.geonameid,
                    "name": row.name,
                    "asciiname": row.asciiname,
                    "lat": row.lat,
                    "lon": row.lon,
                    "feature_class": row.feature_class,
                    "feature_code": row.feature_code,
                    "country_code": row.country_code,
                    "admin1_code": row.admin1_code,
                    "admin2_code": row.admin2_code,
                    "admin3_code": row.admin3_code,
                    "admin4_code": row.admin4_code,
                    "population": row.population,
                    "modified": row.modified,
                },
            )
            _add_name(writer, row.geonameid, row.name, "name")
            if row.asciiname != row.name:
                _add_name(writer, row.geonameid, row.asciiname, "ascii")
            for alternate in row.alternatenames:
                _add_name(writer, row.geonameid, alternate, "alt")
        elif dump.kind in ("admin1", "admin2"):
            code, name, asciiname, geonameid = row
            writer.add(
                dump.kind,
                {"code": code, "name": name, "asciiname": asciiname, "geonameid": geonameid},
            )
        elif dump.kind == "alternates":
            _, geonameid, lang, name, *_flags = row
            if lang not in _NOT_NAMES:
                _add_name(writer, geonameid, name, "altfile", lang[:7])
        elif dump.kind == "countries":
            iso, name, geonameid = row
            writer.add("countries", {"iso": iso, "name": name, "geonameid": geonameid})
    writer.flush()
    return count


def import_geonames(
    paths: Sequence[Path],
    target: Path | None = None,
    progress: Callable[[DumpFile, int], None] | None = None,
    on_file: Callable[[DumpFile], None] | None = None,
) -> ImportReport:
    """Load GeoNames dump files into the gazetteer at ``target``; swap it in at the end.

    ``on_file`` is told of each file before it loads, ``progress`` of each chunk of characters
    read. Any error leaves ``target`` untouched (the work copy is removed).
    """
    target = target or default_gazetteer_path()
    dumps = [detect(Path(p)) for p in paths]  # every file checked before anything is written
    started = time.perf_counter()
    report = ImportReport(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(str(target), f"cannot create the folder ({exc.strerror})") from exc
    work = target.with_name(f".{target.name}.importing")
    work.unlink(missing_ok=True)  # left by an import that was killed
    engine: Engine | None = None
    try:
        if target.exists():
            shutil.copyfile(target, work)
        engine = _engine(work, bulk=True)
        with engine.begin() as connection:
            metadata.create_all(connection)
        for dump in dumps:
            if on_file is not None:
                on_file(dump)
            callback = (lambda n, d=dump: progress(d, n)) if progress is not None else None
            with engine.begin() as connection:
                rows = _load(_Writer(connection), dump, callback)
            report.files.append((str(dump.path), dump.kind, rows))
        with engine.begin() as connection:
            for key, value in (
                ("imported_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                ("attribution", "GeoNames, geonames.org (CC BY 4.0)"),
            ):
                connection.execute(
                    insert(meta).prefix_with("OR REPLACE"), [{"key": key, "value": value}]
                )
            connection.exec_driver_sql("ANALYZE")
        engine.dispose()
        engine = None
        os.replace(work, target)
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(str(target), f"cannot write the gazetteer ({exc.orig})") from exc
    finally:
        if engine is not None:
            engine.dispose()
        work.unlink(missing_ok=True)
    report.seconds = time.perf_counter() - started
    return report


#: GeoNames feature code -> gazetteer kind (see ``knowledge.gazetteer.KINDS``).
_FEATURE_KINDS = {
    "A.PCLI": "country",
    "A.PCLD": "country",
    "A.PCLF": "country",
    "A.PCLS": "country",
    "A.PCLIX": "country",
    "A.TERR": "country",
    "A.ADM1": "admin1",
    "A.ADM1H": "admin1",
    "A.ADM2": "district",
    "A.ADM2H": "district",
    "A.ADM3": "district",
    "P.PPLX": "neighbourhood",
    "S.CMP": "camp",
    "S.CMPRF": "camp",
    "S.CMPQ": "camp",
    "S.INSM": "military_base",
    "S.MILB": "military_base",
    "S.PSTB": "border_crossing",
    "S.HSP": "hospital",
    "S.HSPC": "hospital",
    "T.MT": "mountain",
    "T.MTS": "mountain",
    "T.HLL": "mountain",
    "T.HLLS": "mountain",
    "T.PK": "mountain",
    "T.PKS": "mountain",
    "T.RDGE": "mountain",
    "T.VAL": "region",
    "T.PLN": "region",
    "T.DSRT": "desert_region",
    "L.RGN": "region",
    "L.AREA": "region",
    "L.RGNE": "region",
    "L.CONT": "continent",
    # Water bodies: events at sea (attacks on ships, naval strikes) and on lakes are coded
    # there. Streams, wells and ponds (most of class H) stay out.
    "H.OCN": "water",
    "H.SEA": "water",
    "H.GULF": "water",
    "H.BAY": "water",
    "H.STRT": "water",
    "H.LK": "water",
    "H.RSV": "water",
}
#: Feature classes that name where conflict events happen; S (spots) only by _FEATURE_KINDS.
_CLASSES = frozenset({"A", "P", "L", "T"})


@dataclass(frozen=True)
class GeonamesRecord:
    """A looked-up place with its admin names resolved (a ``knowledge.Place`` is built from it)."""

    geonameid: int
    name: str
    kind: str
    feature: str
    country_code: str
    admin1: str
    admin2: str
    admin1_code: str
    lat: float
    lon: float
    population: int
    matched: str  # the GeoNames name that matched the key


class GeonamesDB:
    """Read access to an imported gazetteer file (lookups by name key, batched)."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise StoreError(
                str(path), "no gazetteer here (run 'conflictlens gazetteer import-geonames')"
            )
        self.path = path
        # Read-only: a lookup never takes a write lock on a file an import may be replacing.
        self._engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")

    def close(self) -> None:
        self._engine.dispose()

    def count(self) -> int:
        from sqlalchemy import func

        with self._engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(places)).scalar_one())

    def lookup(self, keys: Iterable[str]) -> dict[str, list[GeonamesRecord]]:
        """Records per name key (``knowledge.normalize.name_key``), for the keys that exist."""
        wanted = sorted(set(keys))
        out: dict[str, list[GeonamesRecord]] = {}
        if not wanted:
            return out
        a1 = admin1.alias("a1")
        a2 = admin2.alias("a2")
        query = (
            select(
                names.c.key,
                names.c.name.label("matched"),
                places,
                a1.c.name.label("admin1_name"),
                a2.c.name.label("admin2_name"),
            )
            .join(places, places.c.geonameid == names.c.geonameid)
            .outerjoin(a1, a1.c.code == places.c.country_code + "." + places.c.admin1_code)
            .outerjoin(
                a2,
                a2.c.code
                == places.c.country_code + "." + places.c.admin1_code + "." + places.c.admin2_code,
            )
        )
        try:
            with self._engine.connect() as connection:
                for chunk in range(0, len(wanted), 500):
                    rows = connection.execute(
                        query.where(names.c.key.in_(wanted[chunk : chunk + 500]))
                    )
                    seen: set[tuple[str, int]] = set()
                    for row in rows:
                        record = _record(row)
                        if record is None or (row.key, record.geonameid) in seen:
                            continue
                        seen.add((row.key, record.geonameid))
                        out.setdefault(row.key, []).append(record)
        except (DatabaseError, OperationalError) as exc:
            raise StoreError(str(self.path), f"cannot read the gazetteer ({exc.orig})") from exc
        return out


def _record(row: Any) -> GeonamesRecord | None:
    feature = f"{row.feature_class}.{row.feature_code}"
    kind = _FEATURE_KINDS.get(feature)
    if kind is None:
        if row.feature_class not in _CLASSES:
            return None
        kind = "city" if row.feature_class == "P" else "region"
    return GeonamesRecord(
        geonameid=row.geonameid,
        name=row.name,
        kind=kind,
        feature=feature,
        country_code=row.country_code or "",
        admin1=row.admin1_name or "",
        admin2=row.admin2_name or "",
        admin1_code=row.admin1_code or "",
        lat=row.lat,
        lon=row.lon,
        population=int(row.population or 0),
        matched=row.matched,
    )
