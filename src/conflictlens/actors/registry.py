"""Filling the actor registry: seeded from the knowledge base, then learned from documents.

Every alias and relation is stored as a *claim* with its provenance (document, outlet, date,
certainty, voice, evidence sentence), never as a fact: an outlet's statement that the US arms a
group is that outlet's claim, and two outlets naming two commanders are two claims, both kept.
``update_registry`` registers one stored document (idempotent: its earlier claims are replaced);
``rebuild_registry`` does all of them again, keeping the merge log.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources

import pycountry
from sqlalchemy import Connection, delete, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from conflictlens.actors.errors import RegistryRefusal
from conflictlens.actors.predicates import check_predicate
from conflictlens.actors.referenced import referenced_kb
from conflictlens.actors.resolution import AliasIndex
from conflictlens.actors.surface_forms import find_org_names
from conflictlens.errors import StoreError
from conflictlens.knowledge.actors import ActorKB
from conflictlens.knowledge.normalize import fold_ascii, normalize_name
from conflictlens.records import Document
from conflictlens.store import Store
from conflictlens.store.registry_tables import (
    registry_actors,
    registry_aliases,
    registry_merges,
    registry_relations,
)
from conflictlens.store.schema import documents

__all__ = [
    "KB_SOURCE",
    "Provenance",
    "RegistryUpdate",
    "add_relation",
    "load_index",
    "rebuild_registry",
    "update_registry",
]

#: The outlet recorded for what the packaged knowledge base says.
KB_SOURCE = "knowledge base"
#: Longest evidence sentence kept with a claim (characters).
_EVIDENCE_MAX = 320
_SENTENCE_EDGE = re.compile(r"(?<=[.!?])\s+|\n")


@dataclass
class RegistryUpdate:
    """What one update or rebuild did; ``refused`` names each claim left out and why."""

    documents: int = 0
    aliases: int = 0
    relations: int = 0
    provisional: int = 0
    refused: list[str] = field(default_factory=list)

    def add(self, other: RegistryUpdate) -> None:
        self.documents += other.documents
        self.aliases += other.aliases
        self.relations += other.relations
        self.provisional += other.provisional
        self.refused += other.refused


@dataclass(frozen=True)
class Provenance:
    """Where a claim comes from; all ``None`` for the knowledge base."""

    doc_id: str | None = None
    outlet: str | None = None
    published: str | None = None
    start: int | None = None
    end: int | None = None
    evidence: str | None = None
    certainty: str = "reported"
    voice: str = "outlet"
    origin: str = "text"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_ascii(name).casefold()).strip("-") or "actor"


# -- seeding ------------------------------------------------------------------------------


def _seed(conn: Connection, kb: ActorKB) -> None:
    """Insert the KB actors (and their aliases and parents) the registry does not hold yet."""
    known = set(conn.execute(select(registry_actors.c.actor_id)).scalars())
    new = [a for a in kb if a.country is not None and a.actor_id not in known]
    if not new:
        return
    conn.execute(
        insert(registry_actors),
        [
            {
                "actor_id": a.actor_id,
                "name": a.name,
                "type": a.type,
                "inter": a.inter,
                "country": a.country,
                "active": a.active,
                "origin": "kb",
                "provisional": 0,
                "merged_into": None,
                "first_doc_id": None,
            }
            for a in new
        ],
    )
    alias_rows = []
    for actor in new:
        for alias in dict.fromkeys((actor.name, *actor.aliases)):
            alias_rows.append(
                {
                    "actor_id": actor.actor_id,
                    "alias": alias,
                    "norm": normalize_name(alias),
                    "outlet": KB_SOURCE,
                    "certainty": "confirmed",
                    "voice": KB_SOURCE,
                }
            )
    conn.execute(insert(registry_aliases), alias_rows)
    parents = [
        {
            "subject_id": a.actor_id,
            "predicate": "member_of",
            "object_id": a.parent,
            "object_name": kb.get(a.parent).name,  # type: ignore[union-attr]
            "object_kind": "actor",
            "outlet": KB_SOURCE,
            "certainty": "confirmed",
            "voice": KB_SOURCE,
            "origin": "kb",
        }
        for a in new
        if a.parent and kb.get(a.parent) is not None and kb.get(a.parent).country is not None  # type: ignore[union-attr]
    ]
    if parents:
        conn.execute(insert(registry_relations), parents)


def load_index(conn: Connection, kb: ActorKB | None = None) -> AliasIndex:
    """The registry's aliases for resolution (seeding the KB actors first if needed)."""
    _seed(conn, kb or ActorKB.default())
    _seed(conn, referenced_kb())
    index = AliasIndex()
    for row in conn.execute(
        select(
            registry_actors.c.actor_id,
            registry_actors.c.name,
            registry_actors.c.merged_into,
            registry_actors.c.country,
            registry_actors.c.provisional,
        )
    ):
        index.add_actor(
            row.actor_id,
            row.name,
            row.merged_into,
            country=row.country,
            provisional=bool(row.provisional),
        )
    for actor_id, alias in conn.execute(
        select(registry_aliases.c.actor_id, registry_aliases.c.alias)
    ):
        index.add_alias(actor_id, alias)
    return index


