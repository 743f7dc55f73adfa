"""A store holding small hand-written documents, and a way to register more."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from conflictlens.actors import RegistryUpdate, update_registry
from conflictlens.records import ActorMention, Document, Event, Relation
from conflictlens.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    with Store("sqlite://", pipeline_version="test") as opened:
        yield opened


def relation(text: str, subject: str, predicate: str, obj: str, cue: str, **kw: str) -> Relation:
    start = text.index(cue)
    return Relation(
        subject=subject,
        predicate=predicate,
        object=obj,
        start=start,
        end=start + len(cue),
        **kw,  # type: ignore[arg-type]
    )


def mention(text: str, name: str, surface: str, actor_id: str) -> ActorMention:
    start = text.index(surface)
    return ActorMention(
        name=name, surface=surface, start=start, end=start + len(surface), actor_id=actor_id
    )


@pytest.fixture
def register(store: Store) -> Callable[..., RegistryUpdate]:
    """Save a document (text, outlet, date, relations, mentions, events) and register it."""

    def run(
        doc_id: str,
        text: str,
        *,
        source: str,
        published: str,
        relations: list[Relation] = (),  # type: ignore[assignment]
        actors: list[ActorMention] = (),  # type: ignore[assignment]
        events: list[Event] = (),  # type: ignore[assignment]
    ) -> RegistryUpdate:
        document = Document(
            doc_id=doc_id,
            source=source,
            published=published,
            relations=list(relations),
            actors=list(actors),
            events=list(events),
        )
        store.save(document, text=text, content_hash=doc_id + text)
        return update_registry(store, document, text)

    return run
