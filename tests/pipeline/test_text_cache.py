"""The per-text cache stages share: reused while recent, bounded in texts and in characters."""

from __future__ import annotations

from conflictlens.text_cache import RecentTexts


def test_a_value_is_made_once_while_recent_and_never_shared_between_texts() -> None:
    made: list[str] = []
    cache: RecentTexts[str] = RecentTexts(max_items=2)

    def get(text: str) -> str:
        return cache.get(text, len(text), lambda: made.append(text) or text.upper())

    assert get("a") == "A" and get("b") == "B" and get("a") == "A"
    assert made == ["a", "b"]
    get("c")  # "b" is now the least recently used: it goes
    get("a")
    get("b")
    assert made == ["a", "b", "c", "b"]


def test_the_characters_kept_alive_are_bounded_but_the_newest_text_stays() -> None:
    cache: RecentTexts[int] = RecentTexts(max_items=16, max_chars=10)
    cache.get("x" * 6, 6, lambda: 1)
    cache.get("y" * 6, 6, lambda: 2)  # 12 characters: the older text goes
    assert cache.get("x" * 6, 6, lambda: 3) == 3
    assert cache.get("z" * 50, 50, lambda: 4) == 4  # larger than the bound, still kept
    assert cache.get("z" * 50, 50, lambda: 5) == 4
