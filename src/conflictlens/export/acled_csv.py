"""ACLED-compatible CSV: ACLED's own export columns first, unchanged and in ACLED's order.

Analysts load these files with the scripts they already use for ACLED downloads, so the first
31 columns are exactly ACLED's (names, order, value conventions: ISO ``event_date`` as the
ACLED API writes it, ``year``, empty strings for missing actors, integer fatalities, region
derived from the country). What ACLED has no column for is kept twice, so nothing is lost:
summarised in ``tags`` ("certainty=suspected; according_to=one source; fatalities_low=2") and as
our own columns AFTER ACLED's (``EXTRA_COLUMNS``), which ACLED-only tools simply ignore.
Columns we cannot know from one article (``source_scale``, ``timestamp`` of ACLED's last edit)
stay empty rather than guessed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any, TextIO

from conflictlens.records import Document, Event

#: ACLED's export columns since the March 2023 restructuring, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: conflictlens columns, always after ACLED's. ``according_to`` joins sources with "; " (as
#: ACLED joins associated actors); ``evidence`` is the contract's JSON object of spans.
EXTRA_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "date_start",
    "date_end",
    "certainty",
    "according_to",
    "fatalities_low",
    "fatalities_high",
    "injuries",
    "evidence",
)

COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS


@cache
def _region_tables() -> tuple[dict[int, str], dict[str, str]]:
    """ISO numeric -> region and lower-cased country name/code -> region."""
    by_iso: dict[int, str] = {}
    by_name: dict[str, str] = {}
    data = files("conflictlens.export").joinpath("data/acled_regions.csv")
    text = data.read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        by_iso.setdefault(int(row["iso"]), row["region"])
        by_name[row["country"].lower()] = row["region"]
        by_name[row["iso3"].lower()] = row["region"]
    return by_iso, by_name


@cache
def acled_region(country: str, iso: int | None = None) -> str:
    """ACLED's region by ISO numeric, ACLED country name or any ISO 3166 name; "" if unknown."""
    by_iso, by_name = _region_tables()
    if iso is not None and iso in by_iso:
        return by_iso[iso]
    key = country.strip().lower()
    if not key:
        return ""
    if key in by_name:
        return by_name[key]
    import pycountry  # only for names our table spells differently ("Syrian Arab Republic")

    try:
        match = pycountry.countries.lookup(country.strip())
    except LookupError:
        return ""
    return by_iso.get(int(match.numeric), "")


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _tags(event: Event) -> str:
    """Our extras in ACLED's ``tags`` style: "key=value" items joined by "; "."""
    items = [f"certainty={event.certainty}"]
    if event.according_to:
        # "; " separates tags, so multiple sources are joined with ", " here.
        sources = ", ".join(s.replace(";", ",") for s in event.according_to)
        items.append(f"according_to={sources}")
    for name in ("fatalities_low", "fatalities_high", "injuries"):
        value = getattr(event, name)
        if value is not None:
            items.append(f"{name}={value}")
    return "; ".join(items)


def event_row(event: Event, doc_id: str = "", document: Document | None = None) -> dict[str, str]:
    """One CSV row (all values as the strings written) for an event."""
    source = event.source or (document.source if document is not None else None) or ""
    row = {
        "event_id_cnty": event.event_id,
        "event_date": _cell(event.event_date),
        "year": event.event_date[:4] if event.event_date else "",
        "time_precision": str(event.time_precision),
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1,
        "inter1": _cell(event.inter1),
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "inter2": _cell(event.inter2),
        "interaction": _cell(event.interaction),
        "civilian_targeting": event.civilian_targeting,
        "iso": _cell(event.iso),
        "region": acled_region(event.country, event.iso),
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": event.admin3,
        "location": event.location,
        "latitude": _cell(event.latitude),
        "longitude": _cell(event.longitude),
        "geo_precision": str(event.geo_precision),
        "source": source,
        "source_scale": "",
        "notes": event.notes,
        "fatalities": str(int(event.fatalities)),
        "tags": _tags(event),
        "timestamp": "",
        "doc_id": doc_id,
        "date_start": _cell(event.date_start),
        "date_end": _cell(event.date_end),
        "certainty": event.certainty,
        "according_to": "; ".join(event.according_to),
        "fatalities_low": _cell(event.fatalities_low),
        "fatalities_high": _cell(event.fatalities_high),
        "injuries": _cell(event.injuries),
        "evidence": json.dumps(
            {field: [list(span) for span in spans] for field, spans in event.evidence.items()},
            ensure_ascii=False,
            sort_keys=True,
        ),
    }
    return row


def write_acled_csv(
    rows: Iterable[tuple[str, Event]],
    out: TextIO,
    *,
    documents: Mapping[str, Document] | None = None,
) -> int:
    """Header plus one row per ``(doc_id, event)``; returns the number of event rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for doc_id, event in rows:
        document = documents.get(doc_id) if documents is not None else None
        row = event_row(event, doc_id, document)
        writer.writerow({column: _inert(value) for column, value in row.items()})
        count += 1
    return count


_FORMULA_START = ("=", "+", "@", "\t", "\r", "-")


def _inert(value: str) -> str:
    """A cell a spreadsheet would run as a formula (a hostile outlet name "=HYPERLINK(...)")
    gets a leading apostrophe, as OWASP advises for CSV; numbers ("-33.5") stay as they are."""
    if not value.startswith(_FORMULA_START):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value
