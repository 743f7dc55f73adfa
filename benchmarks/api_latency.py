"""Latency of filtered ``GET /api/events`` pages over a SQLite store of 1,000,000 events.

Builds the store once (bulk insert through the store's own schema, not through ``analyze``:
synthetic but realistic value distributions — a few dominant countries and actors, a long
tail, 5 years of dates, 10% undated, 15% without coordinates; ``event_actors`` filled as
``Store.save`` fills it), with no ANALYZE statistics unless ``--analyze``, then times each
request through the whole FastAPI stack in process (``TestClient``: routing, validation, SQL,
serialisation) and prints p50/p95 per filter combination. Aim (issue 8): p95 < 50 ms.

    .venv/bin/python benchmarks/api_latency.py [--events 1000000] [--db PATH] [--repeat 40]
        [--analyze]                   # run ANALYZE on the file first (kept in the file)
        [--explain]                   # print SQLite's query plan of each first page
        [--index TABLE:COL,COL ...]   # extra indexes to try (added to the benchmark file only)

The file is kept between runs (``--db``; delete it to rebuild).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [("Syria", 0.45), ("Iraq", 0.2), ("Yemen", 0.15), ("Sudan", 0.1)] + [
    (f"Country {n}", 0.1 / 30) for n in range(30)
]
ADMIN1 = [f"Region {n}" for n in range(14)]
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Strategic developments", "Looting/property destruction"),
]
ACTORS = ["Military Forces of Syria", "Islamic State (Syria)", "Liwa al-Quds", "Hezbollah"] + [
    f"Armed Group {n}" for n in range(400)
]
SOURCES = [f"Outlet {n}" for n in range(60)]
EVENTS_PER_DOCUMENT = 20


def _weighted(rng: random.Random, pairs: list[tuple[str, float]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _actor(rng: random.Random) -> str:
    # A few actors in most events, a long tail in the rest (as in ACLED).
    return rng.choice(ACTORS[:4]) if rng.random() < 0.5 else rng.choice(ACTORS)


def build(path: Path, total: int, seed: int = 7) -> None:
    """Create the store with the package's schema, then bulk-insert synthetic rows."""
    from conflictlens.store import Store

    Store(f"sqlite:///{path}").close()  # the real tables and indexes
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    documents = total // EVENTS_PER_DOCUMENT
    doc_rows: list[tuple] = []
    event_rows: list[tuple] = []
    actor_rows: list[tuple] = []
    began = time.perf_counter()
    for doc in range(documents):
        doc_id = f"doc-{doc:07d}"
        source = rng.choice(SOURCES)
        published = (start + timedelta(days=rng.randrange(1826))).isoformat()
        doc_rows.append(
            (doc_id, f"Report {doc}", source, published, "en", "text", "h", "t", "v", "[]", "{}")
        )
        for number in range(EVENTS_PER_DOCUMENT):
            dated = rng.random() > 0.1
            day = (start + timedelta(days=rng.randrange(1826))).isoformat() if dated else None
            event_type, sub_event_type = rng.choice(TYPES)
            located = rng.random() > 0.15
            assoc = rng.choice(ACTORS) if rng.random() < 0.1 else ""
            event_rows.append(
                (
                    doc_id,
                    f"e{number}",
                    number,
                    day,
                    day,
                    day,
                    1,
                    "Political violence",
                    event_type,
                    sub_event_type,
                    _actor(rng),
                    assoc,
                    _actor(rng),
                    "",
                    "",
                    _weighted(rng, COUNTRIES),
                    rng.choice(ADMIN1),
                    "",
                    "",
                    "Somewhere",
                    rng.uniform(10, 40) if located else None,
                    rng.uniform(30, 50) if located else None,
                    2,
                    rng.choice((0, 0, 0, 1, 2, 3, 5, 10, 20, 50)),
                    rng.choice(("reported",) * 6 + ("claimed", "suspected")),
                    "[]",
                    "" if rng.random() < 0.2 else source,
                    "",
                    "{}",
                    "{}",
                    "{}",
                )
            )
            row = event_rows[-1]  # actor1, assoc_actor_1, actor2; fatalities
            actor_rows.extend(
                (doc_id, row[1], name, day, row[23]) for name in sorted(set(row[10:13]) - {""})
            )
        if len(event_rows) >= 100_000 or doc == documents - 1:
            _flush(conn, doc_rows, event_rows, actor_rows)
            doc_rows, event_rows, actor_rows = [], [], []
    conn.commit()
    conn.close()
    print(f"built {total:,} events in {time.perf_counter() - began:.0f} s: {path}")


