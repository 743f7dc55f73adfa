"""Seed articles: ``analyze`` on the two bundled examples, scored against our own gold events.

The gold (``data/seeds.json``) codes each article as an ACLED analyst would. A predicted event
matches a gold event of the same article when their dates can agree and they share an actor, the
sub-event type or the admin1; pairs are taken best first (most agreeing fields), one to one.
Event-level precision / recall come from the matches; per-field accuracy is over matched events
where the gold gives that field.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

from conflictlens.eval.report import Metric, TaskResult, TaskUnavailable

GOLD_NAME = "seeds.json"

Check = Callable[[Any, Mapping[str, Any]], bool]


def _accepts(gold: Any, value: Any) -> bool:
    """A gold list accepts any of its values (the text allows each); else equality."""
    return value in gold if isinstance(gold, list) else value == gold


def _date_range(gold: Any) -> tuple[str, str]:
    return (gold[0], gold[1]) if isinstance(gold, list) else (gold, gold)


def _date_ok(gold: Any, event: Mapping[str, Any]) -> bool:
    first, last = _date_range(gold)
    day = event.get("event_date")
    return day is not None and first <= day <= last


def _assoc_ok(gold: Any, event: Mapping[str, Any]) -> bool:
    have = {name.strip() for name in (event.get("assoc_actor_1") or "").split(";")}
    return set(gold) <= have


def _field_certainty_ok(gold: Any, event: Mapping[str, Any]) -> bool:
    have = event.get("field_certainty") or {}
    return all(have.get(name) == value for name, value in gold.items())


#: gold key -> (metric name, check). Order is the report's order.
FIELDS: dict[str, tuple[str, Check]] = {
    "sub_event_type": ("sub_event_type", lambda g, e: _accepts(g, e.get("sub_event_type"))),
    "actor1": ("actor1", lambda g, e: _accepts(g, e.get("actor1"))),
    "actor2": ("actor2", lambda g, e: _accepts(g, e.get("actor2"))),
    "assoc_actor_1_includes": ("assoc_actor_1", _assoc_ok),
    "event_date": ("event_date", _date_ok),
    "time_precision": ("time_precision", lambda g, e: _accepts(g, e.get("time_precision"))),
    "admin1": ("admin1", lambda g, e: _accepts(g, e.get("admin1"))),
    "location": ("location", lambda g, e: _accepts(g, e.get("location"))),
    "fatalities": ("fatalities", lambda g, e: _accepts(g, e.get("fatalities"))),
    "certainty": ("certainty", lambda g, e: _accepts(g, e.get("certainty"))),
    "field_certainty": ("hedged_fields", _field_certainty_ok),
}
#: metric name -> the event field shown when it is wrong, where the two names differ.
SHOWN = {"hedged_fields": "field_certainty"}


def load_gold(path: Path | None = None) -> dict[str, Any]:
    """The packaged gold, or another file in the same shape."""
    if path is not None:
        return dict(json.loads(Path(path).read_text(encoding="utf-8")))
    resource = files("conflictlens.eval").joinpath("data", GOLD_NAME)
    return dict(json.loads(resource.read_text(encoding="utf-8")))


def gold_sha256(path: Path | None = None) -> str:
    resource = files("conflictlens.eval").joinpath("data", GOLD_NAME)
    raw = Path(path).read_bytes() if path is not None else resource.read_bytes()
    return hashlib.sha256(raw).hexdigest()


def text_folders(data_dir: Path | None) -> list[Path]:
    """Where the seed articles may be: the checkout's ``examples/``, then ``shared/seeds``."""
    import conflictlens

    folders = [Path(conflictlens.__file__).resolve().parents[2] / "examples"]
    if data_dir is not None:
        folders.append(data_dir.parent / "seeds")
    return folders


def read_text(document: Mapping[str, Any], folders: Iterable[Path]) -> str:
    """The annotated article, checked against its sha256 so the gold never scores another text."""
    seen = []
    for folder in folders:
        path = folder / document["file"]
        if path.is_file():
            raw = path.read_bytes()
            if hashlib.sha256(raw).hexdigest() == document["sha256"]:
                return raw.decode("utf-8")
            seen.append(f"{path} (changed since annotation)")
    where = "; ".join(seen) or "not found in " + ", ".join(str(f) for f in folders)
    raise TaskUnavailable(f"seed article {document['file']}: {where}")


def _span(event: Mapping[str, Any]) -> tuple[str, str] | None:
    first = event.get("date_start") or event.get("event_date")
    last = event.get("date_end") or event.get("event_date")
    return (first, last) if first and last else None


def _actors(event: Mapping[str, Any]) -> set[str]:
    names = {event.get("actor1") or "", event.get("actor2") or ""}
    for key in ("assoc_actor_1", "assoc_actor_2"):
        names |= {n.strip() for n in (event.get(key) or "").split(";")}
    return names - {""}


