"""Near-duplicate fingerprints: wire copies match, rewrites of the same event do not."""

from __future__ import annotations

from conflictlens.corroborate import minhash
from corroborate.corroborate_records import TEXT

REWRITE = (
    "At least 48 people, most of them civilians, died when a car bomb went off outside the "
    "courthouse of Azaz in Aleppo province, the monitoring group said on Sunday."
)


def test_minhash_syndicated_copy_is_a_duplicate() -> None:
    copy = TEXT + " --Reuters"
    score = minhash.similarity(minhash.signature(TEXT), minhash.signature(copy))
    assert score >= 0.8
    shared = set(minhash.band_keys(minhash.signature(TEXT))) & set(
        minhash.band_keys(minhash.signature(copy))
    )
    assert shared, "a copy must share an LSH bucket, or the store would never find it"


def test_minhash_rewrite_of_same_event_is_not_a_duplicate() -> None:
    score = minhash.similarity(minhash.signature(TEXT), minhash.signature(REWRITE))
    assert score < 0.2


def test_minhash_empty_text_matches_nothing() -> None:
    empty = minhash.signature("  ...  ")
    assert empty.size == 0
    assert minhash.band_keys(empty) == []
    assert minhash.similarity(empty, empty) == 0.0


def test_minhash_signature_round_trips_through_bytes() -> None:
    sig = minhash.signature(TEXT)
    assert (minhash.from_bytes(minhash.to_bytes(sig)) == sig).all()
