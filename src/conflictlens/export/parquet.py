"""Documents as Arrow tables (documents, events, actors, relations, places, framing) for Parquet.

The schemas are written out here, not inferred, so every shard of a batch has the same column
types whatever its rows hold (an all-null column would otherwise be inferred as ``null`` in one
shard and ``string`` in the next, and DuckDB could not read the folder as one table). Column
names follow the store: ``span_start``/``span_end`` rather than ``start``/``end`` (``end`` is an
SQL keyword). ``tables_to_documents`` inverts ``documents_to_tables`` exactly.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyarrow as pa

from conflictlens.records import (
    FRAMING_FIELDS,
    ActorMention,
    Document,
    Event,
    Framing,
    Hedge,
    Label,
    Quote,
    Relation,
    Technique,
    Toponym,
)

_SPANS = pa.list_(pa.list_(pa.int64()))

#: The six tables of a batch output, in the order they are written.
TABLES: tuple[str, ...] = ("documents", "events", "actors", "relations", "places", "framing")

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", pa.string()),
            ("title", pa.string()),
            ("source", pa.string()),
            ("published", pa.string()),
            ("url", pa.string()),
            ("language", pa.string()),
            ("text", pa.string()),
            ("warnings", pa.list_(pa.string())),
            # Not part of Document: what `load` and resumed batches need to compare versions.
            ("content_hash", pa.string()),
            ("words", pa.int64()),
        ]
    ),
    "events": pa.schema(
        [
            ("doc_id", pa.string()),
            ("position", pa.int32()),
            ("event_id", pa.string()),
            ("event_date", pa.string()),
            ("date_start", pa.string()),
            ("date_end", pa.string()),
            ("time_precision", pa.int8()),
            ("disorder_type", pa.string()),
            ("event_type", pa.string()),
            ("sub_event_type", pa.string()),
            ("actor1", pa.string()),
            ("assoc_actor_1", pa.string()),
            ("inter1", pa.int32()),
            ("actor2", pa.string()),
            ("assoc_actor_2", pa.string()),
            ("inter2", pa.int32()),
            ("interaction", pa.int32()),
            ("civilian_targeting", pa.string()),
            ("country", pa.string()),
            ("iso", pa.int32()),
            ("admin1", pa.string()),
            ("admin2", pa.string()),
            ("admin3", pa.string()),
            ("location", pa.string()),
            ("latitude", pa.float64()),
            ("longitude", pa.float64()),
            ("geo_precision", pa.int8()),
            ("fatalities", pa.int64()),
            ("fatalities_low", pa.int64()),
            ("fatalities_high", pa.int64()),
            ("injuries", pa.int64()),
            ("certainty", pa.string()),
            ("according_to", pa.list_(pa.string())),
            ("source", pa.string()),
            ("notes", pa.string()),
            ("evidence", pa.map_(pa.string(), _SPANS)),
            ("field_certainty", pa.map_(pa.string(), pa.string())),
        ]
    ),
    "actors": pa.schema(
        [
            ("doc_id", pa.string()),
            ("position", pa.int32()),
            ("name", pa.string()),
            ("surface", pa.string()),
            ("span_start", pa.int64()),
            ("span_end", pa.int64()),
            ("actor_id", pa.string()),
            ("label", pa.string()),
        ]
    ),
    "relations": pa.schema(
        [
            ("doc_id", pa.string()),
            ("position", pa.int32()),
            ("subject", pa.string()),
            ("predicate", pa.string()),
            ("object", pa.string()),
            ("span_start", pa.int64()),
            ("span_end", pa.int64()),
            ("certainty", pa.string()),
            ("voice", pa.string()),
        ]
    ),
    "places": pa.schema(
        [
            ("doc_id", pa.string()),
            ("position", pa.int32()),
            ("span_start", pa.int64()),
            ("span_end", pa.int64()),
            ("name", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("geonameid", pa.int64()),
            ("country", pa.string()),
            ("admin1", pa.string()),
            ("feature", pa.string()),
        ]
    ),
    # One row per technique, hedge, quote or actor label; ``kind`` says which columns apply.
    "framing": pa.schema(
        [
            ("doc_id", pa.string()),
            ("position", pa.int32()),
            ("kind", pa.string()),
            ("span_start", pa.int64()),
            ("span_end", pa.int64()),
            ("technique", pa.string()),
            ("cue", pa.string()),
            ("scope_start", pa.int64()),
            ("scope_end", pa.int64()),
            (
                "qualifies",
                pa.list_(
                    pa.struct([("kind", pa.string()), ("id", pa.string()), ("field", pa.string())])
                ),
            ),
            ("speaker", pa.string()),
            ("actor", pa.string()),
            ("label", pa.string()),
            ("voice", pa.string()),
        ]
    ),
}

_DOCUMENT_FIELDS = ("doc_id", "title", "source", "published", "url", "language", "text")


def content_hash(document: Document) -> str:
    """What ``analyze`` stores as the content hash (text and metadata), so a document analysed
    once by ``analyze`` and once by ``batch`` is recognised as unchanged by the store."""
    key = "\x1f".join(
        str(v or "")
        for v in (
            document.text,
            document.title,
            document.published,
            document.source,
            document.url,
        )
    )
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _spans(record: Any) -> tuple[int, int]:
    return record.start, record.end


def _document_row(document: Document) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(document, name) for name in _DOCUMENT_FIELDS}
    row["warnings"] = list(document.warnings)
    row["content_hash"] = content_hash(document)
    row["words"] = len((document.text or "").split())
    return row


def _event_row(doc_id: str, position: int, event: Event) -> dict[str, Any]:
    row = event.model_dump()
    row["evidence"] = [(key, [list(s) for s in spans]) for key, spans in event.evidence.items()]
    row["field_certainty"] = list(event.field_certainty.items())
    return {"doc_id": doc_id, "position": position, **row}


def _span_row(doc_id: str, position: int, record: Any) -> dict[str, Any]:
    row = record.model_dump()
    row["span_start"], row["span_end"] = row.pop("start"), row.pop("end")
    return {"doc_id": doc_id, "position": position, **row}


def _framing_rows(document: Document) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for kind, field in FRAMING_FIELDS.items():
        for item in getattr(document.framing, field):
            row = _span_row(document.doc_id, len(rows), item)
            row["kind"] = kind
            if isinstance(item, Hedge):
                row["scope_start"], row["scope_end"] = row.pop("scope")
            rows.append(row)
    return rows


def documents_to_tables(documents: Iterable[Document]) -> dict[str, pa.Table]:
    """One Arrow table per name in ``TABLES``; child rows keep their ``position`` in the
    document so that the order of events, actors, ... survives a sort by ``doc_id``."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for document in documents:
        doc_id = document.doc_id
        rows["documents"].append(_document_row(document))
        rows["events"].extend(_event_row(doc_id, i, e) for i, e in enumerate(document.events))
        rows["actors"].extend(_span_row(doc_id, i, a) for i, a in enumerate(document.actors))
        rows["relations"].extend(_span_row(doc_id, i, r) for i, r in enumerate(document.relations))
        rows["places"].extend(_span_row(doc_id, i, p) for i, p in enumerate(document.places))
        rows["framing"].extend(_framing_rows(document))
    return {
        name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]).select(SCHEMAS[name].names)
        for name in TABLES
    }


