"""Where `analyze` places the events of real conflict news, and how many it counts dead
(../shared/data/realnews).

FA-KES: every article reports an incident in Syria, and its crowd coders give the governorate
and the number killed (civilians plus others). This prints how many events land in Syria (the
others: other countries the articles also report on, and mistakes: a news agency read as a town,
a capital speaking for its government), the countries outside Syria, in how many articles an
event lies in the coders' governorate (any event; the first one), and in how many an event
counts the coders' dead exactly (any event; one in their governorate; the largest count), how
many have no count at all, and how many events carry an aggregate of 10,000 dead or more (a
war's toll, not an event's). Governorates are compared by their first three letters without
"al", "ar-" or "rural" ("Idleb" = "idlib", "al hasakeh" = "hasakeh", "rural damascus" = "damascus").
The coders read one incident per row; an article may report others, so exact agreement on every
row is not the ceiling.

UCDP GED: each row is an event coded by UCDP with its place, and the headlines of the articles
it was coded from; for the rows where `analyze` finds an event in those headlines, this prints
how often the first event's country is GED's and how often its point lies within 161 km of GED's.

    python benchmarks/realnews_events.py [--data ../shared/data/realnews] [--misses]

Nothing from the corpora is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "realnews"


def governorate_key(name: str) -> str:
    low = name.lower().replace("rural ", "").replace("al ", "").replace("ar-", "")
    return re.sub(r"[^a-z]", "", low.replace("deir ez", "deir"))[:3]


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def fakes(path: Path, misses: bool) -> None:
    from conflictlens.pipeline import iter_analyze, make_raw

    rows = _rows(path)
    raws = [
        make_raw(r["text"], doc_id=r["id"], published=r["published"], source=r["source"])
        for r in rows
    ]
    countries: Counter[str] = Counter()
    any_hit = first_hit = 0
    dead: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    for row, document in zip(rows, iter_analyze(raws), strict=True):
        countries.update(e.country for e in document.events)
        gold = governorate_key(row["location"])
        keys = [governorate_key(e.admin1) for e in document.events if e.admin1]
        any_hit += gold in keys
        first = document.events[0].admin1 if document.events else ""
        first_hit += bool(first) and governorate_key(first) == gold
        if misses and gold not in keys:
            print(f"  {row['id']}: coders {row['location']!r}, events in {Counter(keys)}")
        _count_dead(row, document.events, gold, dead, misses)
        _count_actor(row, document.events, actors)
    events = sum(countries.values())
    print(f"FA-KES: articles {len(rows)}, events {events}")
    print(f"events in Syria: {countries['Syria']} ({countries['Syria'] / max(events, 1):.1%})")
    print(f"elsewhere: {[(c or '(none)', n) for c, n in countries.most_common() if c != 'Syria']}")
    print(f"articles with an event in the coders' governorate: {any_hit}; first event: {first_hit}")
    print(
        f"articles with dead coded: {dead['coded']}; an event counts them exactly: "
        f"{dead['any']}, one in the coders' governorate: {dead['governorate']}, the largest "
        f"count: {dead['largest']}; no event counts any dead: {dead['none']}; events of "
        f"{AGGREGATE:,}+ dead: {dead['aggregate']}"
    )
    print("articles whose coders name the side that caused the deaths; an event's actor 1 is it:")
    for code in CODED_ACTORS:
        print(f"  {code}: {actors[code + ' hit']} of {actors[code]}")


#: FA-KES's codes for who caused the deaths -> the ACLED actor names that are that side.
CODED_ACTORS: dict[str, tuple[str, ...]] = {
    "syrian government or russian troops": (
        "Military Forces of Syria", "Police Forces of Syria", "Military Forces of Russia",
    ),
    "the organization of the islamic state in iraq and the levant - isis": ("Islamic State",),
    "international coalition forces": (
        "Global Coalition Against Daesh", "Military Forces of the United States",
        "Military Forces of France", "Military Forces of the United Kingdom",
    ),
    "self administration forces": ("SDF: Syrian Democratic Forces", "YPG"),
    "al-nusra front": ("Jabhat al Nusra", "Hayat Tahrir al-Sham"),
}  # fmt: skip


def _count_actor(row: dict, events: list, tally: Counter[str]) -> None:
    names = CODED_ACTORS.get(row.get("actor") or "")
    if names is None or not events:
        return
    tally[row["actor"]] += 1
    tally[row["actor"] + " hit"] += any(e.actor1.startswith(names) for e in events)


#: A count no single event reaches: an aggregate left in an event.
AGGREGATE = 10_000


def _count_dead(row: dict, events: list, gold_key: str, tally: Counter[str], misses: bool) -> None:
    coded = (row.get("nb_civilians") or 0) + (row.get("nb_noncivilians") or 0)
    counts = [e.fatalities for e in events]
    tally["aggregate"] += sum(n >= AGGREGATE for n in counts)
    if not coded or not events:
        return
    tally["coded"] += 1
    tally["any"] += coded in counts
    tally["governorate"] += coded in [
        e.fatalities for e in events if e.admin1 and governorate_key(e.admin1) == gold_key
    ]
    tally["largest"] += max(counts) == coded
    tally["none"] += max(counts) == 0
    if misses and coded not in counts:
        print(f"  {row['id']}: coders {coded} dead, events count {counts}")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    rad = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * rad / 2) ** 2
        + math.cos(lat1 * rad) * math.cos(lat2 * rad) * math.sin((lon2 - lon1) * rad / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def ged(path: Path, misses: bool) -> None:
    from conflictlens.pipeline import iter_analyze, make_raw

    rows = _rows(path)
    raws = [
        make_raw(
            r["text"],
            doc_id=r["id"],
            published=(r.get("source_date") or r["date_start"]).split(";")[0],
        )
        for r in rows
    ]
    with_event = country_right = with_point = within = side_a = 0
    for row, document in zip(rows, iter_analyze(raws), strict=True):
        if not document.events:
            continue
        with_event += 1
        event = document.events[0]
        side_a += _is_ucdp_side(row["side_a"], event.actor1) or _is_ucdp_side(
            row["side_a"], event.actor2
        )
        gold_country = row["country"].split(" (")[0]  # "Serbia (Yugoslavia)"
        country_right += event.country == gold_country
        if misses and event.country and event.country != gold_country:
            print(f"  {row['id']}: GED {gold_country}, event in {event.location}, {event.country}")
        if event.latitude is not None and event.longitude is not None:
            with_point += 1
            far = _km(event.latitude, event.longitude, row["latitude"], row["longitude"])
            within += far <= 161
    print(
        f"UCDP GED: rows {len(rows)}, with an event {with_event}, its country GED's {country_right}"
    )
    print(f"  with a point {with_point}, within 161 km of GED's {within}")
    print(f"  UCDP's side A is the first event's actor 1 or 2: {side_a}")


def _is_ucdp_side(side: str, actor: str) -> bool:
    """UCDP's "Government of Syria" is ACLED's Military (or Police) Forces of Syria; "IS" is
    Islamic State; other names are compared as written."""
    if not actor:
        return False
    name = side.split(" (")[0]
    if name.startswith("Government of "):
        country = name.removeprefix("Government of ").replace(
            "United States of America", "the United States"
        )
        return actor.startswith((f"Military Forces of {country}", f"Police Forces of {country}"))
    if name == "IS":
        return actor.startswith("Islamic State")
    return actor.startswith(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--misses", action="store_true", help="List the articles missed.")
    args = parser.parse_args()
    fakes_file = args.data / "fakes" / "fakes.jsonl"
    ged_file = args.data / "ucdp_ged" / "ged_events.jsonl"
    if not fakes_file.is_file() and not ged_file.is_file():
        raise SystemExit(f"{args.data}: no fakes/fakes.jsonl or ucdp_ged/ged_events.jsonl")
    if fakes_file.is_file():
        fakes(fakes_file, args.misses)
    if ged_file.is_file():
        ged(ged_file, args.misses)


if __name__ == "__main__":
    main()