def _flush(
    conn: sqlite3.Connection,
    doc_rows: list[tuple],
    event_rows: list[tuple],
    actor_rows: list[tuple],
) -> None:
    conn.executemany(
        "INSERT INTO documents (doc_id, title, source, published, language, text, content_hash,"
        " analysed_at, pipeline_version, warnings, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        doc_rows,
    )
    conn.executemany(
        "INSERT INTO events (doc_id, event_id, position, event_date, date_start, date_end,"
        " time_precision, disorder_type, event_type, sub_event_type, actor1, assoc_actor_1,"
        " actor2, assoc_actor_2, civilian_targeting, country, admin1, admin2, admin3, location,"
        " latitude, longitude, geo_precision, fatalities, certainty, according_to, source,"
        " notes, evidence, field_certainty, extra)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        event_rows,
    )
    conn.executemany(
        "INSERT INTO event_actors (doc_id, event_id, actor, event_date, fatalities)"
        " VALUES (?,?,?,?,?)",
        actor_rows,
    )
    conn.commit()


QUERIES: dict[str, dict[str, str]] = {
    "newest page, no filter": {},
    "country": {"country": "Syria"},
    "country + type + 3 months": {
        "country": "Iraq",
        "event_type": "Battles",
        "date_from": "2023-01-01",
        "date_to": "2023-03-31",
    },
    "actor (any role)": {"actor": "Liwa al-Quds"},
    "rare actor": {"actor": "Armed Group 317"},
    "bbox + year": {"bbox": "35,30,40,36", "date_from": "2022-01-01", "date_to": "2022-12-31"},
    "sub-event, by fatalities": {"sub_event_type": "Air/drone strike", "sort": "-fatalities"},
    "source": {"source": "Outlet 12"},
    "admin1 + certainty": {"country": "Yemen", "admin1": "Region 3", "certainty": "claimed"},
}


def measure(path: Path, repeat: int) -> dict[str, dict[str, float]]:
    from fastapi.testclient import TestClient

    from conflictlens.api import create_app

    results: dict[str, dict[str, float]] = {}
    with TestClient(create_app(f"sqlite:///{path}")) as client:
        for name, params in QUERIES.items():
            timings = []
            cursor = None
            for _ in range(repeat):
                query = params | {"limit": "50"} | ({"cursor": cursor} if cursor else {})
                began = time.perf_counter()
                response = client.get("/api/events", params=query)
                timings.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, response.text
                # Walk forward through the pages: later pages must cost the same as the first.
                cursor = response.json()["next_cursor"]
            timings.sort()
            results[name] = {
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
                "max_ms": round(timings[-1], 1),
            }
            print(
                f"{name:<28} p50 {results[name]['p50_ms']:>7.1f} ms   "
                f"p95 {results[name]['p95_ms']:>7.1f} ms   max {results[name]['max_ms']:>7.1f} ms"
            )
    return results


def explain(path: Path) -> None:
    """SQLite's plan for each benchmark query's first page, as the API builds it."""
    from conflictlens.api.routes.events import event_filter
    from conflictlens.store import Store, queries

    with Store(f"sqlite:///{path}") as store:
        for name, params in QUERIES.items():
            filters: dict[str, object] = {k: v for k, v in params.items() if k != "sort"}
            for key in ("date_from", "date_to"):
                if key in filters:
                    filters[key] = date.fromisoformat(str(filters[key]))
            where = event_filter(**filters)  # type: ignore[arg-type]
            query = queries.events_select(where, sort=params.get("sort", "-event_date"), limit=51)
            sql = query.compile(store._engine, compile_kwargs={"literal_binds": True})
            with store._engine.connect() as conn:
                plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
            print(name)
            for row in plan:
                print("    ", row[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "conflictlens-api-latency.sqlite"
    )
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--analyze", action="store_true", help="ANALYZE the file first.")
    parser.add_argument("--explain", action="store_true", help="Print each query plan.")
    parser.add_argument("--index", action="append", default=[], help="TABLE:COL,COL to add")
    parser.add_argument("--json", type=Path, help="Also write the numbers here.")
    args = parser.parse_args()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build(args.db, args.events)
    if args.index:
        conn = sqlite3.connect(args.db)
        for spec in args.index:
            table, columns = spec.split(":")
            name = "bench_" + "_".join([table, *columns.split(",")])
            conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")
            print(f"extra index {name}")
        conn.commit()
        conn.close()
    if args.analyze:
        began = time.perf_counter()
        with sqlite3.connect(args.db) as conn:
            conn.execute("ANALYZE")
        print(f"ANALYZE took {time.perf_counter() - began:.1f} s")
    if args.explain:
        explain(args.db)
    results = measure(args.db, args.repeat)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
