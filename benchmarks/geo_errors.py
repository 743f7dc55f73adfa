"""Error analysis of the geoparser on a gold geoparsing corpus (GeoVirus format).

Runs the geoparser in-process on every document, scores with the corpus folder's own
``score.py`` (imported by path, so the numbers are the official ones) and prints what went
wrong: the worst resolution errors with the place picked and the candidates it had, the most
frequent missed and spurious toponyms, and the error by kind of place picked.

    python benchmarks/geo_errors.py ../shared/data/geo/geovirus.jsonl [--worst 40] [-o pred.jsonl]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any


def _scorer(gold: Path) -> Any:
    spec = importlib.util.spec_from_file_location("geo_score", gold.parent / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{gold.parent / 'score.py'}: no scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--worst", type=int, default=40)
    parser.add_argument("--gazetteer", type=Path, default=None, help="imported GeoNames file")
    parser.add_argument("--compact", type=Path, default=None, help="another compact gazetteer")
    parser.add_argument("-o", "--output", type=Path, default=None, help="write predictions")
    args = parser.parse_args(argv)

    from conflictlens.geo.geoparser import geoparse, toponym_record
    from conflictlens.knowledge import Gazetteer

    if args.compact is not None:  # try a rebuilt compact file before shipping it
        import functools

        from conflictlens.geo import compact

        compact.read_rows = functools.partial(compact.read_rows, args.compact)  # type: ignore[assignment]
        words = args.compact.parent / "common_words.txt"
        if words.is_file():
            from conflictlens.geo import recognize

            listed = frozenset(words.read_text("utf-8").split())
            recognize.common_words = lambda: listed  # type: ignore[assignment]
    started = time.perf_counter()
    gazetteer = Gazetteer.default()
    if args.gazetteer is not None:
        gazetteer = gazetteer.with_geonames(args.gazetteer)
    loaded = time.perf_counter()
    docs = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    predictions: dict[str, list[Any]] = {}
    for doc in docs:
        predictions[doc["doc_id"]] = geoparse(doc["text"], gazetteer)
    parsed = time.perf_counter()
    print(
        f"load {loaded - started:.1f} s; {len(docs)} documents in {parsed - loaded:.1f} s "
        f"({len(docs) / max(parsed - loaded, 1e-9):.0f} docs/s)"
    )
    # Scored as `geoparse` writes them: a place with no point stands in with its area's.
    records = {
        doc_id: [toponym_record(t, gazetteer) for t in toponyms]
        for doc_id, toponyms in predictions.items()
    }
    if args.output is not None:
        with args.output.open("w", encoding="utf-8") as out:
            for doc_id, rows in records.items():
                out.write(json.dumps({"doc_id": doc_id, "toponyms": rows}) + "\n")

    score = _scorer(args.gold)
    gold_docs = {
        d["doc_id"]: [(t["start"], t["end"], t["lat"], t["lon"]) for t in d["toponyms"]]
        for d in docs
    }
    pred_docs = {
        doc_id: [(r["start"], r["end"], r["lat"], r["lon"]) for r in rows]
        for doc_id, rows in records.items()
    }
    result = score.score(gold_docs, pred_docs)
    for mode in ("exact", "overlap"):
        r = result[mode]
        g = r["geocoding"]
        print(
            f"{mode:8s} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f} | "
            f"acc@161 {g['acc@161']:.3f} mean {g['mean_km']:.0f} km median {g['median_km']:.1f} km "
            f"AUC {g['auc']:.3f} e2e {g['e2e_acc@161']:.3f} (n={g['n']})"
        )

    errors: list[tuple[float, str, Any, dict[str, Any]]] = []
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    by_kind: dict[str, list[float]] = defaultdict(list)
    for doc in docs:
        toponyms = predictions[doc["doc_id"]]
        by_span = {(t.start, t.end): t for t in toponyms}
        point = {(r["start"], r["end"]): (r["lat"], r["lon"]) for r in records[doc["doc_id"]]}
        gold_spans = {(t["start"], t["end"]) for t in doc["toponyms"]}
        for gold in doc["toponyms"]:
            found = by_span.get((gold["start"], gold["end"]))
            if found is None:
                missed[gold["name"]] += 1
                continue
            if gold["lat"] is None:
                continue
            place = found.place
            lat, lon = point[(found.start, found.end)]
            if lat is None or lon is None:
                km = 20039.0
            else:
                km = score.great_circle_km(gold["lat"], gold["lon"], lat, lon)
            by_kind[place.kind if place else "none"].append(km)
            errors.append((km, doc["doc_id"], found, gold))
        for t in toponyms:
            if (t.start, t.end) not in gold_spans:
                spurious[t.name] += 1

    print("\nerror by kind picked: kind n acc@161 mean_km")
    for kind, values in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        hits = sum(1 for v in values if v <= 161)
        print(
            f"  {kind:14s} {len(values):5d} {hits / len(values):.3f}",
            f"{sum(values) / len(values):8.0f}",
        )

    print(f"\nworst {args.worst} resolution errors (km, doc, name -> picked | gold point)")
    for km, doc_id, found, gold in sorted(errors, key=lambda e: -e[0])[: args.worst]:
        place = found.place
        picked = (
            f"{place.name} [{place.kind}, {place.country}, pop {place.population}]"
            if place
            else "none"
        )
        others = ", ".join(
            f"{p.name}/{p.country_code or p.country}"
            for p in found.candidates[:4]
            if p is not place
        )
        print(
            f"  {km:7.0f} {doc_id} {gold['name']!r} -> {picked} | gold {gold['lat']:.2f},"
            f"{gold['lon']:.2f} | other: {others}"
        )
    wrong = Counter(gold["name"] for km, _, _, gold in errors if km > 161)
    print(
        "\nmost frequent names beyond 161 km:",
        ", ".join(f"{n} {c}" for n, c in wrong.most_common(30)),
    )
    print("\nmost frequent missed:", ", ".join(f"{n} {c}" for n, c in missed.most_common(40)))
    print("\nmost frequent spurious:", ", ".join(f"{n} {c}" for n, c in spurious.most_common(40)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