def _gold_actors(gold: Mapping[str, Any]) -> set[str]:
    names: set[str] = set()
    for key in ("actor1", "actor2", "assoc_actor_1_includes"):
        value = gold.get(key, [])
        names |= set(value) if isinstance(value, list) else {value}
    return names - {""}


def compatible(gold: Mapping[str, Any], event: Mapping[str, Any]) -> bool:
    """Could ``event`` be the report of ``gold``? Dates can agree, and something else does."""
    span = _span(event)
    if span is not None and "event_date" in gold:
        first, last = _date_range(gold["event_date"])
        if span[1] < first or span[0] > last:
            return False
    return bool(
        _actors(event) & _gold_actors(gold)
        or _accepts(gold.get("sub_event_type"), event.get("sub_event_type"))
        or _accepts(gold.get("admin1"), event.get("admin1"))
    )


def field_results(gold: Mapping[str, Any], event: Mapping[str, Any]) -> dict[str, bool]:
    """``{metric name: correct}`` for each field the gold event gives."""
    return {name: check(gold[key], event) for key, (name, check) in FIELDS.items() if key in gold}


def match(
    gold_events: Sequence[Mapping[str, Any]], events: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, predicted index)`` pairs, most agreeing fields first."""
    candidates = sorted(
        (-sum(field_results(g, e).values()), i, j)
        for i, g in enumerate(gold_events)
        for j, e in enumerate(events)
        if compatible(g, e)
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def score(
    gold: Mapping[str, Any], predicted: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, Any]:
    """Event P/R/F1 and per-field accuracy; ``predicted`` maps doc_id -> event dicts."""
    n_gold = n_pred = n_matched = n_all_right = 0
    right: dict[str, int] = {}
    asked: dict[str, int] = {}
    events_report = []
    for document in gold["documents"]:
        gold_events = document["events"]
        events = list(predicted.get(document["doc_id"], []))
        n_gold += len(gold_events)
        n_pred += len(events)
        pairs = dict(match(gold_events, events))
        n_matched += len(pairs)
        for i, gold_event in enumerate(gold_events):
            line: dict[str, Any] = {
                "doc_id": document["doc_id"],
                "gold": gold_event["sub_event_type"],
            }
            if i not in pairs:
                events_report.append({**line, "matched": None})
                continue
            event = events[pairs[i]]
            results = field_results(gold_event, event)
            for name, ok in results.items():
                asked[name] = asked.get(name, 0) + 1
                right[name] = right.get(name, 0) + int(ok)
            n_all_right += all(results.values())
            wrong = {
                name: event.get(SHOWN.get(name, name)) for name, ok in results.items() if not ok
            }
            events_report.append({**line, "matched": event.get("event_id"), "wrong": wrong})
        matched_pred = set(pairs.values())
        events_report += [
            {"doc_id": document["doc_id"], "gold": None, "unmatched": _brief(event)}
            for j, event in enumerate(events)
            if j not in matched_pred
        ]
    precision = n_matched / n_pred if n_pred else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n_gold": n_gold,
        "n_predicted": n_pred,
        "n_matched": n_matched,
        "event_precision": precision,
        "event_recall": recall,
        "event_f1": f1,
        "field_accuracy": sum(right.values()) / sum(asked.values()) if asked else 0.0,
        "all_fields_right": n_all_right / n_gold if n_gold else 0.0,
        "fields": {name: right[name] / asked[name] for name in asked},
        "events": events_report,
    }


def _brief(event: Mapping[str, Any]) -> str:
    return f"{event.get('sub_event_type')}: {event.get('notes', '')}"


def run(data_dir: Path | None) -> TaskResult:
    from conflictlens import analyze

    gold = load_gold()
    folders = text_folders(data_dir)
    predicted = {}
    for document in gold["documents"]:
        text = read_text(document, folders)
        analysed = analyze(
            text,
            doc_id=document["doc_id"],
            published=document["published"],
            source=document["source"],
        )
        predicted[document["doc_id"]] = [event.model_dump() for event in analysed.events]
    scores = score(gold, predicted)
    metrics = [
        Metric(name, scores[name])
        for name in (
            "event_f1",
            "event_precision",
            "event_recall",
            "field_accuracy",
            "all_fields_right",
        )
    ]
    metrics += [Metric(f"field_{name}", value) for name, value in scores["fields"].items()]
    return TaskResult(
        task="seeds",
        status="ok",
        gold=f"conflictlens/eval/data/{GOLD_NAME}",
        gold_sha256=gold_sha256(),
        primary="event_f1",
        metrics=metrics,
        details={"n": scores["n_gold"], "scorer": scores},
    )
