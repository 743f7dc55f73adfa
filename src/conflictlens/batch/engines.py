"""Engines: who runs ``analyse_shard`` — a local process pool, or Ray Data actors.

Both yield ``ShardResult``s in completion order and both run the same worker code, so the
same input gives the same tables; the caller writes them in plan order. Ray is imported only
when asked for: it is an optional, heavy dependency.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from conflictlens.batch.shards import Shard
from conflictlens.batch.work import ShardResult, analyse_shard, prepare_worker
from conflictlens.errors import UsageError

ENGINES = ("local", "ray")
#: Shards queued per worker beyond the one it runs: keeps workers busy, memory bounded.
_QUEUE_PER_WORKER = 2

Engine = Callable[..., Iterator[ShardResult]]


def _local_task(shard: Shard, published: str | None, source: str | None) -> bytes:
    return analyse_shard(shard, published=published, source=source).dumps()


def run_local(
    shards: Sequence[Shard], *, workers: int, published: str | None, source: str | None, **_: Any
) -> Iterator[ShardResult]:
    """A process pool, one model per worker process, a bounded queue of shards."""
    if not shards:
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        # Loaded before forking, the model's pages are shared copy-on-write: workers start at
        # once instead of each spending seconds loading it (as pipeline.iter_analyze does).
        from conflictlens.pipeline import get_pipeline

        get_pipeline()
    context = multiprocessing.get_context(method)
    queue = iter(shards)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=prepare_worker
    ) as pool:
        pending: set[Future[bytes]] = set()

        def top_up() -> None:
            while len(pending) < workers * (1 + _QUEUE_PER_WORKER):
                shard = next(queue, None)
                if shard is None:
                    return
                pending.add(pool.submit(_local_task, shard, published, source))

        top_up()
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            top_up()
            for future in finished:
                try:
                    payload = future.result()
                except BrokenProcessPool as exc:
                    raise RuntimeError("a worker process died (out of memory, or killed)") from exc
                yield ShardResult.loads(payload)


class RayShardAnalyser:
    """Ray Data callable class: constructed once per actor, so the model loads once per actor.

    Each row carries its shard and the run's defaults (``published``, ``source``), so the class
    needs no constructor arguments (Ray keeps those in the object store, one more thing to
    lose when an actor restarts)."""

    def __init__(self) -> None:
        prepare_worker()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        payloads = []
        for item in batch["task"]:
            task = json.loads(str(item))
            shard = Shard.from_json(task["shard"])
            result = analyse_shard(shard, published=task["published"], source=task["source"])
            payloads.append(result.dumps())
        return {"payload": np.array(payloads, dtype=object)}


def run_ray(
    shards: Sequence[Shard],
    *,
    workers: int,
    published: str | None,
    source: str | None,
    address: str | None = None,
    **_: Any,
) -> Iterator[ShardResult]:
    """Ray Data ``map_batches`` with an actor pool of ``workers`` (one CPU each). Without
    ``address`` a local Ray with ``workers`` CPUs is started for this run and stopped after."""
    if not shards:
        return
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise UsageError(
            "--engine ray", f"Ray is not installed ({exc}): pip install 'ray[data]'"
        ) from exc
    # Ray's own INFO/WARNING lines (progress-bar notices, deprecations) would drown the one
    # line per problem that the CLI promises on stderr.
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    started = False
    if not ray.is_initialized():
        options: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False}
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, **options)
        started = True
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        items = [
            {
                "task": json.dumps(
                    {"shard": shard.to_json(), "published": published, "source": source}
                )
            }
            for shard in shards
        ]
        dataset = ray.data.from_items(items, override_num_blocks=len(items))
        with warnings.catch_warnings():
            # Ray deprecates passing actor options this way before it offers another (2.60).
            warnings.simplefilter("ignore")
            analysed = dataset.map_batches(
                RayShardAnalyser,
                batch_size=1,
                batch_format="numpy",
                compute=ray.data.ActorPoolStrategy(size=workers),
                num_cpus=1,
                # No actor restarts: a worker that dies fails the run, and the rerun resumes it
                # (restarts would also make Ray's core log a spurious error, ray-project/ray#53727).
                max_restarts=0,
            )
        for batch in analysed.iter_batches(batch_size=1, batch_format="numpy"):
            for payload in batch["payload"]:
                yield ShardResult.loads(bytes(payload))
    finally:
        if started:
            ray.shutdown()


def engine_for(name: str) -> Engine:
    if name == "local":
        return run_local
    if name == "ray":
        return run_ray
    raise UsageError("--engine", f"unknown engine '{name}' (choose from {', '.join(ENGINES)})")


__all__ = ["ENGINES", "RayShardAnalyser", "engine_for", "run_local", "run_ray"]
