"""Speed of ``analyze`` against the naive baseline, measured in the same run (``make bench``).

Baseline (``Options.naive()``): the full spaCy pipeline (tagger, parser, NER) on every sentence,
then the same extraction. conflictlens (``Options()``): an Aho-Corasick prefilter picks the
sentences that can carry an event, and of those only the ones with a word that can be a trigger
get the tagger and parser (8 articles per spaCy batch; a dictionary stand-in for the model's
attribute ruler); actors and places come from the knowledge base and gazetteer matchers, so NER
is not run. Both run on the same
corpus with 1 and 2 processes; we report words/second, the ratio, time per stage, peak resident
memory, and whether the two produce the same events. Corpus: the Syrian-war articles of
../shared/data/realnews/fakes when present (read in place, never copied), else the bundled
examples repeated.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def load_corpus(limit: int) -> tuple[list, str]:
    from conflictlens.ingest import read_inputs
    from conflictlens.records import RawDocument

    fakes = SHARED / "realnews" / "fakes" / "fakes.jsonl"
    if fakes.exists():
        raws = [r for r in read_inputs([str(fakes)]) if isinstance(r, RawDocument)][:limit]
        return raws, f"{fakes} ({len(raws)} articles)"
    examples = sorted((ROOT / "examples").glob("*.txt"))
    raws = [
        r
        for r in read_inputs([str(p) for p in examples], published="2024-04-21")
        if isinstance(r, RawDocument)
    ]
    raws = [r.model_copy(update={"doc_id": f"{r.doc_id}-{i}"}) for i in range(20) for r in raws]
    return raws, f"bundled examples x20 ({len(raws)} documents)"


def run(raws: list, *, naive: bool, n_process: int) -> dict:
    from conflictlens.pipeline import Options, get_pipeline, iter_analyze

    options = Options.naive() if naive else Options()
    pipe = get_pipeline(options)  # loaded before timing: model load is not analysis
    # One BLAS thread in this process too, as in the workers: "1 process" means one core for
    # both pipelines, whichever matrix library each uses. (Set after loading: threadpoolctl
    # only reaches libraries already loaded.)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    pipe.timings.clear()
    words = sum(len(r.text.split()) for r in raws)
    began = time.perf_counter()
    documents = list(iter_analyze(raws, n_process=n_process, options=options))
    seconds = time.perf_counter() - began
    return {
        "pipeline": "naive" if naive else "conflictlens",
        "n_process": n_process,
        "documents": len(documents),
        "words": words,
        "seconds": round(seconds, 3),
        "words_per_second": round(words / seconds),
        "docs_per_second": round(len(documents) / seconds, 2),
        "events": sum(len(d.events) for d in documents),
        "stage_seconds": (
            {k: round(v, 3) for k, v in pipe.timings.items()} if n_process == 1 else {}
        ),
        "_documents": documents,
    }


def _event_fields(documents: list) -> list[dict]:
    return [e.model_dump() for d in documents for e in d.events]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=126, help="Most documents to use.")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="Runs of each configuration, interleaved; the fastest counts (as timeit does).",
    )
    args = parser.parse_args()
    from conflictlens.nlp import import_thinc_without_torch

    import_thinc_without_torch()  # as the `conflictlens` command does: spaCy without torch
    raws, corpus = load_corpus(args.limit)
    configs = [(naive, n) for naive in (True, False) for n in (1, 2)]
    runs: dict[tuple[bool, int], list[dict]] = {config: [] for config in configs}
    for _ in range(max(1, args.repeat)):
        for naive, n in configs:
            runs[(naive, n)].append(run(raws, naive=naive, n_process=n))
    results = [min(runs[config], key=lambda r: r["seconds"]) for config in configs]
    same = _event_fields(results[0]["_documents"]) == _event_fields(results[2]["_documents"])
    for result in results:
        del result["_documents"]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"corpus: {corpus}; each figure the fastest of {max(1, args.repeat)} interleaved runs")
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, "
        f"cpus {len(os.sched_getaffinity(0))}"
    )
    print(f"{'pipeline':<28}{'procs':>6}{'words/s':>10}{'docs/s':>9}{'events':>8}{'vs naive':>10}")
    base = {r["n_process"]: r["words_per_second"] for r in results if r["pipeline"] == "naive"}
    for r in results:
        name = "conflictlens" if r["pipeline"] == "conflictlens" else "naive: full spaCy, all"
        ratio = r["words_per_second"] / base[r["n_process"]]
        print(
            f"{name:<28}{r['n_process']:>6}{r['words_per_second']:>10}{r['docs_per_second']:>9}{r['events']:>8}{ratio:>9.2f}x"
        )
    for r in results:
        if r["stage_seconds"]:
            label = r["pipeline"]
            stages = ", ".join(f"{k} {v:.2f}s" for k, v in r["stage_seconds"].items())
            print(f"stages ({label}, 1 process): {stages}")
    print(f"same events as the naive pipeline (1 process): {same}")
    print(f"peak RSS: main process {peak_mb:.0f} MB, largest worker {child_mb:.0f} MB")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "corpus": corpus,
                    "results": results,
                    "peak_rss_mb": round(peak_mb),
                    "worker_peak_rss_mb": round(child_mb),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    sys.exit(main())
