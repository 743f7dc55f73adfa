"""Where `analyze` places the events of real Syrian-war news (FA-KES, ../shared/data/realnews).

Every FA-KES article reports an incident in Syria, and its crowd coders give the governorate.
This prints how many events land in Syria (the others: other countries the articles also
report on, and mistakes: a news agency read as a town, a capital speaking for its government),
the countries outside Syria, and in how many articles an event lies in the coders' governorate
(any event; the first one). Governorates are compared by their first three letters without
"al", "ar-" or "rural" ("Idleb" = "idlib", "al hasakeh" = "hasakeh", "rural damascus" = "damascus").

    python benchmarks/fakes_places.py [--data ../shared/data/realnews/fakes/fakes.jsonl] [--misses]

Nothing from the corpus is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "realnews" / "fakes" / "fakes.jsonl"


def governorate_key(name: str) -> str:
    low = name.lower().replace("rural ", "").replace("al ", "").replace("ar-", "")
    return re.sub(r"[^a-z]", "", low.replace("deir ez", "deir"))[:3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--misses", action="store_true", help="List the articles missed.")
    args = parser.parse_args()
    if not args.data.is_file():
        raise SystemExit(f"{args.data}: not found (the FA-KES sample of ../shared/data)")
    from conflictlens.pipeline import iter_analyze, make_raw

    rows = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line]
    raws = [
        make_raw(r["text"], doc_id=r["id"], published=r["published"], source=r["source"])
        for r in rows
    ]
    countries: Counter[str] = Counter()
    any_hit = first_hit = 0
    for row, document in zip(rows, iter_analyze(raws), strict=True):
        countries.update(e.country for e in document.events)
        gold = governorate_key(row["location"])
        keys = [governorate_key(e.admin1) for e in document.events if e.admin1]
        any_hit += gold in keys
        first = document.events[0].admin1 if document.events else ""
        first_hit += bool(first) and governorate_key(first) == gold
        if args.misses and gold not in keys:
            print(f"  {row['id']}: coders {row['location']!r}, events in {Counter(keys)}")
    events = sum(countries.values())
    print(f"articles {len(rows)}, events {events}")
    print(f"events in Syria: {countries['Syria']} ({countries['Syria'] / max(events, 1):.1%})")
    print(f"elsewhere: {[(c or '(none)', n) for c, n in countries.most_common() if c != 'Syria']}")
    print(f"articles with an event in the coders' governorate: {any_hit}; first event: {first_hit}")


if __name__ == "__main__":
    main()
