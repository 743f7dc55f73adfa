"""Name keys cached on disk are the keys the normaliser computes, and a bad cache is harmless."""

from conflictlens.knowledge import key_cache
from conflictlens.knowledge.normalize import name_key

NAMES = ["As Sukhnah", "Al-Suknah", "Deir ez-Zor", "Handarat Camp", "Ţarţūs"]


def test_cached_keys_equal_computed_keys(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONFLICTLENS_CACHE_DIR", str(tmp_path))
    first = key_cache.name_keys(NAMES)
    assert first == [name_key(n) for n in NAMES]
    assert len(list(tmp_path.iterdir())) == 1
    assert key_cache.name_keys(NAMES) == first  # read back from the file


def test_a_truncated_cache_is_recomputed(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONFLICTLENS_CACHE_DIR", str(tmp_path))
    key_cache.name_keys(NAMES)
    [cached] = tmp_path.iterdir()
    cached.write_text("as suknah", encoding="utf-8")
    assert key_cache.name_keys(NAMES) == [name_key(n) for n in NAMES]


def test_an_unwritable_cache_directory_is_not_an_error(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("CONFLICTLENS_CACHE_DIR", str(blocker / "cache"))
    assert key_cache.name_keys(NAMES) == [name_key(n) for n in NAMES]


def test_cached_value_builds_once_and_rebuilds_a_corrupt_file(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONFLICTLENS_CACHE_DIR", str(tmp_path))
    calls = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"places": 3}

    assert key_cache.cached_value("thing", "abc", build) == {"places": 3}
    assert key_cache.cached_value("thing", "abc", build) == {"places": 3}
    assert len(calls) == 1
    (tmp_path / "thing-abc.pickle").write_bytes(b"\x80\x05trunc")
    assert key_cache.cached_value("thing", "abc", build) == {"places": 3}
    assert len(calls) == 2
