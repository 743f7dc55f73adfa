"""The tolerances corroboration works with, in one place, each with the reason for its value."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CorroborateConfig:
    """Tolerances for near-duplicates and for deciding that two reports describe one event."""

    #: MinHash permutations: 128 keeps the Jaccard estimate within about +-0.05.
    num_perm: int = 128
    #: LSH bands x rows = num_perm. 25 x 5 is what datasketch's ``MinHashLSH`` picks for a 0.5
    #: threshold with 128 permutations (equal false-positive/negative weights): pairs at Jaccard
    #: 0.5 share a bucket with probability ~0.56, pairs at 0.7 with ~0.98.
    bands: int = 25
    rows: int = 5
    #: Word n-grams compared; 5 words is the usual size for news near-duplicates (wire copies
    #: share long runs of words, rewrites of the same event do not).
    shingle_words: int = 5
    #: Estimated Jaccard similarity at or above which two texts count as copies of one story.
    duplicate_threshold: float = 0.5
    #: Days two reports' date windows may lie apart. The window itself already spans the
    #: report's stated precision (a week, a month); one more day allows for outlets in other
    #: time zones and "yesterday" read from a later publication date.
    day_tolerance: int = 1
    #: A report whose date is known only to within more than this many days (ACLED time
    #: precision 3, a month) corroborates nothing: every event of that month in the region
    #: would otherwise be "compatible" with it. Measured on FA-KES: allowing month windows
    #: merged different incidents of the same governorate.
    max_window_days: int = 8
    #: Greatest distance (km) between two reports' coordinates, by the coarser geo precision
    #: (ACLED: 1 the named place, 2 near it / part of a region, 3 only the larger region).
    radius_km: dict[int, float] = field(default_factory=lambda: {1: 15.0, 2: 50.0, 3: 150.0})


DEFAULT_CONFIG = CorroborateConfig()
