"""A whole fetch run into a JSONL shard, with the state saved in the safe order.

Articles are written first, their state saved after; with ``defer_state`` (the CLI's
``--analyze``) the state waits until the caller has also analysed and stored the shard.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import httpx

from conflictlens.fetch.output import ArticleWriter
from conflictlens.fetch.run import fetch_sources
from conflictlens.fetch.settings import FetchSettings
from conflictlens.fetch.sources import Source
from conflictlens.fetch.state import FetchState, Record


@dataclass
class FetchSummary:
    """What a run did: outcome counts, and the state still to save (``defer_state``)."""

    counts: Counter[str] = field(default_factory=Counter)
    pending: list[Record] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return self.counts["failed"]

    def line(self) -> str:
        """``3 new, 1 not-modified, 1 failed``: the statuses that occurred, in a fixed order."""
        order = ("new", "changed", "unchanged", "not-modified", "seen", "skipped", "failed")
        parts = [f"{self.counts[s]} {s}" for s in order if self.counts[s]]
        feeds = self.counts["feed"]
        if feeds:
            parts.append(f"{feeds} feed{'s' if feeds != 1 else ''} read")
        return ", ".join(parts) or "nothing fetched"


def collect(
    sources: Sequence[Source],
    settings: FetchSettings,
    state: FetchState,
    writer: ArticleWriter,
    *,
    report: Callable[[str], None],
    defer_state: bool = False,
    transport: httpx.BaseTransport | None = None,
) -> FetchSummary:
    """Fetch ``sources``; write new and changed articles; ``report`` each skip and failure."""
    summary = FetchSummary()
    for outcome in fetch_sources(sources, settings, state, transport=transport):
        summary.counts[outcome.status] += 1
        if outcome.error is not None:
            report(str(outcome.error))
        if outcome.document is not None:
            writer.write(outcome.document)
        if outcome.status == "not-modified":
            state.touch(outcome.url)
        if outcome.record is not None:
            if defer_state:
                summary.pending.append(outcome.record)
            else:
                state.save(outcome.record)
    return summary
