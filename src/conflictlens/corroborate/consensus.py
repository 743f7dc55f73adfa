"""One consensus record per cluster: each field's value, who supports it, who says otherwise.

Votes count independent outlets, not reports: syndicated copies (near-duplicate texts) and
several reports from one outlet are one voice. Fatalities follow ACLED's conservative rule: the
best figure is the lowest credible one reported (figures a party claims for itself are not
credible while any other figure exists), and the low/high range spans every figure reported.
Every report stays listed with its own numbers, so a reader sees the versions side by side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from operator import attrgetter
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from conflictlens.corroborate.matching import Report
from conflictlens.records import Event

#: Report certainties whose fatality figures stand (ACLED discounts a party's own claims).
_CREDIBLE = frozenset({"confirmed", "reported", "alleged", "suspected"})
_UNKNOWN_PREFIX = "Unidentified"

#: Fields voted on as they are; place and date fields follow their representative report.
_VOTED = (
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "civilian_targeting",
    "country",
    "certainty",
)
_DATE_FIELDS = ("date_start", "date_end", "time_precision")
_PLACE_FIELDS = ("admin1", "admin2", "admin3", "latitude", "longitude", "geo_precision")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Dissent(_Model):
    value: Any
    sources: list[str]


class FieldConsensus(_Model):
    """A field's consensus value, the outlets that report it, and the other values reported."""

    value: Any
    sources: list[str] = Field(default_factory=list)
    dissent: list[Dissent] = Field(default_factory=list)
    low: int | None = None  # fatalities / injuries only: the range across sources
    high: int | None = None


class ReportView(_Model):
    """One report of the event, with its own figures, for side-by-side display."""

    doc_id: str
    event_id: str
    source: str
    published: str | None
    group: int  # reports sharing a group are one independent voice (copies, same outlet)
    event_date: str | None
    event_type: str
    actor1: str
    actor2: str
    location: str
    fatalities: int
    fatalities_low: int | None
    fatalities_high: int | None
    certainty: str
    notes: str


class ConsensusEvent(_Model):
    """The contract's consensus line, plus counts and the reports behind it."""

    cluster_id: str
    doc_ids: list[str]
    event_ids: list[str]
    sources: list[str]
    fields: dict[str, FieldConsensus]
    source_count: int = 0
    independent_sources: int = 0
    syndicated: list[list[str]] = Field(default_factory=list)
    reports: list[ReportView] = Field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def independence_groups(
    reports: Sequence[Report], duplicate_pairs: Iterable[tuple[str, str]]
) -> list[int]:
    """A group number per report: copies of one text and reports of one outlet share one."""
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    first_of: dict[str, int] = {}
    by_doc: dict[str, int] = {}
    for i, report in enumerate(reports):
        by_doc.setdefault(report.doc_id, i)
        outlet = report.source.lower()
        if outlet in first_of:
            union(i, first_of[outlet])
        else:
            first_of[outlet] = i
    for a, b in duplicate_pairs:
        if a in by_doc and b in by_doc:
            union(by_doc[a], by_doc[b])
    roots: dict[int, int] = {}
    return [roots.setdefault(find(i), len(roots)) for i in range(len(reports))]


def _anyone(_report: Report) -> bool:
    return True


def _vote(
    reports: Sequence[Report],
    groups: Sequence[int],
    value_of: Callable[[Event], Any],
    *,
    eligible: Callable[[Report], bool] = _anyone,
) -> tuple[int | None, FieldConsensus]:
    """The value most independent outlets give (ties: the earliest report), and its support.

    Empty values do not vote: a report that names no actor does not dissent from one that does.
    Returns the index of the first report carrying the winning value.
    """
    support: dict[Any, set[int]] = {}
    first: dict[Any, int] = {}
    for i, report in enumerate(reports):
        value = value_of(report.event)
        if value in (None, ""):
            continue
        first.setdefault(value, i)
        if eligible(report):
            support.setdefault(value, set()).add(groups[i])
    if not support:
        support = {value: set() for value in first}
    if not first:
        return None, FieldConsensus(value=None)
    winner = min(support, key=lambda v: (-len(support[v]), first[v]))
    return first[winner], _field(reports, value_of, winner)


