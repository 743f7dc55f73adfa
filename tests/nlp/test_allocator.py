"""Freed model arrays are reused, not faulted in again: fewer page faults, same results."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

_ALLOCATE = """
import resource, sys
import numpy as np
if sys.argv[1] == "tuned":
    from conflictlens.nlp.allocator import reuse_freed_memory
    assert reuse_freed_memory()
rng = np.random.default_rng(0)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(100):  # batches of arrays of 0.25-8 MB, as the parser makes and frees them
    arrays = [np.ones(int(n), np.float32) for n in rng.integers(1 << 16, 1 << 21, 4)]
    del arrays
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(mode: str, env: dict | None = None) -> int:
    out = subprocess.run(
        [sys.executable, "-c", _ALLOCATE, mode], capture_output=True, text=True, check=True, env=env
    )
    return int(out.stdout.strip())


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc's mallopt"
)
def test_freed_arrays_are_reused_instead_of_faulted_in_again():
    default, tuned = _faults("default"), _faults("tuned")
    assert tuned < default / 2, (default, tuned)


def test_a_user_setting_wins(monkeypatch):
    from conflictlens.nlp.allocator import reuse_freed_memory

    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "131072")
    reuse_freed_memory.cache_clear()
    try:
        assert reuse_freed_memory() is False
    finally:
        reuse_freed_memory.cache_clear()  # the next caller decides afresh