def sort_tables(tables: Mapping[str, pa.Table]) -> dict[str, pa.Table]:
    """Rows by ``doc_id`` (then ``position``): the same documents give the same files, whatever
    order workers finished them in."""
    keys = {
        name: [("doc_id", "ascending")]
        + ([("position", "ascending")] if name != "documents" else [])
        for name in TABLES
    }
    return {name: table.sort_by(keys[name]) for name, table in tables.items()}


def _without(row: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in names}


def _spanned(row: dict[str, Any]) -> dict[str, Any]:
    data = _without(row, "doc_id", "position", "span_start", "span_end")
    data["start"], data["end"] = row["span_start"], row["span_end"]
    return data


def _framing_item(row: dict[str, Any]) -> Technique | Hedge | Quote | Label:
    kind = row["kind"]
    base = {"start": row["span_start"], "end": row["span_end"]}
    if kind == "technique":
        return Technique(technique=row["technique"], **base)
    if kind == "hedge":
        return Hedge(
            cue=row["cue"],
            scope=(row["scope_start"], row["scope_end"]),
            qualifies=row.get("qualifies") or [],
            **base,
        )
    if kind == "quote":
        return Quote(speaker=row["speaker"], **base)
    if kind == "label":
        return Label(actor=row["actor"], label=row["label"], voice=row["voice"], **base)
    raise ValueError(f"unknown framing kind {kind!r}")


def _event(row: dict[str, Any]) -> Event:
    data = _without(row, "doc_id", "position")
    data["evidence"] = {key: [tuple(s) for s in spans] for key, spans in row["evidence"] or []}
    data["field_certainty"] = dict(row["field_certainty"] or [])
    return Event.model_validate(data)


def _by_doc(table: pa.Table | None) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if table is None:
        return grouped
    for row in table.to_pylist():
        grouped[row["doc_id"]].append(row)
    for rows in grouped.values():
        rows.sort(key=lambda r: r["position"])
    return grouped


def tables_to_documents(tables: Mapping[str, pa.Table]) -> list[Document]:
    """The Documents back, in the order of the documents table (extra columns are ignored)."""
    children = {name: _by_doc(tables.get(name)) for name in TABLES if name != "documents"}
    result = []
    for row in tables["documents"].to_pylist():
        doc_id = row["doc_id"]
        framing: dict[str, list[Any]] = {field: [] for field in FRAMING_FIELDS.values()}
        for item in children["framing"].get(doc_id, []):
            framing[FRAMING_FIELDS[item["kind"]]].append(_framing_item(item))
        result.append(
            Document(
                **{name: row[name] for name in _DOCUMENT_FIELDS},
                warnings=list(row["warnings"] or []),
                events=[_event(r) for r in children["events"].get(doc_id, [])],
                actors=[
                    ActorMention.model_validate(_spanned(r))
                    for r in children["actors"].get(doc_id, [])
                ],
                relations=[
                    Relation.model_validate(_spanned(r))
                    for r in children["relations"].get(doc_id, [])
                ],
                places=[
                    Toponym.model_validate(_spanned(r)) for r in children["places"].get(doc_id, [])
                ],
                framing=Framing.model_validate(framing),
            )
        )
    return result


def table_from_rows(name: str, rows: Sequence[dict[str, Any]]) -> pa.Table:
    """A table of ``name``'s schema from plain rows (for callers that edit rows)."""
    return pa.Table.from_pylist(list(rows), schema=SCHEMAS[name])


__all__ = [
    "SCHEMAS",
    "TABLES",
    "content_hash",
    "documents_to_tables",
    "sort_tables",
    "table_from_rows",
    "tables_to_documents",
]
