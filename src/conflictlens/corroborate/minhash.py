"""Text fingerprints for near-duplicate search: datasketch MinHash, banded into LSH buckets.

datasketch's ``MinHashLSH`` keeps its buckets in memory, Redis or Cassandra; conflictlens keeps
them in its own SQL store so a stream of documents can be checked against every stored one
without loading them. The banding here is the same as ``MinHashLSH``'s: one bucket key per band
of ``rows`` consecutive hash values.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

from conflictlens.corroborate.config import DEFAULT_CONFIG, CorroborateConfig

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int) -> set[bytes]:
    """The text's word ``size``-grams, lower-cased and without punctuation."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, config: CorroborateConfig = DEFAULT_CONFIG) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint32 values) of ``text``; empty without words."""
    grams = shingles(text, config.shingle_words)
    if not grams:  # an empty MinHash would equal every other empty one
        return np.empty(0, dtype=np.uint32)
    minhash = MinHash(num_perm=config.num_perm)
    minhash.update_batch(list(grams))
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def band_keys(sig: np.ndarray, config: CorroborateConfig = DEFAULT_CONFIG) -> list[int]:
    """One signed 64-bit bucket key per band (band number included, so bands never collide)."""
    keys: list[int] = []
    if sig.size < config.bands * config.rows:
        return keys
    for band in range(config.bands):
        chunk = sig[band * config.rows : (band + 1) * config.rows]
        digest = hashlib.blake2b(
            band.to_bytes(2, "little") + chunk.tobytes(), digest_size=8
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal hash values (``MinHash.jaccard``)."""
    if a.shape != b.shape or a.size == 0:
        return 0.0
    return float(np.count_nonzero(a == b)) / float(a.size)


def to_bytes(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")
