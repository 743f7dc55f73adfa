"""Throughput of ``conflictlens batch``: local engine, Ray with 1 and 2 workers, same run.

Input: the FA-KES articles of ../shared/data/realnews/fakes/fakes.jsonl (read in place, never
copied into the repository) repeated ``--copies`` times under distinct ids in a temporary
JSONL, so each engine has enough work (> 30 s on one core) to measure more than start-up; the
bundled examples stand in when the shared data is absent. For each engine: wall time from the
call to the last file written (start-up included), the start-up alone (Ray, worker processes,
model loads: time to the first result less that shard's analysis time), documents/s and
words/s over the wall time and after start-up, documents per CPU-second of the workers (the
cost of a document whatever else the machine runs), the peak resident memory of each worker
process, and a digest of the Parquet files (equal digests: byte-identical output). Ray workers
import conflictlens afresh, so edits to the source tree during a run change their output.

    .venv/bin/python benchmarks/bench_batch.py [--copies 4] [--shard-size 21] [--json FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def write_corpus(folder: Path, copies: int) -> tuple[Path, str]:
    from conflictlens.ingest import read_inputs
    from conflictlens.records import RawDocument

    fakes = SHARED / "realnews" / "fakes" / "fakes.jsonl"
    if fakes.exists():
        raws = [r for r in read_inputs([str(fakes)]) if isinstance(r, RawDocument)]
        name = str(fakes)
    else:
        examples = sorted(str(p) for p in (ROOT / "examples").glob("*.txt"))
        raws = [
            r for r in read_inputs(examples, published="2024-04-21") if isinstance(r, RawDocument)
        ]
        copies *= 60
        name = "bundled examples"
    corpus = folder / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for raw in raws:
                record = {
                    "id": f"{raw.doc_id}-{copy}",
                    "text": raw.text,
                    "title": raw.title,
                    "published": raw.published,
                    "source": raw.source,
                    "url": raw.url,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return (
        corpus,
        f"{name}: {len(raws)} articles x {copies} copies = {len(raws) * copies} documents",
    )


def measure(corpus: Path, out: Path, engine: str, workers: int, shard_size: int) -> dict[str, Any]:
    from conflictlens.batch import run_batch

    began = time.perf_counter()
    first: list[float] = []

    def progress(summary: Any, result: Any) -> None:
        if not first:
            first.append(time.perf_counter() - began - result.seconds)

    summary = run_batch(
        [str(corpus)], out, engine=engine, workers=workers, shard_size=shard_size, progress=progress
    )
    seconds = time.perf_counter() - began
    return {
        "engine": engine,
        "workers": workers,
        "documents": summary.documents,
        "words": summary.words,
        "events": summary.events,
        "seconds": round(seconds, 2),
        "startup_seconds": round(first[0], 2) if first else None,
        "docs_per_second": round(summary.documents / seconds, 2),
        # Throughput once workers are up: what a long-running job approaches.
        "docs_per_second_after_startup": (
            round(summary.documents / (seconds - first[0]), 2) if first else None
        ),
        "words_per_second_after_startup": (
            round(summary.words / (seconds - first[0])) if first else None
        ),
        "words_per_second": round(summary.words / seconds),
        # Per CPU-second of the workers: the cost of a document, independent of machine load.
        "docs_per_cpu_second": round(summary.documents / summary.cpu_seconds, 2),
        "words_per_cpu_second": round(summary.words / summary.cpu_seconds),
        "worker_peak_rss_mb": sorted(round(v) for v in summary.worker_peak_rss_mb.values()),
    }


def _files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*.parquet")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=4, help="Times the corpus is repeated.")
    parser.add_argument("--shard-size", type=int, default=21, help="Documents per shard.")
    parser.add_argument(
        "--engines",
        default="local:1,ray:1,ray:2",
        help="engine:workers runs, comma-separated, in this order.",
    )
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()
    runs = [(e, int(w)) for e, w in (item.split(":") for item in args.engines.split(","))]
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        folder = Path(tmp)
        corpus, description = write_corpus(folder, args.copies)
        results = []
        reference: dict[str, bytes] | None = None
        for engine, workers in runs:
            out = folder / f"{engine}-{workers}"
            result = measure(corpus, out, engine, workers, args.shard_size)
            files = _files(out)
            reference = reference if reference is not None else files
            result["same_files_as_first_run"] = files == reference
            digest = hashlib.sha256()
            for name in sorted(files):
                digest.update(name.encode() + b"\0" + files[name])
            result["files_sha256"] = digest.hexdigest()[:16]
            results.append(result)
            print(json.dumps(result), flush=True)
    print(f"corpus: {description}")
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, "
        f"cpus {len(os.sched_getaffinity(0))}, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'engine':<8}{'workers':>8}{'seconds':>9}{'start-up':>10}{'docs/s':>8}{'words/s':>9}"
        f"{'docs/s*':>9}{'words/s*':>10}{'docs/cpu-s':>11}{'peak RSS/worker MB':>20}"
        f"{'files sha256':>18}"
    )
    for r in results:
        print(
            f"{r['engine']:<8}{r['workers']:>8}{r['seconds']:>9}{r['startup_seconds']!s:>10}"
            f"{r['docs_per_second']:>8}{r['words_per_second']:>9}"
            f"{r['docs_per_second_after_startup']!s:>9}{r['words_per_second_after_startup']!s:>10}"
            f"{r['docs_per_cpu_second']:>11}"
            f"{','.join(map(str, r['worker_peak_rss_mb'])):>20}{r['files_sha256']:>18}"
        )
    print("* after start-up: from the moment the first worker began its first shard to the end")
    for engine in ("local", "ray"):
        rates = {r["workers"]: r for r in results if r["engine"] == engine}
        if 1 in rates and 2 in rates:
            whole = rates[2]["docs_per_second"] / rates[1]["docs_per_second"]
            steady = (rates[2]["docs_per_second_after_startup"] or 0) / (
                rates[1]["docs_per_second_after_startup"] or 1
            )
            print(f"{engine} 2 workers / 1 worker: {whole:.2f}x, after start-up {steady:.2f}x")
    if args.json:
        args.json.write_text(json.dumps({"corpus": description, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
