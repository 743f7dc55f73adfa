"""Per-host spacing: at least ``delay`` seconds between the starts of two requests to one host.

Written by hand because it is twenty lines over ``threading`` and the well-kept limiters
(token buckets, ``ratelimit``, ``aiolimiter``) count requests per window rather than keep a
minimum gap per key, which is what crawl etiquette and robots.txt ``Crawl-delay`` ask for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class HostLimiter:
    """Hand out request slots per host; different hosts never wait for each other."""

    def __init__(
        self,
        delay: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay = max(0.0, delay)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}  # host -> earliest start of its next request
        self._delays: dict[str, float] = {}  # host -> delay raised by Crawl-delay

    def set_delay(self, host: str, delay: float) -> None:
        """Raise one host's delay (robots.txt Crawl-delay); never below the global one."""
        with self._lock:
            self._delays[host] = max(self.delay, delay)

    def wait(self, host: str) -> None:
        """Block until ``host`` may be requested, and book that slot."""
        while True:
            with self._lock:
                now = self._clock()
                start = self._next.get(host, now)
                if start <= now:
                    self._next[host] = now + self._delays.get(host, self.delay)
                    return
            self._sleep(start - now)

    def defer(self, host: str, seconds: float) -> None:
        """Push the host's next slot at least ``seconds`` from now (Retry-After, backoff)."""
        with self._lock:
            later = self._clock() + seconds
            self._next[host] = max(self._next.get(host, later), later)