def _field(
    reports: Sequence[Report], value_of: Callable[[Event], Any], chosen: Any
) -> FieldConsensus:
    by_value: dict[Any, list[str]] = {}
    for report in reports:
        value = value_of(report.event)
        if value in (None, ""):
            continue
        outlets = by_value.setdefault(value, [])
        if report.source not in outlets:
            outlets.append(report.source)
    return FieldConsensus(
        value=chosen,
        sources=by_value.get(chosen, []),
        dissent=[
            Dissent(value=value, sources=outlets)
            for value, outlets in by_value.items()
            if value != chosen
        ],
    )


def _named(report: Report, attribute: str) -> bool:
    value = getattr(report.event, attribute)
    return bool(value) and not str(value).startswith(_UNKNOWN_PREFIX)


def _figures(
    reports: Sequence[Report], best: Callable[[Event], int | None], low: str, high: str
) -> FieldConsensus:
    """Lowest credible figure as the value; the range over every report's figures."""
    known: list[tuple[Report, int]] = []
    for report in reports:
        figure = best(report.event)
        if figure is not None:
            known.append((report, figure))
    if not known:
        return FieldConsensus(value=None)
    credible = [figure for r, figure in known if r.event.certainty in _CREDIBLE]
    value = min(credible or [figure for _r, figure in known])
    lows: list[int] = [_or(getattr(r.event, low), figure) for r, figure in known]
    highs: list[int] = [_or(getattr(r.event, high), figure) for r, figure in known]
    field = _field([r for r, _v in known], best, value)
    field.low = min([value, *lows])
    field.high = max([value, *highs])
    return field


def _or(value: int | None, fallback: int) -> int:
    return fallback if value is None else value


def _fatalities(event: Event) -> int | None:
    """The reported figure; ``None`` when the report gives none (the contract writes 0 then)."""
    if event.fatalities == 0 and event.fatalities_low is None and event.fatalities_high is None:
        return None
    return event.fatalities


def build_consensus(
    cluster_id: str, reports: Sequence[Report], duplicate_pairs: Iterable[tuple[str, str]] = ()
) -> ConsensusEvent:
    """The consensus record of one cluster's reports (given in publication order)."""
    groups = independence_groups(reports, duplicate_pairs)
    fields: dict[str, FieldConsensus] = {}

    # Date: the most precise reports decide; their representative gives start/end/precision.
    best_precision = min(r.event.time_precision for r in reports)
    index, fields["event_date"] = _vote(
        reports,
        groups,
        lambda e: e.event_date,
        eligible=lambda r: r.event.time_precision == best_precision,
    )
    _follow(fields, reports, index, _DATE_FIELDS)

    best_geo = min(r.event.geo_precision for r in reports)
    index, fields["location"] = _vote(
        reports,
        groups,
        lambda e: e.location,
        eligible=lambda r: r.event.geo_precision == best_geo,
    )
    _follow(fields, reports, index, _PLACE_FIELDS)

    for name in _VOTED:
        eligible = _anyone
        # A named actor outweighs "unidentified"; the unnamed version stays as dissent.
        if name in ("actor1", "actor2") and any(_named(r, name) for r in reports):
            eligible = partial(_named, attribute=name)
        _index, fields[name] = _vote(reports, groups, attrgetter(name), eligible=eligible)
    # ``inter`` codes belong to the chosen actors, not to a vote of their own.
    for side, inter in (("actor1", "inter1"), ("actor2", "inter2")):
        chosen = fields[side].value
        donor = next((r.event for r in reports if getattr(r.event, side) == chosen), None)
        fields[inter] = FieldConsensus(
            value=getattr(donor, inter) if donor else None, sources=fields[side].sources
        )

    inter1, inter2 = fields["inter1"].value, fields["inter2"].value
    fields["interaction"] = FieldConsensus(value=_interaction(inter1, inter2))

    fatalities = _figures(reports, _fatalities, "fatalities_low", "fatalities_high")
    fields["fatalities"] = fatalities
    fields["fatalities_low"] = _range_field(reports, fatalities.low, "fatalities_low")
    fields["fatalities_high"] = _range_field(reports, fatalities.high, "fatalities_high")
    fields["injuries"] = _figures(reports, lambda e: e.injuries, "injuries", "injuries")

    sources = list(dict.fromkeys(r.source for r in reports))
    copies: dict[int, list[str]] = {}
    for report, group in zip(reports, groups, strict=True):
        copies.setdefault(group, [])
        if report.doc_id not in copies[group]:
            copies[group].append(report.doc_id)
    return ConsensusEvent(
        cluster_id=cluster_id,
        doc_ids=[r.doc_id for r in reports],
        event_ids=[r.event.event_id for r in reports],
        sources=sources,
        fields=fields,
        source_count=len(sources),
        independent_sources=len(set(groups)),
        syndicated=[docs for docs in copies.values() if len(docs) > 1],
        reports=[_view(r, g) for r, g in zip(reports, groups, strict=True)],
    )