# -- claims -------------------------------------------------------------------------------


def _alias_cycle(conn: Connection, index: AliasIndex, subject: str, obj: str) -> list[str]:
    """The alias_of path from ``obj`` back to ``subject`` (a cycle if the claim were added)."""
    edges: dict[str, set[str]] = {}
    for row in conn.execute(
        select(registry_relations.c.subject_id, registry_relations.c.object_id).where(
            registry_relations.c.predicate == "alias_of",
            registry_relations.c.object_id.is_not(None),
        )
    ):
        edges.setdefault(index.canonical(row.subject_id), set()).add(index.canonical(row.object_id))
    stack, parent = [obj], {obj: ""}
    while stack:
        node = stack.pop()
        if node == subject:
            path = [node]
            while parent[path[-1]]:
                path.append(parent[path[-1]])
            return list(reversed(path))
        for nxt in edges.get(node, ()):
            if nxt not in parent:
                parent[nxt] = node
                stack.append(nxt)
    return []


def _provisional(
    conn: Connection, index: AliasIndex, name: str, prov: Provenance, update_: RegistryUpdate
) -> str:
    """A new provisional actor for a name no registered actor matches strongly enough."""
    actor_id = f"prov-{_slug(name)}"
    if actor_id not in index.names:
        conn.execute(
            insert(registry_actors),
            [
                {
                    "actor_id": actor_id,
                    "name": name,
                    "type": "unknown",
                    "inter": None,
                    "country": None,
                    "active": "",
                    "origin": "text",
                    "provisional": 1,
                    "merged_into": None,
                    "first_doc_id": prov.doc_id,
                }
            ],
        )
        index.add_actor(actor_id, name, provisional=True)
        update_.provisional += 1
    _insert_alias(conn, index, index.canonical(actor_id), name, prov)
    return index.canonical(actor_id)


def _insert_alias(
    conn: Connection, index: AliasIndex, actor_id: str, alias: str, prov: Provenance
) -> None:
    conn.execute(
        insert(registry_aliases),
        [
            {
                "actor_id": actor_id,
                "alias": alias,
                "norm": normalize_name(alias),
                "doc_id": prov.doc_id,
                "outlet": prov.outlet,
                "published": prov.published,
                "span_start": prov.start,
                "span_end": prov.end,
                "evidence": prov.evidence,
                "certainty": prov.certainty,
                "voice": prov.voice,
            }
        ],
    )
    index.add_alias(actor_id, alias)


@lru_cache(maxsize=1)
def _kb_countries() -> frozenset[str]:
    raw = resources.files("conflictlens.knowledge").joinpath("data/countries.json").read_text()
    return frozenset(normalize_name(k) for k in json.loads(raw) if not k.startswith("_"))


def _is_country(name: str) -> bool:
    """A state named as a supporter ("support from Turkey") rather than an armed actor."""
    if normalize_name(name) in _kb_countries():
        return True
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


def _claim(
    conn: Connection,
    index: AliasIndex,
    subject: str,
    predicate: str,
    obj: str,
    prov: Provenance,
    update_: RegistryUpdate,
    context: Iterable[str] = (),
) -> None:
    """Check one claim and store it; raises ``RegistryRefusal`` for what may not be held."""
    label = f"{subject} {predicate} {obj}"
    spec = check_predicate(predicate, label)
    if normalize_name(subject) == normalize_name(obj):
        raise RegistryRefusal(label, "self-loop: an actor cannot relate to itself")
    context = list(context)
    if predicate == "alias_of":
        _alias_claim(conn, index, subject, obj, prov, update_, context, label)
        return
    subject_id = index.resolve(subject, context).actor_id
    if subject_id is None:
        subject_id = _provisional(conn, index, subject, prov, update_)
    object_id: str | None = None
    kind = spec.object
    if kind in ("actor", "actor_or_country"):
        object_id = index.resolve(obj, context).actor_id
        if object_id is None and kind == "actor_or_country" and _is_country(obj):
            kind = "country"
        else:
            kind = "actor"
            if object_id is None:
                object_id = _provisional(conn, index, obj, prov, update_)
            if object_id == subject_id:
                raise RegistryRefusal(
                    label, f"self-loop: both sides are {index.names[subject_id]!r}"
                )
    conn.execute(
        insert(registry_relations),
        [
            {
                "subject_id": subject_id,
                "predicate": predicate,
                "object_id": object_id,
                "object_name": index.names[object_id] if object_id else obj,
                "object_kind": kind,
                **_provenance_row(prov),
            }
        ],
    )
    update_.relations += 1


