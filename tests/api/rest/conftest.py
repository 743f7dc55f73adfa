"""A small hand-made store for the REST API tests (no spaCy): three outlets, varied events.

Dates, fatalities and places repeat on purpose so that sort keys tie and pagination has to
break ties; one event is undated, one has no coordinates, one names an actor only as an
associated actor, and one has no source of its own (its document's applies).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conflictlens.records import ActorMention, Document, Event, Relation

TOKEN = "test-token-0123456789abcdef"
TEXT = (
    "Liwa al-Quds fighters clashed with Islamic State militants near Palmyra on Monday. "
    "Four fighters were killed, a monitor said. Liwa al-Quds is allied with the army."
)
PLACES = [  # country, admin1, location, lat, lon
    ("Syria", "Homs", "Palmyra", 34.56, 38.28),
    ("Syria", "Aleppo", "Aleppo", 36.2, 37.16),
    ("Iraq", "Anbar", "Ramadi", 33.42, 43.3),
]
ACTORS = ["Liwa al-Quds", "Islamic State (Syria)", "Military Forces of Syria (2000-2024)"]


def _event(doc: int, number: int) -> Event:
    country, admin1, location, lat, lon = PLACES[(doc + number) % len(PLACES)]
    day = None if (doc, number) == (0, 0) else f"2024-04-{1 + (doc * 7 + number) % 5:02d}"
    return Event(
        event_id=f"e{number}",
        event_date=day,
        date_start=day,
        date_end=day,
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles" if number % 2 else "Explosions/Remote violence",
        sub_event_type="Armed clash" if number % 2 else "Air/drone strike",
        actor1=ACTORS[number % 3],
        actor2=ACTORS[(number + 1) % 3],
        assoc_actor_1="Hezbollah; Liwa Fatemiyoun" if number == 3 else "",
        country=country,
        admin1=admin1,
        location=location,
        latitude=None if number == 4 else lat,
        longitude=None if number == 4 else lon,
        geo_precision=1,
        fatalities=(doc + number) % 4,
        certainty="suspected" if number == 2 else "reported",
        source="" if doc == 2 else f"Outlet {'AB'[doc % 2]}",
        notes=f"event {number} of document {doc}",
        evidence={"actor1": [(0, 12)], "location": [(63, 70)]},
    )


def make_documents() -> list[Document]:
    documents = []
    for doc in range(6):
        documents.append(
            Document(
                doc_id=f"doc-{doc}",
                title=f"Clashes near Palmyra, report {doc}" + (" <b>bold</b>" if doc == 5 else ""),
                source="Wire C" if doc == 2 else f"Outlet {'AB'[doc % 2]}",
                published=None if doc == 4 else f"2024-04-{10 + doc % 3:02d}",
                url=f"https://example.org/{doc}",
                language="en",
                text=TEXT,
                events=[_event(doc, n) for n in range(5)],
                actors=[
                    ActorMention(name="Liwa al-Quds", surface="Liwa al-Quds", start=0, end=12),
                    ActorMention(
                        name="Islamic State (Syria)",
                        surface="Islamic State",
                        start=35,
                        end=48,
                        label="militants",
                    ),
                ],
                relations=[
                    Relation(
                        subject="Liwa al-Quds",
                        predicate="allied_with",
                        object="Military Forces of Syria (2000-2024)",
                        start=124,
                        end=158,
                    )
                ],
            )
        )
    return documents


@pytest.fixture(scope="session")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from conflictlens.actors import update_registry
    from conflictlens.corroborate import corroborate_store
    from conflictlens.store import Store

    path: Path = tmp_path_factory.mktemp("rest") / "store.sqlite"
    url = f"sqlite:///{path}"
    with Store(url) as store:
        for document in make_documents():
            store.save(document, text=TEXT, content_hash=document.doc_id)
            update_registry(store, document, TEXT)
        corroborate_store(store)
    return url


@pytest.fixture(scope="session")
def client(store_url: str) -> Iterator[TestClient]:
    """Reads only; writes disabled (no token)."""
    from conflictlens.api import create_app

    with TestClient(create_app(store_url)) as test_client:
        yield test_client


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[TestClient]:
    """An empty store of its own, served with a write token."""
    from conflictlens.api import create_app

    app = create_app(f"sqlite:///{tmp_path / 'w.sqlite'}", TOKEN, max_body_bytes=64 * 1024)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def all_events() -> list[tuple[str, Event]]:
    return [(d.doc_id, e) for d in make_documents() for e in d.events]