def _follow(
    fields: dict[str, FieldConsensus],
    reports: Sequence[Report],
    index: int | None,
    names: Sequence[str],
) -> None:
    """Fields that belong with a voted one (a place's coordinates) come from its report."""
    for name in names:
        value = getattr(reports[index].event, name) if index is not None else None
        fields[name] = _field(reports, attrgetter(name), value)


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code, the rule ``extract.events`` codes single reports with."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _range_field(reports: Sequence[Report], value: int | None, name: str) -> FieldConsensus:
    sources = [
        r.source
        for r in reports
        if value is not None and (getattr(r.event, name) == value or r.event.fatalities == value)
    ]
    return FieldConsensus(value=value, sources=list(dict.fromkeys(sources)))


def _view(report: Report, group: int) -> ReportView:
    event = report.event
    return ReportView(
        doc_id=report.doc_id,
        event_id=event.event_id,
        source=report.source,
        published=report.published,
        group=group,
        event_date=event.event_date,
        event_type=event.event_type,
        actor1=event.actor1,
        actor2=event.actor2,
        location=event.location,
        fatalities=event.fatalities,
        fatalities_low=event.fatalities_low,
        fatalities_high=event.fatalities_high,
        certainty=event.certainty,
        notes=event.notes,
    )


def consensus_event(record: ConsensusEvent) -> Event:
    """The consensus as one ACLED-style Event (for ``export --consensus``): sources joined
    with "; " as in ACLED's ``source`` column, the fatality range from every report."""
    from conflictlens.extract.notes import neutral_note

    values: dict[str, Any] = {
        name: field.value for name, field in record.fields.items() if field.value is not None
    }
    values = {k: v for k, v in values.items() if k in Event.model_fields}
    fatalities = record.fields.get("fatalities")
    values["fatalities"] = fatalities.value if fatalities and fatalities.value is not None else 0
    if fatalities is not None:
        values["fatalities_low"] = fatalities.low
        values["fatalities_high"] = fatalities.high
    injuries = record.fields.get("injuries")
    values["injuries"] = injuries.value if injuries is not None else None
    field_certainty = {
        name: "disputed"
        for name in ("actor1", "actor2")
        if record.fields.get(name)
        and any(not str(d.value).startswith(_UNKNOWN_PREFIX) for d in record.fields[name].dissent)
    }
    event = Event(
        event_id=record.cluster_id,
        source="; ".join(record.sources),
        field_certainty=field_certainty,  # type: ignore[arg-type]
        **values,
    )
    note = neutral_note(event, field_certainty=dict(field_certainty))
    summary = (
        f" {record.source_count} sources ({record.independent_sources} independent)."
        if record.source_count > 1
        else ""
    )
    return event.model_copy(update={"notes": note + summary})