def _alias_claim(
    conn: Connection,
    index: AliasIndex,
    alias: str,
    obj: str,
    prov: Provenance,
    update_: RegistryUpdate,
    context: list[str],
    label: str,
) -> None:
    """'Y, also known as X': Y becomes an alias of X's actor, unless Y names another actor."""
    object_id = index.resolve(obj, context).actor_id
    if object_id is None:
        object_id = _provisional(conn, index, obj, prov, update_)
    named = index.exact_all(alias)
    if not named or named == {object_id}:
        _insert_alias(conn, index, object_id, alias, prov)
        update_.aliases += 1
        return
    if len(named) > 1:
        raise RegistryRefusal(
            label, f"'{alias}' names {len(named)} registered actors; merge them by hand if meant"
        )
    other = next(iter(named))
    # Y names another registered actor: the claim that both are one actor is kept as a
    # relation (a merge candidate), never applied silently.
    cycle = _alias_cycle(conn, index, other, object_id)
    if cycle:
        names = " → ".join(index.names[a] for a in [other, *cycle])
        raise RegistryRefusal(label, f"alias cycle: {names}")
    conn.execute(
        insert(registry_relations),
        [
            {
                "subject_id": other,
                "predicate": "alias_of",
                "object_id": object_id,
                "object_name": index.names[object_id],
                "object_kind": "actor",
                **_provenance_row(prov),
            }
        ],
    )
    update_.relations += 1


def add_relation(
    store: Store, subject: str, predicate: str, obj: str, provenance: Provenance | None = None
) -> RegistryUpdate:
    """Store one claim by hand (or from another extractor), with the same checks as learning.

    Raises ``RegistryRefusal`` for an unknown predicate, a self-loop or an alias cycle.
    """
    result = RegistryUpdate()
    with store._engine.begin() as conn:
        index = load_index(conn)
        _claim(conn, index, subject, predicate, obj, provenance or Provenance(), result)
    return result


# -- documents ----------------------------------------------------------------------------


