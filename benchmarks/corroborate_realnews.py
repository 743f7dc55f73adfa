"""Corroboration on the real multi-outlet samples in ../shared/data/realnews (issue 7's measures).

UCDP GED: every GED event cites one or more source articles ("office,date,headline"); each cited
article becomes a document (published on its date, by its office). GED's coders grouped those
articles into events, which gives a reference for cross-document clustering: two documents that
share a cluster are a correct merge when they are cited for the same GED event. Headlines are
short, so this measures the clustering under thin evidence.

FIGNEWS: social-media posts of news outlets (English text or its machine translation); reports
the near-duplicate pairs found, for reading.

    python benchmarks/corroborate_realnews.py [--data ../shared/data/realnews] [--show 10]

Prints counts and pairwise precision/recall; nothing from the corpora is written to the repo.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CITATION = re.compile(r'"([^"]*)"')


def _citations(row: dict) -> list[tuple[str, str, str]]:
    """``(office, date, headline)`` for each article a GED row cites."""
    found = []
    for quoted in CITATION.findall(row.get("source_article") or ""):
        parts = next(csv.reader(io.StringIO(quoted), skipinitialspace=True), [])
        if len(parts) >= 3 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", parts[1].strip()):
            headline = ",".join(parts[2:]).strip()
            if len(headline.split()) >= 4:  # bare names or dates are not reports
                found.append((parts[0].strip(), parts[1].strip(), headline))
    return found


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _run(*args: str) -> None:
    """Run a conflictlens command; exit 1 (some documents had no English text) is expected."""
    binary = Path(sys.executable).with_name("conflictlens")
    done = subprocess.run([str(binary), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode not in (0, 1):
        sys.exit(done.stderr.decode())


def _corroborate(docs: list[dict], workdir: Path, name: str) -> tuple[list[dict], list[list]]:
    """Analyse ``docs`` into a fresh store; the consensus records and near-duplicate pairs."""
    source = workdir / f"{name}.jsonl"
    source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))
    db = f"sqlite:///{workdir / name}.sqlite"
    _run("analyze", str(source), "--db", db, "--output", str(workdir / f"{name}.out.jsonl"))
    _run("corroborate", "--db", db, "--output", str(workdir / f"{name}.consensus.jsonl"))
    consensus = _read_jsonl(workdir / f"{name}.consensus.jsonl")
    sys.path.insert(0, str(ROOT / "src"))
    from conflictlens.store import Store
    from conflictlens.store.cluster_tables import iter_duplicate_pairs

    with Store(db) as store:
        pairs = [list(pair) for pair in iter_duplicate_pairs(store)]
    return consensus, pairs


def ucdp(data: Path, workdir: Path, show: int) -> None:
    rows = _read_jsonl(data / "ucdp_ged" / "ged_events.jsonl")
    events_of: dict[str, set[str]] = defaultdict(set)
    docs: dict[str, dict] = {}
    for row in rows:
        for office, day, headline in _citations(row):
            key = f"{office}|{day}|{headline}"
            doc_id = f"ucdp-{len(docs)}" if key not in docs else docs[key]["id"]
            docs.setdefault(
                key,
                {"id": doc_id, "text": headline, "published": day, "source": office},
            )
            events_of[doc_id].add(str(row["id"]))
    consensus, pairs = _corroborate(list(docs.values()), workdir, "ucdp")
    clustered: dict[str, set[str]] = defaultdict(set)  # doc -> clusters it reports in
    for record in consensus:
        for doc_id in record["doc_ids"]:
            clustered[doc_id].add(record["cluster_id"])
    with_events = sorted(clustered)
    true_pairs = {
        (a, b) for a, b in itertools.combinations(with_events, 2) if events_of[a] & events_of[b]
    }
    found_pairs = {
        (a, b) for a, b in itertools.combinations(with_events, 2) if clustered[a] & clustered[b]
    }
    hit = true_pairs & found_pairs
    multi = [r for r in consensus if len(set(r["doc_ids"])) > 1]
    print(f"UCDP GED: {len(rows)} rows, {len(docs)} cited articles with a headline")
    print(f"  documents with at least one event: {len(with_events)}")
    print(f"  consensus events: {len(consensus)}, with several documents: {len(multi)}")
    print(f"  near-duplicate document pairs: {len(pairs)}")
    print(
        f"  pairwise vs GED grouping: found {len(found_pairs)}, reference {len(true_pairs)}, "
        f"correct {len(hit)}; precision "
        f"{len(hit) / len(found_pairs) if found_pairs else float('nan'):.3f}, recall "
        f"{len(hit) / len(true_pairs) if true_pairs else float('nan'):.3f}"
    )
    text = {d["id"]: d for d in docs.values()}
    for a, b in sorted(found_pairs - true_pairs)[:show]:
        print(
            f"    merged, GED differs: [{text[a]['source']} {text[a]['published']}] "
            f"{text[a]['text'][:80]!r} ~ [{text[b]['source']} {text[b]['published']}] "
            f"{text[b]['text'][:80]!r}"
        )


def fignews(data: Path, workdir: Path, show: int) -> None:
    rows = _read_jsonl(data / "fignews2024" / "fignews_iaa.jsonl")
    docs = [
        {"id": row["id"], "text": row.get("text_en_mt") or row["text"], "source": None}
        for row in rows
    ]
    consensus, pairs = _corroborate(docs, workdir, "fignews")
    text = {d["id"]: d["text"] for d in docs}
    multi = [r for r in consensus if len(set(r["doc_ids"])) > 1]
    print(f"FIGNEWS: {len(rows)} posts (English text or its machine translation)")
    print(f"  consensus events: {len(consensus)}, with several documents: {len(multi)}")
    print(f"  near-duplicate document pairs: {len(pairs)}")
    for a, b, score in pairs[:show]:
        print(f"    {score:.2f} {text[a][:70]!r} ~ {text[b][:70]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "realnews")
    parser.add_argument("--show", type=int, default=10, help="Examples to print for reading.")
    args = parser.parse_args()
    if not (args.data / "ucdp_ged").is_dir():
        sys.exit(f"corroborate_realnews: {args.data}: no realnews data here")
    with tempfile.TemporaryDirectory() as tmp:
        ucdp(args.data, Path(tmp), args.show)
        fignews(args.data, Path(tmp), args.show)


if __name__ == "__main__":
    main()
