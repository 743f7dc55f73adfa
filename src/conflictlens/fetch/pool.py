"""A small thread pool in which each host's URLs run one after another, hosts side by side.

Per-host order is what the rate limit wants (one worker never waits on another's host), and
results stream back to the caller's thread as they finish, so it alone writes output and state.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_DONE = object()


def run_by_host(
    items: Sequence[T], host_of: Callable[[T], str], work: Callable[[T], R], workers: int
) -> Iterator[R]:
    """``work(item)`` for every item, results in completion order; ``work`` must not raise
    (an exception escaping it is re-raised here, after the other workers stopped)."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(host_of(item), []).append(item)
    if not groups:
        return
    results: queue.Queue[object] = queue.Queue()
    stop = threading.Event()

    def drain(group: list[T]) -> None:
        try:
            for item in group:
                if stop.is_set():
                    break
                results.put(work(item))
        except BaseException as error:  # handed to the consumer, which re-raises it
            results.put(_Failure(error))
        finally:
            results.put(_DONE)

    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(groups))))
    try:
        for group in groups.values():
            pool.submit(drain, group)
        remaining = len(groups)
        while remaining:
            result = results.get()
            if result is _DONE:
                remaining -= 1
            elif isinstance(result, _Failure):
                raise result.error
            else:
                yield result  # type: ignore[misc]
    finally:
        stop.set()  # the consumer stopped early (error, Ctrl-C): no new requests
        pool.shutdown(wait=True, cancel_futures=True)


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error