def _evidence(text: str | None, start: int, end: int) -> str | None:
    """The sentence(s) around ``[start, end)``, clipped: what a reader checks the claim on."""
    if not text or not 0 <= start <= end <= len(text):
        return None
    left = max((m.end() for m in _SENTENCE_EDGE.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_EDGE.search(text, end)
    right = right_match.start() if right_match else len(text)
    snippet = " ".join(text[left:right].split())
    if len(snippet) > _EVIDENCE_MAX:
        snippet = " ".join(text[start:end].split())[:_EVIDENCE_MAX]
    return snippet


def _forget_document(conn: Connection, doc_id: str) -> None:
    conn.execute(delete(registry_aliases).where(registry_aliases.c.doc_id == doc_id))
    conn.execute(delete(registry_relations).where(registry_relations.c.doc_id == doc_id))


def _drop_orphans(conn: Connection) -> None:
    """Provisional actors nothing refers to any more (their documents changed or went)."""
    used = (
        set(conn.execute(select(registry_aliases.c.actor_id)).scalars())
        | set(conn.execute(select(registry_relations.c.subject_id)).scalars())
        | set(conn.execute(select(registry_relations.c.object_id)).scalars())
        | set(conn.execute(select(registry_merges.c.kept_id)).scalars())
        | set(conn.execute(select(registry_merges.c.merged_id)).scalars())
    )
    provisional = set(
        conn.execute(
            select(registry_actors.c.actor_id).where(registry_actors.c.provisional == 1)
        ).scalars()
    )
    orphans = provisional - used
    if orphans:
        conn.execute(delete(registry_actors).where(registry_actors.c.actor_id.in_(orphans)))


def _main_country(document: Document) -> str | None:
    """The country most of the document's places are in (its events' country, usually)."""
    countries = Counter(p.country for p in document.places if p.country)
    return countries.most_common(1)[0][0] if countries else None


def _register_names(
    conn: Connection,
    index: AliasIndex,
    document: Document,
    text: str,
    result: RegistryUpdate,
    context: list[str],
) -> None:
    """Organisation names the KB matcher did not find: linked on strong evidence, else
    provisional actors. A provisional actor gets one alias row per mention (its evidence, and
    what ``actors list`` counts as mentions and outlets); a linked one one row per spelling."""
    country = _main_country(document)
    known = [(m.start, m.end) for m in document.actors]
    linked: set[tuple[str, str]] = set()
    for org in find_org_names(text, known):
        prov = Provenance(
            doc_id=document.doc_id,
            outlet=document.source or "unknown outlet",
            published=document.published,
            start=org.start,
            end=org.end,
            evidence=_evidence(text, org.start, org.end),
        )
        found = index.resolve(org.name, context, country)
        if found.how != "exact" and org.name.endswith("s") and index.exact(org.name[:-1]):
            continue  # "Ahrar al-Shams leader": a possessive without its apostrophe
        if found.actor_id is None:
            _provisional(conn, index, org.name, prov, result)
        elif found.actor_id in index.provisional:
            _insert_alias(conn, index, found.actor_id, org.name, prov)
        elif found.how != "exact" and (found.actor_id, org.name) not in linked:
            linked.add((found.actor_id, org.name))  # a new spelling of a known actor
            _insert_alias(conn, index, found.actor_id, org.name, prov)
            result.aliases += 1


def _register(
    conn: Connection, index: AliasIndex, document: Document, text: str | None
) -> RegistryUpdate:
    result = RegistryUpdate(documents=1)
    _forget_document(conn, document.doc_id)
    context = [m.actor_id for m in document.actors if m.actor_id]
    if text:
        _register_names(conn, index, document, text, result, context)
    for relation in document.relations:
        prov = Provenance(
            doc_id=document.doc_id,
            outlet=document.source or "unknown outlet",
            published=document.published,
            start=relation.start,
            end=relation.end,
            evidence=_evidence(text, relation.start, relation.end),
            certainty=relation.certainty,
            voice=relation.voice,
        )
        try:
            with conn.begin_nested():
                _claim(
                    conn,
                    index,
                    relation.subject,
                    relation.predicate,
                    relation.object,
                    prov,
                    result,
                    context,
                )
        except RegistryRefusal as refusal:
            result.refused.append(f"{document.doc_id}: {refusal}")
    return result


def update_registry(store: Store, document: Document, text: str | None = None) -> RegistryUpdate:
    """Register one stored document's aliases and relations (replacing its earlier claims).

    ``text`` gives the evidence sentences; without it the stored text is read. Claims the
    registry refuses (self-loops, alias cycles, unknown predicates) are listed in ``refused``
    and the rest are kept.
    """
    try:
        return _update(store, document, text)
    except SQLAlchemyError as exc:
        raise StoreError(
            f"{store.url} (document {document.doc_id!r})",
            f"actor registry not updated, earlier state kept ({exc.__class__.__name__})",
        ) from exc


def _update(store: Store, document: Document, text: str | None) -> RegistryUpdate:
    with store._engine.begin() as conn:
        if text is None:
            text = (
                document.text
                or conn.execute(
                    select(documents.c.text).where(documents.c.doc_id == document.doc_id)
                ).scalar()
            )
        index = load_index(conn)
        result = _register(conn, index, document, text)
        _drop_orphans(conn)
    return result


def rebuild_registry(store: Store) -> RegistryUpdate:
    """Forget every learned claim and register each stored document again; merges stay."""
    total = RegistryUpdate()
    with store._engine.begin() as conn:
        conn.execute(delete(registry_aliases).where(registry_aliases.c.doc_id.is_not(None)))
        conn.execute(delete(registry_relations).where(registry_relations.c.doc_id.is_not(None)))
    for document in store.documents():
        total.add(update_registry(store, document, document.text))
    with store._engine.begin() as conn:
        _drop_orphans(conn)
        # Merges whose actor went with its documents are undone rather than left dangling.
        ids = set(conn.execute(select(registry_actors.c.actor_id)).scalars())
        conn.execute(
            update(registry_actors)
            .where(registry_actors.c.merged_into.is_not(None))
            .where(registry_actors.c.merged_into.not_in(ids))
            .values(merged_into=None)
        )
        conn.execute(
            update(registry_merges)
            .where(registry_merges.c.undone_at.is_(None))
            .where(
                or_(
                    registry_merges.c.kept_id.not_in(ids),
                    registry_merges.c.merged_id.not_in(ids),
                )
            )
            .values(undone_at=_now())
        )
    return total


def now() -> str:
    """UTC timestamp for the merge log."""
    return _now()


def _provenance_row(prov: Provenance) -> dict[str, object]:
    """The columns every claim row carries about where it was said, by whom, how surely."""
    return {
        "doc_id": prov.doc_id,
        "outlet": prov.outlet,
        "published": prov.published,
        "certainty": prov.certainty,
        "voice": prov.voice,
        "span_start": prov.start,
        "span_end": prov.end,
        "evidence": prov.evidence,
        "origin": prov.origin,
    }
