"""Incremental corroboration speed with a large store: documents per second.

Fills a SQLite store with synthetic documents (random wording, 5 % wire copies, 1-3 events
each over 14 governorates and four years), clustering each as ``analyze`` does, and reports the
rate of the last ``--measure`` documents, i.e. with ``--documents`` already stored.

    .venv/bin/python benchmarks/corroborate_speed.py --documents 100000 --measure 1000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from conflictlens.corroborate import update_clusters
from conflictlens.records import Document, Event
from conflictlens.store import Store

REGIONS = [
    ("Aleppo", 36.20, 37.16), ("Idleb", 35.93, 36.63), ("Hama", 35.13, 36.75),
    ("Homs", 34.73, 36.72), ("Damascus", 33.51, 36.29), ("Rural Damascus", 33.57, 36.40),
    ("Dara", 32.62, 36.10), ("As-Sweida", 32.71, 36.57), ("Quneitra", 33.13, 35.82),
    ("Lattakia", 35.52, 35.78), ("Tartous", 34.89, 35.89), ("Ar-Raqqa", 35.95, 39.01),
    ("Deir ez Zor", 35.34, 40.14), ("Al Hasakeh", 36.50, 40.75),
]  # fmt: skip
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
]
ACTORS = [
    "Military Forces of Syria (2000-2024)", "Islamic State (Syria)", "Hayat Tahrir al-Sham",
    "SDF: Syrian Democratic Forces", "Military Forces of Russia (2000-)", "Civilians (Syria)",
    "Unidentified Armed Group (Syria)", "Free Syrian Army",
]  # fmt: skip
OUTLETS = ["SANA", "Reuters", "AFP", "Al-Manar", "Orient", "Daily Sabah", "TASS", "NNA"]


def _document(n: int, rng: random.Random, vocabulary: list[str], texts: list[str]) -> tuple:
    day = date(2014, 1, 1) + timedelta(rng.randrange(4 * 365))
    if texts and rng.random() < 0.05:  # a wire copy with a different ending
        text = rng.choice(texts) + " --" + rng.choice(OUTLETS)
    else:
        text = " ".join(rng.choice(vocabulary) for _ in range(150))
    texts.append(text)
    events = []
    for i in range(rng.randint(1, 3)):
        admin1, lat, lon = rng.choice(REGIONS)
        event_type, sub = rng.choice(TYPES)
        when = (day - timedelta(rng.randrange(3))).isoformat()
        events.append(
            Event(
                event_id=f"e{i}",
                event_date=when,
                date_start=when,
                date_end=when,
                time_precision=1,
                event_type=event_type,
                sub_event_type=sub,
                actor1=rng.choice(ACTORS),
                actor2=rng.choice(ACTORS),
                country="Syria",
                admin1=admin1,
                location=f"{admin1} town {rng.randrange(8)}",
                latitude=lat + rng.uniform(-0.3, 0.3),
                longitude=lon + rng.uniform(-0.3, 0.3),
                geo_precision=1,
                fatalities=rng.randrange(30),
            )
        )
    document = Document(
        doc_id=f"doc{n:07d}",
        source=rng.choice(OUTLETS),
        published=day.isoformat(),
        events=events,
    )
    return document, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--measure", type=int, default=1000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)]
    texts: list[str] = []
    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "bench.sqlite"
    store = Store(f"sqlite:///{path}")
    total = args.documents + args.measure
    started = time.perf_counter()
    for n in range(total):
        if n == args.documents:
            fill_seconds = time.perf_counter() - started
            started = time.perf_counter()
        document, text = _document(n, rng, vocabulary, texts)
        store.save(document, text=text, content_hash=str(n))
        update_clusters(store, document, text=text)
        if 0 < n < args.documents and n % 10_000 == 0:
            rate = n / (time.perf_counter() - started)
            print(f"{n} stored, {rate:.0f} documents/s so far", flush=True)
    measured = time.perf_counter() - started
    stats = store.stats()
    store.close()
    print(
        f"filled {args.documents} documents in {fill_seconds:.0f} s; then {args.measure} more "
        f"at {args.measure / measured:.1f} documents/s (save + corroborate), "
        f"{stats['events']} events stored"
    )


if __name__ == "__main__":
    main()
